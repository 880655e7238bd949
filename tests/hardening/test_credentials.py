"""`user:password@` in `--engine-url` is never printed and is not part of the cache key."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from subkit.cli import cli
from tests.translate.fakelibre import FakeLibre

SRT = "1\n00:00:01,000 --> 00:00:03,000\nLes combattants tiennent la vallée.\n\n2\n00:00:04,000 --> 00:00:06,000\nIls attendent.\n"


@pytest.fixture
def libre(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeLibre]:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy", "LIBRE_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    with FakeLibre() as server:
        yield server


def with_credentials(url: str, user: str, password: str) -> str:
    scheme, rest = url.split("://", 1)
    return f"{scheme}://{user}:{password}@{rest}"


def translate(film: Path, url: str, cache: Path) -> Result:
    return CliRunner().invoke(
        cli,
        [
            "translate",
            str(film),
            "--to",
            "en",
            "--engine",
            "libre",
            "--engine-url",
            url,
            "--retries",
            "1",
            "--retry-wait",
            "0",
            "--timeout",
            "5",
            "--cache",
            str(cache),
        ],
    )


def test_credentials_are_neither_printed_nor_cached(libre: FakeLibre, tmp_path: Path) -> None:
    film = tmp_path / "film.fr.srt"
    film.write_text(SRT, encoding="utf-8")
    cache = tmp_path / "cache.sqlite3"
    libre.fail_always = 500
    failed = translate(film, with_credentials(libre.url, "alice", "s3cr3t-one"), cache)
    assert failed.exit_code == 4
    assert "s3cr3t-one" not in failed.stderr + failed.stdout and "alice" not in failed.stderr
    assert "127.0.0.1" in failed.stderr  # the server is still named
    libre.fail_always = None
    done = translate(film, with_credentials(libre.url, "alice", "s3cr3t-one"), cache)
    assert done.exit_code == 0, done.stderr
    assert b"s3cr3t-one" not in cache.read_bytes() and "s3cr3t-one" not in done.stdout + done.stderr
    requests = libre.requests
    film.with_name("film.en.srt").unlink()
    again = translate(film, with_credentials(libre.url, "bob", "other"), cache)  # same server: the cache answers
    assert again.exit_code == 0 and libre.requests == requests
    bad = CliRunner().invoke(
        cli,
        ["translate", str(film), "--to", "en", "--engine", "libre", "--engine-url", "ftp://carol:hunter2@example.org/"],
    )
    assert bad.exit_code == 2 and "hunter2" not in bad.stderr
