"""The deep-translator wrapper: timeouts that really fire, retries, and errors users can read."""

from __future__ import annotations

import pytest

from subkit.errors import ServiceError, UsageError
from subkit.translation.engine import ProviderEngine, RetryPolicy, normalise_url

from .fakelibre import FakeLibre


def engine(libre: FakeLibre, target: str = "en", **policy: float) -> ProviderEngine:
    settings = {"tries": 3, "base": 0.01, "timeout": 5.0, **policy}
    return ProviderEngine("libre", "fr", target, libre.url.rstrip("/"), RetryPolicy(**settings))  # type: ignore[arg-type]


def test_a_slow_server_times_out_instead_of_hanging(libre: FakeLibre) -> None:
    libre.delay = 2.0
    with pytest.raises(ServiceError, match=r"no answer within 0.3 s after 2 tries"):
        engine(libre, tries=2, timeout=0.3).translate("Bonjour")


def test_429_then_success_counts_every_request(libre: FakeLibre) -> None:
    libre.fail_next = [429, 503]
    waits: list[float] = []
    translator = engine(libre)
    translator.policy.sleep = waits.append
    assert translator.translate("Bonjour") == "Obawbhe"
    assert translator.requests == 3 == libre.requests
    assert waits == [0.01, 0.02]  # exponential backoff


def test_client_errors_are_not_retried(libre: FakeLibre) -> None:
    libre.fail_always = 400
    with pytest.raises(ServiceError, match="HTTP 400 .*Internal failure") as caught:
        engine(libre).translate("Bonjour")
    assert libre.requests == 1
    assert caught.value.exit_code == 4


def test_refused_key_is_one_clear_line(libre: FakeLibre) -> None:
    libre.required_key = "secret"
    with pytest.raises(ServiceError, match="API key"):
        engine(libre).translate("Bonjour")
    assert libre.requests == 1


def test_key_comes_from_the_environment_at_call_time(libre: FakeLibre, monkeypatch: pytest.MonkeyPatch) -> None:
    libre.required_key = "secret"
    monkeypatch.setenv("LIBRE_API_KEY", "secret")
    assert engine(libre).translate("Bonjour") == "Obawbhe"


def test_connection_refused_becomes_a_service_error() -> None:
    translator = ProviderEngine("libre", "fr", "en", "http://127.0.0.1:9/", RetryPolicy(tries=2, base=0.0))
    with pytest.raises(ServiceError, match=r"cannot connect to http://127.0.0.1:9/translate after 2 tries"):
        translator.translate("Bonjour")


def test_url_gets_its_trailing_slash() -> None:
    assert normalise_url("http://h:5000") == "http://h:5000/"
    assert normalise_url("http://h:5000/api/") == "http://h:5000/api/"
    with pytest.raises(UsageError):
        normalise_url("h:5000")


@pytest.mark.parametrize(
    "name, target, message",
    [
        ("libre", "nl", "does not support the language 'nl'"),
        ("deepl", "en", "set DEEPL_API_KEY"),
        ("pons", "en", "word dictionary"),
        ("nope", "en", "unknown engine"),
    ],
)
def test_configuration_problems_are_usage_errors(
    name: str, target: str, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DEEPL_API_KEY", raising=False)
    with pytest.raises(UsageError, match=message):
        ProviderEngine(name, "fr", target, "http://127.0.0.1:9/" if name == "libre" else None)


def test_requests_reuse_one_connection_and_leave_global_requests_alone(libre: FakeLibre) -> None:
    import requests

    translator = engine(libre)
    for word in ("un", "deux", "trois"):
        translator.translate(word)
    assert libre.requests == 3
    import deep_translator.libre

    assert deep_translator.libre.requests is not requests  # our stand-in, with timeouts
    assert requests.post.__module__ == "requests.api"  # everybody else's requests is untouched


def test_retry_after_is_honoured(libre: FakeLibre) -> None:
    libre.fail_next = [429]
    libre.retry_after = 3
    waits: list[float] = []
    translator = engine(libre)
    translator.policy.sleep = waits.append
    assert translator.translate("Bonjour") == "Obawbhe"
    assert waits == [3.0]
