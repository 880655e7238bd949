"""segment: speech-recognition words -> cues, measured on the film and on a one-hour transcript.

The film is samples/panchir.fr.srt as a recogniser would hear it (tools/make_transcripts.py:
the subtitler's words spoken inside each cue with jitter, recogniser typography, Whisper-like
segments). Figures: QC findings of the result under `netflix` and `broadcast-fr`; the share of
the subtitler's cue starts the result reproduces within 200 ms (and the share of its own starts
that match one), beside the naive one-cue-per-segment conversion Whisper's own writer makes;
the same words read from the other input formats; and the median time to segment a one-hour
transcript of 10,000 words (and 20,000, to show it is linear), against parsing its JSON.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from bench_io import _median_seconds  # noqa: E402

PROFILES = ("netflix", "broadcast-fr")


def _derivation() -> ModuleType:
    sys.path.insert(0, str(ROOT / "tools"))
    import make_transcripts

    return make_transcripts


def _hour(words: list[Any], count: int) -> list[Any]:
    """`count` words over one hour: the film's words repeated and squeezed into 60 minutes."""
    from subkit.transcripts import Word

    copies = []
    offset = 0
    while len(copies) < count:
        copies += [Word(w.text, w.start + offset, w.end + offset, w.where, w.confidence) for w in words]
        offset = copies[-1].end + 5000
    copies = copies[:count]
    scale = 3_600_000 / copies[-1].end
    return [Word(w.text, int(w.start * scale), int(w.end * scale), w.where, w.confidence) for w in copies]


def run(quick: bool = False) -> list[str]:
    from subkit.formats import read_track
    from subkit.model import Cue, Track
    from subkit.qc import check_track
    from subkit.transcripts import Transcript, limits_for, parse_transcript, segment_transcript, transcript_from_track

    tools = _derivation()
    human = list(read_track(str(tools.SAMPLE)).cues)
    derived = tools.derive(human)
    whisper_json = json.dumps(tools.to_whisper(derived), ensure_ascii=False)
    transcript = parse_transcript(whisper_json, "panchir.fr.whisper.json")
    starts = [cue.start for cue in human]
    out = [
        "## segment: speech-recognition transcripts -> cues",
        f"the film as a recogniser hears it: {len(transcript.words)} words, {len(derived.segments)} Whisper segments; "
        f"the subtitler made {len(human)} cues",
        "",
        "| input | profile | cues | errors | warnings | subtitler's starts found (200 ms) | starts that match one |",
        "|---|---|---|---|---|---|---|",
    ]

    def row(name: str, track: Track, profile: str) -> str:
        findings = check_track(track, profile=profile, lang="fr", ignore=["G"])
        errors = sum(1 for f in findings if f.severity == "error")
        warnings = sum(1 for f in findings if f.severity == "warning")
        ours = [cue.start for cue in track.cues]
        return (
            f"| {name} | {profile} | {len(track.cues)} | {errors} | {warnings} | "
            f"{tools.boundary_share(starts, ours):.1%} | {tools.boundary_share(ours, starts):.1%} |"
        )

    naive = Track([Cue(a, b, text, str(n)) for n, (a, b, text) in enumerate(tools.naive_cues(derived), 1)], "fr")
    for profile in PROFILES:
        out.append(
            row("whisper JSON, `subkit segment`", segment_transcript(transcript, profile=profile).track, profile)
        )
        out.append(row("naive: one cue per Whisper segment", naive, profile))
    others = {
        "whisperx": json.dumps(tools.to_whisperx(derived)),
        "aws": json.dumps(tools.to_aws(derived)),
        "youtube vtt": tools.to_youtube_vtt(derived),
        "segment-only whisper": json.dumps(tools.to_whisper(derived, False)),
    }
    for name, text in others.items():
        out.append(row(name, segment_transcript(parse_transcript(text, f"film.fr.{name[:3]}")).track, "netflix"))
    again = transcript_from_track(read_track(str(tools.SAMPLE)))
    out.append(row("the subtitler's own SRT, cut again", segment_transcript(again).track, "netflix"))

    repeat = 3 if quick else 9
    out += ["", "| words (one hour) | parse Whisper JSON | segment (median) | words/s |", "|---|---|---|---|"]
    for count in (10_000, 20_000):
        words = _hour(transcript.words, count)
        hour = Transcript(words, "whisper", "hour.fr.json", "fr")
        limits = limits_for(hour, "netflix")
        hour_json = json.dumps(
            {
                "segments": [
                    {
                        "start": 0,
                        "end": 3600,
                        "text": "",
                        "words": [
                            {
                                "word": " " + w.text,
                                "start": w.start / 1000,
                                "end": w.end / 1000,
                                "probability": w.confidence,
                            }
                            for w in words
                        ],
                    }
                ]
            }
        )
        parse = _median_seconds(lambda: parse_transcript(hour_json, "hour.fr.json"), repeat)
        cut = _median_seconds(lambda: segment_transcript(hour, limits=limits), repeat)
        out.append(f"| {count:,} | {parse * 1000:.0f} ms | {cut * 1000:.0f} ms | {count / cut:,.0f} |")
    return out


if __name__ == "__main__":
    print("\n".join(run(quick="--quick" in sys.argv)))
