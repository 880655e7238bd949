"""Running the rules over a track: resolve the settings, run each selected rule, attach codes.

The engine owns what rules should not care about: which rules run (`select`/`ignore`),
severities, line numbers and times of findings, ordering. Language rules are the only ones that
load langdetect, and they decide themselves whether they can run (a declared language, a
source track) before importing anything.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from fractions import Fraction

from subkit.model import Track
from subkit.qc.config import (
    DEFAULT_PROFILE,
    QcConfig,
    Thresholds,
    base_language,
    profile_fps,
    profile_severities,
    resolve_thresholds,
)
from subkit.qc.context import Context
from subkit.qc.findings import Finding
from subkit.qc.registry import Rule, catalogue, check_code_prefixes, is_selected


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything resolved for checking one track: profile, language, thresholds, frame rate, rules."""

    profile: str
    lang: str | None
    thresholds: Thresholds
    fps: Fraction
    select: list[str] | None
    ignore: list[str]
    #: rule code -> severity the profile gives it instead of the rule's default
    severities: dict[str, str] = field(default_factory=dict)

    def selected(self, code: str) -> bool:
        return is_selected(code, self.select, self.ignore)


def settings_for(
    track: Track | None = None,
    profile: str | None = None,
    lang: str | None = None,
    fps: Fraction | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    config: QcConfig | None = None,
) -> Settings:
    """Command-line values win over the configuration, which wins over the profile."""
    config = config or QcConfig()
    profile_name = profile or config.profile or DEFAULT_PROFILE
    language = base_language(lang or (track.language if track is not None else None))
    thresholds = resolve_thresholds(profile_name, config, language)
    # a frame-based file (SCC, EBU-STL, MicroDVD, TTML with ttp:frameRate) declares its own grid
    declared = Fraction(track.properties["fps"]) if track is not None and "fps" in track.properties else None
    frame_rate = fps or declared or config.fps or profile_fps(profile_name)
    chosen = check_code_prefixes(list(select), option="select") if select else config.select
    ignored = check_code_prefixes(list(ignore), option="ignore") if ignore else []
    return Settings(
        profile_name,
        language,
        thresholds,
        frame_rate,
        chosen,
        list(config.ignore) + ignored,
        profile_severities(profile_name),
    )


def check_track(
    track: Track,
    profile: str | None = None,
    lang: str | None = None,
    fps: Fraction | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    source: Track | None = None,
    duration_ms: int | None = None,
    config: QcConfig | None = None,
    settings: Settings | None = None,
    shots: tuple[int, ...] | None = None,
) -> list[Finding]:
    """Findings for `track`, sorted by position in the file.

    `profile` defaults to the configuration's, then `netflix`; `lang` to the file's `.xx.`
    suffix; `fps` to the configuration's, then the profile's (25). `shots` (sorted ms) are the
    video's shot changes, for the shot-change rules.
    """
    settings = settings or settings_for(track, profile, lang, fps, select, ignore, config)
    findings: list[Finding] = []
    rules = catalogue()
    with _cycle_collector_paused():
        context = Context(
            track, settings.thresholds, settings.lang, settings.fps, settings.profile, duration_ms, source, shots=shots
        )
        for rule in rules:
            if settings.selected(rule.code):
                findings.extend(_run(rule, context, settings.severities.get(rule.code)))
    findings.extend(_other_diagnostics(track, settings, {rule.code: rule for rule in rules}))
    findings.sort(key=lambda f: (f.line if f.line is not None else 0, f.cue or 0, _order(f.code)))
    return findings


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Checking allocates a few small objects per cue and per finding, none of them in a cycle.

    With the cyclic garbage collector on, each of its full passes walks every object of a large
    track again, and their number grows with the track: 200,000 cues took 1.9 s instead of 1.4 s
    (benchmarks/bench_validate.py). Reference counting still frees everything; the collector is
    switched back on afterwards if it was on.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _order(code: str) -> tuple[int, str]:
    return ("STRLYGF".find(code[0]), code)


def _other_diagnostics(track: Track, settings: Settings, rules: dict[str, Rule]) -> list[Finding]:
    """Reader diagnostics filed under other rule codes (the WebVTT reader's S005 for tags it had
    to rewrite), reported like the rule's own findings."""
    found = []
    count = len(track.cues)
    for diagnostic in track.diagnostics:
        rule = rules.get(diagnostic.code)
        if rule is None or diagnostic.code in ("S001", "S003", "S006") or not settings.selected(rule.code):
            continue
        index = diagnostic.cue - 1 if diagnostic.cue and 0 < diagnostic.cue <= count else None
        cue = track.cues[index] if index is not None else None
        found.append(
            Finding(
                rule.code,
                rule.name,
                diagnostic.severity,
                index + 1 if index is not None else None,
                cue.id if cue else None,
                diagnostic.line if diagnostic.line is not None else (cue.line if cue else None),
                cue.start if cue else None,
                cue.end if cue else None,
                diagnostic.message,
                False,
            )
        )
    return found


def _run(rule: Rule, context: Context, severity: str | None = None) -> list[Finding]:
    cues = context.track.cues
    found = []
    for problem in rule.check(context):
        cue = cues[problem.cue] if problem.cue is not None else None
        found.append(
            Finding(
                code=rule.code,
                name=rule.name,
                severity=problem.severity or severity or rule.severity,  # type: ignore[arg-type]
                cue=problem.cue + 1 if problem.cue is not None else None,
                id=cue.id if cue is not None else None,
                line=problem.line if problem.line is not None else (cue.line if cue is not None else None),
                start=cue.start if cue is not None else None,
                end=cue.end if cue is not None else None,
                message=problem.message,
                fixable=problem.fixable,
            )
        )
    return found
