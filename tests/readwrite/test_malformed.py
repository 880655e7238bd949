"""Malformed input never raises anything but InputError, and every reader diagnostic is located."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from subkit.errors import InputError
from subkit.fileio import decode
from subkit.formats import parse_text

# Pieces real broken files are made of, shuffled into sequences.
_TOKENS = st.sampled_from(
    [
        "1",
        "2",
        "10",
        " 3 ",
        "-1",
        "WEBVTT",
        "NOTE x",
        "STYLE",
        "REGION",
        "id:r",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "00:00:01,000 --> 00:00:02,000",
        "00:00:01.000 --> 00:00:02.000",
        "00:01.000 --> 00:02.000 align:start",
        "00:00:01,000 -> 00:00:02,000",
        "00:0a:01,000 --> 00:00:02,000",
        "00:75:00,000 --> 00:76:00,000",
        "-->",
        "<i>",
        "</i>",
        "{\\an8}",
        "&amp;",
        "&",
        "<",
        "texte",
        "Kaboul\u00a0!",
        "\u2028",
        "\x85",
        "\x00",
        "\ufeff",
        " ",
        "\t",
        "…",
        "«\u00a0",
        "\x0c",
    ]
)
_DOCUMENT = st.lists(_TOKENS, max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DOCUMENT, st.sampled_from(["a.srt", "a.vtt"]))
def test_token_soup_reads_or_fails_cleanly(text: str, name: str) -> None:
    try:
        track = parse_text(text, name)
    except InputError as error:
        assert error.path == name
        return
    lines = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    for diagnostic in track.diagnostics:
        assert diagnostic.line is not None and 1 <= diagnostic.line <= lines
    for cue in track.cues:
        assert cue.line is not None and 1 <= cue.line <= lines


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_decode_or_fail_cleanly(data: bytes) -> None:
    try:
        decoded = decode(data, "b.srt")
    except InputError:
        return
    try:
        parse_text(decoded.text, "b.srt")
    except InputError:
        pass


def test_every_character_is_in_a_cue_or_a_diagnostic() -> None:
    text = (
        "stray words\n\n1\n00:00:01,000 --> 00:00:02,000\nfirst\n\nafter blank\n"
        "2\n00:00:03,000 -> 00:00:04,000\nlost arrow\n\n3\n00:00:05,000 --> 00:00:06,000\nlast\n"
    )
    track = parse_text(text, "c.srt")
    kept = " ".join([c.text for c in track.cues] + [d.message for d in track.diagnostics])
    for word in ("stray words", "first", "after blank", "lost arrow", "last"):
        assert word in kept
