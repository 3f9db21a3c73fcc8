"""pilkada: check and compile the daily reports of a province's regional-election desks.

The library can be used without the command line:

    from pilkada_cli import load_config, load_schema, check_file
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# Exports are loaded on first use, so `pilkada --help` does not pay for them.
_EXPORTS = {
    "Config": "config", "load_config": "config",
    "Issue": "checking.model", "Report": "checking.model",
    "Schema": "checking.schema", "load_schema": "checking.schema",
    "check_file": "checking.validate",
    "Store": "store.ledger", "run_lock": "store.ledger",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
