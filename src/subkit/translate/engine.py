"""One translation request at a time, done properly: timeouts, retries with backoff, clear errors.

deep-translator's providers are used by name, one translator object per language pair, and only
ever for single `translate(text)` calls: its `translate_batch` is a loop that throws away
finished work on the first error, so batching is ours (`subkit.translate.batching`). Everything
a provider can raise, including raw `requests` errors and its own exception zoo, becomes either a
retry or a `ServiceError` (exit 4) with one readable line; keys are read from the environment at
call time and passed explicitly, because deep-translator reads them when it is imported.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from subkit.errors import ServiceError, UsageError
from subkit.translate import http


class Engine(Protocol):
    """What the pipeline needs from a provider: translate one text, count the requests made."""

    #: identifies the provider (and its server) in the cache: results differ between providers
    cache_key: str
    #: the most characters one request may carry
    max_chars: int
    requests: int

    def translate(self, text: str) -> str: ...


@dataclass(frozen=True, slots=True)
class Provider:
    class_name: str
    #: environment variables holding credentials, as deep-translator names them
    key_variables: tuple[str, ...] = ()
    #: hard size limit of the provider (None: none known)
    max_chars: int | None = None
    needs_key: bool = True


PROVIDERS: dict[str, Provider] = {
    # Google's scraper refuses len >= 5000 (NotValidLength)
    "google": Provider("GoogleTranslator", (), 4999, needs_key=False),
    # LibreTranslator refuses an empty key even for servers that need none: we send a dummy one
    "libre": Provider("LibreTranslator", ("LIBRE_API_KEY",), None, needs_key=False),
    "deepl": Provider("DeeplTranslator", ("DEEPL_API_KEY",)),
    "microsoft": Provider("MicrosoftTranslator", ("MICROSOFT_API_KEY",)),
    "mymemory": Provider("MyMemoryTranslator", (), 499, needs_key=False),
    "yandex": Provider("YandexTranslator", ("YANDEX_API_KEY",)),
    "qcri": Provider("QcriTranslator", ("QCRI_API_KEY",)),
    "baidu": Provider("BaiduTranslator", ("BAIDU_APPID", "BAIDU_APPKEY")),
    "papago": Provider("PapagoTranslator", ("PAPAGO_CLIENT_ID", "PAPAGO_SECRET_KEY")),
}
#: keyword each credential variable is passed as
_KEY_ARGUMENTS = {
    "LIBRE_API_KEY": "api_key", "DEEPL_API_KEY": "api_key", "MICROSOFT_API_KEY": "api_key",
    "YANDEX_API_KEY": "api_key", "QCRI_API_KEY": "api_key", "BAIDU_APPID": "appid",
    "BAIDU_APPKEY": "appkey", "PAPAGO_CLIENT_ID": "client_id", "PAPAGO_SECRET_KEY": "secret_key",
}
UNSUITABLE = {
    "pons": "a word dictionary (50 characters at most), not a sentence translator",
    "linguee": "a word dictionary (50 characters at most), not a sentence translator",
    "chatgpt": "deep-translator's ChatGPT provider needs the removed openai<0.28 API",
}
#: deep-translator's default for libre when no --engine-url is given
DEFAULT_LIBRE_URL = "https://libretranslate.com/"


@dataclass(slots=True)
class RetryPolicy:
    """How hard to try: `tries` attempts per request, waiting `base`, 2*base, 4*base... seconds."""

    tries: int = 5
    base: float = 1.0
    cap: float = 30.0
    timeout: float = 30.0
    sleep: Callable[[float], None] = field(default=time.sleep)

    def wait(self, attempt: int, retry_after: float | None) -> float:
        delay = min(self.cap, self.base * (2 ** (attempt - 1)))
        if retry_after is not None:
            delay = max(delay, min(retry_after, 2 * self.cap))
        return delay


@dataclass(slots=True)
class _Failure:
    retry: bool
    message: str


def _describe_http(prefix: str) -> _Failure:
    last = http.last_response()
    if last is None:
        return _Failure(True, f"{prefix}: no answer")
    detail = f": {last.error}" if last.error else ""
    retry = last.status == 429 or last.status >= 500
    if last.status == 403:
        return _Failure(False, f"HTTP 403 from {last.url}{detail} (check the API key variable)")
    return _Failure(retry, f"HTTP {last.status} from {last.url}{detail}")


def classify(error: BaseException, timeout: float) -> _Failure:
    """Whether an exception from a provider is worth another try, and how to say what happened."""
    import requests  # noqa: PLC0415
    from deep_translator import exceptions as dt  # noqa: PLC0415

    if isinstance(error, requests.exceptions.Timeout):
        return _Failure(True, f"no answer within {timeout:g} s")
    if isinstance(error, requests.exceptions.ProxyError):
        return _Failure(True, f"proxy error ({type(error).__name__}); check HTTPS_PROXY/NO_PROXY")
    if isinstance(error, requests.exceptions.ConnectionError):
        url = getattr(error.request, "url", "") or ""
        return _Failure(True, f"cannot connect to {url.split('?', 1)[0] or 'the server'}")
    if isinstance(error, requests.exceptions.InvalidURL):
        return _Failure(False, f"invalid URL ({error})")
    if isinstance(error, requests.exceptions.RequestException):
        return _Failure(True, f"request failed ({type(error).__name__})")
    if isinstance(error, (dt.ServerException, dt.TooManyRequests, dt.RequestError)):
        return _describe_http(str(error) or type(error).__name__)
    if isinstance(error, dt.AuthorizationException):
        return _Failure(False, "the provider refused the API key (HTTP 403); check the key variable")
    if isinstance(error, (dt.TranslationNotFound, dt.ElementNotFoundInGetRequest, ValueError, KeyError, TypeError)):
        last = http.last_response()
        if last is not None and last.status >= 400:
            return _describe_http("")
        return _Failure(True, f"unreadable answer ({type(error).__name__})")
    if isinstance(error, dt.NotValidLength):
        return _Failure(False, "text too long for this provider; lower --batch-chars")
    if isinstance(error, dt.LanguageNotSupportedException):
        return _Failure(False, f"language not supported: {error.val}")
    message = getattr(error, "message", None) or str(error) or type(error).__name__
    return _Failure(False, f"{type(error).__name__}: {' '.join(str(message).split())[:200]}")


class ProviderEngine:
    """A deep-translator provider for one language pair, with timeouts, retries and error mapping."""

    def __init__(self, name: str, source: str, target: str, url: str | None = None,
                 policy: RetryPolicy | None = None, max_chars: int = 5000) -> None:
        name = name.lower()
        if name in UNSUITABLE:
            raise UsageError(f"engine {name!r} cannot translate subtitles: {UNSUITABLE[name]}")
        if name not in PROVIDERS:
            raise UsageError(f"unknown engine {name!r}; expected one of {', '.join(sorted(PROVIDERS))}")
        provider = PROVIDERS[name]
        if url is not None and name != "libre":
            raise UsageError("--engine-url is only for the libre engine (a self-hosted LibreTranslate)")
        self.name = name
        self.source = source
        self.target = target
        self.policy = policy or RetryPolicy()
        self.url = normalise_url(url) if name == "libre" else None
        self.max_chars = min(max_chars, provider.max_chars) if provider.max_chars else max_chars
        self.cache_key = name if self.url is None else f"{name}@{self.url}"
        self.requests = 0
        self._translator = self._with_retries(lambda: self._construct(provider), counts=name == "microsoft")

    def _construct(self, provider: Provider) -> Any:
        http.install()
        import deep_translator  # noqa: PLC0415
        from deep_translator import exceptions as dt  # noqa: PLC0415

        kwargs: dict[str, Any] = {"source": self.source, "target": self.target}
        for variable in provider.key_variables:
            value = os.environ.get(variable, "").strip()
            if not value and provider.needs_key:
                raise UsageError(f"engine {self.name} needs a key: set {variable} in the environment")
            # a self-hosted LibreTranslate usually needs no key; deep-translator insists on one
            kwargs[_KEY_ARGUMENTS[variable]] = value or "none"
        if self.name == "libre":
            kwargs["custom_url"] = self.url or DEFAULT_LIBRE_URL
        if self.name == "microsoft" and os.environ.get("MICROSOFT_REGION"):
            kwargs["region"] = os.environ["MICROSOFT_REGION"]
        translator_class = getattr(deep_translator, provider.class_name)
        try:
            return translator_class(**kwargs)
        except (dt.LanguageNotSupportedException, dt.InvalidSourceOrTargetLanguage) as error:
            raise UsageError(f"engine {self.name} does not support the language {error.val!r}") from None
        except dt.ApiKeyException:
            raise UsageError(f"engine {self.name} needs a key: set {' and '.join(provider.key_variables)}") from None

    def translate(self, text: str) -> str:
        """One request (retried as the policy allows); '' when the provider answers nothing."""
        def call() -> str:
            result = self._translator.translate(text)
            return result if isinstance(result, str) else ""  # Google answers None for '...'

        return self._with_retries(call, counts=True)

    def _with_retries(self, call: Callable[[], Any], counts: bool) -> Any:
        policy = self.policy
        for attempt in range(1, max(1, policy.tries) + 1):
            http.forget_last_response()
            try:
                with http.request_timeout(policy.timeout):
                    result = call()
                if counts:
                    self.requests += 1
                return result
            except (UsageError, ServiceError):
                raise
            except Exception as error:  # noqa: BLE001 - every provider failure is classified below
                if counts:
                    self.requests += 1
                failure = classify(error, policy.timeout)
                if not failure.retry or attempt >= policy.tries:
                    tries = f" after {attempt} tries" if attempt > 1 else ""
                    raise ServiceError(f"{self.name} {self.source}->{self.target}: {failure.message}{tries}") from None
                last = http.last_response()
                policy.sleep(policy.wait(attempt, last.retry_after if last else None))
        raise AssertionError("unreachable")


def normalise_url(url: str | None) -> str | None:
    """LibreTranslator appends `translate` to the URL as is, so it must end with `/`."""
    if url is None:
        return None
    url = url.strip()
    if not url.startswith(("http://", "https://")):
        raise UsageError(f"--engine-url must start with http:// or https://: {url!r}")
    return url if url.endswith("/") else url + "/"
