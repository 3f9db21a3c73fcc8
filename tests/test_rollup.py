"""Provincial recaps roll up into the national picture, figure for figure.

Three provinces with a few regencies each, from the sample generator: each province
compiles its own workbooks into its recap; the national compile of the three recaps must
say exactly what the national compile of the workbooks behind them says (totals per
province and nationally, every regency's figures and status, the incident lists), with a
regency missing inside a province still missing, an invalid one still invalid and a late
one still late.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import shutil
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from typer.testing import CliRunner

from pilkada_cli.cli import app
from pilkada_cli.config import load_config

from .recap_schema import validate_recap
from .reports import set_time, write_report

BENCH = Path(__file__).resolve().parents[1] / "bench"
DAY = dt.date(2024, 11, 18)
WANTED = {"11": ["11.01", "11.02", "11.03", "11.04"], "31": ["31.71", "31.72", "31.73"],
          "64": ["64.01", "64.03", "64.11", "64.72"]}
MISSING, INVALID, LATE = "64.11", "31.72", "11.03"
runner = CliRunner()


def _national() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_national", BENCH / "national.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def compile_(config: Path, inbox: Path, out: Path, formats: str = "json,md") -> dict[str, Any]:
    result = runner.invoke(app, ["compile", str(inbox), "--date", DAY.isoformat(), "--out",
                                 str(out), "--format", formats, "--config", str(config)])
    assert result.exit_code == 0, result.output
    recap = json.loads((out / DAY.isoformat() / f"rekap-{DAY}.json").read_text("utf-8"))
    validate_recap(recap)
    return recap


@pytest.fixture(scope="module")
def nation(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The workbooks, each province's recap of them, and both national compiles."""
    root = tmp_path_factory.mktemp("nation")
    national = _national()
    names = national.provinces()
    units = [u for u in national.regencies() if u.code in sum(WANTED.values(), [])]
    config_path = root / "pilkada.yaml"
    config_path.write_text(national.config_text(units, names), encoding="utf-8")
    config = load_config(config_path)
    workbooks = root / "workbooks"
    national.write_reports(workbooks, config_path)
    (workbooks / national.report_name(MISSING)).unlink()
    from pilkada_cli.checking.schema import load_schema

    broken = write_report(workbooks, load_schema(), config, INVALID,
                          changes={"kampanye.kegiatan": "banyak"},
                          name=national.report_name(INVALID))
    set_time(broken, DAY, 16, 30, config)
    set_time(workbooks / national.report_name(LATE), DAY, 19, 5, config)

    recaps = root / "recaps"
    for code, members in WANTED.items():
        folder = root / "province" / code
        chosen = [u for u in units if u.code in members]
        text = national.config_text(chosen, names).replace(
            'province: {code: "00", name: Indonesia}',
            f'province: {{code: "{code}", name: {json.dumps(names[code])}}}')
        (folder / "inbox").mkdir(parents=True)
        (folder / "pilkada.yaml").write_text(text, encoding="utf-8")
        for path in workbooks.glob(f"laporan-{code}*.xlsx"):
            shutil.copy2(path, folder / "inbox" / path.name)
        compile_(folder / "pilkada.yaml", folder / "inbox", folder / "out")
        target = recaps / code / f"rekap-{DAY}.json"
        target.parent.mkdir(parents=True)
        shutil.copy2(folder / "out" / DAY.isoformat() / f"rekap-{DAY}.json", target)
        set_time(target, DAY, 17, 45, config)  # each province sends in time
    return {
        "root": root, "config": config_path, "recaps": recaps, "workbooks": workbooks,
        "from_workbooks": compile_(config_path, workbooks, root / "out-workbooks"),
        "from_recaps": compile_(config_path, recaps, root / "out-recaps"),
    }


def figures(doc: dict[str, Any]) -> dict[str, Any]:
    """What the recap says of the election, without where its files came from."""
    shown = {k: v for k, v in doc.items() if k not in ("files", "revision", "attention")}
    # What needs attention, without the file it is in nor the file's own words.
    shown["attention"] = [{k: a[k] for k in ("kind", "regency", "field")}
                          for a in doc.get("attention", [])]
    shown["regencies"] = [{k: v for k, v in row.items()
                           if k not in ("file", "arrived", "received", "errors", "warnings")}
                          for row in doc["regencies"]]
    return shown


def test_national_picture_from_recaps_equals_the_workbooks(nation: dict[str, Any]) -> None:
    by_books, by_recaps = nation["from_workbooks"], nation["from_recaps"]
    assert figures(by_recaps) == figures(by_books)
    assert len(by_books["provinces"]) == 3  # province rows with their subtotals
    statuses = {r["code"]: r["status"] for r in by_recaps["regencies"]}
    assert (statuses[MISSING], statuses[INVALID], statuses[LATE]) == (
        "missing", "invalid", "late")
    assert by_recaps["reporting"]["missing"] == [MISSING]
    kaltim = next(p for p in by_recaps["provinces"] if p["code"] == "64")
    assert kaltim["coverage"]["pemilih.dpt"] == 3  # the missing one counts as nothing
    assert by_recaps["files"]["recaps"] == {
        code: {"path": f"{code}/rekap-{DAY}.json", "late": False,
               "regencies": len(members) - (code == "64")}
        for code, members in WANTED.items()}


def test_national_briefing_names_the_missing_and_late_recaps(nation: dict[str, Any]) -> None:
    root = nation["root"]
    recaps = root / "recaps-some"
    shutil.copytree(nation["recaps"], recaps)
    shutil.rmtree(recaps / "31")
    # A desk of its own (its own store): the store knows a file by its content, and keeps
    # the first time it saw it as its arrival.
    path = root / "some.yaml"
    path.write_text(nation["config"].read_text("utf-8").replace(
        'paths: {inbox: "inbox", out: out}', "paths: {inbox: inbox, out: out, store: some.sqlite}"),
        encoding="utf-8")
    config = load_config(path)
    set_time(recaps / "11" / f"rekap-{DAY}.json", DAY, 20, 0, config)
    doc = compile_(path, recaps, root / "out-some")
    assert doc["files"]["recaps"]["11"]["late"] is True
    statuses = {r["code"]: r["status"] for r in doc["regencies"]}
    assert {statuses[c] for c in WANTED["31"]} == {"missing"}
    assert {statuses[c] for c in WANTED["11"]} == {"late"}
    briefing = (root / "out-some" / DAY.isoformat() / f"briefing-{DAY}.md").read_text("utf-8")
    assert "rekap provinsi belum masuk: DKI Jakarta" in briefing
    assert "rekap provinsi terlambat: Aceh" in briefing


def test_a_workbook_beside_a_recap_wins_and_the_difference_is_reported(
        nation: dict[str, Any]) -> None:
    root = nation["root"]
    inbox = root / "mixed"
    shutil.copytree(nation["recaps"], inbox)
    config = load_config(nation["config"])
    from pilkada_cli.checking.schema import load_schema

    national = _national()
    write_report(inbox, load_schema(), config, "64.01", changes={"pemilih.dpt": 123_456},
                 name=national.report_name("64.01"))
    doc = compile_(nation["config"], inbox, root / "out-mixed")
    row = next(r for r in doc["regencies"] if r["code"] == "64.01")
    assert row["values"]["pemilih.dpt"] == 123_456
    assert row["file"] == national.report_name("64.01")
    (disagreement,) = doc["files"]["disagreements"]
    assert disagreement["regency"] == "64.01" and "pemilih.dpt" in disagreement["fields"]
    briefing = (root / "out-mixed" / DAY.isoformat() / f"briefing-{DAY}.md").read_text("utf-8")
    assert "berbeda pada" in briefing


def test_check_accepts_a_recap_and_says_what_is_wrong(nation: dict[str, Any],
                                                      tmp_path: Path) -> None:
    good = nation["recaps"] / "64" / f"rekap-{DAY}.json"
    result = runner.invoke(app, ["check", "--config", str(nation["config"]), str(good)])
    assert result.exit_code == 0, result.output
    assert "Kalimantan Timur" in result.output

    doc = json.loads(good.read_text("utf-8"))
    doc["totals"]["pemilih.dpt"] += 1
    doc["regencies"][0]["values"]["pemilih.ektp_persen"] = 12.5
    bad = tmp_path / "rekap-ubah.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    result = runner.invoke(app, ["check", "--format", "json", "--config",
                                 str(nation["config"]), str(bad)])
    assert result.exit_code == 1
    (file,) = json.loads(result.stdout)["files"]
    assert file["valid"] is False
    assert sorted((i["code"], i["sheet"]) for i in file["issues"]) == [
        ("recap-derived", "regencies[0].values.pemilih.ektp_persen"),
        ("recap-total", "totals.pemilih.dpt")]


def test_status_at_national_level_per_province(nation: dict[str, Any]) -> None:
    """Each province: its recap, which regencies are inside it, late, missing."""
    root = nation["root"]
    inbox = root / "status-inbox"
    shutil.copytree(nation["recaps"], inbox)
    shutil.rmtree(inbox / "31")
    config = root / "status.yaml"
    config.write_text(nation["config"].read_text("utf-8").replace(
        "paths: {inbox: \"inbox\", out: out}",
        "paths: {inbox: status-inbox, out: out, store: status.sqlite}"), encoding="utf-8")
    args = ["status", "--date", DAY.isoformat(), "--config", str(config)]
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 1, result.output  # DKI Jakarta has sent nothing
    doc = json.loads(result.stdout)
    provinces = {p["code"]: p for p in doc["provinces"]}
    assert provinces["64"]["inside"] == ["64.01", "64.03", "64.72"]
    assert provinces["64"]["missing"] == [MISSING]
    assert provinces["11"]["late_inside"] == [LATE]
    assert provinces["31"]["recap"] is None and provinces["31"]["missing"] == WANTED["31"]
    statuses = {r["code"]: r["status"] for r in doc["regencies"]}
    assert (statuses["64.01"], statuses[LATE], statuses[MISSING], statuses["31.71"]) == (
        "reported", "late", "missing", "missing")

    result = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert "Rekap provinsi" in result.output and "belum ada rekap" in result.output
    assert "Kabupaten Mahakam Hulu" in result.output  # the national list names it so
