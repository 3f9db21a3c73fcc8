"""A provincial recap read as input: hostile or broken files cost their own file only, fast
and bounded; a sound one stands for its regencies, checked against its own totals."""

from __future__ import annotations

import copy
import datetime as dt
import json
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pilkada_cli.checking.recap import check_recap
from pilkada_cli.checking.schema import Schema
from pilkada_cli.cli import app
from pilkada_cli.config import Config

from .reports import DAY, copy_samples

runner = CliRunner()


@pytest.fixture(scope="module")
def recap(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The recap of the bundled samples of 18 November 2024 (Mahakam Ulu missing)."""
    root = tmp_path_factory.mktemp("recap")
    inbox = copy_samples(root / "inbox", "2024-11-18")
    result = runner.invoke(app, ["compile", str(inbox), "--date", "2024-11-18", "--out",
                                 str(root / "out"), "--format", "json", "--no-record"])
    assert result.exit_code == 0, result.output
    path = root / "out" / "2024-11-18" / "rekap-2024-11-18.json"
    document: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return document


def write(folder: Path, document: Any, name: str = "rekap-2024-11-18.json") -> Path:
    path = folder / name
    path.write_text(document if isinstance(document, str) else json.dumps(document),
                    encoding="utf-8")
    return path


def codes(report) -> list[str]:
    return sorted({i.code for i in report.errors})


def test_a_sound_recap_stands_for_its_regencies(recap, tmp_path, schema: Schema,
                                                config: Config) -> None:
    report = check_recap(write(tmp_path, recap), schema, config)
    assert report.valid, [i.message() for i in report.issues]
    assert report.date == DAY and report.rollup is not None and report.rollup.province == "64"
    covered = {r.regency.code: r for r in report.covers if r.regency}
    assert len(covered) == 9 and "64.11" not in covered  # missing stays missing
    kukar = covered["64.03"]
    assert kukar.values["pemilih.dpt"] == next(
        r for r in recap["regencies"] if r["code"] == "64.03")["values"]["pemilih.dpt"]
    assert isinstance(kukar.values["identitas.tanggal"], dt.date)
    assert isinstance(kukar.values["partisipasi.proyeksi"], float)


@pytest.mark.parametrize(("change", "code"), [
    (lambda d: d.update(format_version=2), "recap-format-version"),
    (lambda d: d.pop("format_version"), "recap-format-version"),
    (lambda d: d.update(schema_version=99), "recap-schema-version"),
    (lambda d: d.update(date="2030-01-01"), "recap-future-date"),
    (lambda d: d.update(date="18/11/2024"), "recap-value"),
    (lambda d: d["province"].update(code="99"), "recap-unknown-province"),
    (lambda d: d["fields"]["pemilih.dpt"].update(aggregate="worst"), "recap-fields"),
    (lambda d: d["regencies"][0].update(code="11.01"), "recap-unknown-regency"),
    (lambda d: d["regencies"][1].update(code="64.01"), "recap-duplicate"),
    (lambda d: d["regencies"][0]["values"].update({"pemilih.dpt": "212.000"}), "recap-type"),
    (lambda d: d["regencies"][0]["values"].update({"pemilih.dpt": True}), "recap-type"),
    (lambda d: d["regencies"][0]["values"].update({"pemilih.dpt": -1}), "recap-range"),
    (lambda d: d["regencies"][0]["values"].update({"situasi.status": "Kacau"}), "recap-type"),
    (lambda d: d["totals"].update({"kampanye.kegiatan": 1}), "recap-total"),
    (lambda d: d["totals"].update({"partisipasi.proyeksi": 50.5}), "recap-total"),
    (lambda d: d["totals"].update({"situasi.status": "Aman"}), "recap-total"),
    (lambda d: d["reporting"].update(reported=10), "recap-reporting"),
    (lambda d: d.update(regencies="semua"), "recap-shape"),
    (lambda d: d["tables"]["kejadian"].append({"regency": "64.11"}), "recap-table-regency"),
])
def test_what_is_wrong_is_said(recap, tmp_path, schema, config, change, code) -> None:
    document = copy.deepcopy(recap)
    change(document)
    report = check_recap(write(tmp_path, document), schema, config)
    assert code in codes(report), [i.message() for i in report.issues]
    assert not report.covers
    assert all("{" not in i.message(lang) for i in report.issues for lang in ("id", "en"))


@pytest.mark.parametrize(("text", "code"), [
    ("not json at all", "recap-not-json"),
    ('{"date": "2024-11-18",', "recap-not-json"),
    ("[" * 100_000 + "]" * 100_000, "recap-too-deep"),
    ('{"a":' * 20 + "1" + "}" * 20, "recap-too-deep"),
    ('{"totals": {"x": ' + "9" * 5000 + "}}", "recap-number"),
    ('{"totals": {"x": NaN}}', "recap-number"),
    ('{"totals": {"x": -Infinity}}', "recap-number"),
    ('{"totals": {"x": 1e999}}', "recap-number"),
    ("[" + ",".join(["0"] * 1_000_000) + "]", "recap-too-many"),
    ('{"x": [' + ",".join(['[[0]]'] * 70_000) + "]}", "recap-too-many"),
    ('{"x": [' + ",".join(['{"a": 1}'] * 300_000) + "]}", "recap-too-many"),
    ("[]", "recap-shape"),
    ('"rekap"', "recap-shape"),
])
def test_a_hostile_recap_is_refused_fast(tmp_path, schema, config, text, code) -> None:
    path = write(tmp_path, text)
    started = time.perf_counter()
    report = check_recap(path, schema, config)
    assert time.perf_counter() - started < 2
    assert codes(report) == [code]
    assert all("{" not in i.message(lang) for i in report.issues for lang in ("id", "en"))


def test_not_utf8_and_too_large(tmp_path, schema, config) -> None:
    path = tmp_path / "rekap.json"
    path.write_bytes(b'{"a": "\xff"}')
    assert codes(check_recap(path, schema, config)) == ["recap-not-utf8"]
    path.write_bytes(b" " * (config.limits.max_file_bytes + 1))
    assert codes(check_recap(path, schema, config)) == ["file-too-large"]


def test_a_hostile_recap_costs_only_its_own_file(recap, tmp_path) -> None:
    """In an inbox, a broken recap is listed as unreadable; the good one is compiled."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write(inbox, recap)
    write(inbox, "[" * 100_000, name="rekap-rusak.json")
    write(inbox, {"ignored": True}, name="daftar.json")  # not named for a recap: not read
    result = runner.invoke(app, ["compile", str(inbox), "--date", "2024-11-18", "--out",
                                 str(tmp_path / "out"), "--format", "json", "--no-record"])
    assert result.exit_code == 0, result.output
    doc = json.loads((tmp_path / "out" / "2024-11-18" / "rekap-2024-11-18.json").read_text())
    assert doc["totals"] == recap["totals"]
    assert [f["path"] for f in doc["files"]["unidentified"]] == ["rekap-rusak.json"]
    assert doc["files"]["unidentified"][0]["issues"][0]["code"] == "recap-too-deep"

    result = runner.invoke(app, ["check", "--no-record", str(inbox)])
    assert result.exit_code == 1
    assert "rekap-rusak.json" in result.output and "daftar.json" not in result.output
