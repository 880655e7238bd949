"""Bytes in and out: encoding detection on the way in, atomic writes on the way out.

Detection order (see docs/libraries.md §1: short cp1252 files fool every detector):
BOM, then UTF-16 without BOM (NUL pattern), then strict UTF-8, then cp1252 when the decoded
text looks like Western European writing, then `charset-normalizer` only when its evidence is
strong, else cp1252 with a note. `--encoding` bypasses all of it.
"""

from __future__ import annotations

import codecs
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from subkit.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: cp1252 characters that French, German, Spanish, Italian... text legitimately contains next to letters.
_WESTERN_PUNCTUATION = set("«»…’‘“”‚„–—•°€·\u00a0\u2009\u202f×÷¡¿ºª§¶©®™")
#: bytes cp1252 leaves undefined: their presence rules cp1252 out.
_CP1252_HOLES = frozenset(b"\x81\x8d\x8f\x90\x9d")


@dataclass(slots=True)
class Decoded:
    text: str
    encoding: str
    bom: bool
    #: why this encoding was chosen, for `info` and the S003 finding
    reason: str


def read_bytes(path: str) -> bytes:
    """The file's bytes, or an InputError that says why not (missing, a folder, no permission)."""
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a subtitle file", path) from None
    except PermissionError:
        raise InputError("permission denied", path) from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", path) from None


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _looks_utf16(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) / 2
    if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def _looks_binary(text: str) -> bool:
    """Control characters other than tab/CR/LF/FF in more than 1% of a sample: not a text file."""
    sample = text[:20000]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\r\n\x0c")
    return controls > max(2, len(sample) // 100)


def _western_score(text: str) -> float:
    """Share of suspicious characters when bytes are read as cp1252.

    Text in another code page read as cp1252 shows symbols in the middle of words (`³`, `¹`, `¿`
    for Polish ł, ą, ż) or long runs of accented capitals (Cyrillic). Western text does not.
    """
    suspicious = 0
    for index, ch in enumerate(text):
        if ch < "\x80":
            continue
        if ch in _WESTERN_PUNCTUATION:
            continue
        if not ch.isalpha():
            before = text[index - 1] if index else " "
            after = text[index + 1] if index + 1 < len(text) else " "
            if before.isalpha() or after.isalpha():
                suspicious += 1
    letters = sum(1 for ch in text if ch.isalpha())
    if not letters:
        return 0.0
    accented = sum(1 for ch in text if ch >= "\x80" and ch.isalpha())
    # Cyrillic or Greek read as cp1252 is mostly accented capitals; French is a few percent.
    accented_excess = max(0.0, accented / letters - 0.3) if letters >= 40 else 0.0
    return suspicious / letters + accented_excess


#: what the bytes 0x80-0xFF of Western European text are when read as cp1252
_COMMON_WESTERN = frozenset(
    "àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒßñÑáíóúÁÍÓÚãõÃÕ«»…’‘“”–—\u00a0°€"
)


def _western_share(data: bytes, other: str) -> float:
    """Of the characters cp1252 and `other` read differently, the share cp1252 reads as common Western ones.

    French with « » and NBSP read as ISO-8859-10 scores higher with charset-normalizer than
    cp1252 does, yet every byte where the two disagree is ordinary French under cp1252. Serbian
    cp1250 read as cp1252 shows æ and ð where ć and đ belong: a low share.
    """
    western = differing = 0
    try:
        as_other = data.decode(other)
    except (UnicodeDecodeError, LookupError):
        return 1.0
    as_cp1252 = data.decode("cp1252", errors="replace")
    if len(as_other) != len(as_cp1252):  # a multi-byte encoding: nothing to compare character by character
        return 0.0
    for mine, theirs in zip(as_cp1252, as_other):
        if mine != theirs:
            differing += 1
            western += mine in _COMMON_WESTERN
    return western / differing if differing else 1.0


def decode(data: bytes, path: str, encoding: str | None = None) -> Decoded:
    """Text of a subtitle file, with the encoding used and why. Raises InputError when it cannot be text."""
    if encoding:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}", path) from None
        bom = False
        for mark, name in _BOMS:
            if data.startswith(mark) and codecs.lookup(name).name.replace("-le", "").replace("-be", "") in codec:
                data, bom = data[len(mark) :], True
                break
        try:
            return Decoded(data.decode(codec), codec, bom, "given with --encoding")
        except UnicodeDecodeError as error:
            raise InputError(
                f"not valid {encoding}: byte 0x{data[error.start]:02x} cannot be decoded", path, _line_of(data, error.start)
            ) from None
    if not data.strip():
        raise InputError("empty file", path)
    for mark, name in _BOMS:
        if data.startswith(mark):
            try:
                return Decoded(data[len(mark) :].decode(name), name, True, "byte order mark")
            except UnicodeDecodeError as error:
                raise InputError(f"byte order mark says {name} but the text is not", path, _line_of(data, error.start)) from None
    utf16 = _looks_utf16(data)
    if utf16:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            pass
        else:
            if _looks_binary(text):
                raise InputError("binary data, not a subtitle file", path)
            return Decoded(text, utf16, False, "UTF-16 pattern without byte order mark")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_binary(text):
            raise InputError("binary data, not a subtitle file", path)
        return Decoded(text, "utf-8", False, "valid UTF-8")
    if b"\x00" in data[:20000] or _looks_binary(data[:20000].decode("latin-1")):
        raise InputError("binary data, not a subtitle file", path)
    encoding, reason = _choose_legacy(data)
    if encoding is None:
        raise InputError("cannot tell the text encoding; give it with --encoding", path)
    return Decoded(data.decode(encoding), encoding, False, reason)


#: answers of charset-normalizer that mean "a Western European single-byte code page"
_WESTERN = frozenset({"cp1252", "latin_1", "iso8859_15", "iso8859-15", "windows-1252"})


def _choose_legacy(data: bytes) -> tuple[str | None, str]:
    """The code page of a non-UTF-8 file: cp1252 unless a detector has clearly better evidence.

    charset-normalizer ranks cp1250 or cp1257 first for short French or German files with the
    same coherence as cp1252, so its answer is taken only when it reads the text clearly more
    coherently than cp1252 does, or when cp1252 cannot read the bytes sensibly at all.
    """
    from charset_normalizer import from_bytes  # noqa: PLC0415 - ~20 ms, only for non-UTF-8 input

    cp1252_ok = not (_CP1252_HOLES & set(data))
    western_text = cp1252_ok and _western_score(data.decode("cp1252")) < 0.01
    results = list(from_bytes(data))
    best = results[0] if results else None
    as_cp1252 = next((r for r in results if codecs.lookup(r.encoding).name == "cp1252"), None)
    if best is None or best.chaos > 0.2:
        if cp1252_ok:
            return "cp1252", "no detector evidence: assumed cp1252"
        return None, ""
    if not western_text:
        # cp1252 shows symbols inside words (Polish ł as ³): take the best non-Western reading.
        other = next((r for r in results if codecs.lookup(r.encoding).name not in _WESTERN and r.chaos <= 0.2), None)
        if other is not None:
            name = codecs.lookup(other.encoding).name
            return name, f"cp1252 would garble it; detected as {name} ({other.language})"
    name = codecs.lookup(best.encoding).name
    if name in _WESTERN or best.encoding in _WESTERN:
        return "cp1252", "reads as Western European text"
    if as_cp1252 is None and not western_text:
        return name, f"detected as {name} ({best.language})"
    cp1252_coherence = as_cp1252.coherence if as_cp1252 is not None else 0.0
    if best.coherence - cp1252_coherence >= 0.03 and (
        not western_text or (len(data) >= 2000 and _western_share(data, name) < 0.9)
    ):
        return name, f"detected as {name} ({best.language})"
    if cp1252_ok:
        return "cp1252", "reads as Western European text"
    return name, f"detected as {name} ({best.language})"


def atomic_write(path: str, data: bytes, inputs: set[str] | None = None) -> None:
    """Write `data` to `path` through a temporary file in the same folder and a rename.

    A reader of `path` sees the old file or the new one, never half of one, and a failure leaves
    the old file untouched. `inputs` lists resolved input paths that must never be overwritten.
    """
    if path == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target = Path(path)
    if inputs and str(target.resolve()) in inputs:
        raise InputError("refusing to overwrite an input file; choose another -o", path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o7777)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def encode(text: str, path: str, encoding: str = "utf-8", bom: bool = False) -> bytes:
    """Text to bytes for writing; a character the target encoding lacks is an error, not a `?`."""
    codec = codecs.lookup(encoding).name
    try:
        data = text.encode(codec)
    except UnicodeEncodeError as error:
        line = text.count("\n", 0, error.start) + 1
        raise InputError(f"{text[error.start]!r} cannot be written in {encoding}", path, line) from None
    if bom and codec.startswith("utf-8"):
        data = codecs.BOM_UTF8 + data
    return data
