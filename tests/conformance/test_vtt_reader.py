"""The spec reader keeps what a VTT -> VTT round trip needs, says where it skipped, and stays linear."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from subkit.cli import cli
from subkit.formats import read_track
from subkit.formats.vtt import markup_from_cue_text, parse
from tests.conformance.webvtt_dom import track_cue_attributes, track_regions

NBSP = "\u00a0"
SOURCE = f"""WEBVTT Kind: captions
Language: fr

NOTE fichier de test

STYLE
::cue(.loud) {{ color: red; }}

REGION
id:haut width:40% lines:3 regionanchor:0%,100% viewportanchor:10%,90% scroll:up

intro
00:00:01.000 --> 00:00:02.500 line:0 align:start region:haut
<v Khalid Amiry>Nous restons{NBSP}!</v>

NOTE entre deux

00:00:03.000 --> 00:00:04.000 position:10%,line-left size:50% align:middle
<c.loud>Kaboul</c> &amp; <i>Panchir</i>

00:00:05.000 -> 00:00:06.000
cassé

2
00:00:07.000 --> 00:00:08.000
<ruby>漢<rt>kan</rt></ruby> a &lt; b
"""


def test_convert_vtt_to_vtt_keeps_ids_settings_blocks_and_voices(tmp_path: Path) -> None:
    source = tmp_path / "in.vtt"
    source.write_text(SOURCE, encoding="utf-8")
    output = tmp_path / "out.vtt"
    result = CliRunner().invoke(cli, ["convert", str(source), "--to", "vtt", "-o", str(output)])
    assert result.exit_code == 0, result.stderr
    assert f"{source}:21:" in result.stderr  # the broken block, located
    before, after = read_track(str(source)), read_track(str(output))
    assert [(c.id, c.start, c.end, c.text, c.settings, c.notes) for c in after.cues] == [
        (c.id, c.start, c.end, c.text, c.settings, c.notes) for c in before.cues
    ]
    assert [c.id for c in after.cues] == ["intro", None, "2"]
    assert after.cues[0].text == f"<v Khalid Amiry>Nous restons{NBSP}!</v>"
    assert (after.header, after.metadata, after.styles, after.header_notes) == (
        before.header,
        before.metadata,
        before.styles,
        before.header_notes,
    )
    assert [vars_of(r) for r in track_regions(after)] == [vars_of(r) for r in track_regions(before)]
    assert track_cue_attributes(after)[0].region is not None


def vars_of(region: object) -> dict[str, object]:
    return {name: getattr(region, name) for name in region.__slots__}  # type: ignore[attr-defined]


def test_idl_mapping_of_the_sample() -> None:
    cues = track_cue_attributes(parse(SOURCE))
    first, second = cues[0], cues[1]
    assert (first.line, first.snapToLines, first.align, first.region and first.region.width) == (0, True, "start", 40)
    assert (second.position, second.positionAlign, second.size, second.align) == (10, "line-left", 50, "center")


def test_skipped_blocks_are_located() -> None:
    track = parse(SOURCE)
    assert [(d.code, d.line) for d in track.diagnostics] == [("S001", 21)]


def test_tags_browsers_hide_do_not_swallow_text_on_the_way_out() -> None:
    assert markup_from_cue_text("<a0:01.000>It's here") == ("It's here", ["<a0:01.000>"])
    assert markup_from_cue_text("<c.first That's</c>") == ("<c.first>", ["<c.first That's</c>"])
    assert markup_from_cue_text("&lt &nbsp &amp;&gt;") == (f"&lt; {NBSP} &amp;&gt;", [])
    track = parse("WEBVTT\n\n00:01.000 --> 00:02.000\n< 00:01.000>Oui\n")
    assert track.cues[0].text == "Oui"
    assert [(d.code, d.line, d.severity) for d in track.diagnostics] == [("S005", 3, "warning")]


#: the shape of an HLS WebVTT segment as Apple TV serves it (original text; the Subtitle Edit
#: fixture it replaces is a series' subtitles, tests/corpora/SOURCES.md)
HLS_SEGMENT = """WEBVTT
X-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000

STYLE
::cue(.styledotdefault) { font-weight:bold }
::cue(.styledotAB9216) { color:#AB9216;font-weight:bold }

1
00:00:30.030 --> 00:00:34.243 align:middle line:85%,start position:50%,middle
<c.styledotAB9216>VALLÉE DU PANCHIR</c>

2
00:00:35.035 --> 00:00:37.871 align:middle line:85%,start position:50%,middle
<c.styledotdefault>On tient encore.</c>
"""


def test_hls_timestamp_map_is_kept_in_the_header_and_not_applied(tmp_path: Path) -> None:
    path = tmp_path / "segment.webvtt"
    path.write_text(HLS_SEGMENT, encoding="utf-8")
    track = read_track(str(path))
    assert [(cue.start, cue.end) for cue in track.cues] == [(30_030, 34_243), (35_035, 37_871)]
    assert track.metadata == ["X-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000"]
    assert track.cues[0].text == "<c.styledotAB9216>VALLÉE DU PANCHIR</c>"
    assert len(track.styles) == 1
