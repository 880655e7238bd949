"""`subkit translate`: machine drafts in several languages that keep timing, tags and limits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from subkit.cli.common import encoding_option, guarded, max_input_option, read_stdin, write_stdout
from subkit.cli.convert import CONVERT_TARGETS

_ENGINES = ("google", "libre", "deepl", "microsoft", "mymemory", "yandex", "qcri", "baidu", "papago")


@click.command()
@click.argument("file")
@click.option(
    "--to", "targets", required=True, metavar="LANGS", help="Target languages, comma-separated (en,de,es,it,pl)."
)
@click.option(
    "--from",
    "source",
    metavar="LANG|auto",
    default=None,
    help="Source language; auto detects it.  [default: the file's .xx. suffix, else auto]",
)
@click.option(
    "--engine",
    type=click.Choice(_ENGINES, case_sensitive=False),
    default="google",
    show_default=True,
    help="deep-translator provider. Keys come from the environment (LIBRE_API_KEY, DEEPL_API_KEY, ...).",
)
@click.option(
    "--engine-url",
    metavar="URL",
    default=None,
    help="Server of the engine instead of the provider's (libre, google, deepl, mymemory): self-hosted, mirror or proxy.",
)
@click.option(
    "--glossary",
    metavar="FILE",
    default=None,
    help="Terms: CSV/TSV (header of language codes, source first; xx:forbidden columns) or TBX.",
)
@click.option(
    "--memory",
    metavar="M",
    default=None,
    help="Translation memory (SQLite, see `subkit tm`): exact and fuzzy matches first, the engine for the rest.",
)
@click.option(
    "--fuzzy",
    type=click.IntRange(50, 101),
    default=75,
    show_default=True,
    help="Lowest similarity (percent) of a fuzzy memory match; 101 takes exact matches only.",
)
@click.option(
    "--review",
    type=click.Choice(["html", "csv"]),
    default=None,
    help="Also write a bilingual review file beside each draft (film.fr-en.review.html).",
)
@click.option(
    "--cache",
    "cache_path",
    metavar="PATH",
    default=None,
    help="Translation cache file.  [default: in the user cache folder]",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor fill the cache.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(CONVERT_TARGETS),
    default=None,
    help="Output format, any `convert --to` takes (film.fr.srt --to en --format stl: film.en.stl).  [default: the input's]",
)
@click.option(
    "-o",
    "--output",
    metavar="DIR",
    default=None,
    help="Folder for the drafts, or - for stdout (one language).  [default: beside the input]",
)
@click.option("--profile", default=None, help="QC profile for line limits and the final check.  [default: netflix]")
@click.option(
    "--batch-chars", type=click.IntRange(min=200), default=5000, show_default=True, help="Most characters per request."
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=30.0,
    show_default=True,
    help="Seconds to wait for each answer.",
)
@click.option(
    "--retries",
    type=click.IntRange(min=0, max=20),
    default=4,
    show_default=True,
    help="Retries of a request after 429, 5xx, timeouts.",
)
@click.option(
    "--retry-wait",
    type=click.FloatRange(min=0),
    default=1.0,
    show_default=True,
    help="First wait before a retry, doubled each time (seconds).",
)
@encoding_option("the input")
@click.option(
    "--allow-untranslated",
    is_flag=True,
    help="Write a draft even when some cues got no usable translation: they stay in the source language "
    "and are listed in the QA report.  [default: exit 4, write nothing]",
)
@click.option(
    "--report",
    "report",
    metavar="FILE",
    default=None,
    help="Write one QA report (JSON) for every language here (- for standard output).  "
    "[default: film.xx.qa.json beside each draft]",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
@max_input_option
@guarded
def translate(
    file: str,
    targets: str,
    source: str | None,
    engine: str,
    engine_url: str | None,
    glossary: str | None,
    memory: str | None,
    fuzzy: int,
    review: str | None,
    cache_path: str | None,
    no_cache: bool,
    fmt: str | None,
    output: str | None,
    profile: str | None,
    batch_chars: int,
    timeout: float,
    retries: int,
    retry_wait: float,
    encoding: str | None,
    allow_untranslated: bool,
    report: str | None,
    quiet: bool,
) -> None:
    """Draft translations of FILE that keep every cue, its times, tags and speaker dashes.

    Sentences that run over several cues are translated whole and spread back over the same
    cues; lines are re-wrapped to each language's limits (13 characters a line for Japanese,
    16 for Chinese and Korean, 42 for the others with the netflix profile). Every answer is
    cleaned and checked before it is used or cached: an empty answer, a provider's warning or
    error page, or lost or crossed tags is retried, then translated cue by cue; cues that still
    get no usable translation make the command exit with 4 and write nothing, unless
    --allow-untranslated. Each draft gets a QA report: untranslated cues, numbers that differ
    from the source, glossary terms missing, cues over the limits, fallbacks used.

    \b
    Examples:
      subkit translate film.fr.srt --to en,de,es,it,pl         # film.en.srt, film.de.srt, ...
      subkit translate film.fr.srt --to he,zh-Hant,pt-BR       # film.he.srt (Google's `iw`), ...
      subkit translate film.fr.srt --to en --engine libre --engine-url http://localhost:5000/
      subkit translate film.fr.srt --to de --glossary names.csv --format vtt -o drafts/ --report qa.json
      subkit translate film.fr.srt --to en --memory film.tm --review html  # film.fr-en.review.html
    """
    from subkit.errors import UsageError  # noqa: PLC0415
    from subkit.progress import Progress, progress_wanted  # noqa: PLC0415
    from subkit.translation.cache import default_cache_path  # noqa: PLC0415
    from subkit.translation.engine import URL_PATHS, RetryPolicy  # noqa: PLC0415
    from subkit.translation.run import TranslateJob, UntranslatedError, parse_languages, run_translation  # noqa: PLC0415

    if no_cache and cache_path:
        raise UsageError("--cache and --no-cache exclude each other")
    if engine_url and engine.lower() not in URL_PATHS:
        raise UsageError(f"--engine-url is only for --engine {', '.join(URL_PATHS)}")
    if report == "-" and output == "-":
        raise click.UsageError("--report - and -o - would both write to standard output: send one to a file")
    job = TranslateJob(
        path=file,
        targets=parse_languages(targets),
        source=source,
        engine=engine.lower(),
        engine_url=engine_url,
        glossary=glossary,
        cache_path=None if no_cache else (cache_path or default_cache_path()),
        fmt=fmt,
        output=output,
        batch_chars=batch_chars,
        policy=RetryPolicy(tries=retries + 1, base=retry_wait, timeout=timeout),
        profile=profile,
        encoding=encoding,
        memory=memory,
        fuzzy=fuzzy,
        review=review,
        allow_untranslated=allow_untranslated,
        report=report,
        data=read_stdin() if file == "-" else None,
    )
    bars: list[Progress] = []

    def progress_for(language: str) -> Callable[[int, int, int], None] | None:
        if quiet or not progress_wanted():
            return None
        for old in bars:
            old.__exit__(None, None, None)

        def update(done: int, total: int, requests: int) -> None:
            # the bar counts texts (sentences) sent or served from the cache, and names the requests
            if not bars or bars[-1].label.split(":")[0] != language:
                bars.append(Progress(max(total, 2), language, enabled=True).__enter__())
            bar = bars[-1]
            bar.total = max(total, 2)
            bar.label = f"{language}: {requests} request{'s' if requests != 1 else ''}"
            bar.done = min(done, bar.total)
            bar._draw(force=done >= total)  # noqa: SLF001 - redraw with the new label

        return update

    try:
        reports = run_translation(job, progress_for)
    except UntranslatedError as error:
        raise UntranslatedError(
            f"{error.message} (--allow-untranslated writes it with those cues in the source language)",
            error.path,
            error.line,
        ) from None
    finally:
        for bar in bars:
            bar.__exit__(None, None, None)
    for language in reports:
        if language.data is not None:
            write_stdout(language.data)
    if report == "-":
        from subkit.translation.qa import dumps  # noqa: PLC0415

        write_stdout(dumps([language.qa for language in reports]).encode("utf-8"))
    if quiet:
        return
    to_stderr = output == "-" or report == "-"
    for language in reports:
        click.echo(summary_line(language), err=to_stderr)
        # what --memory, --glossary and --review add (the lists of cues are in the QA report)
        if memory:
            click.echo(
                f"  memory: {language.memory_exact} exact, {language.memory_fuzzy} fuzzy, "
                f"{language.cues - language.memory_exact - language.memory_fuzzy} from the engine",
                err=to_stderr,
            )
        if language.term_issues:
            shown = "; ".join(
                f"cue {issue.cue + 1}: {issue.message.removeprefix('glossary: ')}" for issue in language.term_issues[:5]
            )
            more = f" (+{len(language.term_issues) - 5} more)" if len(language.term_issues) > 5 else ""
            click.echo(f"  glossary: {shown}{more}", err=to_stderr)
        if language.review:
            click.echo(f"  review: {language.review}", err=to_stderr)


def summary_line(report: object) -> str:
    """One line per language: limits, QA counts, requests, where the draft and its report went."""
    r: Any = report
    counts = r.qa.get("counts", {})
    cps = f"{len(r.over_cps)} over {r.max_cps:g} CPS" if r.max_cps else "no CPS limit"
    qa = ", ".join(
        f"{counts.get(key, 0)} {label}"
        for key, label in (
            ("untranslated", "untranslated"),
            ("numbers", "number mismatches"),
            ("glossary", "glossary misses"),
            ("fallback", "fallbacks"),
        )
    )
    where = f" (QA {r.qa_path})" if r.qa_path else ""
    return (
        f"{r.language}: {r.cues} cues, {cps}, {len(r.over_cpl)} over {r.max_cpl} CPL, "
        f"{len(r.over_lines)} over {r.max_lines} lines; {qa}; {r.requests} requests "
        f"({r.cached} of {r.segments} texts cached) -> {r.output}{where}"
    )
