"""Shared, expensive set-ups of the translator's workflow tests (session scope).

`approved`: the 52-minute sample translated into English through the fake LibreTranslate server
with a translation memory, then post-edited by a "translator" (some cues reworded, three pairs of
cues merged into one) and approved with `subkit tm add`.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from subkit.cli import cli
from subkit.formats import read_track, write_track
from subkit.model import Track
from tests.translate.fakelibre import FakeLibre

from .recut import Recut, recut, scenes_of

ROOT = Path(__file__).resolve().parents[2]

#: approved-track cue positions merged with the next one by the translator (inside kept scenes)
TARGET_MERGES = (41, 300, 600)
#: approved-track cue positions the translator reworded
POST_EDITS = (3, 10, 200, 500)


@dataclass
class Approved:
    folder: Path
    source: Path
    draft: Path
    approved: Path
    memory: Path
    libre: FakeLibre
    first_requests: int
    approved_track: Track
    #: source cue position -> its approved translation, for the cues translated one to one
    approved_text: dict[int, str]


def translate_args(libre: FakeLibre, memory: Path, *extra: str) -> list[str]:
    return [
        "--to",
        "en",
        "--engine",
        "libre",
        "--engine-url",
        libre.url,
        "--no-cache",
        "--retry-wait",
        "0.01",
        "--memory",
        str(memory),
        *extra,
    ]


@pytest.fixture(scope="session")
def libre_server() -> Iterator[FakeLibre]:
    with pytest.MonkeyPatch.context() as patch:
        for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
            patch.delenv(name, raising=False)
        patch.setenv("NO_PROXY", "127.0.0.1,localhost")
        patch.setenv("no_proxy", "127.0.0.1,localhost")
        with FakeLibre() as server:
            yield server


@pytest.fixture(scope="session")
def approved(tmp_path_factory: pytest.TempPathFactory, libre_server: FakeLibre) -> Approved:
    folder = tmp_path_factory.mktemp("approved")
    source = folder / "panchir.fr.srt"
    shutil.copyfile(ROOT / "samples" / "panchir.fr.srt", source)
    memory = folder / "film.tm"
    libre_server.requests = 0
    result = CliRunner().invoke(cli, ["translate", str(source), *translate_args(libre_server, memory)])
    assert result.exit_code == 0, result.output
    first_requests = libre_server.requests
    draft = folder / "panchir.en.srt"
    track = read_track(str(draft))
    cues = list(track.cues)
    for position in POST_EDITS:
        cues[position] = cues[position].copy(text=cues[position].text.replace(" ", "  ", 1) + " (ok)")
    merged = {position + offset for position in TARGET_MERGES for offset in (0, 1)}
    approved_text = {position: cue.text for position, cue in enumerate(cues) if position not in merged}
    for position in sorted(TARGET_MERGES, reverse=True):
        first, second = cues[position], cues[position + 1]
        cues[position : position + 2] = [first.copy(end=second.end, text=f"{first.text} {second.text}")]
    approved_path = folder / "approved" / "panchir.en.srt"
    approved_path.parent.mkdir()
    approved_track = track.with_cues(cues)
    write_track(approved_track, str(approved_path))
    added = CliRunner().invoke(cli, ["tm", "add", str(source), str(approved_path), "--memory", str(memory)])
    assert added.exit_code == 0, added.output
    return Approved(
        folder, source, draft, approved_path, memory, libre_server, first_requests, approved_track, approved_text
    )


@pytest.fixture(scope="session")
def recut_run(approved: Approved) -> tuple[Recut, Path, object, list[str], int]:
    source = read_track(str(approved.source))
    together = {position + offset for position in TARGET_MERGES for offset in (0, 1)}
    scene = {index: number for number, members in enumerate(scenes_of(source.cues)) for index in members}
    assert all(scene[position] == scene[position + 1] for position in TARGET_MERGES)
    cut = recut(source, keep_together=together)
    path = approved.folder / "recut" / "panchir.fr.srt"
    path.parent.mkdir()
    write_track(cut.track, str(path))
    libre = approved.libre
    libre.requests = 0
    libre.queries.clear()
    result = CliRunner().invoke(
        cli, ["translate", str(path), *translate_args(libre, approved.memory, "--review", "html")]
    )
    assert result.exit_code == 0, result.output
    return cut, path, result, list(libre.queries), libre.requests
