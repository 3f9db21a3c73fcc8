"""The analysis interface: the store's figures and a compiled day as pandas DataFrames."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from pilkada_cli.analysis import recap_frame, store_frame
from pilkada_cli.cli import app
from pilkada_cli.errors import UsageError

runner = CliRunner()


def test_the_store_as_one_row_per_regency_and_day(desk) -> None:
    for day in (16, 17):
        desk.copy_day(dt.date(2024, 11, day))
    done = runner.invoke(app, ["check", str(desk.inbox), "--config", str(desk.config_path)])
    assert done.exit_code == 0, done.output
    frame = store_frame(["pemilih.dpt", "logistik.persen_tps"], desk.config)
    assert list(frame.columns) == ["date", "regency", "name", "pemilih.dpt",
                                   "logistik.persen_tps"]
    per_day = frame.groupby("date")["regency"].count()
    assert per_day.to_dict() == {dt.datetime(2024, 11, 16): 10, dt.datetime(2024, 11, 17): 10}
    kukar = frame[(frame.regency == "64.03") & (frame.date == "2024-11-17")].iloc[0]
    assert kukar["name"] == "Kabupaten Kutai Kartanegara" and kukar["pemilih.dpt"] > 0
    with pytest.raises(UsageError):
        store_frame(["pemilih.dtp"], desk.config)


def test_a_compiled_day_as_one_row_per_regency(tmp_path, config) -> None:
    done = runner.invoke(app, ["compile", "sample_reports", "--date", "2024-11-18",
                               "--out", str(tmp_path), "--format", "json"])
    assert done.exit_code == 0, done.output
    path = tmp_path / "2024-11-18" / "rekap-2024-11-18.json"
    recap = json.loads(path.read_text(encoding="utf-8"))
    frame = recap_frame(path)
    assert len(frame) == len(config.regencies)
    missing = frame[frame.status == "missing"]
    assert list(missing.code) == recap["reporting"]["missing"]
    assert missing["pemilih.dpt"].isna().all()  # missing, never zero
    reported = frame[frame.status != "missing"]["pemilih.dpt"].sum()
    assert reported == recap["totals"]["pemilih.dpt"]
