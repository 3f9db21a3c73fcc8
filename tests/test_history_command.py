"""`pilkada history`: a field across days as a table, CSV or JSON."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from typer.testing import CliRunner

from pilkada_cli.checking.schema import Schema
from pilkada_cli.cli import app
from pilkada_cli.store.ledger import Store

from .conftest import Desk, make_desk

runner = CliRunner()


@pytest.fixture(scope="module")
def week(tmp_path_factory: pytest.TempPathFactory, schema: Schema) -> Desk:
    """The sample week, checked into a store once for the module (the tests only read)."""
    desk = make_desk(tmp_path_factory.mktemp("week"), schema)
    for day in range(12, 19):
        desk.copy_day(dt.date(2024, 11, day))
    done = runner.invoke(app, ["check", str(desk.inbox), "--config", str(desk.config_path)])
    assert done.exit_code == 0, done.output
    return desk


def history(desk: Desk, *args: str):
    return runner.invoke(app, ["history", *args, "--to", "2024-11-18",
                               "--config", str(desk.config_path)])


def test_a_regency_as_csv(week: Desk) -> None:
    done = history(week, "pemilih.ektp_terekam", "--regency", "Kukar", "--format", "csv")
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    with Store.open(week.config, week.schema) as store:
        expected = [store.accepted(dt.date(2024, 11, d))["64.03"].values["pemilih.ektp_terekam"]
                    for d in range(12, 19)]
    assert [r["date"] for r in rows] == [f"2024-11-{d}" for d in range(12, 19)]
    assert [int(r["value"]) for r in rows] == expected
    assert expected == sorted(expected)
    assert {r["regencies"] for r in rows} == {"1"}


def test_the_province_as_json(week: Desk) -> None:
    done = history(week, "logistik.persen_tps", "--from", "2024-11-17", "--format", "json")
    assert done.exit_code == 0, done.output
    document = json.loads(done.stdout)
    assert document["field"] == {"key": "logistik.persen_tps",
                                 "label": "Distribusi logistik ke TPS (%)", "type": "percent",
                                 "aggregate": "ratio"}
    assert document["scope"] == {"code": "64", "name": "Kalimantan Timur"}
    assert [(p["date"], p["regencies"]) for p in document["points"]] == [
        ("2024-11-17", 10), ("2024-11-18", 9)]
    with Store.open(week.config, week.schema) as store:
        last = store.accepted(dt.date(2024, 11, 18)).values()
        share = 100 * sum(s.values["logistik.tps_terdistribusi"] for s in last) / sum(
            s.values["logistik.jumlah_tps"] for s in last)
    assert document["points"][1]["value"] == pytest.approx(share, abs=1e-9)


def test_a_table_in_indonesian(week: Desk) -> None:
    done = history(week, "pemilih.dpt", "--regency", "64.72")
    assert done.exit_code == 0, done.output
    assert "Kota Samarinda" in done.stdout
    assert "Senin, 18 November 2024" in done.stdout and "626.000" in done.stdout
    province = history(week, "logistik.persen_tps")
    assert "9/10" in province.stdout and "%" in province.stdout


def test_mistakes_get_a_message(week: Desk) -> None:
    unknown = history(week, "pemilih.dtp")
    assert unknown.exit_code == 2 and "maksudnya 'pemilih.dpt'" in unknown.stderr
    regency = history(week, "pemilih.dpt", "--regency", "Atlantis")
    assert regency.exit_code == 2 and "bukan kabupaten/kota dalam konfigurasi" in regency.stderr
    order = history(week, "pemilih.dpt", "--from", "2024-11-19")
    assert order.exit_code == 2 and "jatuh sesudah --to" in order.stderr
    assert "Traceback" not in unknown.output + regency.output + order.output


def test_no_figures_yet(desk: Desk) -> None:
    Store.open(desk.config).close()
    done = history(desk, "pemilih.dpt", "--format", "csv")
    assert (done.exit_code, done.stdout) == (0, "date,value,regencies\n")
    text = history(desk, "pemilih.dpt")
    assert "Belum ada angka" in text.stdout
