"""Shot changes: hard cuts found in a video, and the plain lists other tools read and write.

ffmpeg decodes the first video stream at its frame rate into 64x36 RGB frames, streamed through
a pipe; every frame is compared with the one before in two ways: the mean absolute difference
of its pixels (a cut changes every pixel, but so does a fast pan) and the distance between their
colour histograms (a pan over one scene keeps its colours, a cut does not). Their geometric mean
is the frame's score; a frame is a hard cut when its score is at least `MIN_SCORE` and `RATIO`
times the mean score of the three frames either side: a cut is one frame unlike its neighbours,
while a fade or a pan changes every frame a little and none stands out.

Chosen by measurement (docs/sync.md) on 11 generated videos (24, 25 and 30 fps, four picture
sizes) with 77 hard cuts, cross-fades, fades through black and fast pans: this finds all 77 on
their frame and reports nothing else, for any ratio from 2.5 to 3.5 and minimum from 0.18 to
0.25. ffmpeg's own scene score with the same local rule misses the cuts out of a fast pan (75 of
77 at best); PySceneDetect 0.7 (OpenCV) finds 76 with 86 false cuts (ContentDetector) or 72 with
15 (AdaptiveDetector).

Shot-change lists are plain text, one time per line, as Subtitle Edit keeps them (seconds, `12.48`
or `20`) and as editors export them: `HH:MM:SS.mmm` or `HH:MM:SS,mmm`, `HH:MM:SS:FF` timecodes
at the video's frame rate, frames as `312f`.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from subkit.errors import InputError
from subkit.timecode import TimecodeError, frames_to_ms, ms_to_frames, parse_time, round_half_up

MIN_SCORE = 0.22
RATIO = 3.0
#: frames either side whose scores make the local mean
NEIGHBOURS = 3
#: the picture that is compared (small: decoding, not comparing, is what costs)
WIDTH, HEIGHT = 64, 36
#: frames compared per numpy batch
BATCH = 256
LIST_FORMATS = ("seconds", "timecode")


@dataclass(frozen=True, slots=True)
class ShotChanges:
    """Times (ms, the first frame of each new shot) and the frame rate they were found at."""

    times: tuple[int, ...]
    fps: Fraction | None = None
    #: frames scored (0 when the list was read from a file)
    frames: int = 0


def hard_cuts(scores: Iterable[tuple[int, float]]) -> Iterator[int]:
    """Times of the frames whose score stands out from their neighbours; see the module docstring.

    Streams: holds only the NEIGHBOURS scores before the frame being judged and those after it.
    """
    before: deque[float] = deque(maxlen=NEIGHBOURS)
    ahead: deque[tuple[int, float]] = deque()

    def judge() -> Iterator[int]:
        time, score = ahead[0]
        others = [*before, *(value for _, value in list(ahead)[1:])]
        mean = sum(others) / len(others) if others else 0.0
        if time > 0 and score >= MIN_SCORE and score >= RATIO * mean:
            yield time
        before.append(ahead.popleft()[1])

    for item in scores:
        ahead.append(item)
        if len(ahead) > NEIGHBOURS:
            yield from judge()
    while ahead:
        yield from judge()


def frame_scores(frames: Iterable[bytes], size: int = WIDTH * HEIGHT * 3) -> Iterator[float]:
    """The score of every frame (RGB bytes, any batch sizes) against the one before; the first
    frame scores 0. Holds one batch and the previous frame."""
    import numpy as np  # noqa: PLC0415

    previous: Any = None
    previous_histogram: Any = None
    pixels = size // 3
    leftover = b""
    for data in frames:
        data = leftover + data
        usable = len(data) - len(data) % size
        leftover = data[usable:]
        if not usable:
            continue
        batch = np.frombuffer(data[:usable], dtype=np.uint8).reshape(-1, pixels, 3)
        count = batch.shape[0]
        bins = (batch >> 5).astype(np.int64) + np.arange(3) * 8 + (np.arange(count) * 24)[:, None, None]
        histograms = np.bincount(bins.ravel(), minlength=count * 24).reshape(count, 24) / pixels
        values = batch.astype(np.float32)
        if previous is None:
            previous, previous_histogram = values[:1], histograms[:1]
        difference = np.abs(values - np.concatenate([previous, values[:-1]])).mean(axis=(1, 2)) / 255
        distance = np.abs(histograms - np.concatenate([previous_histogram, histograms[:-1]])).sum(axis=1) / 6
        previous, previous_histogram = values[-1:], histograms[-1:]
        yield from np.sqrt(difference * distance).tolist()


def _picture(path: str, fps: Fraction) -> Iterator[bytes]:
    """The first video stream as 64x36 RGB frames at a constant `fps`, BATCH frames at a time."""
    from subkit.media.ffmpeg import ffmpeg_output  # noqa: PLC0415

    arguments = [
        "-map",
        "0:v:0",
        "-an",
        "-sn",
        "-dn",
        "-vf",
        f"fps={fps},scale={WIDTH}:{HEIGHT}:flags=area,format=rgb24",
        "-f",
        "rawvideo",
    ]
    return ffmpeg_output(path, arguments, BATCH * WIDTH * HEIGHT * 3, "picture")


def find_shot_changes(path: str) -> ShotChanges:
    """The hard cuts of a video file's first video stream, on its frame grid."""
    from subkit.media.ffmpeg import probe  # noqa: PLC0415

    info = probe(path)
    if not info.video:
        raise InputError("no video stream in this file (shot changes need a picture)", path)
    stream = info.video[0]
    fps = stream.fps or Fraction(25)
    counted = 0

    def timed() -> Iterator[tuple[int, float]]:
        nonlocal counted
        for frame, score in enumerate(frame_scores(_picture(path, fps))):
            counted += 1
            yield frames_to_ms(frame, fps) + stream.start_ms, score

    times = tuple(sorted(set(hard_cuts(timed()))))
    return ShotChanges(times, stream.fps, counted)


# --- lists ---------------------------------------------------------------------------------------

_TIMECODE_FRAMES = re.compile(r"^(\d+):(\d{1,2}):(\d{1,2})[:;](\d{1,3})$")


def parse_shot_list(text: str, fps: Fraction, path: str = "<shots>") -> ShotChanges:
    """Times from a shot-change list: the first word of each line, `#` comments and blank lines
    skipped. `HH:MM:SS:FF` is a timecode at `fps`; anything else is read as a time on the command
    line is (`12.48` and `20` are seconds, as Subtitle Edit writes them; `00:00:12,480`,
    `00:12.48`, `312f`, `1500ms`). A line that is none of these is an `InputError` with its line
    number: a silently skipped shot change would let a bad in-time through."""
    times: list[int] = []
    for number, raw in enumerate(text.splitlines(), 1):
        words = raw.split("#", 1)[0].strip().lstrip("\ufeff").split()
        if not words:
            continue
        word = words[0].rstrip(",;")
        match = _TIMECODE_FRAMES.match(word)
        if match:
            hours, minutes, seconds, frames = (int(part) for part in match.groups())
            times.append(frames_to_ms((hours * 3600 + minutes * 60 + seconds) * nominal_rate(fps) + frames, fps))
            continue
        try:
            times.append(parse_time(word, fps))
        except TimecodeError:
            raise InputError(
                f"not a shot-change time: {word[:40]!r} (expected seconds, HH:MM:SS.mmm or HH:MM:SS:FF)", path, number
            ) from None
    return ShotChanges(tuple(sorted(set(times))), fps)


def read_shot_list(path: str, fps: Fraction) -> ShotChanges:
    from subkit.fileio import decode, read_bytes  # noqa: PLC0415

    return parse_shot_list(decode(read_bytes(path), path).text, fps, path)


def nominal_rate(fps: Fraction) -> int:
    """Frames per second counted in a timecode: 24 for 23.976, 30 for 29.97 (non-drop-frame)."""
    return max(1, round_half_up(fps))


def format_shot_list(times: Sequence[int], fmt: str = "seconds", fps: Fraction | None = None) -> str:
    """One time per line: `seconds` (Subtitle Edit's own list) or `timecode` (HH:MM:SS:FF)."""
    if fmt not in LIST_FORMATS:
        raise ValueError(f"unknown shot list format {fmt!r}")
    lines = []
    for time in times:
        if fmt == "seconds":
            lines.append(f"{time / 1000:.3f}")
            continue
        assert fps is not None, "timecodes need a frame rate"
        frame = round_half_up(ms_to_frames(time, fps))
        seconds, frames = divmod(frame, nominal_rate(fps))
        lines.append(f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}:{frames:02d}")
    return "\n".join(lines) + ("\n" if lines else "")


def load_shot_changes(path: str, fps: Fraction) -> ShotChanges:
    """Shot changes from a list file, or detected in the video itself when `path` is media."""
    from subkit.media.ffmpeg import looks_like_media  # noqa: PLC0415

    if looks_like_media(path):
        return find_shot_changes(path)
    return read_shot_list(path, fps)
