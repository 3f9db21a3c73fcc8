"""Rules across days: a cumulative count that falls, and a figure far from the regency's usual."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any, NamedTuple

from typer.testing import CliRunner

from pilkada_cli.checking import across_days
from pilkada_cli.checking.model import Report
from pilkada_cli.checking.schema import AcrossDays, Schema
from pilkada_cli.cli import app
from pilkada_cli.config import Regency
from pilkada_cli.senders.template import layout

from .conftest import Desk

DAY = dt.date(2024, 11, 18)
KUKAR = Regency("64.03", "Kabupaten Kutai Kartanegara")


class Past(NamedTuple):
    date: dt.date
    values: dict[str, Any]


def report(values: dict[str, Any], cells: dict[str, tuple[str, str]] | None = None) -> Report:
    return Report(Path("x.xlsx"), KUKAR, DAY, values, {}, cells or {})


def days_before(*values: dict[str, Any]) -> list[Past]:
    return [Past(DAY - dt.timedelta(days=len(values) - i), v) for i, v in enumerate(values)]


def found(issues) -> list[tuple[str, str, str | None, str | None]]:
    return [(i.severity, i.code, i.field, i.cell) for i in issues]


def test_a_falling_cumulative_count_is_reported_at_its_cell(schema: Schema) -> None:
    cells = {"pemilih.ektp_terekam": ("Pemilih", "B6")}
    past = days_before({"pemilih.ektp_terekam": 20_000}, {"pemilih.ektp_terekam": 21_350})
    issues = across_days.check(report({"pemilih.ektp_terekam": 21_000}, cells), past, schema)
    assert found(issues) == [("warning", "never-decreases", "pemilih.ektp_terekam", "B6")]
    assert issues[0].sheet == "Pemilih"
    assert issues[0].message("id") == (
        "'Sudah rekam e-KTP' turun dari 21.350 (laporan 17 November 2024) menjadi 21.000; "
        "angka kumulatif tidak boleh turun. Periksa kembali angka ini.")
    assert "fell from 21,350 (report of 17 November 2024) to 21,000" in issues[0].message("en")


def test_a_count_that_stays_or_rises_is_fine(schema: Schema) -> None:
    past = days_before({"pemilih.ektp_terekam": 21_000})
    for value in (21_000, 21_001):
        assert across_days.check(report({"pemilih.ektp_terekam": value}), past, schema) == []


def test_the_severity_comes_from_the_schema(schema: Schema) -> None:
    strict = dataclasses.replace(schema, across_days=(
        AcrossDays("never_decreases", "error", ("logistik.kotak_suara.diterima",)),))
    key = "logistik.kotak_suara.diterima"
    checked = report({key: 10})
    checked.issues += across_days.check(checked, days_before({key: 12}), strict)
    assert found(checked.issues) == [("error", "never-decreases", key, None)]
    assert not checked.valid


def test_only_earlier_days_count(schema: Schema) -> None:
    later = [Past(DAY, {"pemilih.ektp_terekam": 30_000}),
             Past(DAY + dt.timedelta(days=1), {"pemilih.ektp_terekam": 30_000})]
    assert across_days.check(report({"pemilih.ektp_terekam": 1}), later, schema) == []


def test_an_extra_digit_is_a_possible_outlier(schema: Schema) -> None:
    past = days_before(*({"pemilih.dpt": 560_000} for _ in range(4)))
    cells = {"pemilih.dpt": ("Pemilih", "B3")}
    issues = across_days.check(report({"pemilih.dpt": 5_600_000}, cells), past, schema)
    assert found(issues) == [("warning", "outlier", "pemilih.dpt", "B3")]
    assert "5.600.000 kemungkinan pencilan" in issues[0].message("id")
    assert "(560.000, nilai tengah 4 laporan terakhir)" in issues[0].message("id")
    lost = across_days.check(report({"pemilih.dpt": 56_000}, cells), past, schema)
    assert found(lost) == [("warning", "outlier", "pemilih.dpt", "B3")]


def test_ordinary_swings_and_short_histories_are_not_outliers(schema: Schema) -> None:
    events = days_before(*({"kampanye.kegiatan": n} for n in (12, 13, 11, 12)))
    assert across_days.check(report({"kampanye.kegiatan": 3}), events, schema) == []
    assert across_days.check(report({"kampanye.kegiatan": 20}), events, schema) == []
    assert found(across_days.check(report({"kampanye.kegiatan": 120}), events, schema)) == [
        ("warning", "outlier", "kampanye.kegiatan", None)]
    short = days_before({"pemilih.dpt": 560_000}, {"pemilih.dpt": 560_000})
    assert across_days.check(report({"pemilih.dpt": 5_600_000}), short, schema) == []
    growing = days_before(*({"pemilih.dpt": 560_000 + n * 100} for n in range(7)))
    assert across_days.check(report({"pemilih.dpt": 561_000}), growing, schema) == []


def test_check_compares_with_the_regency_s_accepted_previous_day(desk: Desk) -> None:
    desk.copy_day(dt.date(2024, 11, 17))
    runner = CliRunner()
    first = runner.invoke(app, ["check", str(desk.inbox), "--config", str(desk.config_path)])
    assert first.exit_code == 0, first.output
    falling = desk.write_report("64.03", DAY, {"pemilih.ektp_terekam": 1_000,
                                               "pemilih.ektp_belum": 1_000})
    done = runner.invoke(app, ["check", str(falling), "--format", "json",
                               "--config", str(desk.config_path)])
    (file,) = json.loads(done.stdout)["files"]
    sheet, cell = layout(desk.schema).cells["pemilih.ektp_terekam"]
    assert [(i["sheet"], i["cell"], i["code"], i["severity"]) for i in file["issues"]
            if i["code"] == "never-decreases"] == [(sheet, cell, "never-decreases", "warning")]
    assert done.exit_code == 0   # a warning, as the built-in schema says


def test_the_sample_week_raises_nothing_across_days(desk: Desk) -> None:
    for day in range(12, 19):
        desk.copy_day(dt.date(2024, 11, day))
    done = CliRunner().invoke(app, ["check", str(desk.inbox), "--format", "json",
                                    "--config", str(desk.config_path)])
    assert done.exit_code == 0, done.output
    codes = {i["code"] for f in json.loads(done.stdout)["files"] for i in f["issues"]}
    assert not codes & {"never-decreases", "outlier"}
