"""pandas DataFrames of pilkada's figures, for analysts who work in Python or Jupyter.

Needs the optional extra: `pip install 'pilkada[analysis]'`. pandas is imported here
only, so no command pays for it.

    from pilkada_cli.analysis import store_frame, recap_frame
    days = store_frame(["logistik.persen_tps", "pemilih.dpt"])     # from ./pilkada.yaml's store
    day = recap_frame("out/2024-11-18/rekap-2024-11-18.json")       # one compiled day
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pilkada_cli.checking.schema import load_schema
from pilkada_cli.config import Config, load_config
from pilkada_cli.day.series import field_of
from pilkada_cli.store.ledger import Store

if TYPE_CHECKING:
    import pandas as pd


def store_frame(keys: Sequence[str], config: Config | None = None,
                regencies: Sequence[str] | None = None) -> pd.DataFrame:
    """The accepted figures of `keys` (schema field keys) for every regency and day in the
    store: one row per regency and day (columns `date`, `regency`, `name` and one per key),
    oldest first. A regency that did not report on a day has no row, never zeros."""
    import pandas as pd

    config = config or load_config(None)
    schema = load_schema(config.schema_path)
    codes = list(regencies or [r.code for r in config.regencies])
    with Store.open(config, schema, create=False) as store:
        for key in keys:
            field_of(store, key)  # an unknown key is a clear error, not a column of NaN
        rows = store.extract(list(keys), None, None, codes)
    names = {r.code: r.name for r in config.regencies}
    frame = pd.DataFrame(rows, columns=["date", "regency", *keys])
    frame.insert(2, "name", frame["regency"].map(names))
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def recap_frame(path: str | Path) -> pd.DataFrame:
    """One compiled day (`rekap-D.json`) as a DataFrame: a row per regency of the config
    with its `status` and one column per scalar field (missing ones empty, never zero)."""
    import pandas as pd

    recap = json.loads(Path(path).read_text(encoding="utf-8"))
    rows = [{"code": r["code"], "name": r["name"], "status": r["status"], **r["values"]}
            for r in recap["regencies"]]
    frame = pd.DataFrame(rows, columns=["code", "name", "status", *recap["fields"]])
    frame.insert(0, "date", pd.Timestamp(recap["date"]))
    return frame
