"""The `subkit` command: a click group whose subcommands are imported only when run.

Each command lives in its own module under `subkit.cli`; the group knows them by name and a
one-line summary, so `subkit --help` and `subkit --version` import none of them (and none of
pysrt, webvtt-py, langdetect, deep-translator).
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from subkit.version import __version__

#: name -> (module, attribute, one-line help)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "info": ("subkit.cli.info", "info", "Format, encoding, language, cues, duration and CPS/CPL figures."),
    "validate": ("subkit.cli.validate", "validate", "Check tracks against a delivery profile (QC report)."),
    "fix": ("subkit.cli.fix", "fix", "Apply the safe automatic repairs, then report."),
    "convert": ("subkit.cli.convert", "convert", "Convert files or folders between subtitle formats, or to text."),
    "retime": ("subkit.cli.retime", "retime", "Shift, change frame rate, map or snap a track's times."),
    "sync": ("subkit.cli.sync", "sync", "Align a track to a reference track or to a film's speech."),
    "shots": ("subkit.cli.shots", "shots", "List the hard cuts (shot changes) of a video."),
    "translate": ("subkit.cli.translate", "translate", "Draft translations that keep timing, tags and limits."),
    "segment": ("subkit.cli.segment", "segment", "Cut a speech-recognition transcript into cues that pass QC."),
    "tm": ("subkit.cli.tm", "tm", "Translation memory: store approved translations, export TMX."),
    "xliff": ("subkit.cli.xliff", "xliff", "Exchange a track with CAT tools as XLIFF 1.2 (export, import)."),
    "report": ("subkit.cli.report", "report", "One self-contained HTML QC report: timeline, findings, figures."),
}


class LazyGroup(click.Group):
    """A group that imports a subcommand's module only when that subcommand is used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module_name, attribute, _ = COMMANDS[cmd_name]
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            return None  # a command whose module is not there yet
        command: click.Command = getattr(module, attribute)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="subkit", message="%(prog)s %(version)s")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Subtitle and transcript toolkit: read, convert, check, repair, retime, sync, segment, translate.

    Reads and writes SRT, WebVTT, TTML/IMSC/DFXP, EBU-STL, SCC, ASS/SSA, SBV, MicroDVD and SAMI.

    Exit codes: 0 done; 1 findings at or above --fail-on remain; 2 usage error; 3 an input could
    not be read; 4 an external service failed; 70 an internal error (a bug: please report it);
    73 an output could not be written; 130 interrupted (Ctrl-C); 143 terminated (SIGTERM).
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def main(argv: list[str] | None = None, prog_name: str = "subkit") -> Any:
    """Console-script entry point: SIGTERM unwinds like Ctrl-C (workers stopped, temporary files
    removed) and ends with exit 143."""
    from subkit.signals import Terminated, raise_on_sigterm  # noqa: PLC0415

    raise_on_sigterm()
    try:
        return cli.main(args=argv if argv is not None else sys.argv[1:], prog_name=prog_name)
    except Terminated:  # before or after a command body (inside one, `guarded` says it)
        click.echo("subkit: terminated", err=True)
        sys.exit(143)
