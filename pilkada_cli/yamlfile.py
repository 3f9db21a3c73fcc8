"""The YAML files people edit (the config, the schema), read as plain data: safe loading
only (no tags that build objects), with PyYAML's C parser where it is installed."""

from __future__ import annotations

from pathlib import Path
from typing import Any


class InvalidYaml(ValueError):
    """The text is not valid YAML (the message is PyYAML's)."""


def read_yaml(path: Path) -> Any:
    """The data in a YAML file. Raises OSError, UnicodeDecodeError or InvalidYaml."""
    import yaml

    text = path.read_bytes().decode("utf-8")
    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise InvalidYaml(str(exc)) from exc
