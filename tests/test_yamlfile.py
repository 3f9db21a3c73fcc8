"""The YAML files people edit: plain data back, a clear error for broken YAML, no objects."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pilkada_cli.yamlfile import InvalidYaml, read_yaml

TEXT = """\
province: {code: "64", name: Kalimantan Timur}
election_day: 2024-11-27
provinces: {64: Kalimantan Timur, "65": Kalimantan Utara}
limits: {max_rows: 500, ratio: 0.5, active: yes, none: null}
"""


def test_a_file_reads_as_plain_data(tmp_path: Path) -> None:
    path = tmp_path / "pilkada.yaml"
    path.write_text(TEXT, encoding="utf-8")
    data = read_yaml(path)
    assert data["election_day"] == dt.date(2024, 11, 27)
    assert data["provinces"] == {64: "Kalimantan Timur", "65": "Kalimantan Utara"}
    assert data["limits"] == {"max_rows": 500, "ratio": 0.5, "active": True, "none": None}


@pytest.mark.parametrize("text", ["a: [1, 2", "!!python/object/apply:os.system ['true']"])
def test_broken_or_object_building_yaml_is_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "pilkada.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidYaml):
        read_yaml(path)
