"""One translation request at a time, done properly: timeouts, retries with backoff, clear errors.

deep-translator's providers are used by name, one translator object per language pair, and only
ever for single `translate(text)` calls: its `translate_batch` is a loop that throws away
finished work on the first error, so batching is ours (`subkit.translation.batching`). Everything
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
from subkit.translation import http


class Engine(Protocol):
    """What the pipeline needs from a provider: translate one text, count the requests made.

    An engine may also have `max_bytes` (the most UTF-8 bytes one request may carry, for
    providers that count bytes); the batcher reads it with getattr, so it is optional.
    """

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
    #: hard size limit in UTF-8 bytes, for providers that count bytes (None: none known)
    max_bytes: int | None = None


PROVIDERS: dict[str, Provider] = {
    # Google's scraper refuses len >= 5000 (NotValidLength)
    "google": Provider("GoogleTranslator", (), 4999, needs_key=False),
    # LibreTranslator refuses an empty key even for servers that need none: we send a dummy one
    "libre": Provider("LibreTranslator", ("LIBRE_API_KEY",), None, needs_key=False),
    "deepl": Provider("DeeplTranslator", ("DEEPL_API_KEY",)),
    "microsoft": Provider("MicrosoftTranslator", ("MICROSOFT_API_KEY",)),
    # deep-translator refuses len >= 500, and MyMemory's own limit is 500 bytes of UTF-8
    # (mymemory.translated.net/doc/spec.php): "réçu" is 4 characters but 6 bytes
    "mymemory": Provider("MyMemoryTranslator", (), 499, needs_key=False, max_bytes=500),
    "yandex": Provider("YandexTranslator", ("YANDEX_API_KEY",)),
    "qcri": Provider("QcriTranslator", ("QCRI_API_KEY",)),
    "baidu": Provider("BaiduTranslator", ("BAIDU_APPID", "BAIDU_APPKEY")),
    "papago": Provider("PapagoTranslator", ("PAPAGO_CLIENT_ID", "PAPAGO_SECRET_KEY")),
}
#: keyword each credential variable is passed as
_KEY_ARGUMENTS = {
    "LIBRE_API_KEY": "api_key",
    "DEEPL_API_KEY": "api_key",
    "MICROSOFT_API_KEY": "api_key",
    "YANDEX_API_KEY": "api_key",
    "QCRI_API_KEY": "api_key",
    "BAIDU_APPID": "appid",
    "BAIDU_APPKEY": "appkey",
    "PAPAGO_CLIENT_ID": "client_id",
    "PAPAGO_SECRET_KEY": "secret_key",
}
UNSUITABLE = {
    "pons": "a word dictionary (50 characters at most), not a sentence translator",
    "linguee": "a word dictionary (50 characters at most), not a sentence translator",
    "chatgpt": "deep-translator's ChatGPT provider needs the removed openai<0.28 API",
}
#: deep-translator's default for libre when no server URL is given
DEFAULT_LIBRE_URL = "https://libretranslate.com/"
#: engines whose server a given URL can replace, and the path deep-translator puts after the
#: host (kept, so a mirror or a proxy that reproduces the provider's paths works unchanged):
#: https://translate.google.com/m, https://api-free.deepl.com/v2/translate,
#: http://api.mymemory.translated.net/get; libre appends `translate` itself
URL_PATHS = {"libre": "", "google": "m", "deepl": "v2/", "mymemory": "get"}


@dataclass(slots=True)
class RetryPolicy:
    """How hard to try: `tries` attempts per request, waiting `base`, 2*base, 4*base... seconds."""

    tries: int = 5
    base: float = 1.0
    cap: float = 30.0
    timeout: float = 30.0
    sleep: Callable[[float], None] = field(default=time.sleep)

    def wait(self, attempt: int, retry_after: float | None) -> float:
        delay = min(self.cap, self.base * 2.0 ** (attempt - 1))
        if retry_after is not None:
            delay = max(delay, min(retry_after, 2 * self.cap))
        return delay


class RefusedInBody(Exception):
    """An HTTP 200 answer whose body states a failure (MyMemory's `responseStatus`)."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


class ComplaintInAnswer(Exception):
    """An answer that is the provider's message (a quota warning, an error page), not a translation."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


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

    if isinstance(error, ComplaintInAnswer):
        # an HTML error page may be a passing failure; a quota or a refusal stays as it is
        page = error.text.lstrip().startswith("<") or "<html" in error.text.lower()
        return _Failure(page, f"the answer is the provider's message, not a translation: {error.text!r}")
    if isinstance(error, RefusedInBody):
        last = http.last_response()
        detail = f": {last.error}" if last is not None and last.error else ""
        url = last.url if last is not None else "the server"
        return _Failure(
            error.status == 429 or error.status >= 500, f"{url} refused the request (status {error.status}{detail})"
        )
    if isinstance(error, requests.exceptions.Timeout):
        return _Failure(True, f"no answer within {timeout:g} s")
    if isinstance(error, requests.exceptions.ProxyError):
        return _Failure(True, f"proxy error ({type(error).__name__}); check HTTPS_PROXY/NO_PROXY")
    if isinstance(error, requests.exceptions.ConnectionError):
        url = getattr(error.request, "url", "") or ""
        return _Failure(True, f"cannot connect to {http.redact_url(url) or 'the server'}")
    if isinstance(error, requests.exceptions.InvalidURL):
        return _Failure(False, "invalid URL")
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
        return _Failure(False, "text too long for this provider; send smaller batches")
    if isinstance(error, dt.LanguageNotSupportedException):
        return _Failure(False, f"language not supported: {error.val}")
    message = getattr(error, "message", None) or str(error) or type(error).__name__
    return _Failure(False, f"{type(error).__name__}: {' '.join(str(message).split())[:200]}")


class ProviderEngine:
    """A deep-translator provider for one language pair, with timeouts, retries and error mapping."""

    def __init__(
        self,
        name: str,
        source: str,
        target: str,
        url: str | None = None,
        policy: RetryPolicy | None = None,
        max_chars: int = 5000,
        lazy: bool = False,
    ) -> None:
        name = name.lower()
        if name in UNSUITABLE:
            raise UsageError(f"engine {name!r} cannot translate subtitles: {UNSUITABLE[name]}")
        if name not in PROVIDERS:
            raise UsageError(f"unknown engine {name!r}; expected one of {', '.join(sorted(PROVIDERS))}")
        provider = PROVIDERS[name]
        if url is not None and name not in URL_PATHS:
            raise UsageError(f"a server URL is only for the engines {', '.join(URL_PATHS)}", option="engine_url")
        self.name = name
        self.source = source
        self.target = target
        self.policy = policy or RetryPolicy()
        self.url = normalise_url(url)
        self.max_chars = min(max_chars, provider.max_chars) if provider.max_chars else max_chars
        self.max_bytes = provider.max_bytes
        # the server, not who logs in to it: credentials in the URL are neither stored nor printed
        self.cache_key = name if self.url is None else f"{name}@{http.redact_url(self.url)}"
        self.requests = 0
        self._provider = provider
        self._translator: Any = None
        #: engines set up together, on the first request of any (`lazy`): a run whose memory
        #: answers every cue imports no deep-translator, and a missing key or an unsupported
        #: language of any target still stops the run before a request is spent
        self.together: list[ProviderEngine] = [self]
        if not lazy:
            self.prepare()

    def prepare(self) -> None:
        """Set up the deep-translator object of this engine and of those set up with it."""
        for engine in self.together:
            engine._build()  # noqa: SLF001 - the same class

    def _build(self) -> None:
        if self._translator is None:
            self._translator = self._with_retries(
                lambda: self._construct(self._provider), counts=self.name == "microsoft"
            )

    def _construct(self, provider: Provider) -> Any:
        http.install()
        import deep_translator  # noqa: PLC0415
        from deep_translator import exceptions as dt  # noqa: PLC0415

        from subkit.translation.languages import provider_code  # noqa: PLC0415

        # the provider's own codes (Google's `iw` for `he`, `zh-CN` for `zh-Hans`...)
        kwargs: dict[str, Any] = {
            "source": provider_code(self.name, self.source),
            "target": provider_code(self.name, self.target),
        }
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
        if self.name == "deepl":
            # DeepL Free keys end in ":fx" and only work on api-free.deepl.com, Pro keys only on
            # api.deepl.com; deep-translator would send every key to the free server
            kwargs["use_free_api"] = kwargs["api_key"].endswith(":fx")
        translator_class = getattr(deep_translator, provider.class_name)
        try:
            translator = translator_class(**kwargs)
        except (dt.LanguageNotSupportedException, dt.InvalidSourceOrTargetLanguage) as error:
            named = {kwargs["target"]: self.target, kwargs["source"]: self.source}.get(error.val, error.val)
            raise UsageError(f"engine {self.name} does not support the language {named!r}") from None
        except dt.ApiKeyException:
            raise UsageError(f"engine {self.name} needs a key: set {' and '.join(provider.key_variables)}") from None
        if self.url is not None and self.name != "libre":
            # only libre takes a URL argument (GoogleTranslator(base_url=...) is a TypeError);
            # the others keep the full endpoint in this private attribute and read it per request
            if not isinstance(getattr(translator, "_base_url", None), str):
                raise UsageError(f"this deep-translator version has no base URL for {self.name}", option="engine_url")
            translator._base_url = self.url + URL_PATHS[self.name]  # noqa: SLF001
        return translator

    def translate(self, text: str) -> str:
        """One request (retried as the policy allows); '' when the provider answers nothing."""
        from subkit.translation.answers import provider_complaint  # noqa: PLC0415

        if self._translator is None:
            self.prepare()

        def call() -> str:
            result = self._translator.translate(text)
            last = http.last_response()
            if last is not None and last.body_status is not None:
                raise RefusedInBody(last.body_status)  # the "translation" is the complaint
            answer = result if isinstance(result, str) else ""  # Google answers None for '...'
            complaint = provider_complaint(answer, text)
            if complaint is not None:  # a quota warning or an error page with HTTP 200
                raise ComplaintInAnswer(complaint)
            return answer

        translated: str = self._with_retries(call, counts=True)
        return translated

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
    """The server part of a provider's URL, ending with `/` (LibreTranslator appends `translate` as is)."""
    if url is None:
        return None
    url = url.strip()
    if not url.startswith(("http://", "https://")):
        raise UsageError(f"must start with http:// or https://: {http.redact_url(url)!r}", option="engine_url")
    return url if url.endswith("/") else url + "/"
