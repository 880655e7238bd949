"""Other projects' fixtures: what their own tests assert, as subkit reads it.

webvtt-py's expectations describe a lenient parser; where it departs from the WebVTT spec
(fatal errors on one bad cue, identifiers, NOTE handling) subkit follows the spec and the
difference is asserted here explicitly.
"""

from __future__ import annotations

import pytest

from subkit.errors import InputError
from subkit.formats import read_track
from subkit.markup import visible_text
from tests.support import CORPORA

WEBVTT_PY = CORPORA / "webvtt-py" / "tests" / "subtitles"
SUBTITLE_EDIT = CORPORA / "subtitleedit" / "tests"


def read(path: object) -> object:
    return read_track(str(path))


def test_webvtt_py_sample_and_one_caption() -> None:
    sample = read_track(str(WEBVTT_PY / "sample.vtt"))
    assert len(sample.cues) == 16
    assert (sample.cues[2].start, sample.cues[2].end) == (11_890, 16_320)
    one = read_track(str(WEBVTT_PY / "one_caption.vtt"))
    assert [(c.start, c.end, c.text) for c in one.cues] == [(500, 7_000, "Caption text #1")]
    assert read_track(str(WEBVTT_PY / "sample.srt")).cues[2].start == 11_890


@pytest.mark.parametrize(
    ("name", "cues"),
    [
        ("captions_with_bom.vtt", 4),
        ("metadata_headers.vtt", 2),
        ("metadata_headers_multiline.vtt", 2),
        ("missing_caption_text.vtt", 5),
        ("comments.vtt", 3),
        ("styles.vtt", 1),
        ("using_identifiers.vtt", 6),
        ("invalid_timeframe_in_cue_text.vtt", 4),
        ("no_captions.vtt", 0),
    ],
)
def test_webvtt_py_cue_counts(name: str, cues: int) -> None:
    assert len(read_track(str(WEBVTT_PY / name)).cues) == cues


def test_webvtt_py_identifiers_notes_and_styles_are_kept() -> None:
    ids = [cue.id for cue in read_track(str(WEBVTT_PY / "using_identifiers.vtt")).cues]
    assert (ids[1], ids[2], ids[3]) == ("second caption", None, "4")
    comments = read_track(str(WEBVTT_PY / "comments.vtt"))
    assert comments.header_notes or comments.footer_notes or any(c.notes for c in comments.cues)  # webvtt-py drops them
    # two STYLE blocks before the first cue: two style sheets for the spec (webvtt-py's test counts 1)
    assert len(read_track(str(WEBVTT_PY / "styles.vtt")).styles) == 2
    assert read_track(str(WEBVTT_PY / "invalid_timeframe_in_cue_text.vtt")).cues[1].text == ""


def test_webvtt_py_fatal_errors_are_skipped_blocks_in_the_spec() -> None:
    """webvtt-py raises MalformedCaptionError for the whole file; the spec skips the block, and subkit says where."""
    for name in ("invalid_timeframe.vtt", "missing_timeframe.vtt"):
        track = read_track(str(WEBVTT_PY / name))
        assert track.cues
        assert [d.code for d in track.diagnostics if d.line] and all(d.code == "S001" for d in track.diagnostics)


def test_webvtt_py_invalid_files() -> None:
    with pytest.raises(InputError):
        read_track(str(WEBVTT_PY / "empty.vtt"))
    for number in (1, 2, 3):
        with pytest.raises(InputError):
            read_track(str(WEBVTT_PY / f"invalid_format{number}.srt"))
    # no signature: browsers reject it; subkit reads the cues and says so on line 1
    unsigned = read_track(str(WEBVTT_PY / "invalid.vtt"))
    assert unsigned.diagnostics[0].code == "S001" and unsigned.diagnostics[0].line == 1


def test_webvtt_py_tags_are_kept_as_markup() -> None:
    cue_tags = read_track(str(WEBVTT_PY / "cue_tags.vtt"))
    assert "Like a big-a pizza pie" in [visible_text(c.text) for c in cue_tags.cues]
    youtube = read_track(str(WEBVTT_PY / "youtube_dl.vtt"))
    assert visible_text(youtube.cues[2].text).startswith("this will happen is I'm telling")


def test_cdown_srt_fixtures() -> None:
    ascii_track = read_track(str(CORPORA / "srt" / "srt_tools" / "tests" / "files" / "ascii.srt"))
    assert [cue.id for cue in ascii_track.cues] == ["2", "4", "6"]
    gb = read_track(str(CORPORA / "srt" / "srt_tools" / "tests" / "files" / "gb2312.srt"), encoding="gb2312")
    assert [visible_text(c.text) for c in gb.cues][0].startswith("宇宙守护神")


def test_subtitle_edit_conversion_fixtures() -> None:
    srt, vtt = (read_track(str(SUBTITLE_EDIT / "seconv" / "Fixtures" / name)) for name in ("test.srt", "test.vtt"))
    assert [(c.start, c.end, c.text) for c in srt.cues] == [(c.start, c.end, c.text) for c in vtt.cues]
    assert [c.text for c in srt.cues][0] == "Hello, World!" and len(srt.cues) == 3


def test_pysubs2_data_reads_as_pysubs2_converted_it() -> None:
    """pysubs2 ships TTML files with its own ASS conversion of each: subkit reads both to the same cues."""
    data = CORPORA / "pysubs2" / "tests" / "data"
    for name in ("ttml_example", "ttml_example2"):
        ttml, ass = read_track(str(data / f"{name}.ttml")), read_track(str(data / f"{name}.ass"))
        assert not ttml.diagnostics and len(ttml.cues) == len(ass.cues) > 0
        for ours, theirs in zip(ttml.cues, ass.cues):
            assert abs(ours.start - theirs.start) <= 10 and abs(ours.end - theirs.end) <= 10  # ASS keeps centiseconds
            assert visible_text(ours.text).split() == visible_text(theirs.text).split()
    attached = sorted(data.glob("*attached*.ass"))
    assert len(attached) == 5
    for path in attached:
        try:
            read_track(str(path))
        except InputError as error:  # the script without events
            assert path.name == "subtitle_with_attached_fonts_no_events.ass" and "no [Events] section" in str(error)
