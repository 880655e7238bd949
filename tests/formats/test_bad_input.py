"""Damaged files: located diagnostics, reading goes on where the format allows, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from subkit.cli import cli
from subkit.errors import InputError
from subkit.formats import parse_bytes, parse_text, read_track, write_track
from subkit.model import Track

TTML = """<?xml version="1.0" encoding="UTF-8"?>
<tt xmlns="http://www.w3.org/ns/ttml" xmlns:tts="http://www.w3.org/ns/ttml#styling" xml:lang="fr">
<body><div>
<p begin="00:00:01.000" end="00:00:02.000">un</p>
<p begin="00:00:03.000" end="00:00:04.000">deux</p>
{broken}
<p begin="00:00:05.000" end="00:00:06.000">trois</p>
</div></body></tt>
"""


def test_malformed_xml_keeps_what_was_read_before_the_error_and_names_the_line() -> None:
    track = parse_text(TTML.format(broken="<p begin='7s' end='8s'>quatre<span></p>"), "x.ttml")
    assert [c.text for c in track.cues] == ["un", "deux", "quatre"]  # the text before the error is kept
    (problem,) = track.diagnostics
    assert problem.code == "S001" and problem.line == 6 and "not well-formed" in problem.message


def test_a_p_without_times_is_reported_and_the_others_are_read() -> None:
    track = parse_text(TTML.format(broken='<p begin="soon">quatre</p>'), "x.ttml")
    assert [c.text for c in track.cues] == ["un", "deux", "trois"]
    assert [(d.line, d.code) for d in track.diagnostics] == [(6, "S001")]


def test_xml_that_is_not_ttml_is_refused_with_exit_3(tmp_path: Path) -> None:
    path = tmp_path / "x.xml"
    path.write_text("<?xml version='1.0'?><html><body>hi</body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="not TTML"):
        read_track(str(path))


ENTITY_BOMB = """<?xml version="1.0"?>
<!DOCTYPE tt [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
]>
<tt xmlns="http://www.w3.org/ns/ttml"><body><div><p begin="1s" end="2s">&e;</p></div></body></tt>
"""


def test_entity_bombs_are_not_expanded() -> None:
    # expanded, &e; would be 2.8 GB of text; refused at its declaration instead
    with pytest.raises(InputError, match="entity declarations are not read") as raised:
        parse_text(ENTITY_BOMB, "bomb.ttml")
    assert raised.value.line == 3


def test_external_entities_never_read_other_files(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    document = (
        f'<?xml version="1.0"?>\n<!DOCTYPE tt [<!ENTITY x SYSTEM "file://{secret}">]>\n'
        '<tt xmlns="http://www.w3.org/ns/ttml"><body><div><p begin="1s" end="2s">&x;</p></div></body></tt>\n'
    )
    path = tmp_path / "xxe.ttml"
    path.write_text(document, encoding="utf-8")
    result = CliRunner().invoke(cli, ["convert", str(path), "--to", "srt", "-o", "-"])
    assert result.exit_code == 3
    assert "TOP SECRET" not in result.output
    assert result.stderr.startswith(f"subkit: {path}:2: ") and "Traceback" not in result.stderr


def _stl(sample: Track, tmp_path: Path) -> bytes:
    write_track(sample.with_cues(sample.cues[:20]), str(tmp_path / "x.stl"), "stl")
    return (tmp_path / "x.stl").read_bytes()


def test_truncated_stl_keeps_every_whole_block_and_says_where_it_stopped(sample: Track, tmp_path: Path) -> None:
    data = _stl(sample, tmp_path)
    track = parse_bytes(data[:-60], "x.stl", "stl")
    assert len(track.cues) == 19
    messages = [d.message for d in track.diagnostics]
    assert any(m.startswith(f"truncated TTI block 20 at byte {1024 + 19 * 128}: 68 of 128 bytes") for m in messages)
    assert any("GSI says 20 TTI blocks, the file holds 19" in m for m in messages)


def test_a_bad_stl_timecode_skips_that_subtitle_only(sample: Track, tmp_path: Path) -> None:
    data = bytearray(_stl(sample, tmp_path))
    data[1024 + 3 * 128 + 6] = 75  # minutes of the 4th subtitle's time-in
    track = parse_bytes(bytes(data), "x.stl", "stl")
    assert len(track.cues) == 19
    assert any("TTI block 4 (byte 1408): unreadable timecode" in d.message for d in track.diagnostics)


def test_truncated_gsi_is_exit_3(tmp_path: Path) -> None:
    path = tmp_path / "x.stl"
    path.write_bytes(b"850STL25.01" + b" " * 200)
    result = CliRunner().invoke(cli, ["info", str(path)])
    assert result.exit_code == 3 and "truncated EBU-STL file" in result.stderr


SCC = (
    "Scenarist_SCC V1.0\n\n"
    "00:00:01;00\t94ae 94ae 9420 9420 94d0 94d0 c1c1 {word} 942f 942f\n\n"
    "00:00:03;00\t942c 942c\n\n"
    "00:00:04;00\t94ae 94ae 9420 9420 94d0 94d0 4fcb 942f 942f\n\n"
    "00:00:05;00\t942c 942c\n"
)


def test_scc_bad_parity_is_reported_by_line_and_word_and_reading_goes_on() -> None:
    track = parse_text(SCC.format(word="4142"), "x.scc")  # 0x41 has even parity
    assert [c.text for c in track.cues] == ["{\\an1}AA", "{\\an1}OK"]
    (problem,) = track.diagnostics
    assert problem.line == 3 and "bad parity, skipped: word 8 (4142)" in problem.message


def test_scc_unknown_control_codes_are_reported() -> None:
    track = parse_text(SCC.format(word="1025 1025"), "x.scc")  # 0x10 0x25: a code subkit does not know
    assert [c.text for c in track.cues] == ["{\\an1}AA", "{\\an1}OK"]
    assert [(d.line, d.message) for d in track.diagnostics] == [(3, "1 unknown control code(s) skipped")]


def test_scc_unreadable_timecodes_and_words_are_located() -> None:
    text = SCC.format(word="zz") + "01:02\t9420\n"
    track = parse_text(text, "x.scc")
    assert [c.text for c in track.cues] == ["{\\an1}AA", "{\\an1}OK"]
    assert [d.line for d in track.diagnostics] == [3, 10]


def test_ass_bad_events_are_located_and_the_rest_is_read() -> None:
    script = (
        "[Script Info]\nScriptType: v4.00+\n\n[Events]\n"
        "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
        "Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,un\n"
        "Dialogue: 0,0:00:0x.00,0:00:04.00,Default,,0,0,0,,deux\n"
        "Dialogue: 0,0:00:05.00\n"
        "Dialogue: 0,0:00:06.00,0:00:07.00,Default,,0,0,0,,{\\k20}trois\n"
    )
    track = parse_text(script, "x.ass")
    assert [c.text for c in track.cues] == ["un", "{\\k20}trois"]
    assert [d.line for d in track.diagnostics] == [7, 8]


def test_microdvd_without_a_frame_rate_says_so() -> None:
    track = parse_text("{25}{50}un\n{75}{100}deux\n", "x.sub")
    assert [(c.start, c.end) for c in track.cues] == [(1043, 2085), (3128, 4171)]
    assert [d.code for d in track.diagnostics] == ["F005"]
    declared = parse_text("{1}{1}25\n{25}{50}un\n", "x.sub")
    assert declared.cues[0].start == 1000 and not declared.diagnostics


@pytest.mark.parametrize("name", ["x.stl", "x.scc", "x.ttml", "x.ass", "x.sub", "x.smi", "x.sbv"])
@settings(max_examples=40, deadline=None)
@given(data=st.binary(max_size=3000))
def test_random_bytes_never_raise_anything_but_input_error(
    name: str, data: bytes, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("fuzz", numbered=True)
    path = folder / name
    headers = {
        ".stl": b"850STL25.01",
        ".scc": b"Scenarist_SCC V1.0\n\n00:00:01;00\t",
        ".ttml": b'<tt xmlns="http://www.w3.org/ns/ttml"><body><div><p begin="1s" end="2s">',
        ".ass": b"[Script Info]\n[Events]\nDialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,",
        ".sub": b"{1}{2}",
        ".smi": b"<SAMI><BODY><SYNC Start=1>",
        ".sbv": b"0:00:01.000,0:00:02.000\n",
    }
    header = headers[path.suffix]
    path.write_bytes(header + (b"\x00" * 1100 if name == "x.stl" else b"") + data)
    try:
        track = read_track(str(path))
    except InputError:
        return
    for cue in track.cues:
        assert type(cue.start) is int and type(cue.text) is str


def test_every_readable_format_refuses_garbage_text_cleanly() -> None:
    from subkit.formats import READABLE

    for fmt in READABLE:
        try:
            parse_text("\x00garbage <tt {1}{x} 0:00", "x", fmt)
        except InputError:
            continue
