"""YAML files parsed once per content: the same data back, and nothing kept that is wrong."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pilkada_cli import yamlcache
from pilkada_cli.yamlcache import InvalidYaml, read_yaml

TEXT = """\
province: {code: "64", name: Kalimantan Timur}
election_day: 2024-11-27
seen: 2024-11-18 16:30:00+08:00
provinces: {64: Kalimantan Timur, "65": Kalimantan Utara}
regencies:
  - {code: "64.01", name: Kabupaten Paser, aliases: [Paser]}
limits: {max_rows: 500, ratio: 0.5, on: yes, none: null}
"""


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


def test_the_same_file_gives_the_same_data_without_parsing_again(tmp_path, cache, monkeypatch):
    path = tmp_path / "pilkada.yaml"
    path.write_text(TEXT, encoding="utf-8")
    first = read_yaml(path)
    assert first["election_day"] == dt.date(2024, 11, 27)
    assert first["seen"] == dt.datetime(2024, 11, 18, 16, 30,
                                        tzinfo=dt.timezone(dt.timedelta(hours=8)))
    assert set(first["provinces"]) == {64, "65"}
    assert len(list(cache.rglob("*.marshal"))) == 1

    def no_parsing(text: str) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(yamlcache, "_parse", no_parsing)
    assert read_yaml(path) == first
    path.write_text(TEXT.replace("Paser]", "Paser, Tanah Grogot]"), encoding="utf-8")
    with pytest.raises(AssertionError, match="parsed again"):
        read_yaml(path)


def test_invalid_yaml_is_refused_every_time_and_never_kept(tmp_path, cache):
    path = tmp_path / "rusak.yaml"
    path.write_text("regencies: [unclosed\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(InvalidYaml):
            read_yaml(path)
    assert not list(cache.rglob("*.marshal"))


def test_a_cache_that_cannot_be_written_or_read_is_not_used(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    path = tmp_path / "pilkada.yaml"
    path.write_text(TEXT, encoding="utf-8")
    assert read_yaml(path) == read_yaml(path)


def test_a_damaged_cache_entry_is_parsed_again(tmp_path, cache):
    path = tmp_path / "pilkada.yaml"
    path.write_text(TEXT, encoding="utf-8")
    data = read_yaml(path)
    (entry,) = cache.rglob("*.marshal")
    entry.write_bytes(b"\x00broken")
    assert read_yaml(path) == data


def test_a_second_check_does_not_import_pyyaml(tmp_path, cache):
    script = ("import sys\nfrom pilkada_cli.config import load_config\n"
              "from pilkada_cli.checking.schema import load_schema\n"
              "load_config(None)\nload_schema()\n"
              "print('yaml' in sys.modules)")
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           env=env, timeout=60).stdout.strip() for _ in range(2)]
    assert runs == ["True", "False"]
