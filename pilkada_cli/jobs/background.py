"""Run a call on the other core while this process goes on.

compile makes its slow side files (the charts, which need matplotlib, a heavy import; the
recap workbook) in forked helper processes while it records the day and renders the
briefings. Each helper serves one call at a time, in the order asked, so the one that
warmed up matplotlib is the one that draws. Helpers are forked directly, with no thread
in this process, so forking stays safe. Where there is no fork, or the helper died, the
call runs here instead, when its result is asked for.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import threading
from collections.abc import Callable
from typing import Any, NoReturn

from pilkada_cli.reader.worker import fork_server, read_frame, write_frame


class Helper:
    """A forked process that runs the calls sent to it; `warm_up` runs first, in it."""

    def __init__(self, warm_up: Callable[[], Any] | None = None,
                 first: tuple[Callable[..., Any], tuple[Any, ...]] | None = None,
                 fork: bool = True) -> None:
        self.pid: int | None = None
        self.waiting: Pending | None = None  # the call whose answer is due
        self.once = False  # stops after its first answer
        if fork and hasattr(os, "fork") and threading.active_count() == 1:
            self.pid, self.requests, self.answers = fork_server(
                lambda requests, answers: _serve(requests, answers, warm_up, first))
        if first is not None:
            self.waiting = Pending(self, *first)

    def submit(self, func: Callable[..., Any], *args: Any) -> Pending:
        """Send func(*args). One call at a time: a second call first waits for the first's
        answer."""
        if self.waiting is not None:
            self.waiting.finish()
        call = Pending(self, func, args)
        if self.pid is not None:
            try:
                write_frame(self.requests, pickle.dumps((func, args), pickle.HIGHEST_PROTOCOL))
            except (BrokenPipeError, pickle.PicklingError, TypeError, AttributeError):
                self.stop()
        self.waiting = call
        return call

    def stop(self) -> None:
        """End the helper at once; calls not answered yet will run in this process."""
        if self.pid is None:
            return
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.requests)
        os.close(self.answers)
        self.pid = None


def start(func: Callable[..., Any], *args: Any, fork: bool = True) -> Pending:
    """func(*args) in a helper forked now (with `fork`): it has the arguments as they are
    here, so only the result is copied back. Without `fork`, it runs here, when its
    result is asked for."""
    helper = Helper(first=(func, args), fork=fork)
    helper.once = True
    assert helper.waiting is not None
    return helper.waiting


class Pending:
    """A call sent to a helper: its result, once asked for."""

    def __init__(self, helper: Helper, func: Callable[..., Any], args: tuple[Any, ...]) -> None:
        self.helper, self.func, self.args = helper, func, args
        self.done = False
        self.value: Any = None
        self.error: BaseException | None = None

    def result(self) -> Any:
        """What the call returned; raises what it raised."""
        self.finish()
        if self.error is not None:
            raise self.error
        return self.value

    def cancel(self) -> None:
        """Give up the result: a helper forked for this call alone is stopped."""
        if not self.done and self.helper.once:
            self.helper.stop()
            self.done = True

    def finish(self) -> None:
        """Wait for the answer (or make the call here), keeping what it returned or raised."""
        if self.done:
            return
        helper = self.helper
        answer = None
        if helper.pid is not None:  # else there was no helper, or it has stopped
            try:
                answer = pickle.loads(read_frame(helper.answers, None) or b"")
            except (EOFError, pickle.UnpicklingError):
                helper.stop()  # died: its call runs here
        if helper.waiting is self:
            helper.waiting = None
        if helper.once:
            helper.stop()
        self.done = True
        if answer is None:
            try:
                self.value = self.func(*self.args)
            except Exception as exc:
                self.error = exc
        elif answer[0] == "ok":
            self.value = answer[1]
        else:
            self.error = answer[1]


def _serve(requests: int, answers: int, warm_up: Callable[[], Any] | None,
           first: tuple[Callable[..., Any], tuple[Any, ...]] | None) -> NoReturn:
    """The helper's loop: warm up, answer the first call, then each call sent until the
    parent is done."""
    status = 70
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        if warm_up is not None:
            with contextlib.suppress(Exception):
                warm_up()
        if first is not None:
            write_frame(answers, _answer(*first))
        while True:
            try:
                request = read_frame(requests, None)
            except EOFError:
                break
            write_frame(answers, _answer(*pickle.loads(request or b"")))
        status = 0
    finally:
        os._exit(status)


def _answer(func: Callable[..., Any], args: tuple[Any, ...]) -> bytes:
    try:
        return pickle.dumps(("ok", func(*args)), pickle.HIGHEST_PROTOCOL)
    except Exception as exc:
        try:
            return pickle.dumps(("error", exc), pickle.HIGHEST_PROTOCOL)
        except Exception:
            return pickle.dumps(("error", RuntimeError(f"{type(exc).__name__}: {exc}")),
                                pickle.HIGHEST_PROTOCOL)
