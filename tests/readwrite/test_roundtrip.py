"""Write then read gives back the same track; SRT -> VTT -> SRT keeps every time and character."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from subkit.formats import parse_text, read_track, render, write_track
from subkit.markup import SRT_TAG, escape_plain
from subkit.model import Cue, Source, Track

# Text a subtitle line can hold: no line breaks inside a line, not blank, no leading/trailing
# whitespace (which SRT cannot keep apart from blank lines), and no `-->`-like arrows.
_line_chars = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\ufeff\x85")
_line = (
    st.text(_line_chars, min_size=1, max_size=30)
    .map(lambda s: " ".join(s.split()))
    .filter(lambda s: s and "--" not in s and "->" not in s)
)
# SRT has no escaping: a line that looks like a tag (`<i>`, `{\\an8}`) or a counter is read as one.
_plain_line = _line.filter(lambda s: not s.strip("0123456789-. ") == "" and not SRT_TAG.search(s))


@st.composite
def tracks(draw: st.DrawFn) -> Track:
    count = draw(st.integers(min_value=1, max_value=12))
    cues = []
    time = draw(st.integers(min_value=0, max_value=10_000_000))
    for number in range(1, count + 1):
        lines = draw(st.lists(_plain_line, min_size=1, max_size=3))
        text = "\n".join(escape_plain(line) for line in lines)
        if draw(st.booleans()):
            text = f"<i>{text}</i>"
        duration = draw(st.integers(min_value=1, max_value=10_000))
        cues.append(Cue(time, time + duration, text, str(number)))
        time += duration + draw(st.integers(min_value=0, max_value=5000))
    return Track(cues=cues)


def _essence(track: Track) -> list[tuple[int, int, str]]:
    return [(cue.start, cue.end, cue.text) for cue in track.cues]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tracks())
def test_srt_write_read_identity(track: Track) -> None:
    back = parse_text(render(track, "srt").text, "g.srt", "srt")
    assert _essence(back) == _essence(track)
    assert back.diagnostics == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tracks())
def test_vtt_write_read_identity(track: Track) -> None:
    back = parse_text(render(track, "vtt").text, "g.vtt", "vtt")
    assert _essence(back) == _essence(track)
    assert [c.id for c in back.cues] == [c.id for c in track.cues]
    assert back.diagnostics == []


FRENCH_CP1252 = (
    "1\r\n00:00:20,040 --> 00:00:23,360\r\n<i>Kaboul, 15 août 2021.\r\nLes talibans entrent dans la ville.</i>\r\n\r\n"
    "2\r\n00:00:23,440 --> 00:00:26,120\r\n- «\u00a0Partez\u00a0!\u00a0»\r\n- Où ça\u00a0? Il n’y a plus d’avions…\r\n\r\n"
    "3\r\n00:00:27,000 --> 00:00:30,480\r\nŒuvre commune de 3\u00a0000 moudjahidine\u00a0: <i>personne</i> ne cède.\r\n\r\n"
)


def test_cp1252_crlf_french_srt_to_vtt_and_back_is_identical(tmp_path: Path) -> None:
    source = tmp_path / "panchir.fr.srt"
    source.write_bytes(FRENCH_CP1252.encode("cp1252"))
    original = read_track(str(source))
    assert original.source is not None and original.source.encoding == "cp1252"
    vtt_path = tmp_path / "panchir.fr.vtt"
    write_track(original, str(vtt_path))
    assert vtt_path.read_bytes().startswith(b"WEBVTT\n")
    via_vtt = read_track(str(vtt_path))
    back_path = tmp_path / "back.fr.srt"
    write_track(via_vtt, str(back_path), encoding="cp1252", newline="\r\n")
    assert back_path.read_bytes() == FRENCH_CP1252.encode("cp1252")
    assert _essence(read_track(str(back_path))) == _essence(original)


def test_vtt_round_trip_keeps_ids_settings_blocks_and_voices() -> None:
    text = (
        "WEBVTT Kind: captions\nLanguage: fr\n\nSTYLE\n::cue(.loud) { color: red }\n\n"
        "REGION\nid:fred\nwidth:40%\n\nNOTE before everything\n\n"
        "intro-1\n00:00:01.000 --> 00:00:02.500 line:0 align:start region:fred\n<v Roger>Bonjour</v> <c.loud>fort</c>\n\n"
        "NOTE between\ntwo lines\n\n2\n00:00:03.000 --> 00:00:04.000\nA &amp; B &lt;tag&gt;\n\nNOTE the end\n"
    )
    track = parse_text(text, "x.vtt")
    again = parse_text(render(track, "vtt").text, "y.vtt")
    for first, second in zip(track.cues, again.cues):
        assert (first.id, first.start, first.end, first.settings, first.text, first.notes) == (
            second.id,
            second.start,
            second.end,
            second.settings,
            second.text,
            second.notes,
        )
    assert (again.header, again.metadata, again.styles, again.header_notes, again.footer_notes) == (
        "Kind: captions",
        ["Language: fr"],
        ["::cue(.loud) { color: red }"],
        ["before everything"],
        ["the end"],
    )
    assert again.regions[0].split() == ["id:fred", "width:40%"]


def test_srt_to_vtt_maps_tags_and_reports_what_is_dropped() -> None:
    track = parse_text('1\n00:00:01,000 --> 00:00:02,000\n{\\an8}<font color="red"><i>Haut</i></font>\n', "a.srt")
    rendered = render(track, "vtt")
    assert "00:00:01.000 --> 00:00:02.000 line:0\n<i>Haut</i>" in rendered.text
    assert any("<font>" in note for note in rendered.notes)


def test_vtt_to_srt_keeps_basic_tags_and_reports_the_rest() -> None:
    track = parse_text(
        "WEBVTT\n\nid\n00:00:01.000 --> 00:00:02.000 align:start\n<v Bob><i>Hi</i> <c.x>there</c></v>\n", "a.vtt"
    )
    rendered = render(track, "srt")
    assert rendered.text == "1\n00:00:01,000 --> 00:00:02,000\n<i>Hi</i> there\n\n"
    assert any("cue settings" in note for note in rendered.notes)
    assert any("<v>" in note and "<c>" in note for note in rendered.notes)


def test_srt_coordinates_survive_srt_to_srt_and_are_reported_when_converting() -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000  X1:100 X2:600 Y1:20 Y2:80\nEn haut\n\n"
    track = parse_text(text, "c.srt")
    assert track.cues[0].settings == "X1:100 X2:600 Y1:20 Y2:80"
    track.source = Source("c.srt", "srt", "utf-8")
    assert render(track, "srt").text == text.replace("  X1", " X1")
    as_vtt = render(track, "vtt")
    assert "00:00:01.000 --> 00:00:02.000\nEn haut" in as_vtt.text
    assert any("SRT coordinates" in note for note in as_vtt.notes)


def test_transcript_names_webvtt_speakers() -> None:
    track = parse_text(
        "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Roger>Bonjour.</v>\n\n00:02.100 --> 00:03.000\n<v Roger>Ça va ?</v>\n\n"
        "00:03.100 --> 00:04.000\n<v.loud Anne>Oui !</v>\n\n00:10.000 --> 00:11.000\n<v Anne>Après la pause.</v>\n",
        "a.vtt",
    )
    assert render(track, "txt").text == "Roger: Bonjour. Ça va ?\nAnne: Oui !\n\nAnne: Après la pause.\n"
