"""`subkit tm`: the translation memory that `subkit translate --memory` reuses."""

from __future__ import annotations

import click

from subkit.cli.common import encoding_option, guarded, max_input_option, stdin_if_dash, write_output

_MEMORY = click.option(
    "--memory",
    "memory_path",
    metavar="M",
    required=True,
    help="The translation memory file (SQLite; created when missing).",
)


@click.group()
def tm() -> None:
    """Translation memory: store approved translations, export them as TMX.

    \b
    Example:
      subkit tm add film.fr.srt film.en.srt --memory film.tm   # the approved English track
      subkit translate recut.fr.srt --to en --memory film.tm   # unchanged cues cost nothing
      subkit tm export --memory film.tm -o film.tmx            # for memoQ, Trados, Phrase...
    """


@tm.command()
@click.argument("source")
@click.argument("target", required=False)
@_MEMORY
@click.option(
    "--from", "source_lang", metavar="LANG", default=None, help="Source language.  [default: SOURCE's .xx. suffix]"
)
@click.option(
    "--to", "target_lang", metavar="LANG", default=None, help="Target language.  [default: TARGET's .xx. suffix]"
)
@click.option("--machine", is_flag=True, help="Store the pairs as machine translations (human ones always win).")
@encoding_option("the tracks")
@max_input_option
@guarded
def add(
    source: str,
    target: str | None,
    memory_path: str,
    source_lang: str | None,
    target_lang: str | None,
    machine: bool,
    encoding: str | None,
) -> None:
    """Store the cue pairs of SOURCE and its approved translation TARGET, or the units of a TMX file.

    Cues are paired by time overlap: each cue goes with the cue of the other track it overlaps
    most, so cues the translator merged or split become one unit of two (or more) cues.

    \b
    Example:
      subkit tm add film.fr.srt film.en.srt --memory film.tm
      subkit tm add client.tmx --memory film.tm
    """
    from subkit.errors import UsageError  # noqa: PLC0415
    from subkit.translation.memory import TranslationMemory, add_tracks  # noqa: PLC0415

    if target is None:
        if not source.lower().endswith(".tmx"):
            raise UsageError("give a source track and its translation, or one .tmx file")
        from subkit.translation.tmx import read_tmx  # noqa: PLC0415

        units = read_tmx(source)
        with TranslationMemory(memory_path) as memory:
            report = memory.add_units(units)
        click.echo(
            f"{source} -> {memory_path}: {len(units)} units, {report.added} added, {report.updated} updated, "
            f"{report.unchanged} unchanged"
        )
        return
    with TranslationMemory(memory_path) as memory:
        summary = add_tracks(
            memory,
            source,
            target,
            source_lang,
            target_lang,
            "machine" if machine else "human",
            encoding,
            source_data=stdin_if_dash(source),
            target_data=stdin_if_dash(target),
        )
    click.echo(f"{source} + {target} -> {memory_path}: {summary}")


@tm.command(name="export")
@_MEMORY
@click.option("-o", "--output", metavar="FILE", required=True, help="The TMX file to write (- for stdout).")
@click.option("--from", "source_lang", metavar="LANG", default=None, help="Only units from this language.")
@click.option("--to", "target_lang", metavar="LANG", default=None, help="Only units into this language.")
@click.option("--human", is_flag=True, help="Only human (approved) units, not machine drafts.")
@guarded
def export(memory_path: str, output: str, source_lang: str | None, target_lang: str | None, human: bool) -> None:
    """Write the memory as TMX 1.4 for CAT tools; tags become <bpt>/<ept>/<ph> codes.

    \b
    Example:
      subkit tm export --memory film.tm -o film.tmx --human
    """
    from subkit.translation.memory import TranslationMemory  # noqa: PLC0415
    from subkit.translation.tmx import render_tmx  # noqa: PLC0415

    with TranslationMemory(memory_path, create=False) as memory:
        units = [unit for unit in memory.units(source_lang, target_lang) if not human or unit.origin == "human"]
    write_output(output, render_tmx(units), {memory_path})
    if output != "-":
        machine = sum(1 for unit in units if unit.origin == "machine")
        click.echo(f"{memory_path} -> {output}: {len(units)} units ({len(units) - machine} human, {machine} machine)")
