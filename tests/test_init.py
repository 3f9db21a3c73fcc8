"""`pilkada init`: a new desk's commented config, for any province of the shipped list, its
folders, and the three commands after it, run as printed."""

from __future__ import annotations

import datetime as dt
import importlib.util
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pilkada_cli import regions
from pilkada_cli.cli import app
from pilkada_cli.config import DEFAULTS, load_config

from .conftest import SAMPLES

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def init(*args: str):
    return runner.invoke(app, ["init", *args])


def test_the_shipped_list_is_the_benchmarks_list_with_time_zones():
    spec = importlib.util.spec_from_file_location("regions_script", ROOT / "scripts" / "regions.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = script
    spec.loader.exec_module(script)
    for name, text in script.tables().items():
        assert (ROOT / "pilkada_cli" / "data" / name).read_text(encoding="utf-8") == text, \
            "run python scripts/regions.py"
    provinces = regions.provinces()
    assert len(provinces) == 38
    assert sum(len(regions.regencies(code)) for code in provinces) == 514
    zones = {code: (p.timezone, p.timezone_label) for code, p in provinces.items()}
    assert zones["31"] == ("Asia/Jakarta", "WIB") and zones["61"] == ("Asia/Pontianak", "WIB")
    assert zones["64"] == ("Asia/Makassar", "WITA") and zones["96"] == ("Asia/Jayapura", "WIT")


@pytest.mark.parametrize("typed", ["32", "Jawa Barat", "jawa  barat", "Provinsi Jawa Barat"])
def test_a_province_by_code_or_name(typed):
    found = regions.find_province(typed)
    assert found is not None and found.code == "32"


def test_init_writes_a_config_that_loads_with_the_provinces_regencies(tmp_path):
    desk = tmp_path / "desk jabar"
    result = init("--folder", str(desk), "--province", "Jawa Barat")
    assert result.exit_code == 0, result.output
    config = load_config(desk / "pilkada.yaml")
    wanted = regions.regencies("32")
    assert len(wanted) == 27
    assert [(r.code, r.name) for r in config.regencies] == [(u.code, u.name) for u in wanted]
    assert (config.province_code, config.province_name) == ("32", "Jawa Barat")
    assert (str(config.timezone), config.timezone_label) == ("Asia/Jakarta", "WIB")
    assert config.limits == load_config(None).limits
    # Samarinda is Kalimantan Timur's: another province names its own place.
    assert config.signature.place is None and config.targets == load_config(None).targets
    assert config.paths["inbox"] == desk / "inbox"
    assert all((desk / name).is_dir() for name in ("inbox", "out", "archive"))
    text = (desk / "pilkada.yaml").read_text(encoding="utf-8")
    assert text.startswith("# pilkada.yaml: konfigurasi Desk Pilkada Provinsi Jawa Barat")
    assert "# Daftar ini dari BPS" in text  # names to check against Kemendagri's
    assert result.stdout.splitlines()[0] == (
        f"Konfigurasi ditulis: {desk / 'pilkada.yaml'} (Provinsi Jawa Barat, 27 "
        "kabupaten/kota, WIB, Asia/Jakarta)")
    assert f"  cd {shlex.quote(str(desk))} " in result.stdout


def test_without_a_province_the_config_is_the_built_in_one_written_out(tmp_path):
    result = init("--folder", str(tmp_path), "--lang", "en")
    assert result.exit_code == 0, result.output
    written, built_in = load_config(tmp_path / "pilkada.yaml"), load_config(None)
    for key in ("province_code", "province_name", "timezone", "timezone_label",
                "election_day", "deadline", "regencies", "provinces", "schema_path",
                "templates_dir", "template_password", "limits", "targets", "signature"):
        assert getattr(written, key) == getattr(built_in, key), key
    assert {k: p.name for k, p in written.paths.items()} == DEFAULTS["paths"]
    text = (tmp_path / "pilkada.yaml").read_text(encoding="utf-8")
    assert "# Every regency/city that must report" in text and "BPS" not in text


def test_an_existing_config_is_kept_unless_forced(tmp_path):
    assert init("--folder", str(tmp_path)).exit_code == 0
    path = tmp_path / "pilkada.yaml"
    path.write_text("deadline: '17:00'\n", encoding="utf-8")
    result = init("--folder", str(tmp_path), "--province", "Bali")
    assert result.exit_code == 2
    assert "pilkada.yaml sudah ada; tambahkan --force untuk menimpanya" in result.stderr
    assert path.read_text(encoding="utf-8") == "deadline: '17:00'\n"
    assert init("--folder", str(tmp_path), "--province", "Bali", "--force").exit_code == 0
    assert load_config(path).province_name == "Bali"


def test_an_unknown_province_lists_the_provinces(tmp_path):
    result = init("--folder", str(tmp_path), "--province", "Atlantis")
    assert result.exit_code == 2 and not (tmp_path / "pilkada.yaml").exists()
    message = " ".join(result.stderr.split())
    assert "--province: 'Atlantis' tidak dikenal" in message and "32 Jawa Barat" in message


def pilkada(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command as a user runs it, from the desk's folder."""
    return subprocess.run([sys.executable, "-m", "pilkada_cli", *args], cwd=folder,
                          capture_output=True, text=True, timeout=120)


def test_the_printed_next_steps_run_in_the_new_desk(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = init()
    assert result.exit_code == 0, result.output
    steps = result.stdout.split("Langkah berikutnya:\n", 1)[1].splitlines()
    commands = [shlex.split(line.split("#", 1)[0])[1:] for line in steps]
    assert [c[:2] for c in commands] == [["template", "--all"], ["check", "inbox/"],
                                         ["compile"]]
    made = pilkada(tmp_path, *commands[0])
    assert made.returncode == 0, made.stderr
    today = load_config(tmp_path / "pilkada.yaml").today()
    assert len(list((tmp_path / "templat").glob(f"laporan-*-{today.isoformat()}.xlsx"))) == 10
    for source in (SAMPLES / "2024-11-18").glob("*.xlsx"):  # the day's reports come in
        shutil.copyfile(source, tmp_path / "inbox" / source.name)
    checked = pilkada(tmp_path, *commands[1])
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "9 berkas diperiksa: 9 sah, 0 tidak sah." in checked.stdout
    compiled = pilkada(tmp_path, *commands[2], "--date", "2024-11-18", "--format", "md,json")
    assert compiled.returncode == 0, compiled.stderr
    day = dt.date(2024, 11, 18).isoformat()
    assert (tmp_path / "out" / day / f"briefing-{day}.md").is_file()
    assert (tmp_path / "pilkada.sqlite").is_file()


def test_the_readme_first_run_guide_shows_the_commands_init_prints(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## First run", 1)[1].split("```sh\n", 1)[1].split("\n```", 1)[0]
    guide = [shlex.split(line.split("#", 1)[0]) for line in block.splitlines()]
    result = init("--folder", str(tmp_path / "desk-pilkada"), "--province", "Jawa Barat")
    steps = result.stdout.split("Langkah berikutnya:\n", 1)[1].splitlines()
    printed = [shlex.split(line.split("#", 1)[0]) for line in steps]
    assert guide[0][:2] == ["pilkada", "init"]
    assert [g[1:] for g in guide[2:]] == [p[1:] for p in printed[1:]]
    assert guide[1] == ["cd", "desk-pilkada"] and printed[0][0] == "cd"
