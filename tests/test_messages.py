"""Messages a desk reads: the choices as the workbook names them, the briefing's method
notes, a missing file, the check's usage line, and compile's stop-errors in Indonesian."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from pilkada_cli.checking.validate import check_file
from pilkada_cli.cli import app

from .conftest import FLAWED, issue_tuples

runner = CliRunner()
GOLDEN = Path(__file__).parent / "golden" / "briefing-2024-11-18.md"


def test_a_choice_not_on_the_list_names_the_choices_by_their_labels(config, schema):
    report = check_file(FLAWED / "status-tidak-sah.xlsx", schema, config)
    assert issue_tuples(report) == [("error", "Situasi", "B3", "invalid-choice")]
    assert report.errors[0].message("id") == (
        "'Status situasi': 'Gawat' bukan pilihan yang sah. Pilihan: Aman/kondusif, Waspada, "
        "Rawan.")
    assert report.errors[0].message("en").endswith(
        "Choices: Aman/kondusif (Safe/calm), Waspada (Alert), Rawan (Vulnerable).")


def test_the_ratio_note_says_jumlah_once():
    text = GOLDEN.read_text(encoding="utf-8")
    assert "menerima logistik ÷ jumlah TPS dari kabupaten/kota" in text
    assert "jumlah Jumlah" not in text


def test_a_missing_file_named_outright_says_only_that_it_is_not_found(tmp_path):
    result = runner.invoke(app, ["check", "--no-record", str(tmp_path / "tidak-ada.xlsx")])
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert lines == [f"{tmp_path / 'tidak-ada.xlsx'}  TIDAK SAH",
                     "  [galat] Berkas tidak ditemukan.",
                     "1 berkas diperiksa: 0 sah, 1 tidak sah."]


def test_an_unreadable_file_still_says_what_could_not_be_told(tmp_path):
    result = runner.invoke(app, ["check", "--no-record", str(FLAWED / "bukan-excel.xlsx")])
    assert "kabupaten/kota tidak dikenali · tanggal tidak dikenali" in result.stdout


def test_check_help_names_its_argument():
    result = runner.invoke(app, ["check", "--help"])
    assert result.exit_code == 0
    assert "PATH..." in result.stdout and "paths" not in result.stdout
    assert "[INBOX]" in runner.invoke(app, ["compile", "--help"]).stdout


def test_compile_stops_in_indonesian_by_default_and_in_english_when_asked(tmp_path):
    missing = str(tmp_path / "tidak-ada")
    result = runner.invoke(app, ["compile", missing, "--date", "2024-11-18"])
    assert result.exit_code == 2
    assert f"folder kotak masuk tidak ditemukan: {missing}" in result.stderr
    (tmp_path / "kosong").mkdir()
    empty = str(tmp_path / "kosong")
    result = runner.invoke(app, ["compile", empty, "--date", "2024-11-18", "--out",
                                 str(tmp_path / "out")])
    assert result.exit_code == 3
    assert f"tidak ada laporan tanggal 2024-11-18 di {empty}" in result.stderr
    result = runner.invoke(app, ["compile", empty, "--date", "2024-11-18", "--lang", "en",
                                 "--out", str(tmp_path / "out")])
    assert result.exit_code == 3 and f"no report for 2024-11-18 in {empty}" in result.stderr
    result = runner.invoke(app, ["compile", empty, "--format", "rtf"])
    assert result.exit_code == 2 and "--format: pilih dari md,docx,xlsx,json" in result.stderr
