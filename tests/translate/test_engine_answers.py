"""Engines that answer badly, through deep-translator's real Google, MyMemory and Libre classes
against look-alike servers on 127.0.0.1: no bad answer reaches a draft or the cache, every
fallback and every cue left untranslated is in the QA report, and languages without spaces,
right-to-left languages and BCP 47 codes come out right (issue 9)."""

from __future__ import annotations

import json
import math
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from subkit.counting import count_graphemes
from subkit.formats import read_track, write_track
from subkit.markup import visible_text
from subkit.translation.segment import is_balanced, split_cue

from .checks import assert_good_draft, run_translate
from .conftest import DATA
from .fakelibre import FakeLibre, cjk_letters, letters_only, rtl_letters
from .fakeproviders import FakeProviders

LIMIT = 1000


@pytest.fixture
def short_film(tmp_path: Path) -> Path:
    """The fixture's first 40 cues: dialogue, italics, an inline tag, sentences over cues."""
    track = read_track(str(DATA / "film.fr.srt"))
    path = tmp_path / "short.fr.srt"
    write_track(track.with_cues(track.cues[:40]), str(path), "srt")
    return path


def run(path: Path, url: str, engine: str, *extra: str, to: str = "en", cache: Path | None = None) -> Result:
    cache_args = ["--cache", str(cache)] if cache else ["--no-cache"]
    return run_translate(path, url, engine, *cache_args, "--batch-chars", str(LIMIT), *extra, to=to)


def qa(draft: Path) -> dict[str, Any]:
    report = json.loads(draft.with_name(draft.name.rsplit(".", 1)[0] + ".qa.json").read_text(encoding="utf-8"))
    assert len(report["drafts"]) == 1
    return report["drafts"][0]  # type: ignore[no-any-return]


def cached_answers(cache: Path) -> list[str]:
    with sqlite3.connect(cache) as connection:
        return [row[0] for row in connection.execute("SELECT translation FROM answers_v2")]


def test_html_entities_are_decoded_exactly_once(short_film: Path, providers: FakeProviders) -> None:
    providers.entities = True  # MyMemory: `n&#39;ai`; Google's page: escaped twice
    providers.misbehave = lambda provider, q, text: text.replace("’", "'")
    for engine in ("mymemory", "google"):
        result = run(short_film, providers.url, engine)
        assert result.exit_code == 0, result.stderr
        draft = short_film.with_name("short.en.srt")
        text = draft.read_text(encoding="utf-8")
        assert "&#" not in text and "&amp;" not in text and "&quot;" not in text
        assert text.count("'") >= 5
        assert_good_draft(read_track(str(short_film)), read_track(str(draft)), "en")


def test_a_quota_warning_is_a_provider_failure_and_never_cached(
    short_film: Path, providers: FakeProviders, tmp_path: Path
) -> None:
    providers.quota = True
    cache = tmp_path / "cache.sqlite3"
    result = run(short_film, providers.url, "mymemory", cache=cache)
    assert result.exit_code == 4
    assert result.stderr.count("\n") == 1 and "MYMEMORY WARNING" in result.stderr, result.stderr
    assert "provider's message, not a translation" in result.stderr
    assert providers.requests == 1  # a quota does not come back by asking again
    assert sorted(p.name for p in short_film.parent.iterdir()) == ["cache.sqlite3", "short.fr.srt"]
    assert cached_answers(cache) == []
    providers.quota = False  # the next day: the rerun translates everything
    again = run(short_film, providers.url, "mymemory", cache=cache)
    assert again.exit_code == 0, again.stderr
    assert "MYMEMORY" not in short_film.with_name("short.en.srt").read_text(encoding="utf-8")


def test_an_html_error_page_with_200_is_retried(short_film: Path, libre: FakeLibre) -> None:
    page = "<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>"
    pages = [page]
    libre.misbehave = lambda q, text: pages.pop() if pages else text
    result = run(short_film, libre.url, "libre")
    assert result.exit_code == 0, result.stderr
    assert libre.requests == 3  # the page, then the same request again, then the rest
    assert "nginx" not in short_film.with_name("short.en.srt").read_text(encoding="utf-8")
    libre.misbehave = lambda q, text: page  # every answer: exit 4 after the retries
    failed = run(short_film, libre.url, "libre", "--retries", "1", to="de")
    assert failed.exit_code == 4 and "Bad Gateway" in failed.stderr and failed.stderr.count("\n") == 1
    assert not short_film.with_name("short.de.srt").exists()


def test_an_empty_answer_for_one_sentence(short_film: Path, libre: FakeLibre, tmp_path: Path) -> None:
    target = "Baisse la lampe"
    libre.misbehave = lambda q, text: "\n".join(
        "" if target.lower() in source.lower() else line for source, line in zip(q.split("\n"), text.split("\n"))
    )
    cache = tmp_path / "cache.sqlite3"
    refused = run(short_film, libre.url, "libre", cache=cache)
    assert refused.exit_code == 4
    assert re.search(
        r"no usable translation for 1 cue \(6; empty answer\); nothing written \(--allow-untranslated", refused.stderr
    ), refused.stderr
    assert not short_film.with_name("short.en.srt").exists()
    assert "" not in cached_answers(cache) and len(cached_answers(cache)) > 20  # the good answers were kept

    libre.requests = 0
    allowed = run(short_film, libre.url, "libre", "--allow-untranslated", cache=cache)
    assert allowed.exit_code == 0, allowed.stderr
    assert libre.requests >= 1  # the empty answer was not cached: it is asked again
    draft = short_film.with_name("short.en.srt")
    first, second = read_track(str(draft)).cues[5].text.split("\n")
    assert first == "-Baisse la lampe\u00a0!" and "baisse" not in second  # that speaker's line stays French
    report = qa(draft)
    assert report["untranslated"] == [{"cue": 6, "reason": "empty answer"}]
    assert "; 1 untranslated," in allowed.stdout

    libre.misbehave = None
    libre.requests = 0
    healed = run(short_film, libre.url, "libre", cache=cache)
    assert healed.exit_code == 0 and libre.requests == 1  # only what was missing is sent
    assert_good_draft(read_track(str(short_film)), read_track(str(draft)), "en")


def test_zero_width_characters_and_boms_the_engine_adds_are_dropped(short_film: Path, libre: FakeLibre) -> None:
    libre.misbehave = lambda q, text: "\ufeff" + text.replace(" ", "\u200b ", 3).replace("e", "e\u200d", 2)
    result = run(short_film, libre.url, "libre")
    assert result.exit_code == 0, result.stderr
    text = short_film.with_name("short.en.srt").read_text(encoding="utf-8")
    assert not set(text) & {"\ufeff", "\u200b", "\u200d"}
    assert_good_draft(read_track(str(short_film)), read_track(str(short_film.with_name("short.en.srt"))), "en")


def test_swapped_placeholders_never_make_crossed_tags(tmp_path: Path, libre: FakeLibre) -> None:
    path = tmp_path / "tags.fr.srt"
    path.write_text(
        "1\n00:00:01,000 --> 00:00:03,000\nIl a dit <i>non</i> deux fois.\n\n"
        "2\n00:00:03,500 --> 00:00:06,000\nLe <b>commandant</b> est <i>parti</i>\n\n"
        "3\n00:00:06,200 --> 00:00:08,000\nau petit matin.\n",
        encoding="utf-8",
    )
    libre.misbehave = lambda q, text: re.sub(r"\[(\d+)\](\S*?)\[(\d+)\]", r"[\3]\2[\1]", text)  # the engine swaps them
    result = run(path, libre.url, "libre")
    assert result.exit_code == 0, result.stderr
    draft = read_track(str(tmp_path / "tags.en.srt"))
    assert all(is_balanced(cue.text) for cue in draft.cues), [cue.text for cue in draft.cues]
    assert "</i> " not in draft.cues[0].text.split("<i>")[0]  # never `He said</i> no <i>twice`
    fallback = qa(tmp_path / "tags.en.srt")["fallback"]
    assert [entry["cue"] for entry in fallback] == [1, 2, 3]
    assert all("tags crossed or out of order" in entry["reason"] for entry in fallback)


def test_an_untranslated_answer_is_tried_again_then_listed(short_film: Path, providers: FakeProviders) -> None:
    echoed = "Ne filme pas mon visage, mon frère."
    providers.misbehave = lambda provider, q, text: "\n".join(
        source if source == echoed else line for source, line in zip(q.split("\n"), text.split("\n"))
    )
    refused = run(short_film, providers.url, "google")
    assert refused.exit_code == 4 and "(7; untranslated)" in refused.stderr, refused.stderr
    assert providers.texts("google").count(echoed) == 1  # the batch, then once alone
    allowed = run(short_film, providers.url, "google", "--allow-untranslated")
    assert allowed.exit_code == 0
    assert qa(short_film.with_name("short.en.srt"))["untranslated"] == [{"cue": 7, "reason": "untranslated"}]


def test_an_engine_that_echoes_everything_fails_at_once(short_film: Path, libre: FakeLibre) -> None:
    libre.misbehave = lambda q, text: q
    result = run(short_film, libre.url, "libre")
    assert result.exit_code == 4 and "untranslated" in result.stderr and libre.requests == 1, result.stderr


def test_a_cache_of_an_earlier_version_does_not_poison_drafts(
    short_film: Path, libre: FakeLibre, tmp_path: Path
) -> None:
    cache = tmp_path / "old.sqlite3"
    with sqlite3.connect(cache) as connection:
        connection.execute(
            "CREATE TABLE translations (engine TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL, "
            "text TEXT NOT NULL, translation TEXT NOT NULL, PRIMARY KEY (engine, source, target, text))"
        )
        for piece in (p for i, cue in enumerate(read_track(str(short_film)).cues) for p in split_cue(i, cue)):
            connection.execute(
                "INSERT OR IGNORE INTO translations VALUES (?, 'fr', 'en', ?, ?)",
                (f"libre@{libre.url}", piece.plain, "MYMEMORY WARNING: YOU USED ALL AVAILABLE"),
            )
    result = run(short_film, libre.url, "libre", cache=cache)
    assert result.exit_code == 0, result.stderr
    assert libre.requests >= 1 and "MYMEMORY" not in short_film.with_name("short.en.srt").read_text(encoding="utf-8")


def test_hebrew_chinese_and_brazilian_codes_go_to_each_provider_in_its_own_spelling(
    short_film: Path, providers: FakeProviders
) -> None:
    result = run(short_film, providers.url, "google", to="he,zh-Hant,pt-BR")
    assert result.exit_code == 0, result.stderr
    assert {params["tl"] for _, params in providers.calls} == {"iw", "zh-TW", "pt"}
    names = sorted(p.name for p in short_film.parent.iterdir() if p.suffix == ".srt")
    assert names == ["short.fr.srt", "short.he.srt", "short.pt-BR.srt", "short.zh-Hant.srt"]  # the user's codes
    providers.calls.clear()
    mymemory = run(short_film, providers.url, "mymemory", "-o", str(short_film.parent / "mm"), to="he")
    assert mymemory.exit_code == 0, mymemory.stderr
    assert {params["langpair"] for _, params in providers.calls} == {"fr-FR|he-IL"}


def test_right_to_left_drafts(short_film: Path, providers: FakeProviders) -> None:
    providers.misbehave = lambda provider, q, text: "\u202b" + text.replace(" ", " \u200e", 2)  # bidi junk
    result = run(short_film, providers.url, "google", "--glossary", str(_glossary(short_film)), to="he")
    assert result.exit_code == 0, result.stderr
    source, draft = read_track(str(short_film)), read_track(str(short_film.with_name("short.he.srt")))
    assert not any(ch in cue.text for cue in draft.cues for ch in "\u202b\u200e")
    for before, after in zip(source.cues, draft.cues):
        for line in visible_text(after.text).split("\n"):
            stripped = line.lstrip("-\u200f ")
            if re.match(r"[A-Za-z0-9]", stripped):  # starts with a Latin name or a number
                assert line.lstrip("-").startswith("\u200f"), line
        if before.text.count("\n- ") and before.text.startswith("- "):  # a dialogue: second speaker only
            lines = visible_text(after.text).split("\n")
            assert not lines[0].startswith("-") and lines[1].startswith("-") and not lines[1].startswith("- ")
    letters = rtl_letters("".join(visible_text(c.text) for c in draft.cues), "iw")
    assert letters == letters_only("".join(visible_text(c.text) for c in source.cues).replace("Panchir", ""))


def _glossary(film: Path) -> Path:
    path = film.with_name("names.csv")
    path.write_text("fr,he\nPanchir,Panjshir\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("target, cpl", [("ja", 13), ("zh", 16)])
def test_languages_without_spaces_are_batched_and_wrapped_like_the_others(
    film: Path, providers: FakeProviders, target: str, cpl: int
) -> None:
    result = run(film, providers.url, "google", to=target)
    assert result.exit_code == 0, result.stderr
    source = read_track(str(film))
    draft = read_track(str(film.with_name(f"film.{target}.srt")))
    sent = sum(len(piece.plain) for i, cue in enumerate(source.cues) for piece in split_cue(i, cue))
    assert providers.requests <= math.ceil(sent / LIMIT) + 2
    assert f"over {cpl} CPL" in result.stdout
    assert cjk_letters("".join(c.text for c in draft.cues), target) == letters_only(
        "".join(visible_text(c.text) for c in source.cues)
    )
    for cue in draft.cues:
        lines = visible_text(cue.text).split("\n")
        assert len(lines) <= 2 and is_balanced(cue.text)
        dialogue = sum(line.startswith("-") for line in lines) >= 2
        if sum(count_graphemes(line) for line in lines) <= 2 * cpl - 2 and not dialogue:
            assert all(count_graphemes(line) <= cpl for line in lines), cue.text
        assert not any(line.startswith(("。", "、", "？", "！")) for line in lines)
    over = qa(film.with_name(f"film.{target}.srt"))["over_limits"]
    assert {entry["code"] for entry in over} <= {"R001", "L001", "L002"} and len(over) >= 1  # all listed, none cut


def test_vtt_header_voices_and_timestamp_tags(tmp_path: Path, libre: FakeLibre) -> None:
    path = tmp_path / "voices.fr.vtt"
    path.write_text(
        "WEBVTT\nLanguage: fr\n\n00:00:01.000 --> 00:00:03.000\n<v Roger>Il a dit <i>non</i> deux fois\n\n"
        "00:00:03.200 --> 00:00:05.000\n<v Roger>au commandant du village.</v>\n\n"
        "00:00:06.000 --> 00:00:09.000\n<v Anna>Nous <00:00:06.500>sommes <00:00:07.000>arrivés hier.\n\n"
        "00:00:10.000 --> 00:00:12.000\n<v Anna>Oui.</v> <v Roger>Non, jamais de la vie.</v>\n",
        encoding="utf-8",
    )
    result = run(path, libre.url, "libre")
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "voices.en.vtt").read_text(encoding="utf-8")
    assert "Language: en" in text and "Language: fr" not in text
    draft = read_track(str(tmp_path / "voices.en.vtt"))
    assert [cue.text.startswith("<v ") for cue in draft.cues] == [True] * 4
    assert "<v Anna>" in draft.cues[3].text and "<v Roger>" in draft.cues[3].text
    assert re.findall(r"<\d\d:\d\d:\d\d\.\d{3}>", draft.cues[2].text) == ["<00:00:06.500>", "<00:00:07.000>"]
    assert not any("</v>" in query.split("\n")[0][:-1] for query in libre.queries)  # never mid-sentence
    # SRT cannot hold timestamp tags: the report says they were left out
    srt = run(path, libre.url, "libre", "--format", "srt", to="de")
    assert srt.exit_code == 0
    assert any("timestamp" in note for note in qa(tmp_path / "voices.de.srt")["notes"])


def test_numbers_and_glossary_terms_are_checked_against_the_source(short_film: Path, libre: FakeLibre) -> None:
    track = read_track(str(short_film))
    track.cues[2] = track.cues[2].copy(text="Combien de véhicules\u00a0? Trois ou 5\u00a0000\u00a0?")
    track.cues[3] = track.cues[3].copy(text="Ils montent vers le Panchir.")
    write_track(track, str(short_film), "srt")
    glossary = short_film.with_name("names.csv")
    glossary.write_text("fr,en\nPanchir,Panjshir\n", encoding="utf-8")
    libre.misbehave = lambda q, text: re.sub(r"5\s000", "500", text)
    libre.drop_placeholders = True  # the term's placeholder is lost, then the engine "translates" the name
    result = run(
        short_film, libre.url, "libre", "--glossary", str(glossary), "--report", str(short_film.parent / "qa.json")
    )
    assert result.exit_code == 0, result.stderr
    report = json.loads((short_film.parent / "qa.json").read_text(encoding="utf-8"))["drafts"][0]
    assert {"cues": [3], "source": ["5000"], "draft": ["500"]} in report["numbers"]
    assert any(entry["term"] == "Panchir" and 4 in entry["cues"] for entry in report["glossary"])
    assert not short_film.with_name("short.en.qa.json").exists()  # --report gathers them instead
    assert "(QA " + str(short_film.parent / "qa.json") + ")" in result.stdout


def test_a_qa_report_to_standard_output(short_film: Path, libre: FakeLibre) -> None:
    """`--report -`: the JSON goes to stdout (the summary to stderr) and no file named `-` appears."""
    result = run(short_film, libre.url, "libre", "--report", "-")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["drafts"][0]["language"] == "en"
    assert "short.en.srt" in result.stderr and not Path("-").exists()
    assert not short_film.with_name("short.en.qa.json").exists()
    both = run(short_film, libre.url, "libre", "--report", "-", "-o", "-")
    assert both.exit_code == 2 and "standard output" in both.stderr


def test_the_installed_command_refuses_a_quota_warning_and_writes_a_japanese_draft(
    short_film: Path, providers: FakeProviders, tmp_path: Path
) -> None:
    """Real runs of the installed `subkit`: exit codes and files as a shell script sees them."""
    import os
    import shutil
    import subprocess
    import sys

    script = shutil.which("subkit", path=os.path.dirname(sys.executable)) or shutil.which("subkit")
    command = [script] if script else [sys.executable, "-m", "subkit"]
    base = [*command, "translate", str(short_film), "--engine-url", providers.url, "--no-cache", "--retry-wait", "0"]
    env = {**os.environ, "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}
    providers.quota = True
    refused = subprocess.run(
        [*base, "--to", "en", "--engine", "mymemory"], capture_output=True, text=True, timeout=120, env=env
    )
    assert refused.returncode == 4 and refused.stderr.count("\n") == 1 and "MYMEMORY WARNING" in refused.stderr
    assert not short_film.with_name("short.en.srt").exists()
    done = subprocess.run([*base, "--to", "ja", "-q"], capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0 and done.stdout == "" and done.stderr == ""
    report = qa(short_film.with_name("short.ja.srt"))
    assert report["language"] == "ja" and report["limits"]["max-cpl"] == 13
