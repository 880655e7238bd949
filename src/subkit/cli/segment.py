"""`subkit segment`: a speech-recognition transcript (or a badly cut track) -> a deliverable track."""

from __future__ import annotations

import os
import sys

import click

from subkit.cli.common import (
    encoding_option,
    guarded,
    max_input_option,
    parse_fps_option,
    stdin_if_dash,
    warn,
    write_output,
)
from subkit.cli.qcoptions import config_option, fail_on_option
from subkit.errors import OutputError
from subkit.formats import READABLE
from subkit.qc.config import profile_names

#: the speech-recognition JSON formats, then every subtitle format subkit reads (as cue-time evidence)
_FROM_FORMATS = ("whisper", "whisperx", "aws", *READABLE)


@click.command()
@click.argument("transcript", metavar="TRANSCRIPT")
@click.option(
    "-o",
    "--output",
    metavar="OUT",
    default="-",
    help="Output file; its extension picks the format (.srt, .vtt, .txt...).  [default: - (stdout)]",
)
@click.option(
    "--to",
    "to_format",
    metavar="FORMAT",
    default=None,
    help="Output format when the extension does not say (any format `convert --to` takes).  [default: srt]",
)
@click.option(
    "--from-format",
    "from_format",
    type=click.Choice(_FROM_FORMATS),
    default=None,
    help="Read TRANSCRIPT as this format instead of recognising it from its content.",
)
@click.option(
    "--profile",
    type=click.Choice(profile_names()),
    default=None,
    help="Delivery profile whose limits the cues follow (as in validate).  [default: from the configuration, else netflix]",
)
@click.option(
    "--lang",
    metavar="CODE",
    default=None,
    help="Language of the speech.  [default: the transcript's, the file's .xx. suffix, else detected]",
)
@click.option(
    "--fps",
    metavar="RATE",
    default=None,
    help="Frame rate of the video: cue times go on its frame grid (25, 23.976, 30000/1001).  [default: profile's, 25]",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=0.5,
    show_default=True,
    help="List words the recogniser was less sure of than this (they are kept).",
)
@click.option(
    "--report",
    "report_path",
    metavar="FILE",
    default=None,
    help="Write a JSON report: input problems, low-confidence words, QC findings of the result.",
)
@fail_on_option("QC findings", " in the result")
@config_option
@encoding_option("TRANSCRIPT")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@max_input_option
@guarded
def segment(
    transcript: str,
    output: str,
    to_format: str | None,
    from_format: str | None,
    profile: str | None,
    lang: str | None,
    fps: str | None,
    min_confidence: float,
    report_path: str | None,
    fail_on: str | None,
    config_path: str | None,
    encoding: str | None,
    quiet: bool,
) -> None:
    """Cut a speech-recognition TRANSCRIPT into cues that pass QC under a delivery profile.

    TRANSCRIPT is Whisper or faster-whisper JSON (with word times, or segments only), WhisperX
    JSON (speakers), Amazon Transcribe JSON, WebVTT with word timestamps (YouTube's automatic
    captions), or a subtitle track in any format subkit reads (SRT, SBV, ASS, TTML...) to cut
    again, its cue times being the evidence; - reads stdin. Cues end at sentence ends first, then clauses, never inside an article+noun, a first
    and last name or an auxiliary+participle; lines are balanced; line length, line count,
    reading speed, durations, gaps and the frame grid follow the profile; a new speaker starts a
    new cue (or a dialogue cue with dashes). Every word is kept; words with low confidence are
    listed. The result is checked as `validate` would: exit 1 when errors remain.

    \b
    Examples:
      subkit segment interview.fr.json -o interview.fr.srt
      subkit segment whisperx.json --lang fr --profile broadcast-fr --fps 25 -o film.fr.vtt
      subkit segment auto-captions.en.vtt --report report.json -o clean.en.srt
      subkit segment samples/panchir-excerpt.fr.whisper.json -o - | head
    """
    from subkit.formats import render, write_track  # noqa: PLC0415
    from subkit.qc import check_track, load_config, settings_for  # noqa: PLC0415
    from subkit.qc.findings import at_or_above  # noqa: PLC0415
    from subkit.transcripts import limits_for, read_transcript, segment_transcript  # noqa: PLC0415
    from subkit.transcripts.report import SegmentReport  # noqa: PLC0415

    config = load_config(config_path)
    frame_rate = parse_fps_option(fps)
    words = read_transcript(transcript, from_format, encoding, frame_rate, data=stdin_if_dash(transcript))
    limits = limits_for(words, profile, lang, frame_rate, config)
    result = segment_transcript(words, min_confidence=min_confidence, limits=limits)
    track = result.track
    fmt = to_format or ("srt" if output == "-" else None)
    protect = {os.path.realpath(transcript)} if transcript != "-" else set()
    notes: list[str] = []
    try:
        if output == "-":
            sys.stdout.write(render(track, fmt or "srt").text)
            sys.stdout.flush()
        else:
            notes = write_track(track, output, fmt, protect=protect).notes
    except OSError as error:
        raise OutputError(f"cannot write: {error.strerror or error}", output) from None
    settings = settings_for(track, profile, limits.lang, limits.fps, config=config)
    report = SegmentReport(
        words,
        result,
        limits,
        settings.profile,
        min_confidence,
        output if output != "-" else "<stdout>",
        check_track(track, settings=settings),
    )
    for note in notes:
        warn(f"{output}: {note}")
    if not quiet:
        click.echo("\n".join(report.summary_lines()), err=True)
    if report_path is not None:
        import json  # noqa: PLC0415

        try:
            write_output(
                report_path,
                (json.dumps(report.to_dict(), ensure_ascii=False, indent=1) + "\n").encode("utf-8"),
                protect,
            )
        except OSError as error:
            raise OutputError(f"cannot write: {error.strerror or error}", report_path) from None
    level = fail_on or config.fail_on or "error"
    sys.exit(1 if any(at_or_above(finding, level) for finding in report.findings) else 0)
