"""The benchmark's national inbox: its list and config load, and its reports check clean."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from pilkada_cli.cli import app
from pilkada_cli.config import load_config

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.fixture(scope="module")
def national() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_national", BENCH / "national.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_list_has_38_provinces_and_514_regencies(national: ModuleType) -> None:
    provinces, units = national.provinces(), national.regencies()
    names = {u.code: u.name for u in units}
    assert (len(provinces), len(units), len(names)) == (38, 514, 514)
    assert {u.province_code for u in units} == set(provinces)
    assert names["11.01"] == "Kabupaten Simeulue"
    assert names["73.09"] == "Kabupaten Pangkajene dan Kepulauan"
    assert names["93.01"] == "Kabupaten Merauke"  # Papua Selatan since the 2022 split
    assert names["96.71"] == "Kota Sorong"  # Papua Barat Daya
    assert (provinces["31"], provinces["91"], provinces["92"]) == (
        "DKI Jakarta", "Papua", "Papua Barat")


def test_national_config_loads(national: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "pilkada.yaml"
    path.write_text(national.config_text(national.regencies(), national.provinces()),
                    encoding="utf-8")
    config = load_config(path)
    assert len(config.regencies) == 514
    provinces = {r.code: config.province_of(r) for r in config.regencies}
    assert (provinces["95.01"], provinces["64.72"]) == ("Papua Pegunungan", "Kalimantan Timur")
    assert config.paths["inbox"] == tmp_path / "inbox"


def test_three_national_reports_check_clean(national: ModuleType, tmp_path: Path) -> None:
    wanted = ["11.01", "31.73", "94.04"]
    units = [u for u in national.regencies() if u.code in wanted]
    config = tmp_path / "pilkada.yaml"
    config.write_text(national.config_text(units, national.provinces()), encoding="utf-8")
    files = national.write_reports(tmp_path / "inbox", config)
    inodes = [f.stat().st_ino for f in files]

    result = CliRunner().invoke(app, ["check", "--format", "json", "--config", str(config),
                                      str(tmp_path / "inbox")])
    assert result.exit_code == 0, result.output
    reports = json.loads(result.stdout)["files"]
    assert sorted(r["regency"]["code"] for r in reports) == wanted
    assert {(r["valid"], r["date"]) for r in reports} == {(True, "2024-11-18")}

    # A second run keeps the workbooks already there (the bench caches its inbox).
    assert [f.stat().st_ino for f in national.write_reports(tmp_path / "inbox", config)] == inodes
