"""The catalogue of texts is whole: every text has the same placeholders in both languages,
every issue code and catalogue key the code names exists, and no words for people are
written outside the catalogue."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

import pilkada_cli
from pilkada_cli import texts

PACKAGE = Path(pilkada_cli.__file__).parent
AREAS = sorted(p.stem for p in (PACKAGE / "texts").glob("*.py") if p.stem != "__init__")
SOURCES = sorted(p for p in PACKAGE.rglob("*.py") if "texts" not in p.relative_to(PACKAGE).parts)


def _placeholders(template: str) -> set[str]:
    return {name.split(".")[0].split("[")[0]
            for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("area", AREAS)
def test_both_languages_fill_the_same_placeholders(area: str) -> None:
    differ = {key: (_placeholders(i), _placeholders(e))
              for key, (i, e) in texts.catalogue(area).items()
              if _placeholders(i) != _placeholders(e)}
    assert differ == {}


def _calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            yield name, node


def _literal(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _named_texts() -> list[tuple[str, str, str, set[str] | None]]:
    """(where, area, key, keyword names or None) of every catalogue text the code names."""
    found = []
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name, call in _calls(tree):
            args = [_literal(a) for a in call.args]
            keywords = {k.arg for k in call.keywords if k.arg}
            if any(k.arg is None for k in call.keywords):
                keywords = None  # **params: not checked here
            where = f"{path.relative_to(PACKAGE)}:{call.lineno}"
            if name in ("phrase", "text") and len(args) >= 2 and args[0] and args[1]:
                found.append((where, args[0], args[1], keywords))
            elif name == "refuse" and len(args) >= 2 and args[0] and args[1]:
                found.append((where, "issues", args[0], None))
                found.append((where, "reader", args[1], keywords))
            elif name in ("Issue", "UnreadableWorkbook", "issue", "Parsed"):
                for arg in args:
                    if arg and re.fullmatch(r"[a-z]+(-[a-z]+)+|[a-z]+", arg) and \
                            arg not in ("error", "warning"):
                        found.append((where, "issues", arg, None))
                        break
    return found


def test_every_text_the_code_names_is_in_the_catalogue() -> None:
    named = _named_texts()
    assert len(named) > 50
    missing = [f"{where}: {area}.{key}" for where, area, key, _ in named
               if area not in AREAS or key not in texts.catalogue(area)]
    assert missing == []


def test_a_text_is_given_the_placeholders_it_has() -> None:
    wrong = []
    for where, area, key, keywords in _named_texts():
        if keywords is None or area not in AREAS or key not in texts.catalogue(area):
            continue
        wanted = _placeholders(texts.catalogue(area)[key][0])
        if area != "issues" and keywords != wanted:
            wrong.append(f"{where}: {area}.{key} takes {sorted(wanted)}, given {sorted(keywords)}")
    assert wrong == []


def _words(node: ast.AST) -> str:
    """The text written in a literal or f-string, without what it formats."""
    if isinstance(node, ast.JoinedStr):
        return "".join(_words(v) for v in node.values)
    return _literal(node) or ""


def test_no_pair_of_languages_is_written_outside_the_catalogue() -> None:
    """An Indonesian and an English text side by side (`Labels("…", "…")`) belong in texts/."""
    pairs = []
    for path in SOURCES:
        for name, call in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            if name == "Labels" and len(call.args) == 2 and any(
                    re.search("[A-Za-z]", _words(a)) for a in call.args):
                pairs.append(f"{path.relative_to(PACKAGE)}:{call.lineno}")
    assert pairs == []
