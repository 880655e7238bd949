"""The front door: a handful of verbs over `Track`, with everything else defaulted.

The modules below keep their full signatures (`qc.check_track`, `fix.fix_track`,
`retime.retime`, `sync.synchronise`, `translate.TrackTranslator`...); these functions take
the same values in the shapes a caller has at hand: times as milliseconds or strings
(`"2.5s"`, `"00:01:02,500"`, `"50f"`), frame rates as numbers or strings (`23.976` means
24000/1001), profiles by name. Every parameter after the first two is keyword-only, so calls
read the same in a year. See docs/library.md.

Heavy modules (language detection, machine translation, ffmpeg) are imported inside the verb
that needs them: `import subkit` stays as cheap as the command line's start-up.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

from subkit.model import Track

if TYPE_CHECKING:
    from subkit.alignment import Alignment
    from subkit.qc.config import QcConfig
    from subkit.qc.findings import Finding
    from subkit.repairs import FixResult
    from subkit.retiming import Retimed
    from subkit.transcripts.model import Transcript
    from subkit.transcripts.segment import Segmented
    from subkit.translation.engine import Engine
    from subkit.translation.pipeline import Draft

Time = int | str
Rate = Fraction | float | int | str


def _rate(value: Rate | None) -> Fraction | None:
    """A frame rate as an exact Fraction; floats and strings go through `parse_fps`, so 23.976
    is 24000/1001 and not the float's binary approximation."""
    if value is None:
        return None
    from subkit.timecode import parse_fps  # noqa: PLC0415

    return parse_fps(value if isinstance(value, (str, Fraction)) else str(value))


def _ms(value: Time | None, fps: Fraction | None = None) -> int | None:
    """Milliseconds from an int (already ms) or a time string (`2.5s`, `-1500ms`, `00:01:02,500`,
    or `50f` when a frame rate is known)."""
    if value is None or isinstance(value, int):
        return value
    from subkit.timecode import parse_time  # noqa: PLC0415

    return parse_time(value, fps)


def _codes(value: str | Iterable[str] | None) -> list[str] | None:
    if value is None:
        return None
    parts = value.split(",") if isinstance(value, str) else list(value)
    return [part.strip() for part in parts if part.strip()] or None


def load(path: str, *, encoding: str | None = None, format: str | None = None, fps: Rate | None = None) -> Track:  # noqa: A002
    """Read a subtitle file of any format subkit knows (the format is recognised from its bytes).

    Blocks that cannot be read are in `track.diagnostics`, located; a file that is not subtitles
    at all raises `InputError`.
    """
    from subkit.formats import ReadOptions, read_track  # noqa: PLC0415

    return read_track(path, encoding, format, ReadOptions(_rate(fps)))


def loads(
    content: str | bytes,
    *,
    format: str | None = None,  # noqa: A002 - the word callers use (as pysubs2's `format_`)
    name: str = "<string>",
    encoding: str | None = None,
    fps: Rate | None = None,
) -> Track:
    """A track from text (or bytes, whose encoding is detected as for a file); `name` is what
    diagnostics and errors call it, and its `.xx.` part (`film.fr.srt`) gives the language."""
    from subkit.formats import ReadOptions, read_track  # noqa: PLC0415

    data = content.encode("utf-8") if isinstance(content, str) else content
    return read_track(
        name, encoding if isinstance(content, bytes) else "utf-8", format, ReadOptions(_rate(fps)), data=data
    )


def save(
    track: Track,
    path: str,
    *,
    format: str | None = None,  # noqa: A002 - the word callers use
    encoding: str = "utf-8",
    newline: str = "\n",
    fps: Rate | None = None,
) -> list[str]:
    """Write `track` atomically (the format from `format`, else the file name, else the track's
    own); returns what the target format could not hold, one note per kind, counted."""
    from subkit.formats import write_track  # noqa: PLC0415

    return write_track(track, path, format, encoding, newline, fps=_rate(fps)).notes


def dumps(track: Track, format: str = "srt", *, newline: str = "\n", fps: Rate | None = None) -> str:  # noqa: A002
    """The text of `track` in a text format; a binary format (EBU-STL) is written with `save`."""
    from subkit.errors import UsageError  # noqa: PLC0415
    from subkit.formats import render  # noqa: PLC0415

    rendered = render(track, format, newline, fps=_rate(fps))
    if rendered.data is not None:
        raise UsageError(f"{format} is a binary format: write it to a file with save()")
    return rendered.text


def check(
    track: Track,
    *,
    profile: str | None = None,
    lang: str | None = None,
    fps: Rate | None = None,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
    source: Track | None = None,
    duration: Time | None = None,
    shots: Sequence[int] | None = None,
    config: QcConfig | None = None,
) -> list[Finding]:
    """Findings of the QC rules under a delivery profile (default: `netflix`), in file order.

    `select`/`ignore` take rule codes or prefixes (`"T,R001"` or a list); `source` is the
    source-language track (G002); `duration` the programme length (T007); `shots` the video's
    shot changes in ms (T009-T011).
    """
    from subkit.qc.engine import check_track  # noqa: PLC0415

    rate = _rate(fps)
    return check_track(
        track,
        profile,
        lang,
        rate,
        _codes(select),
        _codes(ignore),
        source,
        _ms(duration, rate),
        config,
        shots=tuple(shots) if shots is not None else None,
    )


def fix(
    track: Track,
    *,
    profile: str | None = None,
    lang: str | None = None,
    fps: Rate | None = None,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
    duration: Time | None = None,
    shots: Sequence[int] | None = None,
    config: QcConfig | None = None,
) -> FixResult:
    """The safe repairs of the selected rules: `result.track` is a new track, `result.changes`
    counts the cues each rule code changed. Start times never move and no text is dropped.

    Raises `RepairRefused` when the reader could not read some blocks (S001 errors): the
    repaired track would not hold their text.
    """
    from subkit.qc.engine import settings_for  # noqa: PLC0415
    from subkit.repairs import fix_track  # noqa: PLC0415

    rate = _rate(fps)
    settings = settings_for(track, profile, lang, rate, _codes(select), _codes(ignore), config)
    return fix_track(track, settings, _ms(duration, settings.fps), tuple(shots) if shots is not None else None)


def retime(
    track: Track,
    *,
    shift: Time = 0,
    fps: tuple[Rate, Rate] | None = None,
    points: Sequence[tuple[Time, Time]] = (),
    snap: Rate | None = None,
    start_from: Time | None = None,
) -> Retimed:
    """Move every time exactly once: a frame-rate change (`fps=(25, 23.976)`: timed for 25,
    played at 23.976), then the piecewise-linear `points` (source, destination), then `shift`,
    then onto the `snap` frame grid; only cues starting at or after `start_from` move.

    `result.track` is the new track, `result.notices` what had to be clamped or dropped.
    """
    from subkit.retiming import Plan, retime as run_plan  # noqa: PLC0415

    rates = (_rate(fps[0]), _rate(fps[1])) if fps is not None else None
    grid = _rate(snap)
    plan = Plan(
        shift=_ms(shift, grid) or 0,
        fps=rates,  # type: ignore[arg-type]  # both set when fps is given
        points=tuple((_ms(a, grid) or 0, _ms(b, grid) or 0) for a, b in points),
        start_from=_ms(start_from, grid),
        snap=grid,
    )
    return run_plan(track, plan)


def sync(
    track: Track,
    reference: Track | str,
    *,
    splits: bool = True,
    min_confidence: float | None = None,
    audio_track: int = 1,
) -> tuple[Alignment, Retimed]:
    """Align `track` to a reference track (its cue starts) or to a film or sound file (a path:
    the speech ffmpeg hears in it), finding the speed ratio, the offset and differing cuts.

    Raises `SyncError` when the best alignment is too poor to trust (below `min_confidence`).
    """
    from subkit.alignment import MIN_CONFIDENCE, SyncError, align, align_to_media, apply_alignment, refusal_message  # noqa: PLC0415

    floor = MIN_CONFIDENCE if min_confidence is None else min_confidence
    if isinstance(reference, Track):
        alignment = align(track, reference, splits)
    else:
        alignment, _ = align_to_media(track, reference, audio_track, splits)
    if alignment.confidence < floor:
        raise SyncError(refusal_message(alignment, floor), track.source.path if track.source else None)
    return alignment, apply_alignment(track, alignment)


def translate(
    track: Track,
    *,
    to: str,
    source: str | None = None,
    engine: str | Engine = "google",
    url: str | None = None,
    profile: str | None = None,
    cache: str | None = None,
    terms: dict[str, str] | None = None,
) -> Draft:
    """A draft of `track` in language `to` that keeps every cue and its timing, translating
    whole sentences and re-wrapping to the profile's line limits for that language.

    `engine` is a provider name (`google`, `libre` with `url`, `deepl`... keys from the
    environment) or any object with `translate(text)`, `cache_key`, `max_chars` and `requests`
    (`subkit.translation.Engine`). `cache` is a SQLite file for answers (None: nothing kept).
    Raises `ServiceError` when the provider fails for good.
    """
    from subkit.qc.config import resolve_thresholds  # noqa: PLC0415
    from subkit.translation import languages  # noqa: PLC0415
    from subkit.translation.cache import TranslationCache  # noqa: PLC0415
    from subkit.translation.engine import ProviderEngine  # noqa: PLC0415
    from subkit.translation.pipeline import Layout, TrackTranslator  # noqa: PLC0415
    from subkit.translation.run import source_language  # noqa: PLC0415

    source_lang = source_language(track, source)
    provider = ProviderEngine(engine, source_lang, to, url) if isinstance(engine, str) else engine
    thresholds = resolve_thresholds(profile or "netflix", None, languages.base(to))
    store = TranslationCache(cache)
    try:
        translator = TrackTranslator(
            provider, store, source_lang, to, terms, Layout(thresholds.max_cpl, thresholds.max_lines)
        )
        return translator.translate(track)
    finally:
        store.close()


def segment(
    transcript: Transcript | str,
    *,
    profile: str | None = None,
    lang: str | None = None,
    fps: Rate | None = None,
    min_confidence: float = 0.5,
) -> Segmented:
    """Cut a speech-recognition transcript (a `Transcript`, or the path of a Whisper, WhisperX,
    Amazon Transcribe or word-timed WebVTT file) into cues that pass QC under `profile`.

    `result.track` is the track; `result.low_confidence` the words a person should check.
    """
    from subkit.transcripts import read_transcript, segment_transcript  # noqa: PLC0415

    rate = _rate(fps)
    words = read_transcript(transcript, fps=rate) if isinstance(transcript, str) else transcript
    return segment_transcript(words, profile, lang, rate, min_confidence=min_confidence)
