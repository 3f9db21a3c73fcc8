"""The other core's helper: results as if run here, errors raised here, a dead child
costing nothing but time, and no thread that would keep the reader from forking."""

from __future__ import annotations

import os
import threading

import pytest

from pilkada_cli.jobs.side import Helper


def pid_and(value: int) -> tuple[int, int]:
    return os.getpid(), value * 2


def fails(text: str) -> None:
    raise ValueError(text)


def test_calls_run_in_a_child_and_answer_in_order() -> None:
    helper = Helper(first=(pid_and, (1,)))
    second, third = helper.submit(pid_and, 2), helper.submit(pid_and, 3)
    assert threading.active_count() == 1  # the reader's workers can still be forked
    try:
        assert third.result()[1] == 6 and helper.first().result()[1] == 2
        pids = {helper.first().result()[0], second.result()[0], third.result()[0]}
    finally:
        helper.close()
    if (os.cpu_count() or 1) > 1:
        assert pids != {os.getpid()} and len(pids) == 1  # one child answered them all


def test_a_failed_call_raises_its_own_error_here() -> None:
    helper = Helper()
    try:
        with pytest.raises(ValueError, match="tidak sah"):
            helper.submit(fails, "tidak sah").result()
        assert helper.submit(pid_and, 4).result()[1] == 8  # the child goes on
    finally:
        helper.close()


def test_a_dead_child_leaves_the_calls_to_this_process() -> None:
    helper = Helper()
    helper.close()
    assert helper.submit(pid_and, 5).result() == (os.getpid(), 10)
    killed = Helper()
    call = killed.submit(pid_and, 6)
    if killed._process is not None:
        killed._process.kill()
        killed._process.join()
    assert call.result()[1] == 12
    killed.close()


def big(n: int) -> bytes:
    return b"x" * n


def test_a_large_answer_and_a_large_call_never_wait_on_each_other() -> None:
    """The child answering a large result while this process sends a large call: with both
    pipes full, each would wait for the other for ever."""
    size = 8 << 20
    done: list[int] = []

    def run() -> None:
        helper = Helper()
        try:
            first = helper.submit(big, size)
            second = helper.submit(len, big(size))
            done.extend([len(first.result()), second.result()])
        finally:
            helper.close()

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(60)
    assert not worker.is_alive() and done == [size, size]


def test_a_call_that_cannot_be_copied_runs_here() -> None:
    helper = Helper()
    try:
        here = threading.Lock()  # a lock cannot be pickled
        assert helper.submit(lambda lock: lock.locked(), here).result() is False
    finally:
        helper.close()
