"""A LibreTranslate-compatible server on 127.0.0.1 for tests: deterministic, and broken on demand.

It speaks what the real server speaks (docs/libraries.md §3.4): `POST /translate` with the
fields in the query string or form body (as deep-translator sends them) or as JSON with `q` a
string or a list; `GET /languages`. Its "translation" shifts ASCII letters by a per-language
amount (ROT-n), which keeps word order, digits, placeholders and punctuation, and can be undone
exactly, so a test can prove that no word was lost, added or moved. Like a real engine going
from French to another language, it drops the space before ; : ! ?.

Failure modes: `fail_next` (status codes answered by the next requests), `fail_always`,
`delay` (seconds before answering), `mangle_over` (a `q` of more than N lines comes back with
two of them merged, as an engine does when it joins short lines into one sentence),
`drop_placeholders` (placeholders like `[1]` disappear), `expand` (a suffix on every word of 3+
letters, so the draft runs longer than its source).
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

LANGUAGES = ["en", "fr", "de", "es", "it", "pl", "pt", "ru", "ja", "zh", "ar"]
_NO_SPACE_BEFORE = re.compile(r"[ \u00a0\u202f]+([;:!?])")


def shift_for(language: str) -> int:
    return {"en": 13, "de": 7, "es": 3, "it": 11, "pl": 5}.get(language, 1 + sum(map(ord, language)) % 24)


def rot(text: str, shift: int) -> str:
    def move(ch: str) -> str:
        if "a" <= ch <= "z":
            return chr((ord(ch) - 97 + shift) % 26 + 97)
        if "A" <= ch <= "Z":
            return chr((ord(ch) - 65 + shift) % 26 + 65)
        return ch

    return "".join(move(ch) for ch in text)


def fake_translate(text: str, target: str) -> str:
    language = target.split("-")[0].lower()
    if language in ("zh", "ja"):
        return pseudo_cjk(text, language)
    if language in ("he", "iw", "ar"):
        return pseudo_rtl(text, language)
    out = rot(text, shift_for(target))
    return out if target == "fr" else _NO_SPACE_BEFORE.sub(r"\1", out)


#: first letter of the right-to-left alphabets a look-alike Hebrew or Arabic "translation" uses
_RTL_BASE = {"he": 0x05D0, "iw": 0x05D0, "ar": 0x0621}


def pseudo_rtl(text: str, target: str) -> str:
    """Letters (accents dropped) become Hebrew or Arabic letters, one for one; the rest stays."""
    start = _RTL_BASE[target]
    return "".join(
        chr(start + ord(ch) - 97) if "a" <= ch <= "z" else ch
        for ch in _NO_SPACE_BEFORE.sub(r"\1", _ascii_letters(text).lower())
    )


def rtl_letters(text: str, target: str) -> str:
    start = _RTL_BASE[target]
    return "".join(chr(97 + ord(ch) - start) for ch in text if 0 <= ord(ch) - start < 26)


def untranslate(text: str, target: str) -> str:
    return rot(text, -shift_for(target))


class FakeLibre:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests = 0
        self.queries: list[str] = []
        self.sources: list[str] = []
        self.fail_next: list[int] = []
        self.fail_always: int | None = None
        self.delay = 0.0
        self.mangle_over: int | None = None
        self.drop_placeholders = False
        self.required_key: str | None = None
        #: appended to every translated word of 3+ letters, to make drafts longer than their
        #: source as real translations into German or Spanish are (reversible: strip it)
        self.expand: str | None = None
        #: seconds sent in a Retry-After header with 429 answers
        self.retry_after: int | None = None
        #: (q, translation) -> what the server answers instead: an engine's misbehaviour
        self.misbehave: Callable[[str, str], str] | None = None
        self.server: ThreadingHTTPServer | None = None
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"http://{host if isinstance(host, str) else host.decode()}:{port}/"

    def __enter__(self) -> FakeLibre:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms stall

            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                if urlsplit(self.path).path.endswith("/languages"):
                    self._send(200, [{"code": c, "name": c, "targets": LANGUAGES} for c in LANGUAGES])
                else:
                    self._send(404, {"error": "not found"})

            def do_POST(self) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                if not parts.path.endswith("/translate"):
                    self._send(404, {"error": "not found"})
                    return
                values: dict[str, Any] = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
                if raw and "json" in (self.headers.get("Content-Type") or ""):
                    values.update(json.loads(raw))
                elif raw:
                    values.update({k: v[0] for k, v in parse_qs(raw.decode(), keep_blank_values=True).items()})
                with fake.lock:
                    fake.requests += 1
                    status = fake.fail_next.pop(0) if fake.fail_next else fake.fail_always
                    delay = fake.delay
                    fake.sources.append(str(values.get("source")))
                    query = values.get("q")
                    fake.queries.append(query if isinstance(query, str) else json.dumps(query))
                if delay:
                    time.sleep(delay)
                if status:
                    headers = {"Retry-After": str(fake.retry_after)} if status == 429 and fake.retry_after else None
                    self._send(
                        status, {"error": "Slowdown: 1 per 1 second" if status == 429 else "Internal failure"}, headers
                    )
                    return
                if fake.required_key is not None and values.get("api_key") != fake.required_key:
                    self._send(403, {"error": "Invalid API key"})
                    return
                q, target = values.get("q"), values.get("target")
                if q is None or not target:
                    self._send(400, {"error": "Invalid request: missing q or target parameter"})
                    return
                if target not in LANGUAGES:
                    self._send(400, {"error": f"{target} is not supported"})
                    return
                texts = q if isinstance(q, list) else [q]
                out = [fake.mangle(fake_translate(text.replace("\r\n", "\n"), target)) for text in texts]
                if fake.misbehave is not None:
                    out = [fake.misbehave(text, answer) for text, answer in zip(texts, out)]
                self._send(200, {"translatedText": out if isinstance(q, list) else out[0]})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def mangle(self, text: str) -> str:
        if self.expand:
            text = re.sub(r"(?<![\[\w])([A-Za-z]{3,})(?![\w\]])", rf"\1{self.expand}", text)
        if self.drop_placeholders:
            text = re.sub(r" ?\[\d+\]", "", text)
        if self.mangle_over is not None and text.count("\n") + 1 > self.mangle_over:
            text = text.replace("\n", " ", 1)
        return text

    def __exit__(self, *exc: object) -> None:
        assert self.server is not None
        self.server.shutdown()
        self.server.server_close()


#: first code point of the ideographs a look-alike CJK "translation" writes, per target
_CJK_BASE = {"zh": 0x4E00, "ja": 0x5800, "ko": 0xAC00}
_CJK_PUNCTUATION = {
    "zh": {",": "，", ".": "。", "?": "？", "!": "！", ":": "：", ";": "；", "«": "“", "»": "”"},
    "ja": {",": "、", ".": "。", "?": "？", "!": "！", ":": "：", ";": "；", "«": "「", "»": "」"},
}
_WORD_OR_PLACEHOLDER = re.compile(r"\[\d+\]|[A-Za-z]+|\d+|\n|[^\sA-Za-z\d]")


def _ascii_letters(text: str) -> str:
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


def pseudo_cjk(text: str, target: str) -> str:
    """A look-alike translation into a script without spaces: each pair of letters of a word
    becomes one ideograph (so the text is about half as long, as Chinese and Japanese drafts
    are), punctuation becomes full-width, spaces disappear; placeholders, digits and newlines
    stay. `cjk_letters` undoes it up to letters, so a test can prove nothing was lost or moved."""
    base = _CJK_BASE[target.split("-")[0]]
    punctuation = _CJK_PUNCTUATION.get(target.split("-")[0], _CJK_PUNCTUATION["zh"])
    out: list[str] = []
    for token in _WORD_OR_PLACEHOLDER.findall(_ascii_letters(text)):
        if token[0].isalpha():
            word = token.lower()
            out.extend(
                chr(base + 27 * (ord(word[i]) - 97) + (ord(word[i + 1]) - 97 if i + 1 < len(word) else 26))
                for i in range(0, len(word), 2)
            )
        elif token[0] in "[\n" or token[0].isdigit():
            out.append(token)
        elif token in punctuation:
            out.append(punctuation[token])
    return "".join(out)


def cjk_letters(text: str, target: str) -> str:
    """The letters a `pseudo_cjk` text stands for, in order (everything else dropped)."""
    base = _CJK_BASE[target.split("-")[0]]
    letters: list[str] = []
    for ch in text:
        offset = ord(ch) - base
        if 0 <= offset < 26 * 27:
            first, second = divmod(offset, 27)
            letters.append(chr(97 + first) + (chr(97 + second) if second < 26 else ""))
    return "".join(letters)


def letters_only(text: str) -> str:
    return "".join(ch for ch in _ascii_letters(text).lower() if "a" <= ch <= "z")
