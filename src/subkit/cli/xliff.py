"""`subkit xliff`: a track out to a CAT tool as XLIFF 1.2, and the translation back as a track."""

from __future__ import annotations

import sys

import click

from subkit.cli.common import encoding_option, guarded, max_input_option, stdin_if_dash, write_stdout


@click.group()
def xliff() -> None:
    """Exchange a track with CAT tools (memoQ, Trados, Phrase, Matecat) as XLIFF 1.2.

    \b
    Example:
      subkit xliff export film.fr.srt --to en --draft film.en.srt -o film.fr-en.xlf
      subkit xliff import film.fr-en.xlf --source film.fr.srt -o film.en.srt
    """


@xliff.command(name="export")
@click.argument("file")
@click.option(
    "--to", "target", required=True, metavar="LANG", help="Target language (its profile limits go into each unit)."
)
@click.option(
    "--from",
    "source",
    metavar="LANG",
    default=None,
    help="Source language.  [default: the file's .xx. suffix, else detected]",
)
@click.option(
    "--draft", metavar="FILE", default=None, help="A draft of the translation (same cues) to pre-fill the targets."
)
@click.option(
    "--memory",
    metavar="M",
    default=None,
    help="Pre-fill targets from this translation memory (exact and fuzzy matches).",
)
@click.option(
    "--fuzzy", type=click.IntRange(50, 101), default=75, show_default=True, help="Lowest similarity of a fuzzy match."
)
@click.option(
    "--profile", default=None, help="Profile whose limits (per target language) the units carry.  [default: netflix]"
)
@click.option("-o", "--output", metavar="FILE", required=True, help="The XLIFF file to write (- for stdout).")
@encoding_option("the tracks")
@max_input_option
@guarded
def export(
    file: str,
    target: str,
    source: str | None,
    draft: str | None,
    memory: str | None,
    fuzzy: int,
    profile: str | None,
    output: str,
    encoding: str | None,
) -> None:
    """Write FILE as XLIFF 1.2: one unit per cue, with its times, speaker and length limits.

    Tags become inline codes the CAT tool protects; each unit's maxwidth is the number of
    characters the cue can hold in the target language.

    \b
    Example:
      subkit xliff export film.fr.srt --to en -o film.fr-en.xlf
      subkit xliff export film.fr.srt --to en --draft film.en.srt --memory film.tm -o film.fr-en.xlf
    """
    from subkit.translation.run import parse_languages  # noqa: PLC0415
    from subkit.translation.xliff import export_track  # noqa: PLC0415

    (target,) = parse_languages(target)[:1]
    report = export_track(file, target, output, source, draft, memory, fuzzy, profile, encoding, stdin_if_dash(file))
    if report.data is not None:
        write_stdout(report.data)
    if output != "-":
        click.echo(
            f"{file} -> {output}: {report.units} units, {report.targets} with a target"
            + (f" ({report.fuzzy} fuzzy)" if report.fuzzy else "")
        )


@xliff.command(name="import")
@click.argument("file")
@click.option("-o", "--output", metavar="FILE", required=True, help="The translated track to write (- for stdout).")
@click.option(
    "--source",
    metavar="FILE",
    default=None,
    help="The source track: units must be its cues (same number and text); its times are used.",
)
@click.option("--profile", default=None, help="Profile to check the translation against.  [default: netflix]")
@click.option("--glossary", metavar="FILE", default=None, help="Check required and forbidden terms (CSV/TSV or TBX).")
@click.option("--review", metavar="FILE", default=None, help="Also write a review file (.html or .csv).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["srt", "vtt"]),
    default=None,
    help="Output format.  [default: from -o's extension]",
)
@encoding_option("the source track")
@max_input_option
@guarded
def import_(
    file: str,
    output: str,
    source: str | None,
    profile: str | None,
    glossary: str | None,
    review: str | None,
    fmt: str | None,
    encoding: str | None,
) -> None:
    """Rebuild the translated track from an XLIFF file and report units that do not fit.

    Targets whose lines are too long are re-wrapped to the profile; the units still over the
    limits (reading speed, line length, line count) are listed. A unit without a translation,
    or one that does not match the source track, stops the import (exit 3, nothing written).

    \b
    Example:
      subkit xliff import film.fr-en.xlf --source film.fr.srt -o film.en.srt --review film.fr-en.review.html
    """
    from subkit.translation.run import cue_list  # noqa: PLC0415
    from subkit.translation.xliff import import_track  # noqa: PLC0415

    report = import_track(file, output, source, profile, fmt, glossary, review, encoding, stdin_if_dash(file))
    if report.data is not None:
        write_stdout(report.data)
    out = sys.stderr if output == "-" else None
    click.echo(
        f"{file} -> {output}: {len(report.track.cues)} cues ({report.language}), "
        f"{report.rewrapped} re-wrapped, {len({cue for _, cue, _ in report.over})} over the limits",
        file=out,
    )
    for unit, cue, message in report.over[:20]:
        click.echo(f"  unit {unit} (cue {cue}): {message}", file=out)
    if len(report.over) > 20:
        click.echo(f"  ... and {len(report.over) - 20} more", file=out)
    if report.term_issues:
        click.echo(f"  glossary: cues {cue_list(sorted({issue.cue + 1 for issue in report.term_issues}))}", file=out)
        for issue in report.term_issues[:10]:
            click.echo(f"  cue {issue.cue + 1}: {issue.message}", file=out)
    if review:
        click.echo(f"  review: {review}", file=out)
