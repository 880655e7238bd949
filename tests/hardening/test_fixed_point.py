"""Every file subkit reads converts to a fixed point, in every format it writes and reads back:
`convert(convert(x)) == convert(x)`, and reading what was written gives the cues that were written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings, strategies as st

from subkit.cli import cli
from subkit.formats import parse_text, read_track

from .roundtrip import ROUND_TRIP_FORMATS, check_round_trip

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

#: the round trips the hardening issue found drifting, as files
DRIFTING = {
    "tab-line.vtt": "WEBVTT\n\n00:01.000 --> 00:02.000\nfirst\n\t\t\nthird\n",
    "paragraph-separator.vtt": "WEBVTT\n\n00:01.000 --> 00:02.000\nfirst\n\u2029\nthird\n",
    "nul.srt": "1\n00:00:01,000 --> 00:00:02,000\na\x00b\n",
    "bare-less-than.srt": "1\n00:00:01,000 --> 00:00:02,000\na < b and <b c\nd> e\n",
    "literal-tag.vtt": "WEBVTT\n\n00:01.000 --> 00:02.000\n&lt;i&gt;not italic&lt;/i&gt;\n",
    "timing-in-text.vtt": "WEBVTT\n\n00:01.000 --> 00:02.000\n12\n00:00:03,000 --&gt; 00:00:04,000\n1 -&gt; 2\n",
    "timestamp-line.vtt": "WEBVTT\n\n00:01.000 --> 00:04.000\n<00:00:01.000>\nhello\n",
    "empty.vtt": "WEBVTT\n",
    "private-use.srt": "1\n00:00:01,000 --> 00:00:02,000\n<i>x \U000f0001 \U0010ffff \ue000</i>\n",
}


@pytest.mark.parametrize("name", sorted(DRIFTING))
@pytest.mark.parametrize("fmt", ROUND_TRIP_FORMATS)
def test_files_that_drifted_reach_a_fixed_point(name: str, fmt: str) -> None:
    check_round_trip(parse_text(DRIFTING[name], name), fmt)


def test_what_cannot_survive_is_reported_once_and_the_text_is_kept_visible() -> None:
    track = parse_text(DRIFTING["literal-tag.vtt"], "l.vtt")
    from subkit.formats import render

    first = render(track, "srt")
    assert any("reads as a tag" in note for note in first.notes)
    assert parse_text(first.text, "l.srt").cues[0].text == "&lt;\u2060i&gt;not italic&lt;\u2060/i&gt;"


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.glob("*.*t")))
@pytest.mark.parametrize("fmt", ROUND_TRIP_FORMATS)
def test_samples_reach_a_fixed_point(sample: str, fmt: str) -> None:
    check_round_trip(read_track(str(SAMPLES / sample)), fmt)


def test_convert_of_an_empty_webvtt_writes_an_srt_that_reads_back(tmp_path: Path) -> None:
    source = tmp_path / "e.vtt"
    source.write_text("WEBVTT\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["convert", str(source), "--to", "srt", "-o", str(tmp_path / "e.srt")]).exit_code == 0
    result = runner.invoke(cli, ["convert", str(tmp_path / "e.srt"), "--to", "vtt", "-o", "-"])
    assert result.exit_code == 0 and result.stdout == "WEBVTT\n"
    info = runner.invoke(cli, ["info", str(tmp_path / "e.srt")])
    assert info.exit_code == 0 and "cues       0" in info.stdout


AWKWARD_LINES = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "\t",
                " ",
                "\u2029",
                "\u2028",
                "\x85",
                "\x0c",
                "\x00",
                "\x1b",
                "a < b",
                "<b c",
                "d>",
                "&lt;i&gt;",
                "<i>",
                "</i>",
                "{\\an8}",
                "&amp;",
                "&nbsp;",
                "-->",
                "--&gt;",
                "1 -&gt; 2",
                "12",
                "00:00:01,000 - 00:00:02,000",
                "<00:00:01.000>",
                "<c.x>",
                "<v Bob>",
                "NOTE x",
                "\U0010ffff",
                "\ufeff",
                "\u00a0",
                "- Oui.",
            ]
        ),
        st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\r\n"), max_size=12),
    ),
    min_size=1,
    max_size=5,
).map(lambda parts: "".join(parts))


@st.composite
def awkward_files(draw: st.DrawFn) -> tuple[str, str]:
    vtt = draw(st.booleans())
    blocks = []
    for number in range(1, draw(st.integers(min_value=1, max_value=4)) + 1):
        lines = draw(st.lists(AWKWARD_LINES, min_size=0, max_size=3))
        # awkward text, ordinary timing (3 s shown, 2 s apart): what is tested is the text
        timing = (
            f"00:{5 * number:02d}.000 --> 00:{5 * number + 3:02d}.000"
            if vtt
            else f"00:00:{5 * number:02d},000 --> 00:00:{5 * number + 3:02d},000"
        )
        blocks.append("\n".join([str(number), timing, *lines]))
    text = ("WEBVTT\n\n" if vtt else "") + "\n\n".join(blocks) + "\n"
    return text, "fuzz.vtt" if vtt else "fuzz.srt"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(awkward_files())
def test_awkward_text_reaches_a_fixed_point_in_every_format(case: tuple[str, str]) -> None:
    text, name = case
    track = parse_text(text, name)
    for fmt in ROUND_TRIP_FORMATS:
        check_round_trip(track, fmt)
