"""sync: against a reference track, and against a film's sound; shot changes; memory and speed.

1. Track to track: the 52-minute sample re-timed for 25 fps from 23.976 (x 24000/25025), moved
   by 2.3 s, with 14 s of material added in the middle and every start jittered by +-120 ms: the
   full algorithm (17 ratios screened, segmentation, refinement, confidence). Falls back to a
   generated 650-cue track when `samples/panchir.fr.srt` is not there.
2. Track to film: espeak-ng speaks every cue of the sample over noise and music in a film whose
   times are x 25/23.976, 7.3 s later, with a 20 s scene cut out after the middle cue (16 kHz AAC
   in MP4, a 64x36 picture). The unmoved track is synced to it: median error against where each
   cue's speech really starts, share within 100 ms, confidence; and the same against another
   film (refusal). ffsubsync, when installed (`pip install ffsubsync`, or a venv at
   `.venv-peers/`), syncs the same files side by side. Speech extraction time against the
   film's length, and peak memory for the film and for a 3-hour sound (the film's sound 3.5
   times over) show that memory does not grow with length.
3. Shot changes: generated videos with known cuts, cross-fades, fades through black and fast
   pans (hits on the cut's frame, false cuts), and frames per second on a 640x360 film.

Films are made once in `bench-out/media/` (minutes for the full one; `--quick` makes a
10-minute one and skips the peers and the 3-hour sound). Figures: medians, shares, ratios.
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from fractions import Fraction
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

SAMPLE = REPO / "samples" / "panchir.fr.srt"
OUT = REPO / "bench-out" / "media"
SPEED = Fraction(1001, 960)  # a track timed for 25 fps against a 23.976 film
OFFSET = 7_300
CUT_MS = 20_000


def _tracks() -> tuple[str, object, object]:
    from subkit.formats import parse_text, read_track
    from subkit.model import Cue, Track

    if SAMPLE.exists():
        reference = read_track(str(SAMPLE))
        name = "samples/panchir.fr.srt"
    else:
        from synth import srt_text

        reference = parse_text(srt_text(650), "synth.srt", "srt")
        name = "a generated 650-cue track (samples/panchir.fr.srt not found)"
    rng = random.Random(3)
    middle = reference.cues[len(reference.cues) // 2].start - 60
    speed = Fraction(24000, 25025)

    def moved(time: int) -> int:
        return round((Fraction(time) + (14_000 if time >= middle else 0)) * speed + 2_300)

    copy = Track([Cue(moved(c.start + rng.randint(-120, 120)), moved(c.end), c.text, c.id) for c in reference.cues])
    return name, reference, copy


def track_to_track(quick: bool) -> list[str]:
    from subkit.alignment import align, apply_alignment

    name, reference, copy = _tracks()
    repeat = 3 if quick else 9
    timings = []
    cpu = []
    alignment = None
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        alignment = align(copy, reference)  # type: ignore[arg-type]
        apply_alignment(copy, alignment)  # type: ignore[arg-type]
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    seconds = statistics.median(timings)
    cues = len(copy.cues)  # type: ignore[attr-defined]
    assert alignment is not None
    return [
        f"## sync: align + retime on {name} (median of {repeat} runs)",
        f"  {cues} cues vs {len(reference.cues)} reference cues: {seconds * 1000:.0f} ms "  # type: ignore[attr-defined]
        f"({statistics.median(cpu) * 1000:.0f} ms of CPU), {cues / seconds:,.0f} cues/s",
        f"  found: fps {alignment.ratio_label}, {len(alignment.segments) - 1} split(s), offsets "
        f"{', '.join(str(s.offset) for s in alignment.segments)} ms, confidence {alignment.confidence:.2f}",
    ]


# --- films -------------------------------------------------------------------------------------


def _film(track: object, name: str, timeline: object, seed: int) -> tuple[Path, float]:
    """The film of `track` spoken through `timeline` (cached), and its length in seconds."""
    from tests.media.synth import moved_cues, mux, speech_mix, write_wav

    OUT.mkdir(parents=True, exist_ok=True)
    film = OUT / f"{name}.mp4"
    meta = OUT / f"{name}.json"
    if film.exists() and meta.exists():
        return film, json.loads(meta.read_text())["seconds"]
    spoken = moved_cues([(c.start, c.end, c.text) for c in track.cues], timeline)  # type: ignore[attr-defined]
    duration = spoken[-1][1] + 4_000
    wav = OUT / f"{name}.wav"
    write_wav(wav, speech_mix(spoken, duration, 16_000, seed=seed), 16_000)
    mux(wav, film, duration / 1000)
    wav.unlink()
    meta.write_text(json.dumps({"seconds": duration / 1000}))
    return film, duration / 1000


def _timeline(track: object) -> object:
    cues = track.cues  # type: ignore[attr-defined]
    cut_at = cues[len(cues) // 2].start - 100

    def placed(ms: int) -> int | None:
        if cut_at <= ms < cut_at + CUT_MS:
            return None
        if ms >= cut_at + CUT_MS:
            ms -= CUT_MS
        return round(Fraction(ms) * SPEED + OFFSET)

    return placed


def _errors(track: object, synced: object, timeline: object) -> list[int]:
    return [
        new.start - timeline(old.start)  # type: ignore[operator]
        for old, new in zip(track.cues, synced.cues)
        if timeline(old.start) is not None
    ]  # type: ignore[attr-defined, operator]


def _describe(errors: list[int]) -> str:
    absolute = [abs(e) for e in errors]
    within = sum(1 for e in absolute if e <= 100) / len(absolute)
    return f"median error {statistics.median(absolute):.0f} ms, {within:.1%} of {len(absolute)} cues within 100 ms"


def _peers_ffsubsync() -> str | None:
    local = REPO / ".venv-peers" / "bin" / "ffsubsync"
    return str(local) if local.exists() else shutil.which("ffsubsync")


def _speech_in_child(path: Path) -> dict[str, float]:
    """find_speech in a fresh interpreter: wall time, CPU of it and of ffmpeg, peak memory of each."""
    code = (
        "import json, resource, sys, time; from subkit.media.speech import find_speech; t = time.perf_counter(); "
        "s = find_speech(sys.argv[1]); w = time.perf_counter() - t; me = resource.getrusage(resource.RUSAGE_SELF); "
        "kid = resource.getrusage(resource.RUSAGE_CHILDREN); "
        # VmHWM, not ru_maxrss: the latter keeps the parent's size across fork + exec
        "peak = next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM')); "
        "print(json.dumps({'wall': w, 'onsets': len(s.segments), "
        "'cpu': me.ru_utime + me.ru_stime, 'ffmpeg_cpu': kid.ru_utime + kid.ru_stime, 'rss_mb': peak / 1024, "
        "'ffmpeg_rss_mb': kid.ru_maxrss / 1024, 'sound_s': s.duration_ms / 1000}))"
    )
    completed = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    return json.loads(completed.stdout)


def track_to_film(quick: bool) -> list[str]:
    from subkit.alignment import align_to_media, apply_alignment
    from subkit.formats import read_track, write_track
    from subkit.model import Track
    from tests.media.synth import have_programs
    from tests.retime.tracks import generated_track, programme_track

    if not have_programs("ffmpeg", "espeak-ng"):
        return ["## sync to a film: skipped (needs ffmpeg and espeak-ng)"]
    source = programme_track()
    track = Track(source.cues[:150]) if quick else source
    label = "quick" if quick else "full"
    timeline = _timeline(track)
    film, seconds = _film(track, f"film-{label}", timeline, seed=5)
    other = generated_track(cues=len(track.cues), seed=77)
    for cue, said in zip(other.cues, source.cues[::-1]):
        cue.text = said.text
    other_film, _ = _film(other, f"other-{label}", lambda ms: ms, seed=6)
    track_path = OUT / f"film-{label}.fr.srt"
    write_track(track, str(track_path))

    lines = [
        f"## sync to a film: {len(track.cues)} cues, {seconds / 60:.1f} min, x25/23.976, +7.3 s, a 20 s scene cut "
        f"(espeak-ng speech over noise and music)"
    ]
    started = time.perf_counter()
    alignment, speech = align_to_media(track, str(film))
    took = time.perf_counter() - started
    synced = apply_alignment(track, alignment).track
    lines.append(
        f"  subkit sync: {_describe(_errors(track, synced, timeline))}; fps {alignment.ratio_label}, "
        f"{len(alignment.segments) - 1} split(s), confidence {alignment.confidence:.2f}; {took:.1f} s"
    )
    refused, _ = align_to_media(track, str(other_film))
    lines.append(f"  another film: confidence {refused.confidence:.2f} (refused below 0.30)")

    child = _speech_in_child(film)
    lines.append(
        f"  speech extraction: {child['wall']:.1f} s for {child['sound_s'] / 60:.1f} min of sound "
        f"({child['sound_s'] / child['wall']:.0f}x real time; CPU {child['cpu']:.1f} s + ffmpeg "
        f"{child['ffmpeg_cpu']:.1f} s), {child['onsets']} onsets; peak memory {child['rss_mb']:.0f} MB "
        f"(ffmpeg {child['ffmpeg_rss_mb']:.0f} MB)"
    )
    if not quick:
        long_sound = OUT / "three-hours.m4a"
        if not long_sound.exists():
            subprocess.run(
                [
                    "ffmpeg",
                    "-nostdin",
                    "-v",
                    "error",
                    "-y",
                    "-stream_loop",
                    "3",
                    "-i",
                    str(film),
                    "-vn",
                    "-c:a",
                    "copy",
                    "-t",
                    "12600",
                    str(long_sound),
                ],
                check=True,
            )
        long = _speech_in_child(long_sound)
        lines.append(
            f"  3-hour sound: {long['wall']:.1f} s ({long['sound_s'] / long['wall']:.0f}x real time), "
            f"peak memory {long['rss_mb']:.0f} MB (ffmpeg {long['ffmpeg_rss_mb']:.0f} MB): flat, streamed"
        )
        peer = _peers_ffsubsync()
        if peer is None:
            lines.append("  ffsubsync: not installed (pip install ffsubsync) - skipped")
        else:
            for extra, what in (([], "default"), (["--multi-segment-sync"], "--multi-segment-sync")):
                out = OUT / f"ffsubsync-{label}.srt"
                started = time.perf_counter()
                completed = subprocess.run(
                    [peer, str(film), "-i", str(track_path), "-o", str(out), *extra], capture_output=True, text=True
                )
                took = time.perf_counter() - started
                if completed.returncode != 0 or not out.exists():
                    lines.append(f"  ffsubsync ({what}): failed: {completed.stderr.strip().splitlines()[-1:]}")
                    continue
                theirs = read_track(str(out))
                lines.append(f"  ffsubsync ({what}): {_describe(_errors(track, theirs, timeline))}; {took:.1f} s")
                out.unlink()
            out = OUT / "ffsubsync-other.srt"
            completed = subprocess.run(
                [peer, str(other_film), "-i", str(track_path), "-o", str(out)], capture_output=True, text=True
            )
            lines.append(
                f"  ffsubsync, another film: exit {completed.returncode}, "
                f"{'wrote a track' if out.exists() else 'wrote nothing'} (it has no refusal by default)"
            )
            out.unlink(missing_ok=True)
    return lines


def shot_changes(quick: bool) -> list[str]:
    from subkit.media.shots import find_shot_changes
    from tests.media.synth import SHOT_SOURCES, have_programs, shot_video

    if not have_programs("ffmpeg"):
        return ["## shot changes: skipped (needs ffmpeg)"]
    OUT.mkdir(parents=True, exist_ok=True)
    kinds = list(SHOT_SOURCES)
    hits = total = false = 0
    for seed in range(4 if quick else 10):
        rng = random.Random(seed + 50)
        fps = rng.choice([24, 25, 30])
        shots = []
        previous = None
        for number in range(12):
            choices = [kind for kind in kinds if kind != previous] + (["pan"] * 2 if previous != "pan" else [])
            previous = rng.choice(choices)
            shots.append(
                (
                    previous,
                    rng.choice([1.0, 1.2, 1.6, 2.0, 2.5]),
                    "cut" if number == 0 else rng.choice(["cut", "cut", "cut", "fade", "black"]),
                )
            )
        path = OUT / f"shots-{seed}.mp4"
        cuts, _ = shot_video(path, shots, fps=fps, size=rng.choice([(160, 90), (192, 108), (128, 72), (320, 180)]))
        found = find_shot_changes(str(path)).times
        frame = 1000 / fps + 1
        hits += sum(1 for cut in cuts if any(abs(time - cut) <= frame for time in found))
        false += sum(1 for time in found if not any(abs(time - cut) <= frame for cut in cuts))
        total += len(cuts)
    lines = [
        "## shot changes (generated videos: hard cuts, cross-fades, fades through black, fast pans)",
        f"  {hits} of {total} hard cuts found within one frame, {false} false cuts",
    ]
    minutes = 1 if quick else 10
    big = OUT / f"shots-{minutes}min-640x360.mp4"
    if not big.exists():
        subprocess.run(
            [
                "ffmpeg",
                "-nostdin",
                "-v",
                "error",
                "-y",
                "-f",
                "lavfi",
                "-i",
                f"testsrc2=s=640x360:r=25:d={minutes * 60}",
                "-c:v",
                "libx264",
                "-preset",
                "veryfast",
                "-pix_fmt",
                "yuv420p",
                str(big),
            ],
            check=True,
        )
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = find_shot_changes(str(big))
    took = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    ffmpeg_cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    lines.append(
        f"  {minutes} min of 640x360 H.264 at 25 fps: {result.frames / took:,.0f} frames/s "
        f"({minutes * 60 / took:.0f}x real time; ffmpeg CPU {ffmpeg_cpu:.1f} s)"
    )
    return lines


def run(quick: bool = False) -> list[str]:
    lines = track_to_track(quick)
    for section in (track_to_film, shot_changes):
        lines.append("")
        lines.extend(section(quick))
    return lines


if __name__ == "__main__":
    os.chdir(REPO)
    print("\n".join(run(quick="--quick" in sys.argv)))
