"""ffprobe and ffmpeg, run as programs: what a media file holds, and its sound as a stream.

The system programs read every container and codec a film arrives in (mkv, mp4, mov, mxf, wav,
mp3, aac...), which no Python package does as well; talking to them through pipes keeps memory
flat: `pcm_chunks` hands out a few seconds of samples at a time, whatever the film's length.
Their failures (missing program, unreadable file, no audio) become one-line `InputError`s
(exit 3), with ffmpeg's own last words when it has some.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Generator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from subkit.errors import InputError, UsageError

#: file name endings that are media, not subtitles (the rest is recognised by its first bytes)
MEDIA_EXTENSIONS = frozenset(
    ".mkv .mka .webm .mp4 .m4v .m4a .mov .qt .mxf .avi .wmv .wma .asf .flv .ts .m2ts .mts .mpg .mpeg .vob "
    ".wav .w64 .aif .aiff .mp3 .mp2 .aac .ac3 .eac3 .dts .flac .ogg .oga .ogv .opus .amr .3gp .caf".split()
)
INSTALL_HINT = (
    "install it (Debian/Ubuntu: apt-get install ffmpeg; macOS: brew install ffmpeg; Windows: winget install ffmpeg)"
)
PROBE_TIMEOUT_S = 120


@dataclass(frozen=True, slots=True)
class AudioStream:
    #: stream index in the file (ffprobe's), and position among the audio streams (1-based)
    index: int
    number: int
    codec: str
    channels: int
    sample_rate: int
    language: str | None
    #: where the stream starts on the film's timeline, ms (usually 0)
    start_ms: int


@dataclass(frozen=True, slots=True)
class VideoStream:
    index: int
    codec: str
    width: int
    height: int
    fps: Fraction | None
    start_ms: int


@dataclass(frozen=True, slots=True)
class MediaInfo:
    path: str
    format: str
    duration_ms: int | None
    audio: tuple[AudioStream, ...]
    video: tuple[VideoStream, ...]

    def audio_stream(self, number: int = 1) -> AudioStream:
        """The `number`-th audio stream (1-based), or an error that says what the file holds."""
        if not self.audio:
            raise InputError("no audio stream in this file (nothing to hear speech in)", self.path)
        if not 1 <= number <= len(self.audio):
            raise UsageError(
                f"audio track {number} asked for, but the file has {len(self.audio)} "
                f"({', '.join(_describe(stream) for stream in self.audio)})",
                self.path,
            )
        return self.audio[number - 1]


def _describe(stream: AudioStream) -> str:
    language = f" {stream.language}" if stream.language else ""
    return f"{stream.number}:{language} {stream.codec} {stream.channels} ch".replace("  ", " ")


def looks_like_media(path: str) -> bool:
    """By its name or first bytes: RIFF/WAVE, AIFF, Matroska/WebM, MP4/MOV, Ogg, FLAC, MP3 with ID3, MXF."""
    if Path(path).suffix.lower() in MEDIA_EXTENSIONS:
        return True
    try:
        with open(path, "rb") as stream:
            head = stream.read(16)
    except OSError:
        return False
    return (
        head[:4] in (b"RIFF", b"OggS", b"fLaC", b"\x1aE\xdf\xa3", b"FORM", b"\x06\x0e\x2b\x34")
        or head[4:8] == b"ftyp"
        or head[:3] == b"ID3"
    )


def program(name: str, path: str | None = None) -> str:
    """The full path of ffmpeg or ffprobe, or a one-line error saying how to install it."""
    found = shutil.which(name)
    if found is None:
        raise InputError(f"cannot read media: {name} is not installed; {INSTALL_HINT}", path)
    return found


def _last_words(text: str) -> str:
    """ffmpeg's most useful line: its last non-empty one, without its own prefix."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return "ffmpeg failed without a message"
    line = lines[-1]
    return line.split(": ", 1)[1] if line.startswith(("[", "/")) and ": " in line else line


def _check_readable(path: str) -> None:
    if path == "-":
        raise InputError("media cannot be read from standard input; give a file", path)
    if not os.path.exists(path):
        raise InputError("no such file", path)
    if not os.path.isfile(path):
        raise InputError("not a regular file", path)
    if not os.access(path, os.R_OK):
        raise InputError("permission denied", path)


def _ms(seconds: object) -> int | None:
    try:
        return round(float(str(seconds)) * 1000)
    except (TypeError, ValueError):
        return None


def _rate(text: object) -> Fraction | None:
    try:
        value = Fraction(str(text))
    except (ValueError, ZeroDivisionError):
        return None
    return value if value > 0 else None


def probe(path: str) -> MediaInfo:
    """What the file holds, from ffprobe; an unreadable file is an `InputError` with its reason."""
    _check_readable(path)
    command = [
        program("ffprobe", path),
        "-v",
        "error",
        "-print_format",
        "json",
        "-show_format",
        "-show_streams",
        "--",
        path if not path.startswith("-") else os.path.join(".", path),
    ]
    try:
        completed = subprocess.run(command, capture_output=True, timeout=PROBE_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        raise InputError(f"ffprobe did not answer within {PROBE_TIMEOUT_S} s", path) from None
    if completed.returncode != 0:
        raise InputError(f"cannot read media: {_last_words(completed.stderr.decode('utf-8', 'replace'))}", path)
    try:
        data = json.loads(completed.stdout.decode("utf-8", "replace") or "{}")
    except json.JSONDecodeError:
        raise InputError("cannot read media: ffprobe gave no readable description", path) from None
    fmt = data.get("format") or {}
    origin = _ms(fmt.get("start_time")) or 0
    audio: list[AudioStream] = []
    video: list[VideoStream] = []
    for stream in data.get("streams") or []:
        kind = stream.get("codec_type")
        start = (_ms(stream.get("start_time")) or origin) - origin
        if kind == "audio":
            tags = stream.get("tags") or {}
            language = tags.get("language")
            audio.append(
                AudioStream(
                    int(stream.get("index", 0)),
                    len(audio) + 1,
                    str(stream.get("codec_name", "?")),
                    int(stream.get("channels") or 0),
                    int(stream.get("sample_rate") or 0),
                    None if language in (None, "", "und") else language,
                    start,
                )
            )
        elif kind == "video" and not (stream.get("disposition") or {}).get("attached_pic"):
            fps = _rate(stream.get("avg_frame_rate")) or _rate(stream.get("r_frame_rate"))
            video.append(
                VideoStream(
                    int(stream.get("index", 0)),
                    str(stream.get("codec_name", "?")),
                    int(stream.get("width") or 0),
                    int(stream.get("height") or 0),
                    fps,
                    start,
                )
            )
    if not audio and not video:
        raise InputError("cannot read media: no audio or video stream ffmpeg can decode", path)
    return MediaInfo(path, str(fmt.get("format_name", "?")), _ms(fmt.get("duration")), tuple(audio), tuple(video))


def _input_arguments(path: str) -> list[str]:
    return [
        "-nostdin",
        "-hide_banner",
        "-v",
        "error",
        "-i",
        path if not path.startswith("-") else os.path.join(".", path),
    ]


def pcm_chunks(
    path: str, stream: AudioStream, rate: int, filters: str | None = None, chunk_ms: int = 20_000
) -> Generator[bytes, None, None]:
    """The stream's sound as mono signed 16-bit samples at `rate`, a few seconds at a time.

    ffmpeg mixes the channels down, resamples and applies `filters` (an -af chain).
    """
    arguments = ["-map", f"0:{stream.index}", "-vn", "-sn", "-dn", "-ac", "1", "-ar", str(rate)]
    if filters:
        arguments += ["-af", filters]
    arguments += ["-f", "s16le", "-acodec", "pcm_s16le"]
    return ffmpeg_output(path, arguments, rate * 2 * chunk_ms // 1000, "sound")


def ffmpeg_output(path: str, arguments: list[str], chunk_bytes: int, what: str) -> Generator[bytes, None, None]:
    """What ffmpeg writes for `path` with these output `arguments`, `chunk_bytes` at a time.

    The pipe is read as ffmpeg writes, so memory stays at one chunk whatever the film's length;
    closing the generator early stops ffmpeg. A failure is an `InputError` that quotes ffmpeg
    ("cannot decode the `what`: ...").
    """
    command = [program("ffmpeg", path), *_input_arguments(path), *arguments, "pipe:1"]
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, stdin=subprocess.DEVNULL)
        assert process.stdout is not None
        finished = False
        try:
            while True:
                data = process.stdout.read(chunk_bytes)
                if not data:
                    break
                yield data
            finished = True
        finally:
            if not finished:
                process.kill()
            process.stdout.close()
            code = process.wait()
        if code != 0:
            errors.seek(0)
            raise InputError(f"cannot decode the {what}: {_last_words(errors.read().decode('utf-8', 'replace'))}", path)
