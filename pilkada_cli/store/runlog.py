"""The run log: `pilkada.log` beside the store, one line per run and one per file, so that an
unattended run leaves a trace. Lines go to stderr too: all of them when stderr is not a
terminal (cron mails or redirects it), only warnings and errors at a terminal, where the
command's own output already says what happened.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pilkada_cli.config import Config
from pilkada_cli.errors import PilkadaError, StoreError
from pilkada_cli.store.archive import describe_os_error
from pilkada_cli.texts import phrase
from pilkada_cli.visible import visible

LOG_NAME = "pilkada.log"
log = logging.getLogger("pilkada")


def log_path(config: Config) -> Path:
    return config.paths["store"].parent / LOG_NAME


class _Formatter(logging.Formatter):
    """Times on the province's clock, as staff read them."""

    def __init__(self, config: Config, command: str) -> None:
        super().__init__(f"%(asctime)s {command}[{os.getpid()}] %(levelname)s %(message)s")
        self.zone = config.timezone

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:  # noqa: N802
        return dt.datetime.fromtimestamp(record.created, self.zone).isoformat(timespec="seconds")

    def format(self, record: logging.LogRecord) -> str:
        """One line, with the controls and escapes of file names and texts shown, not acted on."""
        return visible(super().format(record))


@contextmanager
def run_log(config: Config, command: str) -> Iterator[logging.Logger]:
    """Log this run to the file beside the store and to stderr; a failure that stops the
    run is logged before it reaches the user."""
    path = log_path(config)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        to_file = logging.FileHandler(path, encoding="utf-8")
    except OSError as exc:
        raise StoreError(phrase("errors", "log_write", path=path,
                                        why=describe_os_error(exc))) from exc
    to_stderr = logging.StreamHandler(sys.stderr)
    to_stderr.setLevel(logging.WARNING if sys.stderr.isatty() else logging.INFO)
    to_stderr.addFilter(lambda record: not getattr(record, "file_only", False))
    formatter = _Formatter(config, command)
    handlers: list[logging.Handler] = [to_file, to_stderr]
    for handler in handlers:
        handler.setFormatter(formatter)
        log.addHandler(handler)
    level, propagate = log.level, log.propagate
    log.setLevel(logging.INFO)
    log.propagate = False
    try:
        yield log
    except PilkadaError as exc:
        # The command prints this message itself; the log file keeps it too.
        log.error("%s", exc, extra={"file_only": True})
        raise
    except Exception as exc:
        log.error("stopped by an internal error: %s: %s", type(exc).__name__, exc,
                  extra={"file_only": True})
        raise
    finally:
        for handler in handlers:
            log.removeHandler(handler)
            handler.close()
        log.setLevel(level)
        log.propagate = propagate
