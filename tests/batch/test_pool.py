"""The ordered process pool: order, largest-first scheduling, failures that do not stop the batch."""

from __future__ import annotations

import os
import time
from typing import Any

import pytest

from subkit.batch import run_ordered, worker_count


def slow_square(value: int) -> tuple[int, int]:
    """Sleeps so that later items finish first when run in parallel; returns the worker's pid too."""
    time.sleep(0.05 if value == 0 else 0.001)
    return value * value, os.getpid()


def explode_on_three(value: int) -> int:
    if value == 3:
        raise ValueError("three")
    if value == 5:
        os._exit(9)  # a worker killed from inside (as the OOM killer would)
    return value


def test_results_come_back_in_input_order_from_several_processes() -> None:
    values = list(range(12))
    results = list(run_ordered(slow_square, values, jobs=2))
    assert [square for square, _ in results] == [v * v for v in values]
    assert len({pid for _, pid in results}) == 2
    assert os.getpid() not in {pid for _, pid in results}


def test_one_job_runs_in_process() -> None:
    results = list(run_ordered(slow_square, [1, 2, 3], jobs=1))
    assert {pid for _, pid in results} == {os.getpid()}


def test_an_exception_becomes_that_items_result_in_process() -> None:
    results = list(run_ordered(explode_on_three, [1, 2, 3, 4], jobs=1, on_error=lambda item, error: f"{item}: {error}"))
    assert results == [1, 2, "3: three", 4]


def test_without_on_error_the_exception_propagates() -> None:
    with pytest.raises(ValueError, match="three"):
        list(run_ordered(explode_on_three, [1, 2, 3, 4], jobs=2))


def test_a_dead_worker_fails_its_items_not_the_batch() -> None:
    results: list[Any] = list(
        run_ordered(
            explode_on_three, [1, 2, 3, 5], jobs=2, on_error=lambda item, error: ("failed", item, type(error).__name__)
        )
    )
    # 3 fails on its own unless the crash of 5 got to the pool first
    assert results[2] in (("failed", 3, "ValueError"), ("failed", 3, "BrokenProcessPool"))
    assert results[3][:2] == ("failed", 5) and results[3][2] == "BrokenProcessPool"
    assert len(results) == 4  # every item answered, in order, whether done before the crash or not
    for item, result in zip([1, 2], results[:2]):
        assert result == item or result[:2] == ("failed", item)


def test_default_jobs_stay_in_process_for_a_small_batch() -> None:
    assert worker_count(1, None) == 1
    assert worker_count(30, 0, weights=[10_000] * 30) == 1  # 300 kB: not worth a pool
    assert worker_count(30, 3) == 3  # explicit --jobs is obeyed
    assert worker_count(2, 8) == 2  # ... but never more workers than files
    assert worker_count(300, None, weights=[60_000] * 300) >= 1
