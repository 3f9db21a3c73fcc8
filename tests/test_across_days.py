"""Rules across days: a cumulative count that falls, a fixed figure that changes, and a figure
far from the regency's usual."""

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


def test_a_changed_dpt_is_reported_at_its_cell_with_the_day_before(schema: Schema) -> None:
    cells = {"pemilih.dpt": ("Pemilih", "B3")}
    past = days_before({"pemilih.dpt": 560_000}, {"pemilih.dpt": 560_000})
    for value in (610_000, 559_999, 5_600_000):
        issues = across_days.check(report({"pemilih.dpt": value}, cells), past, schema)
        assert found(issues) == [("warning", "unchanged", "pemilih.dpt", "B3")]
    assert issues[0].message("id") == (
        "'DPT (daftar pemilih tetap)' berubah dari 560.000 (laporan 17 November 2024) menjadi "
        "5.600.000; angka ini sudah ditetapkan dan tidak berubah dari hari ke hari. Periksa "
        "kembali angka ini.")
    assert "changed from 560,000 (report of 17 November 2024) to 5,600,000" in \
        issues[0].message("en")
    assert across_days.check(report({"pemilih.dpt": 560_000}, cells), past, schema) == []


def test_a_changed_dpt_is_compared_with_the_last_accepted_report(schema: Schema) -> None:
    """The regency's last report before the day, even one days back; only that one."""
    past = [Past(DAY - dt.timedelta(days=5), {"pemilih.dpt": 500_000}),
            Past(DAY - dt.timedelta(days=3), {"pemilih.dpt": 560_000})]
    (issue,) = across_days.check(report({"pemilih.dpt": 500_000}), past, schema)
    assert "dari 560.000 (laporan 15 November 2024)" in issue.message("id")
    assert across_days.check(report({"pemilih.dpt": 560_000}), past, schema) == []
    assert across_days.check(report({"pemilih.dpt": 610_000}), [], schema) == []


def test_an_extra_digit_is_a_possible_outlier(schema: Schema) -> None:
    past = days_before(*({"logistik.jumlah_tps": 1_500} for _ in range(4)))
    cells = {"logistik.jumlah_tps": ("Logistik", "B3")}
    issues = across_days.check(report({"logistik.jumlah_tps": 15_000}, cells), past, schema)
    assert found(issues) == [("warning", "outlier", "logistik.jumlah_tps", "B3")]
    assert "15.000 kemungkinan pencilan" in issues[0].message("id")
    assert "(1.500, nilai tengah 4 laporan terakhir)" in issues[0].message("id")
    lost = across_days.check(report({"logistik.jumlah_tps": 150}, cells), past, schema)
    assert found(lost) == [("warning", "outlier", "logistik.jumlah_tps", "B3")]


def test_the_dpt_is_not_also_an_outlier(schema: Schema) -> None:
    """One warning for a DPT with an extra digit: the fixed figure's."""
    past = days_before(*({"pemilih.dpt": 560_000} for _ in range(4)))
    issues = across_days.check(report({"pemilih.dpt": 5_600_000}), past, schema)
    assert [i.code for i in issues] == ["unchanged"]


def test_ordinary_swings_and_short_histories_are_not_outliers(schema: Schema) -> None:
    events = days_before(*({"kampanye.kegiatan": n} for n in (12, 13, 11, 12)))
    assert across_days.check(report({"kampanye.kegiatan": 3}), events, schema) == []
    assert across_days.check(report({"kampanye.kegiatan": 20}), events, schema) == []
    assert found(across_days.check(report({"kampanye.kegiatan": 120}), events, schema)) == [
        ("warning", "outlier", "kampanye.kegiatan", None)]
    short = days_before({"logistik.jumlah_tps": 1_500}, {"logistik.jumlah_tps": 1_500})
    assert across_days.check(report({"logistik.jumlah_tps": 15_000}), short, schema) == []
    growing = days_before(*({"logistik.jumlah_tps": 1_500 + n * 2} for n in range(7)))
    assert across_days.check(report({"logistik.jumlah_tps": 1_520}), growing, schema) == []


def test_check_compares_with_the_regency_s_accepted_previous_day(desk: Desk) -> None:
    desk.copy_day(dt.date(2024, 11, 17))
    runner = CliRunner()
    first = runner.invoke(app, ["check", str(desk.inbox), "--config", str(desk.config_path)])
    assert first.exit_code == 0, first.output
    changed = desk.write_report("64.03", DAY, {"pemilih.ektp_terekam": 1_000,
                                               "pemilih.ektp_belum": 1_000,
                                               "pemilih.dpt": 610_000})
    done = runner.invoke(app, ["check", str(changed), "--format", "json",
                               "--config", str(desk.config_path)])
    (file,) = json.loads(done.stdout)["files"]
    cells = layout(desk.schema).cells
    across = [(i["sheet"], i["cell"], i["code"], i["severity"]) for i in file["issues"]
              if i["code"] in ("never-decreases", "unchanged", "outlier")]
    assert across == [(*cells["pemilih.ektp_terekam"], "never-decreases", "warning"),
                      (*cells["pemilih.dpt"], "unchanged", "warning")]
    (dpt,) = [i for i in file["issues"] if i["code"] == "unchanged"]
    assert dpt["value"] == 610_000 and "berubah dari 560.000 (laporan 17 November 2024) " \
        "menjadi 610.000" in dpt["message"]
    assert done.exit_code == 0   # warnings, as the built-in schema says
    english = runner.invoke(app, ["check", str(changed), "--lang", "en",
                                  "--config", str(desk.config_path)])
    assert "changed from 560,000 (report of 17 November 2024) to 610,000" in english.stdout


def test_compile_warns_of_a_dpt_changed_since_the_day_before(desk: Desk) -> None:
    """Two days through the store: the second day's report is compared with the first's
    accepted DPT; a changed one is one more warning, and its figure still counts."""
    runner = CliRunner()

    def kukar_on(day: dt.date) -> dict[str, Any]:
        done = runner.invoke(app, ["compile", "--date", day.isoformat(), "--format", "json",
                                   "--config", str(desk.config_path)])
        assert done.exit_code == 0, done.output
        recap = desk.config.paths["out"] / day.isoformat() / f"rekap-{day.isoformat()}.json"
        rows = json.loads(recap.read_text(encoding="utf-8"))["regencies"]
        return next(r for r in rows if r["code"] == "64.03")

    desk.copy_day(dt.date(2024, 11, 17))
    assert kukar_on(dt.date(2024, 11, 17))["values"]["pemilih.dpt"] == 560_000
    desk.copy_day(DAY)
    kukar = next((desk.inbox / DAY.isoformat()).glob("Laporan Kukar*"))
    desk.write_report("64.03", DAY, {"pemilih.dpt": 560_000}).replace(kukar)
    assert kukar_on(DAY)["warnings"] == 0
    desk.write_report("64.03", DAY, {"pemilih.dpt": 610_000}, at=dt.time(17, 0)).replace(kukar)
    changed = kukar_on(DAY)
    assert (changed["values"]["pemilih.dpt"], changed["warnings"]) == (610_000, 1)


def test_the_sample_week_raises_nothing_across_days(desk: Desk) -> None:
    for day in range(12, 19):
        desk.copy_day(dt.date(2024, 11, day))
    done = CliRunner().invoke(app, ["check", str(desk.inbox), "--format", "json",
                                    "--config", str(desk.config_path)])
    assert done.exit_code == 0, done.output
    codes = {i["code"] for f in json.loads(done.stdout)["files"] for i in f["issues"]}
    assert not codes & {"never-decreases", "unchanged", "outlier"}
