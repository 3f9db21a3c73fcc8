"""Calls run in a forked child process while this one goes on: the other core's work.

compile renders what needs a heavy library beside the rest: the Word briefing's charts
and the one-page summary (matplotlib, imported by the child while the inbox is still
being read) and the recap workbook (openpyxl, in a child forked once the picture is
made, which so has the picture without it being copied). Kept for its figure: see
bench/README.md, "What is kept for speed".

A child is forked by multiprocessing's fork start method, which starts no thread in this
process, so the reader's isolated workers can still be forked after it. The child only
speeds things up: where fork is missing, with one core, or when the child failed or
died, a call runs in this process when its result is asked for, and its errors are
raised there as they would be without a child.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import signal
from collections import deque
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

Call = tuple[Callable[..., Any], tuple[Any, ...]]
# What pickling raises for what it cannot copy.
_UNCOPIABLE = (pickle.PicklingError, ValueError, TypeError, AttributeError)


def _can_fork() -> bool:
    return (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods()


class Helper:
    """A forked child that runs `warm_up`, then `first` (inherited, not copied), then each
    call submitted (copied through a pipe), one at a time."""

    def __init__(self, warm_up: Callable[[], Any] | None = None,
                 first: Call | None = None) -> None:
        self._conn: Connection | None = None
        self._process: Any = None
        self._waiting: deque[Pending] = deque()
        if _can_fork():
            context = multiprocessing.get_context("fork")
            parent, child = context.Pipe()
            self._process = context.Process(target=_serve, args=(child, warm_up, first),
                                            daemon=True)
            self._process.start()
            child.close()
            self._conn = parent
        self._first = Pending(self, *first) if first is not None else None
        if self._first is not None:
            self._waiting.append(self._first)

    def submit(self, func: Callable[..., Any], *args: Any) -> Pending:
        """func(*args) in the child, once the call before it is answered: with one call at
        a time, this process never waits to send while the child waits to answer."""
        if self._waiting:
            self._answer(self._waiting[-1])
        call = Pending(self, func, args)
        if self._conn is not None:
            try:
                self._conn.send((func, args))
            except (OSError, *_UNCOPIABLE):  # the child is gone, or the call cannot be copied
                self.close()
        self._waiting.append(call)
        return call

    def first(self) -> Pending:
        """The call given to the constructor."""
        assert self._first is not None, "a helper made without a first call"
        return self._first

    def _answer(self, call: Pending) -> None:
        """Take the child's answers in order up to `call`'s."""
        while self._waiting and not call.answered:
            pending = self._waiting.popleft()
            if self._conn is None:
                pending.answered = True
                continue
            try:
                pending.ok, pending.value = self._conn.recv()
            except (OSError, EOFError):  # the child died: the rest runs here
                self.close()
            pending.answered = True

    def close(self) -> None:
        """End the child (its calls not answered yet will run in this process)."""
        if self._conn is None:
            return
        with contextlib.suppress(OSError):
            self._conn.close()
        self._conn = None
        self._process.kill()
        self._process.join()


class Pending:
    """A call sent to a helper: its result, once asked for."""

    def __init__(self, helper: Helper, func: Callable[..., Any], args: tuple[Any, ...]) -> None:
        self.helper, self.func, self.args = helper, func, args
        self.answered, self.ok, self.value = False, False, None

    def result(self) -> Any:
        """The child's result; where it gave none, the call's own result here."""
        self.helper._answer(self)
        return self.value if self.ok else self.func(*self.args)


def _serve(conn: Connection, warm_up: Callable[[], Any] | None, first: Call | None) -> None:
    """The child: warm up, answer `first`, then each call received, until the pipe closes.
    A call that fails answers (False, None): the parent runs it again to raise its error."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if warm_up is not None:
        with contextlib.suppress(Exception):
            warm_up()
    calls: list[Call] = [first] if first is not None else []
    while True:
        if not calls:
            try:
                calls.append(conn.recv())
            except (OSError, EOFError):
                return
        func, args = calls.pop()
        try:
            answer: tuple[bool, Any] = (True, func(*args))
        except Exception:
            answer = (False, None)
        try:
            conn.send(answer)
        except _UNCOPIABLE:  # a result that cannot be copied
            conn.send((False, None))
        except OSError:
            return
