"""The translation memory: alignment by time overlap, human over machine, TMX in and out, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from subkit.cli import cli
from subkit.formats import write_track
from subkit.model import Cue, Track
from subkit.translation.memory import Pair, TranslationMemory, align


def track(*cues: tuple[int, int, str]) -> Track:
    return Track([Cue(start, end, text) for start, end, text in cues])


def test_align_pairs_one_to_one_despite_small_retiming() -> None:
    source = track((0, 2000, "Un."), (2100, 4000, "Deux."), (4100, 6000, "Trois."))
    target = track((0, 2150, "One."), (2050, 4100, "Two."), (4200, 6000, "Three."))
    pairs, alone = align(source, target)
    assert [(p.source, p.target, p.cues) for p in pairs] == [
        ("Un.", "One.", (1, 1)),
        ("Deux.", "Two.", (1, 1)),
        ("Trois.", "Three.", (1, 1)),
    ]
    assert alone == 0


def test_align_groups_merged_and_split_cues() -> None:
    source = track((0, 1000, "A"), (1000, 2000, "B"), (3000, 6000, "C"), (7000, 8000, "D"))
    target = track((0, 2000, "a b"), (3000, 4400, "c1"), (4500, 6000, "c2"), (9000, 9500, "stray"))
    pairs, alone = align(source, target)
    assert [(p.source, p.target, p.cues) for p in pairs] == [("A\nB", "a b", (2, 1)), ("C", "c1\nc2", (1, 2))]
    assert alone == 2  # D and the stray target cue overlap nothing


def test_human_units_win_over_machine_ones(tmp_path: Path) -> None:
    with TranslationMemory(str(tmp_path / "m.tm")) as memory:
        memory.add([Pair("Bonjour.", "Hello (machine).")], "fr", "en", "machine")
        memory.add([Pair("Bonjour.", "Good morning.")], "fr", "en", "human")
        memory.add([Pair("Au revoir.", "Goodbye (machine).")], "fr", "en", "machine")
        index = memory.index("fr", "en")
        hello, bye, other = index.resolve(
            [Cue(0, 1, "Bonjour."), Cue(1, 2, "Au revoir."), Cue(2, 3, "Rien à voir ici.")]
        )
    assert (hello.target, hello.origin, hello.kind) == ("Good morning.", "human", "exact")  # type: ignore[union-attr]
    assert (bye.target, bye.origin) == ("Goodbye (machine).", "machine")  # type: ignore[union-attr]
    assert other is None


def test_a_fuzzy_human_match_beats_an_exact_machine_one_and_is_marked(tmp_path: Path) -> None:
    with TranslationMemory(str(tmp_path / "m.tm")) as memory:
        memory.add(
            [Pair("Les talibans contrôlent la route du nord.", "The Taliban hold the northern road.")], "fr", "en"
        )
        memory.add([Pair("Les talibans contrôlent la route du sud.", "MT south.")], "fr", "en", "machine")
        (match,) = memory.index("fr", "en").resolve([Cue(0, 1, "Les talibans contrôlent la route du sud.")])
        (strict,) = memory.index("fr", "en").resolve(
            [Cue(0, 1, "Les talibans contrôlent la route du sud.")], threshold=101
        )
    assert match is not None and match.kind == "fuzzy" and 75 <= match.score < 100 and match.label.startswith("fuzzy")
    assert match.source == "Les talibans contrôlent la route du nord."
    assert strict is not None and strict.origin == "machine"


def test_newer_approval_replaces_the_older_one(tmp_path: Path) -> None:
    with TranslationMemory(str(tmp_path / "m.tm")) as memory:
        first = memory.add([Pair("Oui.", "Yes.")], "fr", "en")
        second = memory.add([Pair("Oui.", "Yeah."), Pair("Non.", "No.")], "fr", "en")
        third = memory.add([Pair("Oui.", "Yeah.")], "fr", "en")
        assert (first.added, second.added, second.updated, third.unchanged) == (1, 1, 1, 1)
        assert [unit.target for unit in memory.units("fr", "en")] == ["No.", "Yeah."]


def test_tm_add_export_and_tmx_import_round_trip(tmp_path: Path) -> None:
    source, target = tmp_path / "film.fr.srt", tmp_path / "film.en.srt"
    write_track(track((0, 1000, "<i>Kaboul,</i> 2021."), (1000, 2000, "- Oui ?\n- Non.")), str(source))
    write_track(track((0, 1000, "<i>Kabul,</i> 2021."), (1000, 2000, "-Yes?\n-No.")), str(target))
    runner = CliRunner()
    memory, tmx, again = tmp_path / "film.tm", tmp_path / "film.tmx", tmp_path / "again.tm"
    added = runner.invoke(cli, ["tm", "add", str(source), str(target), "--memory", str(memory)])
    assert added.exit_code == 0 and "2 fr-en pairs" in added.output and "2 added" in added.output
    assert runner.invoke(cli, ["tm", "export", "--memory", str(memory), "-o", str(tmx)]).exit_code == 0
    assert "<bpt" in tmx.read_text(encoding="utf-8")
    imported = runner.invoke(cli, ["tm", "add", str(tmx), "--memory", str(again)])
    assert imported.exit_code == 0, imported.output
    with TranslationMemory(str(memory)) as one, TranslationMemory(str(again)) as two:
        assert [(u.source, u.target, u.origin) for u in one.units()] == [
            (u.source, u.target, u.origin) for u in two.units()
        ]


def test_units_from_regional_codes_serve_the_base_language(tmp_path: Path) -> None:
    tmx = tmp_path / "cat.tmx"
    tmx.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4"><header srclang="fr-FR" '
        'creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/>'
        '<body><tu><tuv xml:lang="fr-FR"><seg>Bonjour.</seg></tuv><tuv xml:lang="en-GB"><seg>Hello.</seg></tuv></tu>'
        "</body></tmx>",
        encoding="utf-8",
    )
    memory = tmp_path / "m.tm"
    assert CliRunner().invoke(cli, ["tm", "add", str(tmx), "--memory", str(memory)]).exit_code == 0
    with TranslationMemory(str(memory)) as store:
        (match,) = store.index("fr", "en").resolve([Cue(0, 1, "Bonjour.")])
    assert match is not None and match.target == "Hello."


@pytest.mark.parametrize(
    "content, message, line",
    [
        (
            '<tmx version="1.4"><header srclang="fr"/><body><tu><tuv xml:lang="fr"><seg>x</seg></tuv>\n</tu></body></tmx>',
            "<tu> needs a fr variant and a translation",
            1,
        ),
        (
            '<tmx version="1.4"><header srclang="fr"/>\n<body><tu><tuv xml:lang="fr"><seg>x</seg></tuv></body></tmx>',
            "not well-formed XML",
            2,
        ),
        (
            '<?xml version="1.0"?>\n<!DOCTYPE tmx [\n <!ENTITY lol "lol">\n <!ENTITY lol2 "&lol;&lol;&lol;&lol;">\n]>\n'
            '<tmx version="1.4"><header srclang="fr"/><body><tu><tuv xml:lang="fr"><seg>&lol2;</seg></tuv>'
            '<tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>',
            "declares XML entities",
            3,
        ),
        (
            '<tmx version="1.4"><header srclang="fr"/><body><tu><tuv xml:lang="fr"><seg>a <bx/></seg></tuv>'
            '<tuv xml:lang="en"><seg>b</seg></tuv></tu></body></tmx>',
            "cannot be turned back",
            1,
        ),
        ('<xliff version="1.2"/>', "not a TMX file", 1),
    ],
)
def test_bad_tmx_is_a_located_error_and_the_memory_is_untouched(
    tmp_path: Path, content: str, message: str, line: int
) -> None:
    tmx = tmp_path / "bad.tmx"
    tmx.write_text(content, encoding="utf-8")
    memory = tmp_path / "m.tm"
    result = CliRunner().invoke(cli, ["tm", "add", str(tmx), "--memory", str(memory)])
    assert result.exit_code == 3, result.output
    assert result.stderr.startswith(f"subkit: {tmx}:{line}: ") and message in result.stderr
    assert not memory.exists()


def test_a_file_that_is_not_a_memory_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "film.tm"
    fake.write_text("1\n00:00:01,000 --> 00:00:02,000\nx\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["tm", "export", "--memory", str(fake), "-o", str(tmp_path / "x.tmx")])
    assert result.exit_code == 3 and "not a subkit translation memory" in result.stderr
    missing = CliRunner().invoke(
        cli, ["tm", "export", "--memory", str(tmp_path / "none.tm"), "-o", str(tmp_path / "x.tmx")]
    )
    assert missing.exit_code == 3 and "no such translation memory" in missing.stderr
    assert not (tmp_path / "x.tmx").exists()
