"""The run lock beside the store (`pilkada.sqlite.lock`), so two runs over one store never
overlap; and whether a run records into the store at all."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from pilkada_cli.errors import Locked, StoreError
from pilkada_cli.store.archive import describe_os_error
from pilkada_cli.texts import phrase

if TYPE_CHECKING:
    from pilkada_cli.config import Config

log = logging.getLogger("pilkada")

LOCK_SUFFIX = ".lock"


# -- the lock ---------------------------------------------------------------------------------
def lock_path(config: Config) -> Path:
    store = config.paths["store"]
    return store.with_name(store.name + LOCK_SUFFIX)


@contextmanager
def run_lock(config: Config, wait: float = 60.0) -> Iterator[None]:
    """Hold the store's lock for a run: a second run over the same store waits up to `wait`
    seconds, then raises Locked (exit code 75). The operating system releases the lock when
    a process dies, so a killed run never leaves it stuck."""
    from filelock import FileLock, Timeout

    path = lock_path(config)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(path)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            log.warning("another pilkada run is using %s; waiting up to %s s",
                        config.paths["store"], _seconds(wait))
            try:
                lock.acquire(timeout=wait)
            except Timeout:
                raise Locked(phrase("errors", "locked", store=config.paths["store"],
                                    seconds=_seconds(wait), lock=path)) from None
    except OSError as exc:
        raise StoreError(phrase("errors", "lock_failed", why=describe_os_error(exc))) from exc
    try:
        yield
    finally:
        lock.release()


def store_in_use(config: Config) -> bool:
    """Whether a run records into the store unless told otherwise: when a pilkada.yaml is in
    use (the desk has set itself up) or the store already exists."""
    return config.source is not None or config.paths["store"].exists()


def _seconds(wait: float) -> str:
    return f"{wait:g}"
