"""Bytes in and out: size caps and encoding detection on the way in, atomic writes on the way out.

Inputs are regular files of at most `max_input_bytes()`: a FIFO, a device or a folder is
refused at once instead of blocking or filling memory; a stream the caller opened (standard
input, for the command line's `-`) is read up to the same limit by `read_stream`. Outputs are
regular files (new or existing), written through a temporary file and a rename; the temporary
file is removed on every failure, and also when the process is terminated
(`remove_temporaries`). Standard input and output are the caller's: this module names no `-`.

Detection order (see docs/libraries.md §1: short cp1252 files fool every detector):
BOM, then UTF-16 without BOM (NUL pattern), then strict UTF-8, then cp1252 when the decoded
text looks like Western European writing, then `charset-normalizer` only when its evidence is
strong, else cp1252 with a note. An encoding the caller names bypasses all of it.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import signal
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from subkit.errors import InputError, OutputError

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


#: The most bytes read from one input unless told otherwise: 32 MiB, about 367,000 cues of SRT,
#: which take about 0.75 GB of memory to check (SECURITY.md): no input can exhaust a machine.
DEFAULT_MAX_INPUT_BYTES = 32 * 1024 * 1024
_limits = {"input": DEFAULT_MAX_INPUT_BYTES}


class InputTooLarge(InputError):
    """An input larger than the size limit (the command line says how to raise it)."""


def set_max_input_bytes(limit: int) -> None:
    """Raise or lower the input size limit for this process (and the batch workers it starts)."""
    if limit < 1:
        raise ValueError("the input size limit must be positive")
    _limits["input"] = limit


def max_input_bytes() -> int:
    return _limits["input"]


def format_size(size: int) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{size} bytes"


def _too_large(path: str, limit: int) -> InputTooLarge:
    return InputTooLarge(f"larger than the input size limit of {format_size(limit)}", path)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_bytes(path: str, limit: int | None = None) -> bytes:
    """The file's bytes, or an InputError that says why not (missing, a folder, no permission,
    not a regular file, larger than `limit` (default `max_input_bytes()`)).

    A FIFO or a device is refused before anything is read, so `/dev/zero` or a pipe with no
    writer can neither fill memory nor block.
    """
    limit = limit or max_input_bytes()
    try:
        # O_NONBLOCK: opening a FIFO with no writer returns at once (and is then refused)
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise InputError("no such file", path) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a subtitle file", path) from None
    except PermissionError:
        if os.path.isdir(path):
            raise InputError("is a folder, not a subtitle file", path) from None
        raise InputError("permission denied", path) from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", path) from None
    try:
        mode = os.fstat(handle).st_mode
        if stat.S_ISDIR(mode):
            raise InputError("is a folder, not a subtitle file", path)
        if not stat.S_ISREG(mode):
            raise InputError(f"is {_kind(mode)}, not a regular file", path)
        if os.fstat(handle).st_size > limit:
            raise _too_large(path, limit)
        chunks = []
        size = 0
        while size <= limit:
            chunk = os.read(handle, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:  # grew while being read
            raise _too_large(path, limit)
        return b"".join(chunks)
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", path) from None
    finally:
        os.close(handle)


def read_stream(stream: BinaryIO, name: str, limit: int | None = None) -> bytes:
    """Bytes of an open stream (a pipe, standard input), up to `limit` (default
    `max_input_bytes()`): more is an InputError, so an endless stream cannot fill memory."""
    limit = limit or max_input_bytes()
    try:
        data = stream.read(limit + 1)
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", name) from None
    if len(data) > limit:
        raise _too_large(name, limit)
    return data


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
_COMMON_WESTERN = frozenset("àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒßñÑáíóúÁÍÓÚãõÃÕ«»…’‘“”–—\u00a0°€")


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
            return Decoded(data.decode(codec), codec, bom, "the encoding given, not detected")
        except UnicodeDecodeError as error:
            raise InputError(
                f"not valid {encoding}: byte 0x{data[error.start]:02x} cannot be decoded",
                path,
                _line_of(data, error.start),
            ) from None
    if not data.strip():
        raise InputError("empty file", path)
    for mark, name in _BOMS:
        if data.startswith(mark):
            try:
                return Decoded(data[len(mark) :].decode(name), name, True, "byte order mark")
            except UnicodeDecodeError as error:
                raise InputError(
                    f"byte order mark says {name} but the text is not", path, _line_of(data, error.start)
                ) from None
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
        raise InputError("cannot tell the text encoding", path, option="encoding", missing=True)
    return Decoded(data.decode(encoding), encoding, False, reason)


#: The accented letters of the languages each code page is written in. Czech, Croatian or
#: Hungarian cp1250 read as cp1252 shows letters, not symbols (è ø ì for č ř ě, æ ð for ć đ,
#: õ û for ő ű), so `_western_score` passes it; but no one Western language uses that mix, while
#: the cp1250 reading is all one Central European alphabet.
_ALPHABETS = {
    "cp1252": (
        "àâçéèêëîïôœùûüÿ",  # French (æ only in a few Latin borrowings)
        "äöüß",  # German
        "áéíñóúü",  # Spanish
        "àáâãçéêíóôõú",  # Portuguese
        "àèéìíîòóù",  # Italian
        "àçèéíïòóúü",  # Catalan
        "áéëïóöü",  # Dutch
        "æøåé",  # Danish, Norwegian
        "åäöé",  # Swedish
        "äöåšž",  # Finnish
        "áðéíóúýþæö",  # Icelandic
        "äõöüšž",  # Estonian
    ),
    "cp1250": (
        "áčďéěíňóřšťúůýž",  # Czech
        "áäčďéíĺľňóôŕšťúýž",  # Slovak
        "ąćęłńóśźż",  # Polish
        "áéíóöőúüű",  # Hungarian
        "čćđšž",  # Croatian, Bosnian, Serbian (Latin), Slovene
        "ăâîşţ",  # Romanian
    ),
}


def _alphabet_fit(text: str, encoding: str) -> float:
    """Share of the non-ASCII characters (punctuation aside) that one language of `encoding` uses: 1.0 for French read as cp1252."""
    counts: dict[str, int] = {}
    for ch in text:
        if ch >= "\x80" and ch not in _WESTERN_PUNCTUATION:
            counts[ch.lower()] = counts.get(ch.lower(), 0) + 1
    total = sum(counts.values())
    if not total:
        return 1.0
    return max(sum(counts.get(letter, 0) for letter in alphabet) for alphabet in _ALPHABETS[encoding]) / total


def _central_european(data: bytes) -> bool:
    """Whether the bytes are Central European cp1250 that cp1252 would read as a mix of Western letters."""
    try:
        as_cp1250 = data.decode("cp1250")
    except UnicodeDecodeError:
        return False
    return (
        _alphabet_fit(as_cp1250, "cp1250") >= 0.95
        and _alphabet_fit(data.decode("cp1252", errors="replace"), "cp1252") < 0.9
    )


#: answers of charset-normalizer that mean "a Western European single-byte code page"
_WESTERN = frozenset({"cp1252", "latin_1", "iso8859_15", "iso8859-15", "windows-1252"})


def _choose_legacy(data: bytes) -> tuple[str | None, str]:
    """The code page of a non-UTF-8 file: cp1252 unless a detector has clearly better evidence.

    charset-normalizer ranks cp1250 or cp1257 first for short French or German files with the
    same coherence as cp1252, so its answer is taken only when it reads the text clearly more
    coherently than cp1252 does, or when cp1252 cannot read the bytes sensibly at all.
    """
    if _central_european(data):
        return (
            "cp1250",
            "its accented letters are one Central European alphabet in cp1250, a mix of Western ones in cp1252",
        )
    cp1252_ok = not (_CP1252_HOLES & set(data))
    western_text = cp1252_ok and _western_score(data.decode("cp1252")) < 0.01
    if western_text and _alphabet_fit(data.decode("cp1252"), "cp1252") >= 0.98:
        return "cp1252", "reads as Western European text"  # charset-normalizer says cp1258 for Italian
    from charset_normalizer import from_bytes  # noqa: PLC0415 - ~20 ms, only for non-UTF-8 input

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


#: temporary files being written by this process: removed if it is terminated mid-write
_temporaries: set[str] = set()
_SIGNALS = {signal.SIGINT, *([signal.SIGTERM] if hasattr(signal, "SIGTERM") else [])}


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT/SIGTERM for a few instructions, so a temporary file is never created or renamed
    without being in `_temporaries` (a handler that runs in between would leave it behind)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    except (OSError, ValueError):
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def remove_temporaries() -> None:
    """Remove the temporary files this process is writing (from a signal handler, before exiting)."""
    for temporary in list(_temporaries):
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    _temporaries.clear()


def check_output(path: str, inputs: set[str] | None = None, inside: str | None = None) -> str:
    """The real path a write to `path` replaces, after the checks every output goes through.

    Refused (OutputError): an input of the run (`inputs`, resolved paths), anything but a regular
    file (a folder, FIFO or device: `/dev/null` is not replaced by a file), and, with `inside`, a
    path that resolves outside that folder (through `..` or a symbolic link). A symbolic link to
    a regular file is written through: the link stays, its target gets the new content.
    """
    real = os.path.realpath(path)
    if inputs and real in inputs:
        raise OutputError("refusing to overwrite an input file; choose another output", path)
    if inside is not None:
        root = os.path.realpath(inside)
        if os.path.commonpath([root, real]) != root:
            raise OutputError(
                f"resolves outside the output folder {inside} (through .. or a symbolic link); not written", path
            )
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        return real
    except OSError as error:
        raise OutputError(f"cannot write: {error.strerror or error}", path) from None
    if stat.S_ISDIR(mode):
        raise OutputError("is a folder; give a file name", path)
    if not stat.S_ISREG(mode):
        raise OutputError(f"is {_kind(mode)}: only regular files are written", path)
    return real


def atomic_write(path: str, data: bytes, inputs: set[str] | None = None, inside: str | None = None) -> None:
    """Write `data` to `path` through a temporary file in the same folder and a rename.

    A reader of `path` sees the old file or the new one, never half of one, and a failure leaves
    the old file untouched and no temporary file behind. `inputs` lists resolved input paths
    that must never be overwritten, `inside` a folder the output must stay in (`check_output`).
    Every failure to write is an OutputError (exit 73).
    """
    real = check_output(path, inputs, inside)
    folder = os.path.dirname(real)
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot create its folder: {error.strerror or error}", path) from None
    temporary = None
    try:
        with _signals_held():
            handle, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(real)}.", suffix=".tmp", dir=folder)
            _temporaries.add(temporary)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        if os.path.exists(real):
            os.chmod(temporary, os.stat(real).st_mode & 0o7777)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        with _signals_held():
            os.replace(temporary, real)
            _temporaries.discard(temporary)
    except BaseException as error:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            _temporaries.discard(temporary)
        if isinstance(error, OSError):
            raise OutputError(f"cannot write: {error.strerror or error}", path) from None
        raise


def backup(path: str) -> str:
    """Copy `path` to the first free name of `PATH.bak`, `PATH.bak.1`, `PATH.bak.2`... and return it.

    An existing backup is never overwritten (the first one holds the original), and the copy is
    created exclusively, so two runs cannot take the same name.
    """
    data = read_bytes(path)
    number = 0
    while True:
        candidate = f"{path}.bak" + (f".{number}" if number else "")
        try:
            handle = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            number += 1
            continue
        except OSError as error:
            raise OutputError(f"cannot write a backup: {error.strerror or error}", candidate) from None
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.chmod(candidate, os.stat(path).st_mode & 0o7777)
        except BaseException as error:
            with contextlib.suppress(OSError):
                os.unlink(candidate)
            if isinstance(error, OSError):
                raise OutputError(f"cannot write a backup: {error.strerror or error}", candidate) from None
            raise
        return candidate


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def output_codec(encoding: str, path: str = "<output>") -> str:
    """The codec name of an output encoding; an unknown name is an OutputError (nothing can be written)."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise OutputError(f"unknown encoding {encoding!r}", path) from None


def encode(text: str, path: str, encoding: str = "utf-8", bom: bool = False) -> bytes:
    """Text to bytes for writing; a character the target encoding lacks is an error, not a `?`."""
    codec = output_codec(encoding, path)
    try:
        data = text.encode(codec)
    except UnicodeEncodeError as error:
        line = text.count("\n", 0, error.start) + 1
        raise OutputError(f"{text[error.start]!r} cannot be written in {encoding}", path, line) from None
    if bom and codec.startswith("utf-8"):
        data = codecs.BOM_UTF8 + data
    return data
