"""Generated media for the sync and shot-change tests and benchmarks: nothing is downloaded.

Speech: Debian's `espeak-ng` speaks the texts of a track's cues, each starting exactly at a known
time (its leading silence trimmed, cut short where the next cue begins), over pink noise and a
synthetic music bed (notes with harmonics and vibrato, drum hits) that gets louder where nobody
speaks, as film scores do. Picture: ffmpeg draws frames whose content changes at known hard cuts,
with fades and fast pans in between, and muxes the sound in. Everything is seeded.
"""

from __future__ import annotations

import math
import shutil
import subprocess
import wave
from collections.abc import Callable, Sequence
from fractions import Fraction
from pathlib import Path

import numpy as np

from subkit.timecode import frames_to_ms

ESPEAK_RATE = 22050


def have_programs(*names: str) -> bool:
    return all(shutil.which(name) for name in names)


def speak(text: str, voice: str = "fr", words_per_minute: int = 180) -> np.ndarray:
    """`text` spoken by espeak-ng (float32 at 22050 Hz), from its first audible sample."""
    completed = subprocess.run(
        ["espeak-ng", "-v", voice, "-s", str(words_per_minute), "--stdout", text],
        capture_output=True,
        check=True,
        timeout=60,
    )
    data = completed.stdout
    offset = data.find(b"data") + 8 if data[:4] == b"RIFF" else 0
    samples = np.frombuffer(data[offset : len(data) - (len(data) - offset) % 2], dtype="<i2").astype(np.float32) / 32768
    loud = np.flatnonzero(np.abs(samples) > 0.01)
    return samples[loud[0] : loud[-1] + 1] if loud.size else samples[:0]


def _resample(samples: np.ndarray, source_rate: int, rate: int) -> np.ndarray:
    if source_rate == rate or samples.size == 0:
        return samples
    count = int(samples.size * rate / source_rate)
    resampled: np.ndarray = np.interp(np.arange(count) * (source_rate / rate), np.arange(samples.size), samples)
    return resampled.astype(np.float32)


def pink_noise(count: int, rng: np.random.Generator) -> np.ndarray:
    """Noise with a 1/f spectrum (as room tone and hiss are), unit RMS."""
    block = 1 << 16  # FFTs of a power-of-two length: an awkward total length can be very slow
    blocks = -(-count // block)
    spectrum = np.fft.rfft(rng.standard_normal((blocks, block)), axis=1)
    spectrum /= np.sqrt(np.maximum(np.arange(spectrum.shape[1]), 1))
    noise = np.fft.irfft(spectrum, block, axis=1).ravel()[:count]
    return (noise / (np.sqrt(np.mean(noise**2)) or 1)).astype(np.float32)


def music_bed(count: int, rate: int, rng: np.random.Generator) -> np.ndarray:
    """Notes of a pentatonic scale with three harmonics, vibrato and a drum hit on each beat; unit RMS."""
    music = np.zeros(count, dtype=np.float32)
    scale = [220.0 * 2 ** (step / 12) for step in (0, 2, 4, 7, 9, 12, 14, 16)]
    position = 0
    while position < count:
        length = int(rate * rng.uniform(0.25, 0.6))
        end = min(count, position + length)
        t = np.arange(end - position) / rate
        pitch = scale[rng.integers(len(scale))] * (1 + 0.004 * np.sin(2 * math.pi * 5.5 * t))
        phase = 2 * math.pi * np.cumsum(pitch) / rate
        note = np.sin(phase) + 0.5 * np.sin(2 * phase) + 0.25 * np.sin(3 * phase)
        envelope = np.minimum(1, t / 0.02) * np.exp(-t * 2.5)
        music[position:end] += (note * envelope).astype(np.float32)
        drum = np.exp(-t[: int(0.08 * rate)] * 60) * rng.standard_normal(min(int(0.08 * rate), end - position))
        music[position : position + drum.size] += 0.6 * drum.astype(np.float32)
        position = end
    return music / (np.sqrt(np.mean(music**2)) or 1)


def speech_mix(
    cues: Sequence[tuple[int, int, str]],
    duration_ms: int,
    rate: int = 8000,
    seed: int = 1,
    voice: str = "fr",
    noise_db: float = -24.0,
    music_db: float = -14.0,
    music_alone_db: float = -4.0,
) -> np.ndarray:
    """int16 mono audio of `duration_ms` where each (start, end, text) is spoken from `start`.

    Levels are relative to the speech's RMS: noise everywhere, music under speech at `music_db`
    and, in pauses of 2 s or more, at `music_alone_db` (louder, as a score between lines).
    """
    from subkit.markup import visible_text

    rng = np.random.default_rng(seed)
    count = duration_ms * rate // 1000
    speech = np.zeros(count, dtype=np.float32)
    talking = np.zeros(count, dtype=bool)
    ordered = sorted(cues)
    for index, (start, _, text) in enumerate(ordered):
        said = _resample(speak(" ".join(visible_text(text).split()) or "euh", voice), ESPEAK_RATE, rate)
        begin = start * rate // 1000
        limit = count if index + 1 == len(ordered) else ordered[index + 1][0] * rate // 1000 - rate // 50
        said = said[: max(0, min(limit, count) - begin)]
        if said.size:
            fade = min(said.size, rate // 50)
            said[-fade:] *= np.linspace(1, 0, fade, dtype=np.float32)
            speech[begin : begin + said.size] += 0.3 * said
            talking[begin : begin + said.size] = True
    level = float(np.sqrt(np.mean(speech[talking] ** 2))) if talking.any() else 0.1
    # music is louder where nobody has spoken for a while (smoothed over 2 s)
    busy = _moving_mean(talking.astype(np.float32), 2 * rate) > 0
    music_gain = _moving_mean(np.where(busy, 10 ** (music_db / 20), 10 ** (music_alone_db / 20)), rate // 5)
    mix = speech + level * (10 ** (noise_db / 20) * pink_noise(count, rng) + music_gain * music_bed(count, rate, rng))
    peak = float(np.max(np.abs(mix))) or 1.0
    scaled: np.ndarray = mix / peak * 0.9 * 32767
    return scaled.astype(np.int16)


def _moving_mean(values: np.ndarray, window: int) -> np.ndarray:
    """Centred moving average in O(n) (np.convolve with a long window is O(n * window))."""
    padded = np.concatenate([np.zeros(window // 2 + 1), values.astype(np.float64), np.zeros(window - window // 2)])
    sums = np.cumsum(padded)
    means: np.ndarray = (sums[window : window + values.size] - sums[: values.size]) / window
    return means.astype(np.float32)


def write_wav(path: Path, samples: np.ndarray, rate: int) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.astype("<i2").tobytes())


def mux(
    audio: Path | None,
    output: Path,
    duration_s: float,
    fps: int = 25,
    size: str = "64x36",
    video_filter: str | None = None,
    audio_codec: str = "aac",
    extra_audio: Path | None = None,
) -> Path:
    """A video file (tiny test picture, or `video_filter`'s) with `audio` (and a second audio track)."""
    picture = video_filter or f"testsrc2=size={size}:rate={fps}:duration={duration_s}"
    command = ["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", picture]
    for track in (audio, extra_audio):
        if track is not None:
            command += ["-i", str(track)]
    command += ["-map", "0:v"]
    if audio is not None:
        command += ["-map", "1:a"]
    if extra_audio is not None:
        command += ["-map", "2:a"]
    command += ["-c:v", "libx264", "-preset", "ultrafast", "-g", str(fps * 10), "-pix_fmt", "yuv420p"]
    if audio is not None:
        command += ["-c:a", audio_codec, "-b:a", "32k"]
    command += ["-t", str(duration_s), str(output)]
    subprocess.run(command, check=True, timeout=600)
    return output


def moved_cues(
    cues: Sequence[tuple[int, int, str]], timeline: Callable[[int], int | None]
) -> list[tuple[int, int, str]]:
    """The cues placed through `timeline` (None: the cue's scene is not in the film)."""
    placed = []
    for start, end, text in cues:
        new_start, new_end = timeline(start), timeline(end)
        if new_start is not None and new_end is not None and new_start >= 0:
            placed.append((new_start, new_end, text))
    return placed


# --- picture -----------------------------------------------------------------------------------

#: what a shot shows; every one moves, as filmed shots do (`{w}x{h}` is the picture size)
SHOT_SOURCES = {
    "bars": "testsrc2=s={w}x{h}:r={fps}",
    "fractal": "mandelbrot=s={w}x{h}:r={fps}:start_scale=2:end_scale=0.5:inner=mincol",
    "grain": "color=c=0x3a4a5a:s={w}x{h}:r={fps},noise=alls=30:allf=t+u",
    "warm": "color=c=0xc08040:s={w}x{h}:r={fps},noise=alls=12:allf=t+u,hue=h=20*t",
    "sky": "gradients=s={w}x{h}:r={fps}:speed=0.02:seed=7:c0=0x2050a0:c1=0xa0c0e0:c2=0x406080",
    "night": "color=c=0x101018:s={w}x{h}:r={fps},noise=alls=8:allf=t+u,drawbox=x=20+10*t:y=20:w=30:h=20:c=0x808090:t=fill",
    # a fast pan: a wide picture swept at a fifth of the frame width per frame
    "pan": "mandelbrot=s={wide}x{h}:r={fps}:start_scale=0.3:end_scale=0.3,crop={w}:{h}:x='min(n*{step}\\,{wide}-{w})':y=0",
}


def shot_video(
    path: Path,
    shots: Sequence[tuple[str, float, str]],
    fps: int = 25,
    size: tuple[int, int] = (160, 90),
    audio: Path | None = None,
) -> tuple[list[int], list[tuple[int, int]]]:
    """A video of `shots` (source, seconds, how it begins: "cut", "fade" (1 s cross-fade) or
    "black" (0.5 s out to black and 0.5 s in)); returns the hard-cut times (ms, the first frame
    of the new shot) and the (start, end) ms of every fade, where no cut may be reported.

    Times are whole frames, so a cut is exactly at a frame boundary.
    """
    width, height = size
    command = ["ffmpeg", "-nostdin", "-v", "error", "-y"]
    graph = []
    cuts: list[int] = []
    fades: list[tuple[int, int]] = []
    length = 0.0
    label = ""
    for number, (source, seconds, into) in enumerate(shots):
        frames = round(seconds * fps)
        seconds = frames / fps
        text = SHOT_SOURCES[source].format(w=width, h=height, fps=fps, wide=width * 20, step=width // 5)
        # a few frames more than needed, dropped at the start: some sources jump after frame 0
        command += ["-f", "lavfi", "-t", f"{seconds + 3 / fps:.6f}", "-i", text]
        clip = f"s{number}"
        shaped = (
            f"[{number}:v]trim=start_frame=3:end_frame={frames + 3},setpts=PTS-STARTPTS,"
            f"format=yuv420p,setsar=1,settb=1/{fps}"
        )
        if into == "black" and number:
            shaped += ",fade=t=in:st=0:d=0.5"
        if number + 1 < len(shots) and shots[number + 1][2] == "black":
            shaped += f",fade=t=out:st={seconds - 0.5:.6f}:d=0.5"
        graph.append(f"{shaped}[{clip}]")
        if not number:
            label, length = clip, seconds
            continue
        joined = f"j{number}"
        if into == "fade":
            graph.append(
                f"[{label}][{clip}]xfade=transition=fade:duration=1:offset={length - 1:.6f},settb=1/{fps}[{joined}]"
            )
            fades.append((round((length - 1) * 1000), round(length * 1000)))
            length += seconds - 1
        else:
            graph.append(f"[{label}][{clip}]concat=n=2:v=1:a=0,settb=1/{fps}[{joined}]")
            if into == "black":
                fades.append((round((length - 0.5) * 1000), round((length + 0.5) * 1000)))
            else:
                cuts.append(frames_to_ms(round(length * fps), Fraction(fps)))
            length += seconds
        label = joined
    command += ["-filter_complex", ";".join(graph), "-map", f"[{label}]"]
    if audio is not None:
        command += ["-i", str(audio), "-map", f"{len(shots)}:a", "-c:a", "aac", "-b:a", "32k", "-shortest"]
    command += [
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-crf",
        "20",
        "-g",
        str(fps * 4),
        "-pix_fmt",
        "yuv420p",
        "-r",
        str(fps),
        str(path),
    ]
    subprocess.run(command, check=True, timeout=600)
    return cuts, fades
