"""Transcripts: speech-recognition outputs read as timed words, and timed words cut into cues.

>>> from subkit.transcripts import parse_transcript, segment_transcript
>>> transcript = parse_transcript('{"segments": [{"start": 1.0, "end": 2.2, "text": " Bonjour à tous.",'
...     ' "words": [{"word": " Bonjour", "start": 1.0, "end": 1.5, "probability": 0.98},'
...     ' {"word": " à", "start": 1.5, "end": 1.6, "probability": 0.9},'
...     ' {"word": " tous.", "start": 1.6, "end": 2.2, "probability": 0.95}]}]}', "film.fr.json")
>>> transcript.format, [w.text for w in transcript.words]
('whisper', ['Bonjour', 'à', 'tous.'])
>>> result = segment_transcript(transcript)
>>> [(c.start, c.end, c.text) for c in result.track.cues]
[(1000, 2200, 'Bonjour à tous.')]

Inputs (sniffed from the content, or named): `whisper` (openai-whisper, faster-whisper; with
`words` or segment-only), `whisperx` (`word_segments`, speakers), `aws` (Amazon Transcribe),
`vtt` (word timestamps inside cues, as in YouTube's automatic captions, else cue times), and
every other subtitle format subkit reads (`srt`, `sbv`, `ass`, `ttml`...: cue times). `segment_transcript` cuts under a QC profile (`subkit.qc`), so the result is checked by the
same rules and thresholds as `validate`.
"""

from __future__ import annotations

import json
import re
from fractions import Fraction
from pathlib import Path
from typing import Any

from subkit.errors import InputError, UsageError
from subkit.formats import READABLE
from subkit.transcripts.model import Problem, RawWord, Transcript, Word
from subkit.transcripts.segment import Limits, LowConfidence, Segmented, segment_words

__all__ = [
    "FORMATS",
    "Limits",
    "LowConfidence",
    "Problem",
    "Segmented",
    "Transcript",
    "Word",
    "guess_language",
    "limits_for",
    "parse_transcript",
    "read_transcript",
    "segment_transcript",
    "sniff",
    "transcript_from_track",
]

#: speech-recognition JSON; any subtitle format `subkit.formats` reads is a transcript too (its
#: cue times are the evidence, or its word timestamps in WebVTT)
JSON_FORMATS = ("whisper", "whisperx", "aws")
FORMATS = JSON_FORMATS + READABLE
_SHAPES = "Whisper/faster-whisper (segments[].words[]), WhisperX (word_segments), Amazon Transcribe (results.items)"
_NAME_LANGUAGE = re.compile(r"\.([a-z]{2}(?:[-_][A-Za-z]{2,4})?)(?=\.)")


def _json_shape(data: Any) -> str | None:
    if isinstance(data, dict):
        results = data.get("results")
        if isinstance(results, dict) and "items" in results:
            return "aws"
        if "word_segments" in data:
            return "whisperx"
        if "segments" in data:
            return "whisper"
    if isinstance(data, list) and data and all(isinstance(s, dict) and ("text" in s or "words" in s) for s in data[:5]):
        return "whisper"
    return None


def sniff(text: str, path: str) -> str:
    """The input's format from its content: JSON shapes by their keys, else a subtitle format."""
    from subkit.formats import sniff as sniff_subtitles  # noqa: PLC0415

    if text.lstrip("\ufeff \t\r\n")[:1] in ("{", "["):
        shape = _json_shape(_load_json(text, path))
        if shape is None:
            raise InputError(f"$: JSON of no transcript shape subkit reads; expected {_SHAPES}", path)
        return shape
    try:
        return sniff_subtitles(text, path)
    except InputError:
        raise InputError(f"not a transcript: expected JSON ({_SHAPES}) or a subtitle file", path) from None


def _load_json(text: str, path: str) -> Any:
    try:
        return json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as error:
        raise InputError(f"not valid JSON: {error.msg} (column {error.colno})", path, error.lineno) from None
    except RecursionError:
        raise InputError("not valid JSON: nested too deeply", path) from None


def language_from_name(path: str) -> str | None:
    """`film.fr.json`, `film.fr.whisper.json` -> `fr`."""
    found = _NAME_LANGUAGE.findall(Path(path).name)
    return found[-1].lower().replace("_", "-") if found else None


def parse_transcript(
    text: str, path: str = "<string>", fmt: str | None = None, fps: Fraction | None = None
) -> Transcript:
    """A transcript from decoded text; the format is sniffed unless given (one of FORMATS).

    `fps` is for subtitle formats that count frames (MicroDVD).
    """
    from subkit.transcripts.timeline import settle  # noqa: PLC0415

    if fmt is not None and fmt not in FORMATS:
        raise UsageError(f"unknown transcript format {fmt!r}; expected one of {', '.join(FORMATS)}")
    fmt = fmt or sniff(text, path)
    if fmt not in JSON_FORMATS:
        from subkit.formats import ReadOptions, parse_text  # noqa: PLC0415

        track = parse_text(text, path, fmt, ReadOptions(fps))
        track.language = track.language or language_from_name(path)
        return transcript_from_track(track, path)
    problems: list[Problem] = []
    notes: list[str] = []
    data = _load_json(text, path)
    raws = _read_json(fmt, data, path, problems, notes)
    words = settle(raws, path, problems)
    language = data.get("language") if isinstance(data, dict) else None
    if fmt == "aws":
        from subkit.transcripts.aws import language_of  # noqa: PLC0415

        language = language_of(data)
    if not isinstance(language, str) or not re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?", language):
        language = None
    return Transcript(words, fmt, path, language or language_from_name(path), problems, notes)


def _read_json(fmt: str, data: Any, path: str, problems: list[Problem], notes: list[str]) -> list[RawWord]:
    if fmt == "aws":
        from subkit.transcripts.aws import read_aws  # noqa: PLC0415

        return read_aws(data, path, problems, notes)
    from subkit.transcripts.whisper import read_whisper, read_whisperx  # noqa: PLC0415

    if fmt == "whisperx":
        return read_whisperx(data, path, problems, notes)
    return read_whisper(data, path, problems, notes)


def transcript_from_track(track: Any, path: str | None = None) -> Transcript:
    """A subtitle track as a transcript: word timestamps where its cues carry them, else cue times."""
    from subkit.transcripts.cues import has_word_times, language_of, read_cues  # noqa: PLC0415
    from subkit.transcripts.timeline import settle  # noqa: PLC0415

    shown = path or (track.source.path if track.source else "<track>")
    fmt = track.source.format if track.source else "srt"
    problems: list[Problem] = []
    notes: list[str] = []
    if not track.cues:
        raise InputError("no cues: nothing to segment", shown)
    if not has_word_times(track):
        notes.append("no word times: words placed inside their cues by characters")
    words = settle(read_cues(track), shown, problems)
    return Transcript(words, fmt, shown, language_of(track), problems, notes)


def read_transcript(
    path: str,
    fmt: str | None = None,
    encoding: str | None = None,
    fps: Fraction | None = None,
    *,
    data: bytes | None = None,
) -> Transcript:
    """Read a transcript file (or its bytes, `data`, read by the caller from standard input or
    elsewhere). InputError (exit 3) when nothing usable is in it."""
    from subkit.fileio import decode, read_bytes  # noqa: PLC0415
    from subkit.formats import FORMATS as SUBTITLE_FORMATS, ReadOptions, parse_bytes, sniff_bytes  # noqa: PLC0415

    data = read_bytes(path) if data is None else data
    shown = "<stdin>" if path == "-" else path
    binary = (
        fmt if fmt in SUBTITLE_FORMATS and SUBTITLE_FORMATS[fmt].binary else sniff_bytes(data) if fmt is None else None
    )
    if binary is not None:  # EBU-STL
        track = parse_bytes(data, shown, binary, ReadOptions(fps))
        track.language = track.language or language_from_name(shown)
        return transcript_from_track(track, shown)
    return parse_transcript(decode(data, shown, encoding).text, shown, fmt, fps)


def guess_language(transcript: Transcript) -> str | None:
    """The transcript's language from its words when it declares none (langdetect, loaded only then)."""
    from subkit.language import track_language  # noqa: PLC0415

    words = [word.text for word in transcript.words]
    chunks = [" ".join(words[k : k + 20]) for k in range(0, len(words), 20)]
    code, probability = track_language(chunks)
    return code if code is not None and probability >= 0.9 else None


def limits_for(
    transcript: Transcript | None = None,
    profile: str | None = None,
    lang: str | None = None,
    fps: Fraction | None = None,
    config: Any = None,
) -> Limits:
    """The profile's limits for a transcript, resolved exactly as `validate` resolves them."""
    from subkit.qc import settings_for  # noqa: PLC0415
    from subkit.qc.config import base_language  # noqa: PLC0415

    language = lang or (transcript.language if transcript is not None else None)
    if language is None and transcript is not None:
        language = guess_language(transcript)
    settings = settings_for(None, profile, base_language(language), fps, config=config)
    return Limits(settings.thresholds, settings.fps, settings.lang)


def segment_transcript(
    transcript: Transcript,
    profile: str | None = None,
    lang: str | None = None,
    fps: Fraction | None = None,
    config: Any = None,
    min_confidence: float = 0.5,
    limits: Limits | None = None,
) -> Segmented:
    """Cut a transcript into cues that follow `profile` (default: the configuration's, else netflix)."""
    limits = limits or limits_for(transcript, profile, lang, fps, config)
    return segment_words(transcript.words, limits, min_confidence)
