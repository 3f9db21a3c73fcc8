"""`pilkada check` as users run it: exit codes, the JSON contract, languages, broken inputs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pilkada_cli.cli import app

from .conftest import LAST_DAY, SAMPLES

runner = CliRunner()
LATEST = SAMPLES / LAST_DAY.isoformat()


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pilkada_cli", *args], capture_output=True,
                          text=True, timeout=60)


def test_latest_sample_day_is_all_valid():
    result = runner.invoke(app, ["check", "--format", "json", str(LATEST)])
    assert result.exit_code == 0, result.output
    files = json.loads(result.stdout)["files"]
    assert len(files) == 9
    assert all(f["valid"] and f["regency"] and f["date"] == "2024-11-18" for f in files)


def test_json_follows_the_contract(build_report, cells):
    sheet, ref = cells["logistik.surat_suara_bupati.diterima"]
    path = build_report(mutate=lambda book: book[sheet].__setitem__(ref, "banyak sekali"))
    result = runner.invoke(app, ["check", "--format", "json", str(path)])
    assert result.exit_code == 1
    (entry,) = json.loads(result.stdout)["files"]
    assert entry["path"] == str(path)
    assert entry["regency"] == {"code": "64.03", "name": "Kabupaten Kutai Kartanegara"}
    assert entry["date"] == "2024-11-18" and entry["valid"] is False
    (issue,) = entry["issues"]
    assert {k: issue[k] for k in ("severity", "code", "sheet", "cell", "field", "value")} == {
        "severity": "error", "code": "type-error", "sheet": sheet, "cell": ref,
        "field": "diterima", "value": "banyak sekali"}
    assert issue["message"].startswith("'Surat suara Bupati/Wali Kota – Diterima'")


@pytest.mark.parametrize("key", ["pemilih.dpt", "logistik.jumlah_tps", "kampanye.insiden",
                                 "partisipasi.proyeksi", "netralitas.asn.selesai",
                                 "logistik.formulir.kebutuhan"])
def test_nonsense_in_a_numeric_cell_is_an_error_at_that_cell(build_report, cells, key):
    sheet, ref = cells[key]
    path = build_report(mutate=lambda book: book[sheet].__setitem__(ref, "xx lihat lampiran"))
    result = runner.invoke(app, ["check", "--format", "json", str(path)])
    assert result.exit_code == 1
    errors = [(i["sheet"], i["cell"], i["code"]) for i in json.loads(result.stdout)["files"][0]
              ["issues"] if i["severity"] == "error"]
    assert (sheet, ref, "type-error") in errors


@pytest.mark.parametrize(("content", "code", "words"), [
    (b"Kabupaten;DPT\nKukar;560000\n", "not-workbook", "Bukan berkas Excel"),
    (b"", "file-empty", "Berkas kosong"),
    (None, "corrupt-file", "rusak atau tidak lengkap"),
])
def test_files_that_are_not_workbooks_get_a_plain_error(tmp_path, content, code, words):
    path = tmp_path / "laporan.xlsx"
    if content is None:
        whole = (LATEST / "laporan-6401-2024-11-18.xlsx").read_bytes()
        content = whole[: len(whole) * 2 // 3]
    path.write_bytes(content)
    result = run("check", "--format", "json", str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    (issue,) = json.loads(result.stdout)["files"][0]["issues"]
    assert (issue["severity"], issue["code"], issue["cell"]) == ("error", code, None)
    assert words in issue["message"]
    text = run("check", str(path))
    assert text.returncode == 1 and words in text.stdout and "Traceback" not in text.stderr
    assert "kabupaten/kota tidak dikenali · tanggal tidak dikenali" in text.stdout


def test_one_bad_file_does_not_stop_the_rest(tmp_path):
    (tmp_path / "rusak.xlsx").write_bytes(b"\x00\x01 not a workbook")
    for source in sorted(LATEST.glob("*.xlsx"))[:3]:
        (tmp_path / source.name).write_bytes(source.read_bytes())
    result = runner.invoke(app, ["check", "--format", "json", str(tmp_path)])
    assert result.exit_code == 1
    files = json.loads(result.stdout)["files"]
    assert [f["valid"] for f in files].count(True) == 3 and len(files) == 4


def test_english_on_request(build_report, cells):
    sheet, ref = cells["pemilih.dpt"]
    path = build_report(mutate=lambda book: book[sheet].__setitem__(ref, "banyak"))
    result = runner.invoke(app, ["check", "--lang", "en", str(path)])
    assert result.exit_code == 1
    assert "is not a whole number" in result.stdout and "INVALID" in result.stdout
    indonesian = runner.invoke(app, ["check", str(path)])
    assert "bukan bilangan bulat" in indonesian.stdout and "TIDAK SAH" in indonesian.stdout


def test_usage_and_configuration_errors_exit_2(tmp_path):
    empty = tmp_path / "kosong"
    empty.mkdir()
    result = run("check", str(empty))
    assert result.returncode == 2 and "tidak ada buku kerja di" in result.stderr
    schema = tmp_path / "schema.yaml"
    schema.write_text("sheets:\n  Logistik:\n    fields:\n      diterima: {type: integr}\n")
    result = run("check", "--schema", str(schema), str(LATEST))
    assert result.returncode == 2
    assert "sheets.Logistik.fields.diterima.type: jenis 'integr' tidak dikenal" in result.stderr
    assert "Traceback" not in result.stderr
    config = tmp_path / "pilkada.yaml"
    config.write_text("timezone: Nowhere/Else\n")
    result = run("check", "--config", str(config), str(LATEST))
    assert result.returncode == 2 and "zona waktu 'Nowhere/Else' tidak dikenal" in result.stderr
    assert run("check", "--format", "xml", str(LATEST)).returncode == 2


def test_a_missing_file_is_reported_not_raised(tmp_path):
    result = run("check", "--format", "json", str(tmp_path / "tidak-ada.xlsx"))
    assert result.returncode == 1
    assert json.loads(result.stdout)["files"][0]["issues"][0]["code"] == "file-missing"


def test_check_does_not_import_the_heavy_libraries():
    code = ("import sys\nfrom pilkada_cli.cli import main\nsys.argv = ['pilkada', 'check', "
            f"{str(LATEST)!r}]\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('pandas', 'openpyxl', 'docx', 'matplotlib', 'numpy', "
            "'pilkada_cli.render.view', 'pilkada_cli.store.ledger') "
            "if m in sys.modules), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.stderr.strip().splitlines()[-1] == "[]"


def test_every_command_has_help_text():
    import typer.main

    group = typer.main.get_command(app)
    for name, command in group.commands.items():
        assert command.help and len(command.help) > 20, name
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0


def test_version_and_module_entry_point():
    result = run("--version")
    assert result.returncode == 0 and result.stdout.startswith("pilkada ")


def test_readme_commands_name_real_things():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert "python -m pytest" in readme
    for folder in ("sample_reports", "flawed_reports"):
        assert folder in readme


def test_top_level_help_lists_every_command():
    result = run("--help")
    assert result.returncode == 0, result.stderr
    for command in ("check", "compile", "template", "status", "history"):
        assert command in result.stdout


def test_a_finished_command_leaves_with_its_output_whole():
    result = run("check", "--format", "json", str(LATEST))
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["files"]) == 9


GOLDEN_CHECK = Path(__file__).parent / "golden" / "check-flawed.json"


def test_golden_check_json_of_the_flawed_samples(monkeypatch):
    """The whole `check --format json` document for flawed_reports/, as a golden file:
    any change to a code, a cell, a value or a message shows in review. Regenerate with
    PILKADA_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_cli_check.py -k golden"""
    import os

    monkeypatch.chdir(SAMPLES.parent)
    result = runner.invoke(app, ["check", "--no-record", "--format", "json", "flawed_reports"])
    assert result.exit_code == 1, result.output
    if os.environ.get("PILKADA_UPDATE_GOLDEN"):
        GOLDEN_CHECK.write_text(result.stdout, encoding="utf-8")
    assert json.loads(result.stdout) == json.loads(GOLDEN_CHECK.read_text(encoding="utf-8"))
