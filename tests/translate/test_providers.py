"""`subkit translate` through deep-translator's real Google, DeepL and MyMemory classes, pointed
with --engine-url at look-alike servers on 127.0.0.1 (fakeproviders.py): the default engine and
the contract's other named ones, their batching limits, and what they do when the server fails."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from click.testing import Result

from subkit.formats import read_track, write_track
from subkit.model import Cue
from subkit.translation.engine import ProviderEngine
from subkit.translation.languages import mymemory_code

from .checks import assert_good_draft, run_translate
from .conftest import DATA
from .fakeproviders import FakeProviders

ENGINES = ["google", "deepl", "mymemory"]
#: cues with no letter or digit: never sent (Google answers None for them), kept as they are
NO_LETTERS = {"...", "- ?\n- !", "♪"}
OLD_DRAFT = b"1\n00:00:01,000 --> 00:00:02,000\nold draft\n"


@pytest.fixture
def short_film(tmp_path: Path) -> Path:
    """The fixture's first 20 cues, plus three with no letters, one of them mid-sentence-flow."""
    track = read_track(str(DATA / "film.fr.srt"))
    cues = track.cues[:20]
    cues.insert(11, Cue(60_000, 62_000, "♪"))  # between "Attendez…" and "Maintenant !"
    last = cues[-1].end
    cues += [Cue(last + 500, last + 1500, "..."), Cue(last + 2000, last + 3500, "- ?\n- !")]
    path = tmp_path / "short.fr.srt"
    write_track(track.with_cues(cues), str(path), "srt")
    return path


@pytest.fixture
def deepl_key(providers: FakeProviders, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("DEEPL_API_KEY", providers.deepl_key)
    return providers.deepl_key


def run(path: Path, providers: FakeProviders, engine: str, *extra: str, to: str = "en") -> Result:
    return run_translate(path, providers.url, engine, "--no-cache", *extra, to=to, retry_wait="0.01")


def sent_lines(providers: FakeProviders, engine: str) -> list[str]:
    return [line for text in providers.texts(engine) for line in text.split("\n")]


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, providers: FakeProviders) -> str:
    monkeypatch.setenv("DEEPL_API_KEY", providers.deepl_key)
    return str(request.param)


def test_a_short_track_keeps_cues_times_words_and_tags(short_film: Path, providers: FakeProviders, engine: str) -> None:
    result = run(short_film, providers, engine)
    assert result.exit_code == 0, result.stderr
    source = read_track(str(short_film))
    draft = read_track(str(short_film.with_name("short.en.srt")))
    assert len(source.cues) == 23
    assert_good_draft(source, draft, "en")  # cue count, times, every word back, tags balanced, limits
    kept = {after.text for before, after in zip(source.cues, draft.cues) if before.text in NO_LETTERS}
    assert kept == {"...", "♪", "-?\n-!"}  # kept, with English speaker dashes (`-Text`, rule Y004)
    lines = sent_lines(providers, engine)
    assert lines and all(re.search(r"[^\W_]", line) for line in lines), lines  # nothing letterless was sent
    assert not any("♪" in line for line in lines)
    assert "en: 23 cues" in result.stdout


def test_two_429_then_success(short_film: Path, providers: FakeProviders, engine: str) -> None:
    clean = run(short_film, providers, engine)
    assert clean.exit_code == 0, clean.stderr
    expected, clean_requests = short_film.with_name("short.en.srt").read_bytes(), providers.requests
    providers.calls.clear()
    providers.fail_next = [429, 429]
    result = run(short_film, providers, engine)
    assert result.exit_code == 0, result.stderr
    assert providers.requests == clean_requests + 2
    assert short_film.with_name("short.en.srt").read_bytes() == expected


def test_500_forever_exits_4_naming_the_engine_and_leaves_the_output_alone(
    short_film: Path, providers: FakeProviders, engine: str
) -> None:
    existing = short_film.with_name("short.en.srt")
    existing.write_bytes(OLD_DRAFT)
    providers.fail_always = 500
    result = run(short_film, providers, engine, "--retries", "2")
    assert result.exit_code == 4
    lines = result.stderr.strip().split("\n")
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"subkit: {short_film}: {engine} fr->en: HTTP 500 from {providers.url}/")
    assert lines[0].endswith("after 3 tries")
    assert providers.deepl_key not in result.stderr  # DeepL's key travels in the query string
    assert providers.requests == 3
    assert existing.read_bytes() == OLD_DRAFT


def test_a_server_slower_than_the_timeout_is_retried_then_given_up(
    short_film: Path, providers: FakeProviders, engine: str
) -> None:
    providers.delay = 5.0
    result = run(short_film, providers, engine, "--timeout", "0.2", "--retries", "1")
    assert result.exit_code == 4
    assert result.stderr.strip() == f"subkit: {short_film}: {engine} fr->en: no answer within 0.2 s after 2 tries"
    # The client tried twice (its message says so); on a loaded machine the second connection may
    # time out before the server has even read the request, so the server may count fewer.
    assert 1 <= providers.requests <= 2
    assert not short_film.with_name("short.en.srt").exists()


def test_google_sends_many_sentences_per_request(short_film: Path, providers: FakeProviders) -> None:
    result = run(short_film, providers, "google")
    assert result.exit_code == 0, result.stderr
    texts = providers.texts("google")
    sentences = sent_lines(providers, "google")
    assert len(sentences) >= 12  # the sentences of 20 cues, each once
    assert len(texts) == 1 < len(sentences)
    assert "Au matin, la capitale vit encore sous l’autorité de la République." in sentences
    assert [params["sl"] + ">" + params["tl"] for _, params in providers.calls] == ["fr>en"]


def test_google_requests_stay_under_5000_characters(film: Path, providers: FakeProviders) -> None:
    result = run(film, providers, "google")
    assert result.exit_code == 0, result.stderr
    texts = providers.texts("google")
    sent = sum(len(text) for text in texts)
    assert sent > 5000  # the whole film cannot go in one request
    assert all(len(text) < 5000 for text in texts)
    assert 2 <= len(texts) <= math.ceil(sent / 4999) + 2
    assert max(len(text) for text in texts) > 3000  # batches are filled, not one sentence each
    assert_good_draft(read_track(str(film)), read_track(str(film.with_name("film.en.srt"))), "en")


def test_google_page_that_collapses_newlines_costs_requests_not_correctness(
    short_film: Path, providers: FakeProviders
) -> None:
    clean = run(short_film, providers, "google")
    assert clean.exit_code == 0, clean.stderr
    expected, sentences = short_film.with_name("short.en.srt").read_bytes(), len(sent_lines(providers, "google"))
    providers.calls.clear()
    providers.collapse_newlines = True  # every batch comes back as one line: halved down to single sentences
    result = run(short_film, providers, "google")
    assert result.exit_code == 0, result.stderr
    assert short_film.with_name("short.en.srt").read_bytes() == expected
    assert sentences < providers.requests < 2 * sentences


def test_mymemory_requests_stay_under_500_bytes(film: Path, providers: FakeProviders) -> None:
    result = run(film, providers, "mymemory")
    assert result.exit_code == 0, result.stderr
    texts = providers.texts("mymemory")
    assert all(len(text.encode("utf-8")) <= 500 for text in texts)  # MyMemory counts bytes, not characters
    assert max(len(text.encode("utf-8")) for text in texts) > 400  # and batches are filled
    assert len(texts) < len(sent_lines(providers, "mymemory"))
    assert {params["langpair"] for _, params in providers.calls} == {"fr-FR|en-GB"}
    assert_good_draft(read_track(str(film)), read_track(str(film.with_name("film.en.srt"))), "en")


def test_mymemory_refusal_in_a_200_answer_is_an_error_not_a_translation(providers: FakeProviders) -> None:
    from subkit.errors import ServiceError
    from subkit.translation.engine import RetryPolicy

    translator = ProviderEngine("mymemory", "fr", "en", providers.url, RetryPolicy(tries=3, base=0.0))
    with pytest.raises(
        ServiceError,
        match=r"mymemory fr->en: http://127.0.0.1:\d+/get refused the request "
        r"\(status 403: QUERY LENGTH LIMIT EXCEEDED\)$",
    ):
        translator.translate("é" * 260)  # 259 characters pass deep-translator's check, 520 bytes do not
    assert providers.requests == 1  # a refusal is not retried


def test_deepl_sends_the_key_from_the_environment(short_film: Path, providers: FakeProviders, deepl_key: str) -> None:
    result = run(short_film, providers, "deepl")
    assert result.exit_code == 0, result.stderr
    assert {(p["auth_key"], p["source_lang"], p["target_lang"]) for _, p in providers.calls} == {
        (deepl_key, "fr", "en")
    }
    assert len(providers.calls) < len(sent_lines(providers, "deepl"))


def test_deepl_without_a_key_stops_before_any_request(
    short_film: Path, providers: FakeProviders, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DEEPL_API_KEY", raising=False)
    result = run(short_film, providers, "deepl", to="en,de")
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("engine deepl needs a key: set DEEPL_API_KEY in the environment")
    assert providers.requests == 0
    assert sorted(p.name for p in short_film.parent.iterdir()) == ["short.fr.srt"]


def test_deepl_refused_key_is_one_line_without_the_key(
    short_film: Path, providers: FakeProviders, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEEPL_API_KEY", "wrong-key:fx")
    result = run(short_film, providers, "deepl")
    assert result.exit_code == 4
    assert "HTTP 403" in result.stderr or "refused the API key" in result.stderr, result.stderr
    assert "wrong-key" not in result.stderr and result.stderr.count("\n") == 1
    assert providers.requests == 1  # a refused key is not retried


def test_deepl_free_and_pro_keys_go_to_their_own_servers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEEPL_API_KEY", "abc:fx")
    assert ProviderEngine("deepl", "fr", "en")._translator._base_url == "https://api-free.deepl.com/v2/"
    monkeypatch.setenv("DEEPL_API_KEY", "abc")
    assert ProviderEngine("deepl", "fr", "en")._translator._base_url == "https://api.deepl.com/v2/"


@pytest.mark.parametrize("name, path", [("google", "m"), ("deepl", "v2/"), ("mymemory", "get"), ("libre", "")])
def test_engine_url_replaces_the_server_and_keeps_the_provider_path(
    name: str, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEEPL_API_KEY", "k")
    translator = ProviderEngine(name, "fr", "en", "https://mirror.example/prefix")
    assert translator.cache_key == f"{name}@https://mirror.example/prefix/"  # another server, another cache entry
    if name != "libre":
        assert translator._translator._base_url == f"https://mirror.example/prefix/{path}"
    assert ProviderEngine(name, "fr", "en").cache_key == name


@pytest.mark.parametrize(
    "code, expected",
    [
        ("fr", "fr-FR"),
        ("en", "en-GB"),
        ("de", "de-DE"),
        ("pt-BR", "pt-BR"),
        ("pt", "pt-PT"),
        ("zh", "zh-CN"),
        ("xx", "xx"),
    ],
)
def test_mymemory_language_codes(code: str, expected: str) -> None:
    assert mymemory_code(code) == expected


def test_engine_url_for_an_engine_without_one_is_a_usage_error(short_film: Path, providers: FakeProviders) -> None:
    result = run(short_film, providers, "microsoft")
    assert result.exit_code == 2
    assert "--engine-url is only for --engine libre, google, deepl, mymemory" in result.stderr
    assert providers.requests == 0
