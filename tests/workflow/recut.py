"""A re-cut of a track, as an editor makes one after the translation was approved.

Deterministic (seeded): the track is cut into scenes at pauses of more than 2 s; a tenth of the
scenes are removed and three are moved elsewhere; a tenth of the remaining cues get a one-word
edit; some pairs of consecutive cues are merged and some two-line cues split in two; two new
scenes of new text are inserted. Every cue of the result carries its label, so a test knows what
the memory should answer for it. Shared by tests/workflow and benchmarks/bench_workflow.py.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from subkit.markup import visible_text
from subkit.model import Cue, Track
from subkit.translation.segment import balance_lines

#: new scenes (original writing for this project)
NEW_SCENES = [
    [
        "Le convoi repart avant l’aube, sans les phares.",
        "Personne ne parle pendant la descente.",
        "Au bord de la rivière, un berger compte ses bêtes.",
        "Il dit que l’hiver sera long cette année.",
    ],
    [
        "Les enfants du village ont peint la porte de l’école en bleu.",
        "C’est la couleur du ciel, disent-ils,",
        "celle qu’on voit depuis le col quand la neige fond.",
    ],
]
#: words an editor swaps in for another one
REPLACEMENTS = ["désormais", "toujours", "parfois", "encore", "vraiment", "souvent", "ensemble", "là-haut"]


@dataclass(slots=True)
class Recut:
    track: Track
    #: per cue: unchanged, edited, merged, split, new
    labels: list[str]
    #: per cue: the original cue positions it comes from (empty for new cues)
    origins: list[list[int]]


def scenes_of(cues: list[Cue], pause_ms: int = 2000) -> list[list[int]]:
    scenes: list[list[int]] = [[0]]
    for index in range(1, len(cues)):
        if cues[index].start - cues[index - 1].end > pause_ms:
            scenes.append([])
        scenes[-1].append(index)
    return scenes


def _edit(text: str, rng: random.Random) -> str | None:
    """One word of four letters or more replaced by another word; None when the cue has none."""
    lines = text.split("\n")
    candidates = [
        (n, i)
        for n, line in enumerate(lines)
        for i, word in enumerate(line.split(" "))
        if sum(ch.isalpha() for ch in word) >= 4 and "<" not in word and ">" not in word
    ]
    if not candidates:
        return None
    n, i = rng.choice(candidates)
    words = lines[n].split(" ")
    words[i] = rng.choice([w for w in REPLACEMENTS if w != words[i]])
    lines[n] = " ".join(words)
    return "\n".join(lines)


def recut(track: Track, seed: int = 15, keep_together: set[int] | None = None) -> Recut:
    """The re-cut; `keep_together` lists cue positions that must stay unchanged (e.g. merged in the approval)."""
    rng = random.Random(seed)
    cues = track.cues
    keep_together = keep_together or set()
    scenes = scenes_of(cues)
    removed = set(rng.sample(range(1, len(scenes)), max(1, len(scenes) // 10)))
    kept = [scene for number, scene in enumerate(scenes) if number not in removed]
    for _ in range(3):  # scenes moved elsewhere
        scene = kept.pop(rng.randrange(1, len(kept)))
        kept.insert(rng.randrange(0, len(kept)), scene)
    positions = [index for scene in kept for index in scene]
    # an editor's one-word change leaves a cue of five words or more a fuzzy match (75 % or more)
    free = [
        index
        for index in positions
        if index not in keep_together
        and len(visible_text(cues[index].text)) >= 30
        and len(visible_text(cues[index].text).split()) >= 5
    ]
    rng.shuffle(free)
    edits = set(free[: len(positions) // 10])
    two_line = [
        index
        for index in free[len(edits) :]
        if cues[index].text.count("\n") == 1 and not visible_text(cues[index].text).lstrip().startswith("-")
    ]
    splits = set(two_line[:15])
    scene_of = {index: number for number, scene in enumerate(kept) for index in scene}
    singles = [
        index for index in positions if index not in edits | splits | keep_together and "\n" not in cues[index].text
    ]
    merges: set[int] = set()  # the first cue of each merged pair
    for index in rng.sample(singles, len(singles)):
        following = index + 1
        if (
            len(merges) < 15
            and following in scene_of
            and scene_of[following] == scene_of[index]
            and following in singles
            and not merges & {index - 1, index, following}
        ):
            merges.add(index)
    out: list[Cue] = []
    labels: list[str] = []
    origins: list[list[int]] = []
    clock = 5_000

    def emit(cue: Cue, label: str, origin: list[int]) -> None:
        out.append(cue)
        labels.append(label)
        origins.append(origin)

    new_scenes = iter(NEW_SCENES)
    for number, scene in enumerate(kept):
        if number in (len(kept) // 3, 2 * len(kept) // 3):
            for text in next(new_scenes):
                emit(Cue(clock, clock + 2500, text), "new", [])
                clock += 2700
            clock += 3000
        shift = clock - cues[scene[0]].start
        skip = False
        for index in scene:
            if skip:
                skip = False
                continue
            cue = cues[index].copy(start=cues[index].start + shift, end=cues[index].end + shift, id=None)
            if index in merges and index + 1 in scene:
                other = cues[index + 1]
                emit(cue.copy(end=other.end + shift, text=f"{cue.text}\n{other.text}"), "merged", [index, index + 1])
                skip = True
            elif index in splits:
                first, second = balance_lines(cue.text.split("\n"))
                middle = cue.start + cue.duration * len(visible_text(first)) // len(visible_text(cue.text))
                emit(cue.copy(end=middle - 40, text=first), "split", [index])
                emit(cue.copy(start=middle, text=second), "split", [index])
            elif index in edits and (edited := _edit(cue.text, rng)) is not None:
                emit(cue.copy(text=edited), "edited", [index])
            else:
                emit(cue, "unchanged", [index])
        clock = out[-1].end + 3000
    result = track.with_cues(out)
    result.diagnostics = []
    return Recut(result, labels, origins)
