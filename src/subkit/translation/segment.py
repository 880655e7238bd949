"""From cues to what a translator should see: utterances, then sentences that may run over cues.

A cue is cut into *pieces*: one per speaker line when it carries dialogue dashes, else one piece
for the whole cue (its line breaks are layout, not meaning, and are redone after translation).
Tags that wrap a whole piece (`<i>...</i>`, `{\\an8}`, `<v Name>`) and the speaker dash are lifted
off the piece, so the translator never sees them and they come back exactly. Pieces are then
grouped into *segments*: a sentence continues over the next piece unless the piece ends with
terminal punctuation, the next one starts with a speaker dash, or a long pause separates them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from subkit.markup import TAG, visible_text
from subkit.model import Cue

#: tags that open and close; the others (`<v Name>`, `{\an8}`, timestamps) stand alone
PAIRED = frozenset({"i", "b", "u", "s", "font", "c", "lang", "ruby", "rt"})
_DASH = re.compile(r"[-\u2010\u2013\u2014][ \u00a0]?(?=[^\s\-\u2010\u2013\u2014\d])")
_LEADING_TAGS = re.compile(rf"(?:{TAG.pattern}|[ \t])*")
_TRAILING_TAGS = re.compile(r"(?:</[A-Za-z][A-Za-z0-9]*>|[ \t])*$")
#: a sentence ends with . ! ? or … possibly followed by closing quotes or brackets
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'»”’)\]\u00a0\u202f ]*$")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
#: dialogue dash style per language (QC rule Y004): en/de "-Text", the others "- Text"; Hebrew
#: marks only the second speaker, without a space (Netflix Hebrew Timed Text Style Guide)
_DASH_WITHOUT_SPACE = frozenset({"en", "de", "he"})
_SECOND_SPEAKER_ONLY = frozenset({"he"})
#: a voice span (`<v Name>`) that starts after other text on a line: a new utterance
_VOICE_CHANGE = re.compile(r"(?<=\S)\s*(?=<v[\s.>])")
_VOICE = re.compile(r"^\s*<v[\s.][^>]*>")


@dataclass(slots=True)
class Piece:
    """One utterance inside one cue: lifted wrapper tags, an optional speaker dash, and the body."""

    cue: int
    lead: str
    dash: bool
    after_dash: str
    body: str
    trail: str
    #: visible body text (what sizes the share of a translation this piece gets back)
    plain: str = ""

    @property
    def translatable(self) -> bool:
        """Text with no letter or digit ('...', '♪', '?') is kept as is: some providers answer None."""
        return bool(_LETTER_OR_DIGIT.search(self.plain))


@dataclass(slots=True)
class Segment:
    """Consecutive pieces that form one sentence (or a few), translated as one text."""

    pieces: list[int] = field(default_factory=list)


def _tag_name(tag: str) -> str:
    match = TAG.fullmatch(tag)
    if match is None or tag.startswith("{"):
        return ""
    return match.group(2).lower()


def balance_lines(lines: list[str]) -> list[str]:
    """Close paired tags still open at the end of a line and reopen them on the next one.

    `<i>line one\\nline two</i>` becomes `<i>line one</i>\\n<i>line two</i>`, so each line (and so
    each speaker) can be handled alone. A stray closing tag with no opening is dropped.
    """
    open_tags: list[tuple[str, str]] = []
    result: list[str] = []
    for line in lines:
        prefix = "".join(tag for _, tag in open_tags)
        out: list[str] = []
        last = 0
        for match in TAG.finditer(line):
            name = _tag_name(match.group(0))
            out.append(line[last : match.start()])
            last = match.end()
            if name not in PAIRED:
                out.append(match.group(0))
            elif match.group(1):  # closing
                if any(n == name for n, _ in open_tags):
                    while open_tags:
                        n, _ = open_tags.pop()
                        out.append(f"</{n}>")
                        if n == name:
                            break
            else:
                open_tags.append((name, match.group(0)))
                out.append(match.group(0))
        out.append(line[last:])
        suffix = "".join(f"</{n}>" for n, _ in reversed(open_tags))
        result.append(prefix + "".join(out) + suffix)
    return result


def is_balanced(markup: str) -> bool:
    """Every paired tag closed in order and nothing closed that was not opened."""
    stack: list[str] = []
    for match in TAG.finditer(markup):
        name = _tag_name(match.group(0))
        if name not in PAIRED:
            continue
        if not match.group(1):
            stack.append(name)
        elif not stack or stack.pop() != name:
            return False
    return not stack


def _merge_reopened(markup: str) -> str:
    """`</i> <i>` (a tag closed and reopened across a joined line break) becomes a plain space."""
    return re.sub(r"</([a-z]+)>(\s+)<\1>", r"\2", markup)


def _split_piece(cue_index: int, markup: str) -> Piece:
    lead_match = _LEADING_TAGS.match(markup)
    lead = lead_match.group(0) if lead_match else ""
    rest = markup[len(lead) :]
    dash_match = _DASH.match(rest)
    dash = dash_match is not None
    after_dash = ""
    if dash_match:
        rest = rest[dash_match.end() :]
        after_match = _LEADING_TAGS.match(rest)
        after_dash = after_match.group(0) if after_match else ""
        rest = rest[len(after_dash) :]
    trail_match = _TRAILING_TAGS.search(rest)
    trail = trail_match.group(0) if trail_match else ""
    body = rest[: len(rest) - len(trail)]
    # lifted closings must close lifted openings, or the body would lose a needed tag; a voice
    # span's `</v>` closes the `<v Name>` lifted with it (never a placeholder mid-sentence)
    opened = [_tag_name(t.group(0)) for t in TAG.finditer(lead + after_dash) if not t.group(1)]
    opened = [name for name in opened if name in PAIRED or name == "v"]
    closed = [_tag_name(t.group(0)) for t in TAG.finditer(trail)]
    while closed and (not opened or closed[0] != opened[-1]):
        body += trail[: trail.index(">") + 1] if trail.startswith("<") else ""
        trail = trail[trail.index(">") + 1 :] if ">" in trail else ""
        closed = closed[1:]
    if not is_balanced(body):
        # the body closes what the lead opened (`<i>Kaboul,</i> 2021`): lift only unpaired tags
        kept = [t.group(0) for t in TAG.finditer(lead) if _tag_name(t.group(0)) not in PAIRED]
        moved = [t.group(0) for t in TAG.finditer(lead) if _tag_name(t.group(0)) in PAIRED]
        body = "".join(moved) + body + trail
        lead, trail = "".join(kept), ""
    body = body.strip()
    lead = lead.strip(" \t")
    after_dash = after_dash.strip(" \t")
    trail = trail.strip(" \t")
    return Piece(cue_index, lead, dash, after_dash, body, trail, " ".join(visible_text(body).split()))


def split_cue(cue_index: int, cue: Cue) -> list[Piece]:
    """The utterances of one cue: a new one at each line starting with a speaker dash."""
    lines = balance_lines([part for line in cue.text.split("\n") for part in _VOICE_CHANGE.split(line)])
    groups: list[list[str]] = []
    for line in lines:
        lead_match = _LEADING_TAGS.match(line)
        rest = line[lead_match.end() :] if lead_match else line
        if not groups or _DASH.match(rest) or _VOICE.match(line):
            groups.append([line])
        else:
            groups[-1].append(line)
    pieces = [_split_piece(cue_index, _merge_reopened(" ".join(part.strip() for part in group))) for group in groups]
    return [piece for piece in pieces if piece.body or piece.dash or piece.lead] or [
        Piece(cue_index, "", False, "", "", "", "")
    ]


def ends_sentence(plain: str) -> bool:
    return bool(_SENTENCE_END.search(plain))


def group_segments(
    pieces: list[Piece], cues: list[Cue], pause_ms: int = 2000, max_pieces: int = 6, max_chars: int = 600
) -> list[Segment]:
    """Pieces grouped into sentences, in order; every piece belongs to exactly one segment.

    A segment is capped (`max_pieces`, `max_chars`) so that a track without punctuation does not
    become one giant sentence, and so that each segment fits in one request.
    """
    segments: list[Segment] = []
    size = 0
    for index, piece in enumerate(pieces):
        start_new = True
        if segments and piece.translatable:
            previous_index = segments[-1].pieces[-1]
            previous = pieces[previous_index]
            gap = cues[piece.cue].start - cues[previous.cue].end if piece.cue != previous.cue else 0
            start_new = (
                piece.dash
                or voice(piece) != voice(previous)
                or not previous.translatable
                or ends_sentence(previous.plain)
                or gap > pause_ms
                or len(segments[-1].pieces) >= max_pieces
                or size + len(piece.plain) + 1 > max_chars
            )
        if start_new:
            segments.append(Segment([index]))
            size = len(piece.plain)
        else:
            segments[-1].pieces.append(index)
            size += len(piece.plain) + 1
    return segments


def dash_text(language: str, first: bool = False) -> str:
    """The speaker dash as the target language writes it (on the cue's first speaker line or not)."""
    code = language.split("-")[0].lower()
    if first and code in _SECOND_SPEAKER_ONLY:
        return ""
    return "-" if code in _DASH_WITHOUT_SPACE else "- "


def voice(piece: Piece) -> str:
    """The `<v Name>` tag a piece is spoken in ('' when none)."""
    match = re.search(r"<v[\s.][^>]*>", piece.lead)
    return match.group(0) if match else ""


def assemble_line(piece: Piece, body: str, language: str, first: bool = False) -> str:
    dash = dash_text(language, first) if piece.dash else ""
    return f"{piece.lead}{dash}{piece.after_dash}{body}{piece.trail}"
