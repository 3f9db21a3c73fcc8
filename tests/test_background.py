"""Helpers: calls made in a forked process, with the result, the exception, or (when the
helper dies) the call made here instead."""

from __future__ import annotations

import os
import sys

import pytest

from pilkada_cli.jobs.background import Helper, start

forking = pytest.mark.skipif(not hasattr(os, "fork"), reason="helpers fork only where fork exists")
WARM: dict[str, int] = {}


def where(size: int = 0) -> tuple[int, bytes]:
    return os.getpid(), b"x" * size


def fail() -> None:
    raise ValueError("no such regency")


def die_unless_in(pid: int) -> str:
    if os.getpid() != pid:
        os._exit(3)
    return "made here"


def warm() -> None:
    WARM["pid"] = os.getpid()


def warmed() -> int | None:
    return WARM.get("pid")


@forking
def test_a_call_runs_in_the_helper_and_a_large_result_comes_back_whole() -> None:
    pid, data = start(where, 3_000_000).result()  # far beyond a pipe's buffer
    assert pid != os.getpid()
    assert data == b"x" * 3_000_000


@forking
def test_the_helper_raises_what_the_call_raised() -> None:
    with pytest.raises(ValueError, match="no such regency"):
        start(fail).result()


@forking
def test_a_helper_that_dies_leaves_the_call_to_this_process() -> None:
    assert start(die_unless_in, os.getpid()).result() == "made here"


def test_without_fork_the_call_runs_here_when_asked() -> None:
    pending = start(where, fork=False)
    assert pending.result()[0] == os.getpid()


@forking
def test_the_warm_up_runs_in_the_helper_that_serves_the_calls() -> None:
    helper = Helper(warm)
    try:
        first, second = helper.submit(warmed), helper.submit(warmed)
        assert first.result() == second.result() == helper.pid
        assert "pid" not in WARM  # never in this process
    finally:
        helper.stop()


@forking
def test_a_failed_call_does_not_spoil_the_next_one() -> None:
    helper = Helper()
    try:
        failed, fine = helper.submit(fail), helper.submit(where)
        assert fine.result()[0] == helper.pid
        with pytest.raises(ValueError):
            failed.result()
    finally:
        helper.stop()


@forking
@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_cancel_stops_a_helper_forked_for_one_call() -> None:
    pending = start(where)
    pid = pending.helper.pid
    assert pid is not None and os.path.exists(f"/proc/{pid}")
    pending.cancel()
    assert not os.path.exists(f"/proc/{pid}")
