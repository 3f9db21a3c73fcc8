"""The recap JSON's schema (docs/rekap.schema.json): every recap the tests make is checked
against it (conftest wraps render.recap.recap_json), and tests can check files with it."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import jsonschema

SCHEMA = Path(__file__).resolve().parent.parent / "docs" / "rekap.schema.json"


@functools.cache
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def validate_recap(document: Any) -> None:
    """Raise jsonschema.ValidationError when the recap does not follow the schema."""
    validator().validate(document)


def validating(make: Any) -> Any:
    """recap_json, checking each document it makes against the schema."""

    @functools.wraps(make)
    def wrapper(*args: Any, **kwargs: Any) -> bytes:
        data: bytes = make(*args, **kwargs)
        validate_recap(json.loads(data))
        return data

    return wrapper
