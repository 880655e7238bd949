"""`subkit sync`: align a track to a reference track, report what was found, write it if trusted."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

from subkit.cli.common import encoding_option, guarded, max_input_option, read_track_arg, warn_about, write_result

if TYPE_CHECKING:
    from subkit.alignment import Alignment
    from subkit.media.speech import Speech


def report(
    alignment: Alignment,
    path: str,
    reference: str,
    output: str | None,
    min_confidence: float,
    speech: Speech | None = None,
) -> dict[str, Any]:
    """The alignment as plain data: the JSON report, and what the text report is written from."""
    from subkit.timecode import format_srt, round_half_up  # noqa: PLC0415
    from subkit.version import __version__  # noqa: PLC0415

    segments = alignment.segments
    splits = []
    for previous, segment in zip(segments, segments[1:]):
        moved = round_half_up(segment.start * alignment.ratio + segment.offset)
        splits.append(
            {
                "cue": segment.first_cue,
                "time": format_srt(segment.start),
                "output_time": format_srt(moved),
                "offset_ms": segment.offset,
                "offset_change_ms": segment.offset - previous.offset,
            }
        )
    refused = alignment.confidence < min_confidence
    return {
        "subkit": __version__,
        "file": path,
        "reference": reference,
        "ratio": str(alignment.ratio),
        "fps": None if alignment.ratio == 1 else alignment.ratio_label,
        "speed": round(float(alignment.ratio), 6),
        "offset_ms": alignment.offset,
        "segments": [
            {
                "first_cue": s.first_cue,
                "last_cue": s.last_cue,
                "start": format_srt(s.start),
                "offset_ms": s.offset,
                "cues": s.cues,
                "matched": s.matched,
            }
            for s in segments
        ],
        "splits": splits,
        "confidence": alignment.confidence,
        "matched": alignment.matched,
        "cues": alignment.cues,
        "chance": alignment.chance,
        "reference_kind": "track" if speech is None else "speech",
        "reference_events": alignment.reference_events,
        "reference_matched": alignment.reference_matched,
        "reference_chance": alignment.reference_chance,
        "judged_by": alignment.judged_by,
        "speech": None
        if speech is None
        else {
            "audio_track": speech.stream.number,
            "codec": speech.stream.codec,
            "language": speech.stream.language,
            "onsets": len(speech.segments),
            "sound": format_srt(speech.duration_ms),
        },
        "min_confidence": min_confidence,
        "refused": refused,
        "output": None if refused else output,
    }


def _seconds(ms: int) -> str:
    return f"{ms / 1000:+.3f} s"


def text_report(data: dict[str, Any]) -> str:
    speed = (
        "none (same frame rate)"
        if data["fps"] is None
        else f"x{data['speed']:.6f} (frame rate {data['fps']}, as `retime --fps {data['fps']}`)"
    )
    heard = data["speech"]
    lines = [f"{data['file']} aligned to {data['reference']}"]
    if heard:
        language = f" {heard['language']}" if heard["language"] else ""
        lines.append(
            f"  speech      {heard['onsets']} onsets in {heard['sound']} of sound (audio track {heard['audio_track']}"
            f"{language}, {heard['codec']})"
        )
    lines += [
        f"  speed       {speed}",
        f"  offset      {_seconds(data['offset_ms'])}",
        f"  splits      {len(data['splits']) or 'none'}",
    ]
    for split in data["splits"]:
        lines.append(
            f"    at cue {split['cue']} ({split['time']} -> {split['output_time']}): offset "
            f"{_seconds(split['offset_ms'])} ({_seconds(split['offset_change_ms'])})"
        )
    event = "speech onset" if data["reference_kind"] == "speech" else "reference start"
    if data["judged_by"] == "reference":
        counted = (
            f"{data['reference_matched']} of {data['reference_events']} {event}s within 250 ms of a cue start; "
            f"chance level {data['reference_chance']:.2f}"
        )
    else:
        counted = f"{data['matched']} of {data['cues']} cue starts within 250 ms of a {event}; chance level {data['chance']:.2f}"
    lines.append(f"  confidence  {data['confidence']:.2f} ({counted}; minimum {data['min_confidence']:.2f})")
    if data["refused"]:
        lines.append("  written     nothing: the alignment is too poor to trust")
    elif data["output"] is None:
        lines.append("  written     nothing (give -o OUT to write the aligned track)")
    else:
        lines.append(f"  written     {'stdout' if data['output'] == '-' else data['output']}")
    return "\n".join(lines)


@click.command()
@click.argument("file", metavar="FILE")
@click.option(
    "--reference",
    "-r",
    metavar="REF",
    required=True,
    help="A track already in sync with the video (any language), or the film or its sound itself.",
)
@click.option(
    "--audio-track",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="With a film as REF: listen to its N-th audio stream.  [default: 1]",
)
@click.option(
    "-o",
    "--output",
    metavar="OUT",
    default=None,
    help="Write the aligned track here (- for stdout; the extension picks the format).  [default: report only]",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Report format."
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    help="Refuse (exit 1) below this confidence.  [default: 0.3]",
)
@click.option("--no-splits", is_flag=True, help="One offset for the whole track (the cut is known to be the same).")
@encoding_option("FILE")
@click.option(
    "--quiet", "-q", is_flag=True, help="Do not print warnings (dropped or clamped cues, what the format cannot hold)."
)
@max_input_option
@guarded
def sync(
    file: str,
    reference: str,
    audio_track: int | None,
    output: str | None,
    fmt: str,
    min_confidence: float | None,
    no_splits: bool,
    encoding: str | None,
    quiet: bool,
) -> None:
    """Align FILE to REF, a reference track or the film itself: offset, frame-rate change, cuts.

    A reference track only has to be timed to the right video: it may be in another language and
    cut into cues differently. A film or sound file (any container ffmpeg reads: mkv, mp4, mov,
    mxf, wav, mp3...) is listened to: its speech onsets are the reference (needs ffmpeg;
    --audio-track picks the stream). sync finds a global offset, a speed change between the usual
    frame rates (23.976, 24, 25, 29.97, 30) and, when scenes were added or removed, splits the
    track into segments with their own offsets. It reports what it found and a confidence from
    0 (chance) to 1; below --min-confidence it refuses with exit 1 and writes nothing.

    The report goes to stdout (to stderr when the track itself goes to stdout with -o -).

    \b
    Examples:
      subkit sync film.fr.srt --reference film.en.srt                  # report only
      subkit sync film.fr.srt -r film.en.srt -o film.fr.synced.srt
      subkit sync film.fr.srt -r film.en.vtt --format json -o out.srt
      subkit sync film.fr.srt -r film.mkv --audio-track 2 -o film.fr.synced.srt
    """
    from subkit.alignment import MIN_CONFIDENCE, SyncError, align, align_to_media, apply_alignment, refusal_message  # noqa: PLC0415
    from subkit.errors import UsageError  # noqa: PLC0415
    from subkit.media.ffmpeg import looks_like_media  # noqa: PLC0415

    threshold = MIN_CONFIDENCE if min_confidence is None else min_confidence
    track = read_track_arg(file, encoding)
    shown = track.source.path if track.source else file
    speech = None
    if reference != "-" and looks_like_media(reference):
        try:
            alignment, speech = align_to_media(track, reference, audio_track or 1, splits=not no_splits)
        except SyncError as error:
            raise SyncError(error.message, error.path if error.path == reference else shown) from None
        reference_shown = reference
    else:
        if audio_track is not None:
            raise UsageError("--audio-track goes with a film or sound file as REF, not a subtitle track")
        reference_track = read_track_arg(reference)
        reference_shown = reference_track.source.path if reference_track.source else reference
        try:
            alignment = align(track, reference_track, splits=not no_splits)
        except SyncError as error:
            raise SyncError(error.message, shown) from None
    data = report(alignment, shown, reference_shown, output, threshold, speech)
    to_stderr = output == "-"
    click.echo(json.dumps(data, ensure_ascii=False, indent=2) if fmt == "json" else text_report(data), err=to_stderr)
    if data["refused"]:
        raise SyncError(refusal_message(alignment, threshold), shown)
    if output is None:
        return
    result = apply_alignment(track, alignment)
    if not quiet:
        warn_about(shown, result, " (segments meet)")
    write_result(result.track, output, file, quiet)
