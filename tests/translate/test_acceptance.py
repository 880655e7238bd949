"""Issue 5's acceptance criteria, end to end: `subkit translate` driving the real deep-translator
LibreTranslator against a LibreTranslate-compatible server on 127.0.0.1."""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from subkit.cli import cli
from subkit.formats import read_track

from .checks import assert_good_draft
from .fakelibre import FakeLibre

GLOSSARY = "fr,en,de\nPanchir,Panjshir,Pandschir\nKhalid Amiry,,\nAhmad Massoud,,\n"
LIMIT = 1000


def run(film: Path, libre: FakeLibre, *extra: str, to: str = "en,de", cache: Path | None = None) -> Result:
    cache_args = ["--cache", str(cache)] if cache else ["--no-cache"]
    args = [
        "translate",
        str(film),
        "--to",
        to,
        "--engine",
        "libre",
        "--engine-url",
        libre.url.rstrip("/"),
        "--batch-chars",
        str(LIMIT),
        "--retry-wait",
        "0.01",
        "--timeout",
        "5",
        *cache_args,
        *extra,
    ]
    return CliRunner().invoke(cli, args)


def terms_for(language: str) -> dict[str, str]:
    column = {"en": 1, "de": 2}[language]
    rows = [line.split(",") for line in GLOSSARY.strip().split("\n")[1:]]
    return {row[0]: row[column] or row[0] for row in rows}


def test_two_languages_keep_cues_times_words_tags_and_limits(film: Path, libre: FakeLibre, tmp_path: Path) -> None:
    glossary = tmp_path / "names.csv"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    result = run(film, libre, "--glossary", str(glossary))
    assert result.exit_code == 0, result.stderr
    source = read_track(str(film))
    chars = sum(len(cue.text) for cue in source.cues)
    for language in ("en", "de"):
        draft = read_track(str(film.with_name(f"film.{language}.srt")))
        assert_good_draft(source, draft, language, terms_for(language))
        assert f"{language}: 130 cues" in result.stdout
    per_language = libre.requests / 2
    assert per_language <= math.ceil(chars / LIMIT) + 2
    assert all(len(query) < LIMIT for query in libre.queries)
    # sentences that run over cues went out whole, in one line of one request
    joined = "\n".join(libre.queries)
    assert "Au matin, la capitale vit encore sous l’autorité de la République." in joined


def test_rerun_with_the_same_cache_sends_nothing(film: Path, libre: FakeLibre, tmp_path: Path) -> None:
    cache = tmp_path / "cache.sqlite3"
    first = run(film, libre, cache=cache)
    assert first.exit_code == 0, first.stderr
    assert libre.requests > 0
    before = film.with_name("film.en.srt").read_bytes()
    libre.requests = 0
    second = run(film, libre, cache=cache)
    assert second.exit_code == 0, second.stderr
    assert libre.requests == 0
    assert "0 requests" in second.stdout
    assert film.with_name("film.en.srt").read_bytes() == before


def test_three_429_in_a_row_are_survived(film: Path, libre: FakeLibre) -> None:
    libre.fail_next = [429, 429, 429]
    result = run(film, libre, to="en")
    assert result.exit_code == 0, result.stderr
    assert_good_draft(read_track(str(film)), read_track(str(film.with_name("film.en.srt"))), "en")


def test_server_error_exits_4_and_leaves_existing_output_untouched(film: Path, libre: FakeLibre) -> None:
    existing = film.with_name("film.en.srt")
    existing.write_bytes(b"1\n00:00:01,000 --> 00:00:02,000\nold draft\n")
    libre.fail_always = 500
    result = run(film, libre, "--retries", "2")
    assert result.exit_code == 4
    lines = result.stderr.strip().split("\n")
    assert len(lines) == 1 and lines[0].startswith("subkit: ") and "HTTP 500" in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert existing.read_bytes() == b"1\n00:00:01,000 --> 00:00:02,000\nold draft\n"
    assert not film.with_name("film.de.srt").exists()
    assert libre.requests == 3  # one request, two retries, then give up
    assert sorted(p.name for p in film.parent.iterdir()) == ["film.en.srt", "film.fr.srt"]


def test_mangled_separators_still_give_a_correct_draft_with_more_requests(
    film: Path, libre: FakeLibre, tmp_path: Path
) -> None:
    clean = run(film, libre, to="en")
    assert clean.exit_code == 0
    clean_requests, clean_text = libre.requests, film.with_name("film.en.srt").read_text(encoding="utf-8")
    libre.requests = 0
    libre.mangle_over = 4  # more than four lines in one request: two of them come back merged
    mangled = run(film, libre, to="en")
    assert mangled.exit_code == 0, mangled.stderr
    assert libre.requests > clean_requests
    assert film.with_name("film.en.srt").read_text(encoding="utf-8") == clean_text
    assert_good_draft(read_track(str(film)), read_track(str(film.with_name("film.en.srt"))), "en")


def test_lost_placeholders_fall_back_without_losing_words(film: Path, libre: FakeLibre) -> None:
    libre.drop_placeholders = True
    result = run(film, libre, to="es")
    assert result.exit_code == 0, result.stderr
    draft = read_track(str(film.with_name("film.es.srt")))
    source = read_track(str(film))
    report = json.loads(film.with_name("film.es.qa.json").read_text(encoding="utf-8"))["drafts"][0]
    dropped = {entry["cue"] for entry in report["fallback"] if "inline tags dropped" in entry["reason"]}
    assert dropped and dropped <= set(range(1, 131))
    assert re.search(r"es: 130 cues, .*; 0 untranslated, .* [1-9]\d* fallbacks;", result.stdout), result.stdout
    assert not result.stderr
    from .checks import decoded_words, words

    for before, after in zip(source.cues, draft.cues):
        assert decoded_words(after.text, "es", {}) == words(before.text)


def test_vtt_output_in_a_folder(film: Path, libre: FakeLibre, tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    result = run(film, libre, "--format", "vtt", "-o", str(out), to="pl")
    assert result.exit_code == 0, result.stderr
    draft = read_track(str(out / "film.pl.vtt"))
    assert draft.source is not None and draft.source.format == "vtt"
    assert_good_draft(read_track(str(film)), draft, "pl")


def test_with_a_memory_an_unsupported_language_still_stops_the_run_before_any_request(
    film: Path, libre: FakeLibre, tmp_path: Path
) -> None:
    # the engines are set up on the first request, all of them: nl (which deep-translator's libre
    # does not list) stops the run before en's first request is sent
    result = run(film, libre, "--memory", str(tmp_path / "empty.tm"), to="en,nl")
    assert result.exit_code == 2 and "does not support the language 'nl'" in result.stderr
    assert libre.requests == 0 and not (film.parent / "film.en.srt").exists()


@pytest.mark.parametrize(("fmt", "name"), [("stl", "film.en.stl"), ("sami", "film.en.smi"), ("ass", "film.en.ass")])
def test_every_writable_format_is_a_draft_format(film: Path, libre: FakeLibre, fmt: str, name: str) -> None:
    result = run(film, libre, "--format", fmt, to="en")
    assert result.exit_code == 0, result.stderr
    draft = read_track(str(film.parent / name))
    assert draft.source is not None and draft.source.format == fmt
    assert len(draft.cues) == len(read_track(str(film)).cues)
    assert (film.parent / "film.en.qa.json").exists() and not (film.parent / "film.en.srt").exists()


def test_format_offers_every_writable_format() -> None:
    from subkit.cli.translate import translate
    from subkit.formats import WRITABLE

    option = next(param for param in translate.params if param.name == "fmt")
    assert sorted(option.type.choices) == sorted(WRITABLE)  # type: ignore[attr-defined]


def test_help_and_version_import_no_translation_library() -> None:
    code = (
        "import sys; from subkit.cli import main\n"
        "try:\n    main(['translate', '--help'])\nexcept SystemExit: pass\n"
        "bad = [m for m in ('deep_translator', 'requests', 'langdetect', 'budoux') if m in sys.modules]\n"
        "sys.stderr.write(repr(bad))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env={**os.environ, "COLUMNS": "100"}
    )
    assert done.stderr.strip() == "[]"
    assert "--engine-url" in done.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["--to", "fr"], "source language"),
        (["--to", "en", "--engine", "yandex", "--engine-url", "http://x/"], "only for --engine libre"),
        (["--to", "en,xx1"], "not a language code"),
        (["--to", "en", "--cache", "c.db", "--no-cache"], "exclude each other"),
    ],
)
def test_usage_errors_are_one_line_exit_2(film: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["translate", str(film), *args])
    assert result.exit_code == 2, result.output
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_unreadable_input_exits_3(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["translate", str(tmp_path / "none.fr.srt"), "--to", "en", "--no-cache"])
    assert result.exit_code == 3
    assert "no such file" in result.stderr


def test_from_auto_detects_the_source_language(film: Path, libre: FakeLibre) -> None:
    unnamed = film.with_name("film.srt")
    film.rename(unnamed)
    result = run(unnamed, libre, "--from", "auto", to="en")
    assert result.exit_code == 0, result.stderr
    assert libre.requests >= 1 and set(libre.sources) == {"fr"}
    assert unnamed.with_name("film.en.srt").exists()


def test_stdout_output_and_a_progress_bar_on_a_terminal(
    film: Path, libre: FakeLibre, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("subkit.progress.progress_wanted", lambda quiet=False, stream=None: True)
    result = run(film, libre, "-o", "-", to="it")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("1\n00:00:24,000 --> 00:00:26,960\n")
    assert "it: 130 cues" in result.stderr  # the summary moves to stderr
    assert re.search(r"\r\x1b\[2Kit: \d+ requests \[#+\] 112/112", result.stderr)  # the bar: requests and texts done
    assert not film.with_name("film.it.srt").exists()
