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
                        found.append((where, texts.issue_area(arg), arg, None))
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


def _stop_errors() -> set[str]:
    """The names of PilkadaError and its subclasses, read from errors.py."""
    tree = ast.parse((PACKAGE / "errors.py").read_text(encoding="utf-8"))
    names = {"PilkadaError"}
    for _ in range(3):  # a subclass of a subclass (StoreMissing of StoreError)
        names |= {node.name for node in ast.walk(tree) if isinstance(node, ast.ClassDef)
                  and any(getattr(base, "id", None) in names for base in node.bases)}
    return names


def _written(node: ast.AST) -> bool:
    """A str literal or f-string, also inside `+`, `%`, a conditional or a parenthesis."""
    if isinstance(node, ast.JoinedStr) or _literal(node) is not None:
        return True
    if isinstance(node, ast.BinOp):
        return _written(node.left) or _written(node.right)
    if isinstance(node, ast.IfExp):
        return _written(node.body) or _written(node.orelse)
    return isinstance(node, ast.Call) and getattr(node.func, "attr", None) in ("format", "join") \
        and _written(node.func.value)  # type: ignore[attr-defined]


def test_every_stop_error_is_said_from_the_catalogue() -> None:
    """`raise ConfigError(f"...")` writes English the desk cannot read: the message is a
    catalogue text (`texts.phrase(area, key, ...)`) said in the run's language."""
    errors = _stop_errors()
    assert {"ConfigError", "SchemaError", "StoreMissing", "Locked", "MailError"} <= errors
    written = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                func = node.exc.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                given = [*node.exc.args, *(k.value for k in node.exc.keywords)]
                if name in errors and any(_written(arg) for arg in given):
                    written.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert written == []


def test_the_scan_finds_a_written_message() -> None:
    """The scan above sees each way a message can be written in place."""
    for source in ('ConfigError(f"{path}: file not found")', 'UsageError("no workbook")',
                   'StoreError("in " + ", ".join(paths))', 'Locked(a if b else "busy")',
                   'SchemaError("{x}: bad".format(x=1))'):
        call = ast.parse(source, mode="eval").body
        assert isinstance(call, ast.Call) and _written(call.args[0]), source
    assert not _written(ast.parse('phrase("config", "not_found", path=p)', mode="eval").body)


def test_a_stop_error_is_indonesian_first_and_english_with_lang_en() -> None:
    from pilkada_cli.errors import ConfigError

    error = ConfigError(texts.phrase("config", "not_found", path="pilkada.yaml"))
    assert str(error) == "pilkada.yaml: berkas tidak ditemukan"
    assert error.message("en") == "pilkada.yaml: file not found"


def test_a_phrase_inside_a_phrase_is_said_in_the_same_language() -> None:
    inner = texts.phrase("schema", "hint", close="integer")
    outer = texts.phrase("schema", "unknown_type", at="x", value="integr", hint=inner)
    assert outer.get("id") == "x.type: jenis 'integr' tidak dikenal (maksudnya 'integer'?)"
    assert outer.get("en") == "x.type: unknown type 'integr' (did you mean 'integer'?)"


def test_every_warning_is_an_issue_of_the_catalogue() -> None:
    from pilkada_cli.texts.issues import TEXTS, WARNINGS

    assert WARNINGS and set(TEXTS) >= WARNINGS
