"""Read files in a child process with a memory and a time limit.

The readers we build on are native code: when one asks for more memory than exists it
aborts the whole process, and no `try` can catch that. The checks in bounded_zip.py and
sheetxml.py are meant to make that impossible; this is the last line of defence in
case one of them misses something, and the only one against a reader that loops.

On Linux, reading happens in worker processes, forked on first use and kept for the
whole run (ended and reaped when it ends), under RLIMIT_AS; each file has a wall-clock
deadline. If a worker dies or overruns, that one file is refused, a fresh worker takes
over, and the run goes on.
With two cores or more, two workers take the files in turn (the second is forked when
a batch has a second file), and while the caller checks one file they already read the
next ones: reading is most of the work, so this nearly halves a large batch, and the
isolation itself costs almost nothing (forking per file would cost 10-15 ms a file).
Where fork or resource limits are missing (Windows, macOS), or other threads were
running when the worker would be forked (forking a threaded process is unsafe), or the
first worker is busy with another batch, reading runs in-process, guarded by the checks
alone.
"""

from __future__ import annotations

import atexit
import contextlib
import faulthandler
import os
import pickle
import select
import signal
import struct
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NoReturn

from pilkada_cli.config import Limits
from pilkada_cli.errors import UnreadableWorkbook, refuse

_FRAME = struct.Struct("<Q")
_LOCK = threading.Lock()
_AHEAD = 2  # requests in each worker's queue: the one being read and the next
_READERS = min(2, os.cpu_count() or 1)  # workers reading in turn


def map_limited(func: Callable[[Any], Any], items: Iterable[Any], *,
                limits: Limits) -> Iterator[Any]:
    """`func(item)` for each item, in order, each within `limits`. Yields the result, or
    the exception instance it raised (UnreadableWorkbook when it overran the limits or
    crashed), so that one bad item never ends the batch. The first items are sent to the
    workers at once: they are read while the caller goes on."""
    results = _map_limited(func, items, limits)
    next(results)  # up to the first answer: the first requests are out
    return results


def _map_limited(func: Callable[[Any], Any], items: Iterable[Any],
                 limits: Limits) -> Iterator[Any]:
    """map_limited's work; yields None once the first requests are sent, then the results."""
    todo = iter(items)
    first = _Worker.acquire(limits.max_memory_bytes, 0)
    workers = [first] if first is not None else []
    pending: deque[tuple[int, Any]] = deque()  # (worker slot, item), in the order sent
    sent, started = 0, False
    try:
        while workers:
            while len(pending) < _AHEAD * len(workers) and (item := next(todo, _END)) is not _END:
                if len(workers) < _READERS and sent == len(workers):
                    more = _Worker.acquire(limits.max_memory_bytes, len(workers))
                    if more is not None:
                        workers.append(more)
                slot = sent % len(workers)
                sent += 1
                pending.append((slot, item))
                workers[slot].send(func, item)
            if not started:
                started = True
                yield None
            if not pending:
                return
            # Each worker answers in the order it was asked, so the oldest request's
            # worker holds the next answer.
            slot = pending[0][0]
            worker = workers[slot]
            answer = worker.receive(worker.started + limits.max_seconds)
            pending.popleft()
            if answer[0] in ("late", "died"):
                worker.stop()
                fresh = _Worker.acquire(limits.max_memory_bytes, slot)
                if fresh is None:  # no worker any more: what the others hold is read here
                    for other in workers:
                        other.stop()
                    workers = []
                else:
                    workers[slot] = fresh
                    for queued_slot, queued in pending:
                        if queued_slot == slot:
                            fresh.send(func, queued)
            yield _result(answer, limits)
        # No worker here (or none any more): read in-process.
        if not started:
            yield None
        while pending:
            yield _inline(func, pending.popleft()[1])
        for item in todo:
            yield _inline(func, item)
    finally:
        for worker in workers:
            if worker.queued:  # abandoned half-way: queued answers would reach the next batch
                worker.stop()
            worker.busy = False


_END = object()


def _inline(func: Callable[[Any], Any], item: Any) -> Any:
    try:
        return func(item)
    except Exception as exc:
        return exc


def _result(answer: tuple[Any, ...], limits: Limits) -> Any:
    kind = answer[0]
    if kind == "ok":
        return answer[1]
    if kind == "refused":
        refused = UnreadableWorkbook(answer[1], **answer[2])
        refused.content = answer[3]
        return refused
    if kind == "late":
        return refuse("too-complex", "reading_took_longer_than",
                      seconds=limits.max_seconds)
    if kind == "died":
        megabytes = limits.max_memory_bytes // 2**20
        return refuse("too-complex", "reading_stopped_abnormally_memory", megabytes=megabytes)
    return RuntimeError(answer[1])


class _Worker:
    _instances: dict[int, _Worker] = {}  # by slot

    @classmethod
    def acquire(cls, memory_bytes: int, slot: int) -> _Worker | None:
        """This process's worker in `slot` for this memory limit, started if need be;
        None where there can be none, or while another batch is using it."""
        with _LOCK:
            worker = cls._instances.get(slot)
            if worker is not None and worker.owner != os.getpid():
                worker = None  # inherited through a fork: not ours to use
                cls._instances.pop(slot)
            if worker is not None and worker.busy:
                return None
            if worker is not None and (worker.memory_bytes != memory_bytes
                                       or not worker.alive()):
                worker.stop()
                worker = None
            if worker is None:
                if not sys.platform.startswith("linux") or threading.active_count() > 1:
                    return None
                worker = cls._instances[slot] = _Worker(memory_bytes)
            worker.busy = True
            return worker

    @classmethod
    def stop_all(cls) -> None:
        """At exit: end this process's workers and reap them, so that none outlives the run
        and the time they spent counts as the run's."""
        for worker in list(cls._instances.values()):
            if worker.owner == os.getpid():
                worker.stop()

    def __init__(self, memory_bytes: int) -> None:
        self.owner = os.getpid()
        self.memory_bytes = memory_bytes
        self.busy = self.reaped = False
        self.queued, self.started = 0, time.monotonic()
        self.pid, self.requests, self.answers = fork_server(
            lambda requests, answers: _serve(requests, answers, memory_bytes))

    def alive(self) -> bool:
        if not self.reaped and os.waitpid(self.pid, os.WNOHANG) != (0, 0):
            self.reaped = True
        return not self.reaped

    def send(self, func: Callable[[Any], Any], item: Any) -> None:
        if not self.queued:
            self.started = time.monotonic()
        self.queued += 1
        with contextlib.suppress(BrokenPipeError):  # the worker is gone: receive() says so
            write_frame(self.requests, pickle.dumps((func, item), pickle.HIGHEST_PROTOCOL))

    def receive(self, deadline: float) -> tuple[Any, ...]:
        """The next answer; ("died",) if the worker died, ("late",) past the deadline."""
        try:
            answer = read_frame(self.answers, deadline)
        except EOFError:
            return ("died",)
        except BaseException:
            self.stop()
            raise
        # The worker starts on the next request as soon as it has answered this one.
        self.queued -= 1
        self.started = time.monotonic()
        return ("late",) if answer is None else pickle.loads(answer)  # type: ignore[no-any-return]

    def stop(self) -> None:
        if not self.reaped:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self.reaped = True
        if self.requests >= 0:
            os.close(self.requests)
            os.close(self.answers)
            self.requests = self.answers = -1
        for slot, worker in list(_Worker._instances.items()):
            if worker is self:
                del _Worker._instances[slot]


atexit.register(_Worker.stop_all)


def _serve(requests: int, answers: int, memory_bytes: int) -> NoReturn:
    """The worker's loop: read a request, run it, answer; exit when the parent is gone."""
    import resource

    status = 70
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        # A native abort writes to stderr (and faulthandler, if on, to its own copy of it);
        # the parent reports it in plain words instead.
        faulthandler.disable()
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = memory_bytes if soft == resource.RLIM_INFINITY else min(soft, memory_bytes)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        while True:
            try:
                request = read_frame(requests, None)
            except EOFError:  # the parent is done (or gone)
                break
            assert request is not None
            func, item = pickle.loads(request)
            outcome: tuple[Any, ...]
            try:
                outcome = ("ok", func(item))
            except UnreadableWorkbook as exc:
                outcome = ("refused", exc.code, exc.params, exc.content)
            except MemoryError:
                raise  # leave at once: the parent reports it and starts a fresh worker
            except Exception as exc:
                outcome = ("error", f"{type(exc).__name__}: {exc}")
            write_frame(answers, pickle.dumps(outcome, pickle.HIGHEST_PROTOCOL))
        status = 0
    finally:
        os._exit(status)


def fork_server(serve: Callable[[int, int], NoReturn]) -> tuple[int, int, int]:
    """Fork a child that runs serve(requests, answers) on its ends of two pipes and never
    returns; gives the child's pid and this side's ends (requests to write, answers to
    read)."""
    request_read, request_write = os.pipe()
    answer_read, answer_write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(request_write)
        os.close(answer_read)
        serve(request_read, answer_write)
    os.close(request_read)
    os.close(answer_write)
    return pid, request_write, answer_read


def write_frame(fd: int, payload: bytes) -> None:
    view = memoryview(_FRAME.pack(len(payload)) + payload)
    while view:
        view = view[os.write(fd, view):]


def read_frame(fd: int, deadline: float | None) -> bytes | None:
    """One framed message, or None if the deadline passed; EOFError if the other end closed."""
    header = _read_exactly(fd, _FRAME.size, deadline)
    if header is None:
        return None
    return _read_exactly(fd, _FRAME.unpack(header)[0], deadline)


def _read_exactly(fd: int, size: int, deadline: float | None) -> bytes | None:
    chunks, got = [], 0
    while got < size:
        if deadline is not None:
            # An answer already waiting is on time, however long the caller took to ask.
            left = deadline - time.monotonic()
            if not select.select([fd], [], [], max(left, 0))[0]:
                if left <= 0:
                    return None
                continue
        chunk = os.read(fd, min(size - got, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)
