"""A whole `subkit translate` run: one input, several target languages, drafts checked, then written.

Nothing is written until every language has been translated, so a provider that fails half way
leaves every existing output untouched (what was already paid for is in the cache, and the rerun
costs nothing for it). A draft with cues the engine gave no usable translation for is a provider
failure too (`UntranslatedError`, exit 4), unless the caller allows such cues to stay in the
source language. Each draft is checked with its language's limits and gets a QA report
(`subkit.translation.qa`) next to it or in one file for every language.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from subkit.errors import ServiceError, SubkitError, UsageError
from subkit.fileio import atomic_write
from subkit.formats import read_track, render_bytes, write_track
from subkit.model import Track
from subkit.translation import languages, qa
from subkit.translation.cache import TranslationCache
from subkit.translation.engine import ProviderEngine, RetryPolicy
from subkit.translation.glossary import load_glossary
from subkit.translation.naming import output_path
from subkit.translation.pipeline import CueNote, Draft, Layout, TrackTranslator

if TYPE_CHECKING:
    from subkit.qc.config import QcConfig
    from subkit.qc.findings import Finding

#: (language, segments total) -> callback(done, total, requests)
ProgressFactory = Callable[[str], Callable[[int, int, int], None] | None]


@dataclass(slots=True)
class TranslateJob:
    path: str
    targets: list[str]
    #: None: the file name's `.xx.` suffix, else detected; "auto": always detected
    source: str | None = None
    engine: str = "google"
    engine_url: str | None = None
    glossary: str | None = None
    #: None: no cache
    cache_path: str | None = None
    fmt: str | None = None
    #: a folder, "-" for stdout, or None for beside the input
    output: str | None = None
    batch_chars: int = 5000
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    profile: str | None = None
    encoding: str | None = None
    pause_ms: int = 2000
    #: write a draft whose untranslatable cues stay in the source language (else exit 4)
    allow_untranslated: bool = False
    #: one QA report for every language at this path; None: `film.en.qa.json` beside each draft
    report: str | None = None
    #: translation memory (subkit.translation.memory): looked up before the engine, filled after it
    memory: str | None = None
    fuzzy: int = 75
    #: "html" or "csv": a bilingual review file beside each draft
    review: str | None = None
    #: the track's bytes when they do not come from the file `path` (standard input, read by the caller)
    data: bytes | None = None


class UntranslatedError(ServiceError):
    """Cues the engine gave no usable translation for (exit 4, nothing written)."""


def cue_numbers(notes: list[CueNote]) -> list[int]:
    return sorted({note.cue for note in notes})


@dataclass(slots=True)
class LanguageReport:
    """What the summary line for one language says."""

    language: str
    output: str
    cues: int
    over_cps: list[int]
    over_cpl: list[int]
    over_lines: list[int]
    max_cps: float | None
    max_cpl: int
    max_lines: int
    requests: int
    cached: int
    segments: int
    notes: list[str]
    #: the QA report (`subkit.translation.qa.build_report`) and where it is written (None: nowhere)
    qa: dict[str, object] = field(default_factory=dict)
    qa_path: str | None = None
    #: cues the memory answered: exact (human or machine) and fuzzy
    memory_exact: int = 0
    memory_fuzzy: int = 0
    review: str | None = None
    #: glossary problems of the draft: required terms missing, forbidden terms used
    term_issues: list[Any] = field(default_factory=list)
    #: the draft's bytes when the output is `-` (standard output, which the caller writes)
    data: bytes | None = None


def parse_languages(value: str) -> list[str]:
    """Target codes as given (ISO 639-1 or BCP 47: `he`, `zh-Hant`, `pt-BR`), case made canonical."""
    codes: list[str] = []
    for part in value.split(","):
        if not part.strip():
            continue
        try:
            codes.append(languages.canonical(part))
        except ValueError:
            raise UsageError(
                f"{part.strip()!r} is not a language code (e.g. en, de, he, zh-Hant, pt-BR)", option="targets"
            ) from None
    if not codes:
        raise UsageError("at least one language code is needed (e.g. en,de)", option="targets")
    return list(dict.fromkeys(codes))


def source_language(track: Track, requested: str | None) -> str:
    if requested and requested.lower() != "auto":
        try:
            return languages.canonical(requested)
        except ValueError:
            raise UsageError(f"{requested!r} is not a language code", option="source_lang") from None
    if requested is None and track.language:
        return track.language
    from subkit.language import track_language  # noqa: PLC0415 - langdetect, only when asked

    detected, probability = track_language([cue.text for cue in track.cues])
    if detected is None or probability < 0.5:
        raise UsageError(
            "cannot tell the source language",
            track.source.path if track.source else None,
            option="source_lang",
            missing=True,
        )
    return detected


def _check(draft: Draft, profile: str | None, config: QcConfig | None) -> list[Finding]:
    """The draft's findings against its language's limits: reading speed, line length, line count."""
    from subkit.qc import check_track  # noqa: PLC0415

    return [
        finding
        for finding in check_track(
            draft.track,
            profile=profile,
            lang=languages.base(draft.language),
            select=list(qa.LIMIT_RULES),
            config=config,
        )
        if finding.cue is not None
    ]


def run_translation(job: TranslateJob, progress: ProgressFactory | None = None) -> list[LanguageReport]:
    """Translate, check, then write every draft; raises ServiceError (exit 4) before writing anything."""
    try:
        return _run(job, progress)
    except SubkitError as error:
        if error.path is not None:
            raise
        # say which input the failure is about: `subkit: film.fr.srt: libre fr->de: HTTP 503 ...`
        raise type(error)(error.message, "<stdin>" if job.path == "-" else job.path) from None


def _run(job: TranslateJob, progress: ProgressFactory | None) -> list[LanguageReport]:
    from subkit.qc import load_config, resolve_thresholds  # noqa: PLC0415

    if job.batch_chars < 200:
        raise UsageError("must be at least 200", option="batch_chars")
    if job.output == "-" and len(job.targets) != 1:
        raise UsageError("standard output takes exactly one target language", option="output")
    if job.output not in (None, "-") and os.path.exists(job.output) and not os.path.isdir(job.output):
        raise UsageError(f"must be a folder: {job.output} is a file", option="output")
    track = read_track(job.path, job.encoding, data=job.data)
    shown = track.source.path if track.source else job.path
    source = source_language(track, job.source)
    fmt = job.fmt or (track.source.format if track.source else "srt")
    for target in job.targets:
        if target.lower() == source.lower():
            raise UsageError(f"{target} is the source language", option="targets")
    config = load_config()
    glossary = load_glossary(job.glossary, source) if job.glossary else None
    if glossary is not None and glossary.source != source.lower():
        raise UsageError(f"the glossary's first column is {glossary.source}, the track is {source}", job.glossary)
    # every engine is set up before the first request: a missing key or an unsupported language
    # stops the run before anything is spent. With a memory, that happens on the first request
    # (of any language): a run the memory answers entirely never loads deep-translator.
    engines = {
        target: ProviderEngine(
            job.engine, source, target, job.engine_url, job.policy, job.batch_chars, lazy=job.memory is not None
        )
        for target in job.targets
    }
    for engine in engines.values():
        engine.together = list(engines.values())
    cache = TranslationCache(job.cache_path)
    profile = job.profile or config.profile or "netflix"
    memory = _open_memory(job.memory)
    drafts: list[tuple[Draft, LanguageReport]] = []
    matches: dict[str, list[Any]] = {}
    try:
        for target in job.targets:
            thresholds = resolve_thresholds(profile, config, languages.base(target))
            layout = Layout(thresholds.max_cpl, thresholds.max_lines)
            terms = _terms(glossary, target) if glossary else None
            translator = TrackTranslator(
                engines[target],
                cache,
                source,
                target,
                terms,
                layout,
                job.batch_chars,
                job.pause_ms,
                progress(target) if progress else None,
            )
            if memory is not None:
                from subkit.translation.memory import draft_with_memory  # noqa: PLC0415

                draft, matches[target] = draft_with_memory(translator, track, memory, job.fuzzy)
            else:
                draft = translator.translate(track)
            if draft.untranslated and not job.allow_untranslated:
                numbers = cue_numbers(draft.untranslated)
                raise UntranslatedError(
                    f"{job.engine} {source}->{target}: no usable translation for {len(numbers)} "
                    f"cue{'s' if len(numbers) > 1 else ''} ({cue_list(numbers, 8)}; {draft.untranslated[0].reason}); "
                    "nothing written"
                )
            findings = _check(draft, job.profile, config)
            over = {
                code: sorted({f.cue for f in findings if f.code == code and f.cue is not None})
                for code in qa.LIMIT_RULES
            }
            output = output_path(job.path, target, fmt, job.output)
            limits = {"max-cpl": thresholds.max_cpl, "max-lines": thresholds.max_lines, "max-cps": thresholds.max_cps}
            report = LanguageReport(
                target,
                output,
                len(draft.track.cues),
                over["R001"],
                over["L001"],
                over["L002"],
                thresholds.max_cps,
                thresholds.max_cpl,
                thresholds.max_lines,
                draft.requests,
                draft.stats.cached,
                draft.stats.texts,
                [f"{shown}: {target}: {note}" for note in draft.notes],
            )
            if glossary is not None:
                from subkit.translation.glossary import check_terms  # noqa: PLC0415

                report.term_issues = check_terms(track.cues, draft.track.cues, glossary, target)
            if target in matches:
                report.memory_exact = sum(1 for m in matches[target] if m is not None and m.kind == "exact")
                report.memory_fuzzy = sum(1 for m in matches[target] if m is not None and m.kind == "fuzzy")
            report.qa = qa.build_report(
                track,
                draft,
                source_language=source,
                engine=job.engine,
                profile=profile,
                limits=limits,
                findings=findings,
                terms=terms,
                forbidden=[issue for issue in report.term_issues if issue.kind == "forbidden"],
                source_path=None if job.path == "-" else job.path,
                draft_path=None if output == "-" else output,
            )
            if job.report is None and output != "-":
                report.qa_path = qa.report_path(output)
            drafts.append((draft, report))
    finally:
        cache.close()
        if memory is not None:
            memory.close()
    protect = {os.path.realpath(job.path)} if job.path != "-" else set()
    for draft, report in drafts:
        if report.output == "-":
            rendered = render_bytes(draft.track, fmt)
            report.data = rendered.encoded
        else:
            rendered = write_track(draft.track, report.output, fmt, protect=protect)
        # what the output format could not hold (timestamp tags in SRT...) is said in the report
        earlier = report.qa.get("notes")
        report.qa["notes"] = [*(earlier if isinstance(earlier, list) else []), *rendered.notes]
        if report.qa_path is not None:
            atomic_write(report.qa_path, qa.dumps([report.qa]).encode("utf-8"), protect)
        if job.review:
            from subkit.translation.review import review_path, write_review  # noqa: PLC0415

            report.review = review_path(job.path, source, report.language, job.review, job.output)
            write_review(
                track,
                draft.track,
                report.review,
                source,
                report.language,
                job.profile,
                config,
                matches.get(report.language),
                glossary,
                protect=protect,
                qa_report=report.qa,
            )
    if job.report == "-":  # the caller writes the one report where "-" means to it
        for _, report in drafts:
            report.qa_path = "-"
    elif job.report is not None:
        atomic_write(job.report, qa.dumps([report.qa for _, report in drafts]).encode("utf-8"), protect)
        for _, report in drafts:
            report.qa_path = job.report
    return [report for _, report in drafts]


def _terms(glossary: object, target: str) -> dict[str, str]:
    """The glossary's column for `target`: its exact code (`pt-br`) if it has one, else the language's."""
    columns = getattr(glossary, "languages", [])
    code = target.lower() if target.lower() in columns else languages.base(target)
    return glossary.for_target(code)  # type: ignore[attr-defined, no-any-return]


def _open_memory(path: str | None) -> Any:
    if path is None:
        return None
    from subkit.translation.memory import TranslationMemory  # noqa: PLC0415

    return TranslationMemory(path)


def cue_list(numbers: list[int], limit: int = 12) -> str:
    """`3, 17, 45` or `3, 17, ... (+20 more)`: short enough for one summary line."""
    shown = ", ".join(str(number) for number in numbers[:limit])
    return shown + (f", ... (+{len(numbers) - limit} more)" if len(numbers) > limit else "")
