"""Google, DeepL and MyMemory look-alikes on 127.0.0.1, for the engines' real network paths.

One server answers the three providers' endpoints, each in the shape deep-translator 1.11.4
parses (docs/libraries.md §3, deep_translator/google.py, deepl.py, mymemory.py):

- `GET /m?tl=&sl=&q=` (translate.google.com/m): an HTML page whose
  `<div class="result-container">` holds the translation, HTML-escaped, newlines kept as the
  real page keeps them; `Content-Type: text/html; charset=utf-8` (without the charset requests
  would decode it as ISO-8859-1). A `q` of 5000 characters or more gets 413.
- `GET /v2/translate?auth_key=&source_lang=&target_lang=&text=` (api(-free).deepl.com):
  `{"translations": [{"detected_source_language": "FR", "text": ...}]}`; a wrong key gets 403.
- `GET /get?langpair=fr-FR|en-GB&q=` (api.mymemory.translated.net): `responseData.translatedText`.
  A `q` over 500 bytes of UTF-8 is refused the way MyMemory refuses a request it does not like:
  HTTP 200 with `responseStatus` 403 and the complaint in `translatedText`.

The "translation" is fakelibre's: letters shifted per target language, reversible, so a test
can prove that no word was lost, added or moved. Failure modes: `fail_next` (status codes for
the next requests), `fail_always`, `delay` (seconds before answering, cut short when the server
stops) and, for Google, `collapse_newlines` (the page joins all lines into one). Engines' answer
misbehaviours: `misbehave` ((provider, q, translation) -> what is answered instead), `entities`
(MyMemory escapes its translations as HTML, `n&#39;ai`; Google's page escapes them twice, so the
text deep-translator reads still holds `&#39;`) and `quota` (MyMemory's daily-quota warning as
the translation, with HTTP 200 and responseStatus 200).

Languages are the providers' own codes: Google knows Hebrew only as `iw` and Chinese as
`zh-CN`/`zh-TW`, MyMemory wants regions (`he-IL`), DeepL `ZH`/`JA`.
"""

from __future__ import annotations

import html
import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .fakelibre import fake_translate

GOOGLE_LIMIT = 5000
MYMEMORY_BYTES = 500
LANGUAGES = {"en", "fr", "de", "es", "it", "pl", "pt", "ru"}
GOOGLE_LANGUAGES = LANGUAGES | {"iw", "ar", "ja", "ko", "zh-CN", "zh-TW"}  # never `he`
MYMEMORY_LANGUAGES = LANGUAGES | {"he", "ar", "ja", "zh"}
QUOTA = (
    "MYMEMORY WARNING: YOU USED ALL AVAILABLE FREE TRANSLATIONS FOR TODAY. NEXT AVAILABLE IN  "
    "10 HOURS 04 MINUTES 37 SECONDS VISIT HTTPS://MYMEMORY.TRANSLATED.NET/DOC/USAGELIMITS.PHP TO TRANSLATE MORE"
)

_PAGE = """<!DOCTYPE html><html lang="{target}"><head><meta name="viewport" content="width=device-width">
<title>Google Translate</title></head><body><div class="root-container"><div class="header">Translate</div>
<div class="languages-container"><div class="sl-and-tl">{source} &#8594; {target}</div></div>
<div class="input-container"><form action="/m"><input type="text" name="q" value="{query}"></form></div>
<div class="result-container">{result}</div>
<div class="links-container"><ul><li><a href="https://www.google.com/m?hl=en">Google home</a></li></ul></div>
</div></body></html>"""


class FakeProviders:
    """A threaded HTTP server speaking like the three providers; every request is recorded."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        #: (provider, parameters) of every request, in arrival order
        self.calls: list[tuple[str, dict[str, str]]] = []
        self.fail_next: list[int] = []
        self.fail_always: int | None = None
        self.delay = 0.0
        self.collapse_newlines = False
        self.misbehave: Callable[[str, str, str], str] | None = None
        self.entities = False
        self.quota = False
        self.deepl_key = "deepl-test-key:fx"
        self.server: ThreadingHTTPServer | None = None

    def answer(self, provider: str, q: str, translation: str) -> str:
        return self.misbehave(provider, q, translation) if self.misbehave is not None else translation

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def texts(self, provider: str) -> list[str]:
        """What was asked to be translated, request by request."""
        key = "text" if provider == "deepl" else "q"
        return [params.get(key, "") for name, params in self.calls if name == provider]

    @property
    def requests(self) -> int:
        return len(self.calls)

    def __enter__(self) -> FakeProviders:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, status: int, body: str, content_type: str) -> None:
                data = body.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _json(self, status: int, payload: Any) -> None:
                self._send(status, json.dumps(payload), "application/json")

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                params = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
                provider = {"/m": "google", "/v2/translate": "deepl", "/get": "mymemory"}.get(parts.path)
                if provider is None:
                    self._send(404, "Not Found", "text/plain; charset=utf-8")
                    return
                with fake.lock:
                    fake.calls.append((provider, params))
                    status = fake.fail_next.pop(0) if fake.fail_next else fake.fail_always
                    delay = fake.delay
                if delay and fake.stopping.wait(delay):
                    return  # the test is over: drop the connection
                if status:
                    if provider == "google":
                        self._send(
                            status,
                            "<html><title>Error</title><body>That's an error.</body></html>",
                            "text/html; charset=utf-8",
                        )
                    else:
                        self._json(status, {"message": "Too many requests" if status == 429 else "Internal error"})
                    return
                getattr(self, f"_{provider}")(params)

            def _google(self, params: dict[str, str]) -> None:
                q, source, target = params.get("q", ""), params.get("sl", ""), params.get("tl", "")
                if target not in GOOGLE_LANGUAGES or not source or not q:
                    self._send(400, "<html><body>Bad request</body></html>", "text/html; charset=utf-8")
                    return
                if len(q) >= GOOGLE_LIMIT:
                    self._send(413, "<html><body>Request too large</body></html>", "text/html; charset=utf-8")
                    return
                result = fake.answer("google", q, fake_translate(q, target))
                if fake.collapse_newlines:
                    result = " ".join(result.split("\n"))
                shown = html.escape(result, quote=False)
                if fake.entities:
                    shown = html.escape(html.escape(result, quote=True), quote=False)
                page = _PAGE.format(source=source, target=target, query=html.escape(q), result=shown)
                self._send(200, page, "text/html; charset=utf-8")

            def _deepl(self, params: dict[str, str]) -> None:
                if params.get("auth_key") != fake.deepl_key:
                    self._json(403, {"message": "Authorization failure, check auth_key"})
                    return
                target = params.get("target_lang", "").lower()
                if target not in LANGUAGES | {"ja", "zh"} or "text" not in params:
                    self._json(400, {"message": "Value for 'target_lang' not supported."})
                    return
                source = params.get("source_lang", "").upper()
                self._json(
                    200,
                    {
                        "translations": [
                            {
                                "detected_source_language": source or "FR",
                                "text": fake.answer("deepl", params["text"], fake_translate(params["text"], target)),
                            }
                        ]
                    },
                )

            def _mymemory(self, params: dict[str, str]) -> None:
                source, _, target = params.get("langpair", "").partition("|")
                q = params.get("q", "")
                answer: dict[str, Any] = {
                    "quotaFinished": False,
                    "mtLangSupported": None,
                    "responderId": None,
                    "exception_code": None,
                    "matches": [],
                }
                if len(q.encode("utf-8")) > MYMEMORY_BYTES:
                    answer.update(
                        responseData={
                            "translatedText": "QUERY LENGTH LIMIT EXCEEDED. MAX ALLOWED QUERY : 500 CHARS",
                            "match": 0,
                        },
                        responseDetails="QUERY LENGTH LIMIT EXCEEDED",
                        responseStatus=403,
                    )
                elif target.split("-")[0] not in MYMEMORY_LANGUAGES or not source or not q:
                    answer.update(
                        responseData={"translatedText": "INVALID LANGUAGE PAIR SPECIFIED", "match": 0},
                        responseDetails="INVALID LANGUAGE PAIR SPECIFIED",
                        responseStatus=403,
                    )
                elif fake.quota:
                    # what MyMemory answers once the free quota is used up: a 200 and the warning
                    answer.update(
                        responseData={"translatedText": QUOTA, "match": 0},
                        responseDetails="",
                        responseStatus=200,
                        quotaFinished=True,
                    )
                else:
                    translated = fake.answer("mymemory", q, fake_translate(q, target.split("-")[0]))
                    if fake.entities:
                        translated = html.escape(translated, quote=True).replace("&#x27;", "&#39;")
                    answer.update(
                        responseData={"translatedText": translated, "match": 0.85},
                        responseDetails="",
                        responseStatus=200,
                    )
                    answer["matches"] = [
                        {
                            "id": 0,
                            "segment": q,
                            "translation": translated,
                            "quality": 74,
                            "created-by": "MT!",
                            "match": 0.85,
                        }
                    ]
                self._json(200, answer)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.server is not None
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()
