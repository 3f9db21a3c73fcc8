"""The config: Kalimantan Timur built in, a pilkada.yaml overrides it, mistakes are named."""

from __future__ import annotations

import datetime as dt

import pytest

from pilkada_cli.config import load_config
from pilkada_cli.errors import ConfigError

from .conftest import raises_in_english


def test_builtin_defaults_are_kalimantan_timur(config):
    assert (config.province_code, config.province_name) == ("64", "Kalimantan Timur")
    assert [r.code for r in config.regencies] == [
        "64.01", "64.02", "64.03", "64.04", "64.05", "64.09", "64.11", "64.71", "64.72", "64.74"]
    assert str(config.timezone) == "Asia/Makassar"
    assert config.election_day == dt.date(2024, 11, 27)
    assert config.deadline == dt.time(18, 0)
    assert "Kukar" in config.regency("64.03").aliases


def test_a_config_file_overrides_and_paths_are_relative_to_it(tmp_path):
    path = tmp_path / "pilkada.yaml"
    path.write_text(
        "province: {code: '32', name: Jawa Barat}\n"
        "timezone: Asia/Jakarta\n"
        "deadline: 17:30\n"
        "regencies:\n  - {code: '32.04', name: Kabupaten Bandung, aliases: [Kab Bdg]}\n"
        "paths: {inbox: masuk}\n", encoding="utf-8")
    config = load_config(path)
    assert config.province_name == "Jawa Barat"
    assert config.deadline == dt.time(17, 30)
    assert config.paths["inbox"] == tmp_path / "masuk"
    assert config.paths["out"] == tmp_path / "out"
    assert [r.name for r in config.regencies] == ["Kabupaten Bandung"]


@pytest.mark.parametrize(("text", "message"), [
    ("timezone: Mars/Olympus\n", "timezone: unknown time zone 'Mars/Olympus'"),
    ("deadline: '25:00'\n", "deadline: expected a time"),
    ("election_day: besok\n", "election_day: expected a date"),
    ("regencies: []\n", "regencies: expected a non-empty list"),
    ("regencies:\n  - {code: '1'}\n", "regencies[0]: expected {code"),
    ("regencies:\n  - {code: '1', name: A}\n  - {code: '1', name: B}\n", "regencies[1].code"),
    ("provinsi: x\n", "provinsi: unknown setting"),
    ("- just a list\n", "expected a mapping"),
    ("a: [\n", "not valid YAML"),
    ("targets: 79\n", "targets: expected {field: percent}"),
    ("targets: {partisipasi.proyeksi: 120}\n",
     "targets.partisipasi.proyeksi: expected a percentage from 0 to 100, got 120"),
    ("targets: {partisipasi.proyeksi: tinggi}\n", "expected a percentage from 0 to 100"),
    ("signature: {nama: Budi}\n", "signature.nama: unknown setting"),
    ("signature: {name: [Budi]}\n", "signature.name: expected text \\(or null\\)"),
    ("signature: Budi\n", "signature: expected a mapping"),
])
def test_config_mistakes_are_named(tmp_path, text, message):
    path = tmp_path / "pilkada.yaml"
    path.write_text(text, encoding="utf-8")
    with raises_in_english(ConfigError, match=message.replace("[", r"\[").replace("{", r"\{")):
        load_config(path)


def test_targets_and_signature_default_to_the_province_and_are_read_as_text(tmp_path, config):
    assert config.targets == {"partisipasi.proyeksi": 79.0}
    assert (config.signature.place, config.signature.name) == ("Samarinda", None)
    path = tmp_path / "pilkada.yaml"
    path.write_text("targets: {partisipasi.proyeksi: 80.5}\n"
                    "signature: {name: 'Dr. Budi Santoso', nip: 196501011990031001}\n",
                    encoding="utf-8")
    loaded = load_config(path)
    assert loaded.targets == {"partisipasi.proyeksi": 80.5}
    # A key left out keeps its default; a NIP YAML reads as a number is text.
    assert loaded.signature.place == "Samarinda" and loaded.signature.title is None
    assert (loaded.signature.name, loaded.signature.nip) == ("Dr. Budi Santoso",
                                                             "196501011990031001")


def test_a_target_for_a_field_the_schema_lacks_is_named(tmp_path):
    from typer.testing import CliRunner

    from pilkada_cli.cli import app

    path = tmp_path / "pilkada.yaml"
    path.write_text("targets: {partisipasi.proyeksii: 79}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(tmp_path), "--config", str(path),
                                      "--lang", "en"])
    assert result.exit_code == 2
    assert (f"{path}: targets.partisipasi.proyeksii: not a percentage field of the schema; "
            "known: pemilih.ektp_persen, logistik.persen_tps, partisipasi.proyeksi") in \
        " ".join(result.stderr.split())
