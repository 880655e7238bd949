"""`subkit translate`: machine drafts in several languages that keep timing, tags and limits."""

from __future__ import annotations

from collections.abc import Callable

import click

from subkit.cli.common import guarded, max_input_option

_ENGINES = ("google", "libre", "deepl", "microsoft", "mymemory", "yandex", "qcri", "baidu", "papago")


@click.command()
@click.argument("file")
@click.option("--to", "targets", required=True, metavar="LANGS", help="Target languages, comma-separated (en,de,es,it,pl).")
@click.option("--from", "source", metavar="LANG|auto", default=None,
              help="Source language; auto detects it.  [default: the file's .xx. suffix, else auto]")
@click.option("--engine", type=click.Choice(_ENGINES, case_sensitive=False), default="google", show_default=True,
              help="deep-translator provider. Keys come from the environment (LIBRE_API_KEY, DEEPL_API_KEY, ...).")
@click.option("--engine-url", metavar="URL", default=None, help="Server of the engine instead of the provider's (libre, google, deepl, mymemory): self-hosted, mirror or proxy.")
@click.option("--glossary", metavar="FILE", default=None, help="CSV/TSV of terms: header of language codes, source first.")
@click.option("--cache", "cache_path", metavar="PATH", default=None, help="Translation cache file.  [default: in the user cache folder]")
@click.option("--no-cache", is_flag=True, help="Neither read nor fill the cache.")
@click.option("--format", "fmt", type=click.Choice(["srt", "vtt"]), default=None, help="Output format.  [default: the input's]")
@click.option("-o", "--output", metavar="DIR", default=None, help="Folder for the drafts, or - for stdout (one language).  [default: beside the input]")
@click.option("--profile", default=None, help="QC profile for line limits and the final check.  [default: netflix]")
@click.option("--batch-chars", type=click.IntRange(min=200), default=5000, show_default=True, help="Most characters per request.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True, help="Seconds to wait for each answer.")
@click.option("--retries", type=click.IntRange(min=0, max=20), default=4, show_default=True, help="Retries of a request after 429, 5xx, timeouts.")
@click.option("--retry-wait", type=click.FloatRange(min=0), default=1.0, show_default=True, help="First wait before a retry, doubled each time (seconds).")
@click.option("--encoding", metavar="NAME", default=None, help="Read the input in this encoding instead of detecting it.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
@max_input_option
@guarded
def translate(file: str, targets: str, source: str | None, engine: str, engine_url: str | None, glossary: str | None,
              cache_path: str | None, no_cache: bool, fmt: str | None, output: str | None, profile: str | None,
              batch_chars: int, timeout: float, retries: int, retry_wait: float, encoding: str | None, quiet: bool) -> None:
    """Draft translations of FILE that keep every cue, its times, tags and speaker dashes.

    Sentences that run over several cues are translated whole and spread back over the same
    cues; lines are re-wrapped to the profile; each draft is then checked and the cues that now
    read too fast or run too long are listed, so the translator knows where to condense.
    Requests are batched, cached, timed out and retried; if the provider stays down, the
    command exits with 4 and writes nothing.

    \b
    Examples:
      subkit translate film.fr.srt --to en,de,es,it,pl         # film.en.srt, film.de.srt, ...
      subkit translate film.fr.srt --to en --engine libre --engine-url http://localhost:5000/
      subkit translate film.fr.srt --to de --glossary names.csv --format vtt -o drafts/
    """
    from subkit.errors import UsageError  # noqa: PLC0415
    from subkit.progress import Progress, progress_wanted  # noqa: PLC0415
    from subkit.translate.cache import default_cache_path  # noqa: PLC0415
    from subkit.translate.engine import URL_PATHS, RetryPolicy  # noqa: PLC0415
    from subkit.translate.run import TranslateJob, cue_list, parse_languages, run_translation  # noqa: PLC0415

    if no_cache and cache_path:
        raise UsageError("--cache and --no-cache exclude each other")
    if engine_url and engine.lower() not in URL_PATHS:
        raise UsageError(f"--engine-url is only for --engine {', '.join(URL_PATHS)}")
    job = TranslateJob(
        path=file, targets=parse_languages(targets), source=source, engine=engine.lower(), engine_url=engine_url,
        glossary=glossary, cache_path=None if no_cache else (cache_path or default_cache_path()), fmt=fmt,
        output=output, batch_chars=batch_chars, policy=RetryPolicy(tries=retries + 1, base=retry_wait, timeout=timeout),
        profile=profile, encoding=encoding,
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
    finally:
        for bar in bars:
            bar.__exit__(None, None, None)
    if quiet:
        return
    to_stderr = output == "-"
    for report in reports:
        for note in report.notes:
            click.echo(f"subkit: {note}", err=True)
        cps = f"{len(report.over_cps)} over {report.max_cps:g} CPS" if report.max_cps else "no CPS limit"
        line = (f"{report.language}: {report.cues} cues, {cps}, {len(report.over_cpl)} over {report.max_cpl} CPL, "
                f"{len(report.over_lines)} over {report.max_lines} lines; {report.requests} requests "
                f"({report.cached} of {report.segments} texts cached) -> {report.output}")
        click.echo(line, err=to_stderr)
        if report.over_cps:
            click.echo(f"  condense (reading speed): cues {cue_list(report.over_cps)}", err=to_stderr)
        if report.over_cpl or report.over_lines:
            click.echo(f"  too long: cues {cue_list(sorted(set(report.over_cpl) | set(report.over_lines)))}", err=to_stderr)
