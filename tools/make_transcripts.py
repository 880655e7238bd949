#!/usr/bin/env python3
"""Derive speech-recognition transcripts from the sample track, and measure a segmentation against it.

Why this exists: `subkit segment` must be judged against what a subtitler did with the same
speech, and no real recogniser output of our own film exists. So a transcript is *derived* from
`samples/panchir.fr.srt` the way a recogniser would hear it: each cue's words are spoken inside
the cue's time at a speaking rate drawn per cue (13.5-16.5 characters a second, so speech ends
before the subtitle does, as it usually does) unless the sentence runs on into the next cue (then
the voice runs on too, with no pause at the cut), with small gaps between words, a longer one
after some commas, an occasional hesitation, start times off by a few tens of milliseconds, a
confidence per word (a few low), recogniser typography (`là?`, `"Non"`, `...`, `'`) and no line
breaks. Words are grouped into recogniser segments the way Whisper's are: at long pauses, or at
a sentence end once a segment has grown to a length drawn per segment. Dialogue lines become
two speakers. Everything is seeded, so the same transcript comes out every time.

The same words are rendered as openai-whisper JSON, WhisperX JSON (speakers), Amazon Transcribe
JSON and YouTube-style WebVTT (rolling lines with word timestamps), so the readers can be tested
for giving the same words; `naive_cues` is what Whisper's own writer makes of the segments (one
cue per segment), and `boundary_share` measures how many of the subtitler's cue starts a
segmentation reproduces.

`python tools/make_transcripts.py` writes `samples/panchir-excerpt.fr.whisper.json` (the first
60 cues); `--check` exits 1 if that file differs from what it would write.
"""

from __future__ import annotations

import argparse
import bisect
import json
import random
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "panchir.fr.srt"
EXCERPT = ROOT / "samples" / "panchir-excerpt.fr.whisper.json"
EXCERPT_CUES = 60
SEED = 13

_TAG = re.compile(r"<[^>]*>")
_DASH = re.compile(r"^[-–—]\s*")


@dataclass(slots=True)
class SpokenWord:
    text: str
    start: int
    end: int
    probability: float
    speaker: str
    #: 0-based index of the subtitle cue the word came from
    cue: int


@dataclass(slots=True)
class Derived:
    words: list[SpokenWord] = field(default_factory=list)
    #: recogniser segments: [first, stop) word indices
    segments: list[tuple[int, int]] = field(default_factory=list)
    language: str = "fr"


def recogniser_text(text: str) -> str:
    """Subtitle typography back to what a recogniser writes."""
    text = re.sub(r"[\u00a0\u202f]([;:!?»%])", r"\1", text)
    text = text.replace("«\u00a0", "«").replace("«", '"').replace("»", '"')
    text = re.sub(r"(?<=\d)[\u00a0\u202f](?=\d)", "", text)
    return text.replace("…", "...").replace("’", "'").replace("\u00a0", " ")


def _turns(cue_text: str) -> list[str]:
    """A cue's speech, one string per speaker (dialogue lines are two speakers)."""
    lines = [_TAG.sub("", line).strip() for line in cue_text.split("\n")]
    lines = [line for line in lines if line]
    if sum(1 for line in lines if _DASH.match(line)) >= 2:
        return [_DASH.sub("", line) for line in lines]
    return [" ".join(lines)]


def derive(cues: Sequence[object], seed: int = SEED) -> Derived:
    """Timed words for `cues` (subkit Cues or anything with start, end, text), as described above."""
    rng = random.Random(seed)
    derived = Derived()
    spoken_until = 0
    voice = 0
    for index, cue in enumerate(cues):
        start, end, text = cue.start, cue.end, cue.text  # type: ignore[attr-defined]
        turns = [recogniser_text(turn).split() for turn in _turns(text)]
        words = [(word, number) for number, turn in enumerate(turns) for word in turn]
        if not words:
            continue
        chars = sum(len(word) + 1 for word, _ in words) - 1
        duration = end - start
        following = cues[index + 1] if index + 1 < len(cues) else None
        runs_on = (
            following is not None
            and following.start - end <= 120
            and not words[-1][0].endswith(  # type: ignore[attr-defined]
                (".", "!", "?", '"', "...")
            )
        )
        if runs_on:  # the sentence goes on into the next cue: so does the voice, with no pause
            talk = duration + following.start - end - rng.randint(0, 60)  # type: ignore[union-attr]
        else:
            talk = int(min(duration - 40, max(0.55 * duration, chars * 1000 / rng.uniform(13.5, 16.5))))
        begin = max(spoken_until + 10, start + rng.randint(-40, 60))
        gaps = []
        for word, _ in words[:-1]:
            gap = rng.randint(60, 300) if word.endswith((",", ";", ":")) else rng.randint(0, 40)
            if rng.random() < 0.03:
                gap += rng.randint(150, 350)
            gaps.append(gap)
        gaps.append(0)
        weights = [(len(word) + 1) * rng.uniform(0.85, 1.15) for word, _ in words]
        speaking = max(talk - sum(gaps), talk // 2)
        scale = speaking / sum(weights)
        gap_scale = (talk - speaking) / max(1, sum(gaps))
        clock = float(begin)
        if len(turns) > 1:
            voice += 1
        for (word, turn), weight, gap in zip(words, weights, gaps):
            word_end = clock + weight * scale
            speaker = f"SPEAKER_{(voice + turn) % 3:02d}" if len(turns) > 1 else "SPEAKER_00"
            probability = rng.uniform(0.2, 0.5) if rng.random() < 0.03 else 1 - rng.random() ** 3 * 0.3
            derived.words.append(SpokenWord(word, int(clock), int(word_end), round(probability, 3), speaker, index))
            clock = word_end + gap * gap_scale
        spoken_until = derived.words[-1].end
    derived.segments = _segments(derived.words, rng)
    return derived


def _segments(words: list[SpokenWord], rng: random.Random) -> list[tuple[int, int]]:
    """Whisper-like segments: cut at a pause of a second, or at a sentence end past a drawn length."""
    segments: list[tuple[int, int]] = []
    first = 0
    target = rng.randint(40, 200)
    chars = 0
    for index, word in enumerate(words):
        chars += len(word.text) + 1
        if index + 1 == len(words):
            break
        following = words[index + 1]
        new_cue = following.cue != word.cue
        pause = following.start - word.end
        sentence = word.text.rstrip('"').endswith((".", "!", "?"))
        too_long = following.end - words[first].start > 30_000
        if new_cue and (pause >= 1000 or (sentence and chars >= target) or chars >= 250 or too_long):
            segments.append((first, index + 1))
            first, chars, target = index + 1, 0, rng.randint(40, 200)
    segments.append((first, len(words)))
    return segments


# --- renderings -----------------------------------------------------------------------------------


def _s(ms: int) -> float:
    return round(ms / 1000, 3)


def _segment_text(derived: Derived, first: int, stop: int, spaced: bool = True) -> str:
    words = [w.text for w in derived.words[first:stop]]
    return "".join(" " + w for w in words) if spaced else " ".join(words)


def to_whisper(derived: Derived, words: bool = True) -> dict[str, object]:
    """openai-whisper's `result` as `--output_format json` writes it (words with --word_timestamps)."""
    segments = []
    for number, (first, stop) in enumerate(derived.segments):
        segment: dict[str, object] = {
            "id": number,
            "seek": 0,
            "start": _s(derived.words[first].start),
            "end": _s(derived.words[stop - 1].end),
            "text": _segment_text(derived, first, stop),
            "tokens": [],
            "temperature": 0.0,
            "avg_logprob": -0.25,
            "compression_ratio": 1.4,
            "no_speech_prob": 0.01,
        }
        if words:
            segment["words"] = [
                {"word": " " + w.text, "start": _s(w.start), "end": _s(w.end), "probability": w.probability}
                for w in derived.words[first:stop]
            ]
        segments.append(segment)
    text = "".join(str(s["text"]) for s in segments)
    return {"text": text, "segments": segments, "language": derived.language}


def to_whisperx(derived: Derived) -> dict[str, object]:
    """WhisperX's JSON: segments with speaker-labelled words (no leading spaces) and word_segments."""
    segments = []
    flat = []
    for first, stop in derived.segments:
        words = [
            {"word": w.text, "start": _s(w.start), "end": _s(w.end), "score": w.probability, "speaker": w.speaker}
            for w in derived.words[first:stop]
        ]
        speakers = [w.speaker for w in derived.words[first:stop]]
        segments.append(
            {
                "start": _s(derived.words[first].start),
                "end": _s(derived.words[stop - 1].end),
                "text": _segment_text(derived, first, stop, False),
                "words": words,
                "speaker": max(set(speakers), key=speakers.count),
            }
        )
        flat.extend(words)
    return {"segments": segments, "word_segments": flat, "language": derived.language}


def to_aws(derived: Derived) -> dict[str, object]:
    """Amazon Transcribe's output: pronunciation items, punctuation items, speaker labels."""
    items: list[dict[str, object]] = []
    label_segments = []
    for w in derived.words:
        core = w.text.rstrip('.,;:!?"')
        lead = ""
        while core.startswith('"'):
            lead += '"'
            core = core[1:]
        tail = w.text[len(lead) + len(core) :]
        label = f"spk_{int(w.speaker[-2:])}"
        for mark in lead:
            items.append({"type": "punctuation", "alternatives": [{"confidence": "0.0", "content": mark}]})
        if core:
            items.append(
                {
                    "start_time": f"{w.start / 1000:.3f}",
                    "end_time": f"{w.end / 1000:.3f}",
                    "type": "pronunciation",
                    "alternatives": [{"confidence": f"{w.probability:.4f}", "content": core}],
                    "speaker_label": label,
                }
            )
            label_segments.append(
                {
                    "start_time": f"{w.start / 1000:.3f}",
                    "end_time": f"{w.end / 1000:.3f}",
                    "speaker_label": label,
                    "items": [
                        {
                            "start_time": f"{w.start / 1000:.3f}",
                            "end_time": f"{w.end / 1000:.3f}",
                            "speaker_label": label,
                        }
                    ],
                }
            )
        for mark in tail:
            items.append({"type": "punctuation", "alternatives": [{"confidence": "0.0", "content": mark}]})
    transcript = " ".join(w.text for w in derived.words)
    return {
        "jobName": "panchir",
        "accountId": "000000000000",
        "status": "COMPLETED",
        "results": {
            "language_code": "fr-FR",
            "transcripts": [{"transcript": transcript}],
            "speaker_labels": {"speakers": 3, "segments": label_segments},
            "items": items,
        },
    }


def _vtt_time(ms: int) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def to_youtube_vtt(derived: Derived, words_per_line: int = 7) -> str:
    """YouTube's automatic-caption WebVTT: rolling two-line cues, word timestamps, 10 ms repeats."""
    out = ["WEBVTT", "Kind: captions", f"Language: {derived.language}", ""]
    lines = [derived.words[k : k + words_per_line] for k in range(0, len(derived.words), words_per_line)]
    previous = " "
    for number, line in enumerate(lines):
        start = line[0].start
        end = lines[number + 1][0].start if number + 1 < len(lines) else line[-1].end
        timed = line[0].text + "".join(f"<{_vtt_time(w.start)}><c> {w.text}</c>" for w in line[1:])
        out += [
            f"{_vtt_time(start)} --> {_vtt_time(max(start + 10, end - 10))} align:start position:0%",
            previous,
            timed,
            "",
        ]
        plain = " ".join(w.text for w in line)
        out += [
            f"{_vtt_time(max(start + 10, end - 10))} --> {_vtt_time(max(start + 20, end))} align:start position:0%",
            plain,
            " ",
            "",
        ]
        previous = plain
    return "\n".join(out)


# --- measures -------------------------------------------------------------------------------------


def naive_cues(derived: Derived) -> list[tuple[int, int, str]]:
    """What Whisper's own SRT writer makes: one cue per segment, its text on one line."""
    return [
        (derived.words[first].start, derived.words[stop - 1].end, _segment_text(derived, first, stop).strip())
        for first, stop in derived.segments
    ]


def boundary_share(reference: Sequence[int], candidate: Sequence[int], tolerance: int = 200) -> float:
    """Share of `reference` times with a `candidate` time within `tolerance` ms (both sorted)."""
    if not reference:
        return 1.0
    hits = 0
    for time in reference:
        position = bisect.bisect_left(candidate, time - tolerance)
        hits += position < len(candidate) and candidate[position] <= time + tolerance
    return hits / len(reference)


# --- main -----------------------------------------------------------------------------------------


def read_sample_cues(path: Path = SAMPLE) -> list[object]:
    sys.path.insert(0, str(ROOT / "src"))
    from subkit.formats import read_track

    return list(read_track(str(path)).cues)


def excerpt_bytes() -> bytes:
    derived = derive(read_sample_cues()[:EXCERPT_CUES])
    return (json.dumps(to_whisper(derived), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    data = excerpt_bytes()
    current = EXCERPT.read_bytes() if EXCERPT.exists() else None
    if current == data:
        return 0
    if args.check:
        print(f"make_transcripts: out of date: {EXCERPT.relative_to(ROOT)}", file=sys.stderr)
        return 1
    EXCERPT.write_bytes(data)
    print(f"wrote {EXCERPT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
