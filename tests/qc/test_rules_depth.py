"""One failing and one passing case per rule of the QC-depth set (S006-S011, Y005-Y011, T015, R003),
the counting of invisible characters, and the repairs that go with them."""

from __future__ import annotations

import pytest

from subkit.counting import char_count, count_graphemes
from subkit.formats import parse_text
from subkit.model import Cue, Source, Track
from subkit.qc import check_track, settings_for
from subkit.repairs import fix_track, split_markup
from tests.qc.helpers import found


def test_invisible_characters_never_count() -> None:
    assert count_graphemes("x" * 42 + "\u200b") == 42
    assert count_graphemes("Oui\u0007") == 3
    assert count_graphemes("\ufeffBonjour") == 7
    assert char_count("<i>Ça\u00a0va\u00a0?</i>") == 7
    assert found([(0, 5000, "x" * 42 + "\u200b")], "L001") == []


def test_s006_dotted_srt_timings_reported_once_and_fixed_by_writing() -> None:
    track = parse_text(
        "1\n00:00:01.000 --> 00:00:02.000\nOui.\n\n2\n00:00:03,000 --> 00:00:04,000\nNon.\n", "a.srt", "srt"
    )
    [finding] = check_track(track, select=["S006"])
    assert finding.line == 2 and finding.fixable
    clean = parse_text("1\n00:00:01,000 --> 00:00:02,000\nOui.\n", "a.srt", "srt")
    assert check_track(clean, select=["S006"]) == []


@pytest.mark.parametrize(
    ("text", "profile", "bad"),
    [
        ('<font color="#ffff00">Non.</font>', "netflix", True),
        ("<i>Non.</i>", "netflix", False),
        ('<font color="#ffff00">Non.</font>', "bbc", False),
    ],
)
def test_s007_forbidden_tags(text: str, profile: str, bad: bool) -> None:
    assert found([(0, 2000, text)], "S007", profile=profile) == ([1] if bad else [])


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("Bonjour\u200b.", True),
        ("Oui\u0007", True),
        ("\ufeffOui.", True),
        ("Oui\u00a0!", False),
        ("Ça va.", False),
    ],
)
def test_s008_invisible_characters(text: str, bad: bool) -> None:
    assert found([(0, 2000, text)], "S008") == ([1] if bad else [])


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("Ã‰tÃ© Ã  Kaboul", True),
        ("lâ€™armÃ©e", True),
        ("Été à Kaboul", False),
        ("Fuß“ und", False),
        ("À «\u00a0Non\u00a0»", False),
    ],
)
def test_s009_mojibake(text: str, bad: bool) -> None:
    assert found([(0, 2000, text)], "S009") == ([1] if bad else [])


@pytest.mark.parametrize(
    ("text", "profile", "bad"),
    [
        ("On a gagné 🎉", "arte", True),
        ("Kaboul → Bagram", "arte", True),
        ("Œuvre «\u00a0Oui\u00a0» 3\u00a0€…", "arte", False),
        ("日本", "netflix", True),
        ("Ελλάδα, Россия", "netflix", False),
        ("🎉", "bbc", False),
    ],
)
def test_s010_glyph_list(text: str, profile: str, bad: bool) -> None:
    assert found([(0, 2000, text)], "S010", profile=profile) == ([1] if bad else [])


def test_s011_repeated_text() -> None:
    assert found([(0, 1000, "Ils arrivent."), (1200, 2000, "Ils  arrivent.")], "S011") == [2]
    assert found([(0, 1000, "Ils arrivent."), (1200, 2000, "Ils sont là.")], "S011") == []


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("– Tu viens ?\n– Non.", True),
        ("—Oui.\n—Non.", True),
        ("-- Oui.\n-- Non.", True),
        ("- Tu viens ?\n- Non.", False),
        ("Il a dit – enfin – oui.", False),
    ],
)
def test_y005_dash_form(text: str, bad: bool) -> None:
    assert found([(0, 2000, text)], "Y005") == ([1] if bad else [])


@pytest.mark.parametrize(
    ("text", "missing", "single"),
    [
        ("Tu viens ?\n- Oui.", True, False),
        ("- Tu viens ?\n- Oui.", False, False),
        ("- Je reviens demain.", False, True),
        ("- Je reviens\ndemain matin.", False, True),
        ("Je reviens demain.", False, False),
        ("-20 degrés ce matin.", False, False),
        ("- Oui. - Non.", False, False),
    ],
)
def test_y006_y007_dash_on_one_line_or_one_speaker(text: str, missing: bool, single: bool) -> None:
    assert found([(0, 2000, text)], "Y006") == ([1] if missing else [])
    assert found([(0, 2000, text)], "Y007") == ([1] if single else [])


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("Oui , bien sûr.", True),
        ("Oui,bien sûr.", True),
        ("Oui\tbien.", True),
        ("Oui, bien sûr.", False),
        ("3,5 millions", False),
        ("<i>Oui,</i>\nbien.", False),
    ],
)
def test_y008_comma_spacing(text: str, bad: bool) -> None:
    assert found([(0, 2000, text)], "Y008") == ([1] if bad else [])


def test_y009_apostrophe_and_quotes_follow_the_track() -> None:
    cues = [(0, 1000, "L’armée recule."), (2000, 3000, "L’hiver arrive."), (4000, 5000, "l'armée est là.")]
    assert found(cues, "Y009") == [3]
    assert found(cues[:2], "Y009") == []
    french = [(0, 1000, "Il a dit «\u00a0non\u00a0»."), (2000, 3000, 'Elle a dit "oui".')]
    assert found(french, "Y009") == [2]


@pytest.mark.parametrize(
    ("text", "profile", "bad"),
    [
        ("NOUS NE PARTIRONS PAS.", "netflix", True),
        ("NOUS NE PARTIRONS PAS.", "netflix-sdh", False),
        ("L'OTAN est partie.", "netflix", False),
        ("OTAN", "netflix", False),
    ],
)
def test_y010_capitals(text: str, profile: str, bad: bool) -> None:
    assert found([(0, 2000, text)], "Y010", profile=profile) == ([1] if bad else [])


def test_y011_capital_after_a_sentence_end() -> None:
    assert found([(0, 2000, "Il est parti. il reviendra.")], "Y011") == [1]
    assert found([(0, 2000, "Il est parti."), (2500, 4000, "il reviendra.")], "Y011") == [2]
    assert found([(0, 2000, "Il est parti…"), (2500, 4000, "et revenu.")], "Y011") == []
    assert found([(0, 2000, "Des armes, des vivres, etc. et puis rien.")], "Y011") == []
    assert found([(0, 2000, "Il est parti. Il reviendra.")], "Y011") == []


def test_t015_pause_gap_bbc() -> None:
    cues = [(0, 1000, "Oui."), (1400, 3000, "Non."), (3000, 4000, "Peut-être."), (5000, 6000, "Bon.")]
    assert found(cues, "T015", profile="bbc") == [2]
    assert found(cues, "T015", profile="netflix") == []


def test_r003_csa_reading_table() -> None:
    assert found([(0, 1500, "x" * 30)], "R003", profile="broadcast-fr-sdh") == [1]
    assert found([(0, 2000, "x" * 20)], "R003", profile="broadcast-fr-sdh") == []
    assert found([(0, 2000, "x" * 24)], "R003", profile="broadcast-fr-sdh") == []  # 20 + 20 %
    assert found([(0, 1500, "x" * 30)], "R003", profile="netflix") == []


def fixed(cues: list[Cue], profile: str = "netflix", ignore: list[str] | None = None) -> list[Cue]:
    track = Track(cues, "fr", source=Source("t.fr.srt", "srt", "utf-8"))
    return fix_track(track, settings_for(track, profile, None, None, None, ["G", *(ignore or [])], None)).track.cues


def test_two_speakers_are_never_merged_onto_one_line() -> None:
    [cue] = fixed([Cue(0, 2000, "Tu viens ?\n- Oui.", "1")])
    assert cue.text == "- Tu viens\u00a0?\n- Oui."  # Y001 adds the non-breaking space


def test_single_speaker_dash_removed_and_text_repairs() -> None:
    cues = fixed(
        [
            Cue(0, 2000, "- Je reviens demain.", "1"),
            Cue(3000, 5000, "Oui , bien\u200b sûr,merci.", "2"),
            Cue(6000, 8000, "lâ€™armÃ©e. elle part.", "3"),
        ]
    )
    assert [c.text for c in cues] == [
        "Je reviens demain.",
        "Oui, bien sûr, merci.",
        "L’armée. Elle part.",
    ]  # the cue before ends a sentence


def test_long_cue_split_at_a_sentence_with_times_by_characters() -> None:
    text = "<i>Les combattants tiennent la vallée.\nLes talibans attendent au sud.</i>"
    first, second = fixed([Cue(0, 9000, text, "1")])
    assert first.text == "<i>Les combattants tiennent la vallée.</i>"
    assert second.text == "<i>Les talibans attendent au sud.</i>"
    assert first.start == 0 and second.end == 9000 and second.start - first.end == 80
    shown = first.end - first.start  # a cue's time on screen, not a wall-clock measure
    assert abs(shown - (9000 - 80) * 35 / 65) <= 20  # 35 and 30 characters, on the frame grid
    assert split_markup("Un seul mot") is None


def test_fast_cue_extended_into_the_gap_but_not_past_the_next_start_minus_the_gap() -> None:
    first, second = fixed([Cue(0, 1000, "x" * 30, "1"), Cue(1500, 4000, "Non.", "2")])
    assert first.end == 1420 and second.start == 1500
    roomy, _ = fixed([Cue(0, 1000, "x" * 30, "1"), Cue(5000, 7000, "Non.", "2")])
    assert roomy.end == 1800  # 30 characters at 17 cps = 1765 ms, on the 25 fps grid


def test_two_frames_on_the_2997_grid_is_a_legal_gap() -> None:
    """66.73 ms: on-grid times two frames apart are 66 or 67 ms apart, and both pass T006."""
    from fractions import Fraction

    from subkit.model import Cue, Track
    from subkit.qc.engine import check_track

    fps = Fraction(30000, 1001)
    frame = [round(n * 1000 / fps) for n in range(200)]
    cues = [Cue(frame[0], frame[40], "Un."), Cue(frame[42], frame[80], "Deux."), Cue(frame[82], frame[120], "Trois.")]
    gaps = {cues[1].start - cues[0].end, cues[2].start - cues[1].end}
    assert gaps == {66, 67}
    findings = check_track(Track(cues, language="fr"), profile="netflix", fps=fps, select=["T006"])
    assert not findings
