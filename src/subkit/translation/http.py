"""Timeouts and connection reuse for deep-translator, without touching anybody else's `requests`.

deep-translator calls the module-level `requests.get`/`requests.post` with no timeout (a stalled
provider hangs a run forever) and opens a new TCP connection for every call (docs/libraries.md
§3). Each of its provider modules holds its own reference to `requests`; we replace that reference,
in deep-translator's modules only, by a stand-in whose `get`/`post` go through a per-thread
`requests.Session` with a timeout. Everything else (`requests.exceptions`, `requests.utils`) is
the real module. The last response is remembered so that error messages can say what the server
said, which deep-translator throws away.
"""

from __future__ import annotations

import threading
import types
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

_state = threading.local()
_install_lock = threading.Lock()
_installed = False
#: seconds, used when no `request_timeout` context is active
DEFAULT_TIMEOUT = 30.0


@dataclass(slots=True)
class LastResponse:
    """What the last HTTP answer in this thread looked like (for messages and Retry-After)."""

    status: int
    url: str
    error: str
    retry_after: float | None
    #: the status a JSON body states when it differs from the HTTP one: MyMemory answers its
    #: refusals (language pair, query too long, quota) with HTTP 200, `responseStatus` 403 or
    #: 429 and the complaint where the translation should be, which deep-translator returns
    body_status: int | None = None


def _session() -> Any:
    session = getattr(_state, "session", None)
    if session is None:
        import requests  # noqa: PLC0415 - ~70 ms, only when translating

        session = requests.Session()
        _state.session = session
    return session


def _remember(response: Any) -> None:
    error = ""
    if response.status_code >= 400:
        try:
            body = response.json()
            error = str(body.get("error", "")) if isinstance(body, dict) else ""
        except ValueError:
            error = ""
        if not error:
            error = (response.reason or "").strip()
    body_status: int | None = None
    if (
        response.status_code < 400
        and "json" in response.headers.get("Content-Type", "")
        and '"responseStatus"' in response.text
    ):
        body_status, error = _stated_status(response)
    retry_after: float | None = None
    header = response.headers.get("Retry-After")
    if header:
        try:
            retry_after = float(header)
        except ValueError:
            retry_after = None
    _state.last = LastResponse(response.status_code, redact_url(response.url), error[:200], retry_after, body_status)


def redact_url(url: str) -> str:
    """`url` without `user:password@` and without its query string (where keys travel), for messages
    and cache keys: credentials given in a server URL are never printed nor stored."""
    from urllib.parse import urlsplit, urlunsplit  # noqa: PLC0415

    url = url.split("?", 1)[0]
    try:
        parts = urlsplit(url)
    except ValueError:
        return url.rsplit("@", 1)[-1] if "@" in url else url
    if "@" not in parts.netloc:
        return url
    return urlunsplit((parts.scheme, parts.netloc.rsplit("@", 1)[1], parts.path, "", parts.fragment))


def _stated_status(response: Any) -> tuple[int | None, str]:
    """`responseStatus` and `responseDetails` of a MyMemory-style body, when it is not a success."""
    try:
        body = response.json()
        status = int(body["responseStatus"])
    except (ValueError, TypeError, KeyError):
        return None, ""
    if 200 <= status < 300:
        return None, ""
    return status, " ".join(str(body.get("responseDetails") or "").split())


def last_response() -> LastResponse | None:
    return getattr(_state, "last", None)


def forget_last_response() -> None:
    _state.last = None


def _request(method: str, url: str, **kwargs: Any) -> Any:
    kwargs["timeout"] = getattr(_state, "timeout", DEFAULT_TIMEOUT)
    response = _session().request(method, url, **kwargs)
    _remember(response)
    return response


class _RequestsWithTimeout(types.ModuleType):
    """`requests` as deep-translator sees it: the real module, except get/post/request."""

    def __init__(self, real: types.ModuleType) -> None:
        super().__init__("requests")
        self._real = real

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    @staticmethod
    def get(url: str, params: Any = None, **kwargs: Any) -> Any:
        return _request("GET", url, params=params, **kwargs)

    @staticmethod
    def post(url: str, data: Any = None, json: Any = None, **kwargs: Any) -> Any:
        return _request("POST", url, data=data, json=json, **kwargs)

    @staticmethod
    def request(method: str, url: str, **kwargs: Any) -> Any:
        return _request(method.upper(), url, **kwargs)


def installed() -> bool:
    return _installed


def install() -> None:
    """Point every deep-translator provider module at the timeout-enforcing stand-in (idempotent)."""
    global _installed  # noqa: PLW0603 - installed once per process
    if _installed:
        return
    with _install_lock:
        if installed():  # another thread may have done it while this one waited for the lock
            return
        import importlib  # noqa: PLC0415
        import pkgutil  # noqa: PLC0415

        import deep_translator  # noqa: PLC0415 - ~120 ms
        import requests  # noqa: PLC0415

        stand_in = _RequestsWithTimeout(requests)
        for info in pkgutil.iter_modules(deep_translator.__path__):
            module = importlib.import_module(f"deep_translator.{info.name}")
            if getattr(module, "requests", None) is requests:
                module.requests = stand_in  # type: ignore[attr-defined]
        _installed = True


@contextmanager
def request_timeout(seconds: float) -> Iterator[None]:
    """Every deep-translator request made in this thread inside the block times out after `seconds`."""
    previous = getattr(_state, "timeout", DEFAULT_TIMEOUT)
    _state.timeout = seconds
    try:
        yield
    finally:
        _state.timeout = previous
