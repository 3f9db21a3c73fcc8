"""The packages follow the data flow: a stage imports only the stages below it, and no
two modules import each other, even through an import inside a function."""

from __future__ import annotations

import ast
from pathlib import Path

import pilkada_cli

PACKAGE = Path(pilkada_cli.__file__).parent

# Lowest first: each name may import those at its own rank or below.
RANKS = {
    "errors": 0, "formats": 0, "texts": 0, "files": 0, "resources": 0, "jsonio": 0,
    "yamlfile": 0, "config": 0, "names": 0, "regions": 0, "starter": 0, "visible": 0,
    "reader": 1, "checking": 2, "store": 3, "day": 4,
    "render": 5, "senders": 5, "jobs": 6, "analysis": 6, "commands": 7, "cli": 8,
}
# `pilkada_cli/__init__.py` names the library's exports lazily, and `__main__` runs the CLI.
UNRANKED = {"", "__main__"}


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """The project's modules that `path` imports, wherever in the file."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] != "pilkada_cli":
                continue
            base = node.module.removeprefix("pilkada_cli").lstrip(".")
            for alias in node.names:
                sub = f"{base}.{alias.name}".lstrip(".")
                names.add(sub if sub in modules else base)
        elif isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{path}: relative import; write it absolute")
    return names


def _rank(module: str) -> int:
    return RANKS[module.split(".")[0]]


def test_every_module_has_a_rank():
    unranked = [m for m in _modules() if m not in UNRANKED and m.split(".")[0] not in RANKS]
    assert unranked == []


def test_a_stage_imports_only_stages_below_it():
    modules = _modules()
    wrong = []
    for module, path in modules.items():
        if module in UNRANKED:
            continue
        for target in _imports(path, modules):
            if target not in UNRANKED and _rank(target) > _rank(module):
                wrong.append(f"{module} -> {target}")
    assert wrong == []


def test_no_import_circles():
    modules = _modules()
    graph = {m: _imports(p, modules) - UNRANKED - {m} for m, p in modules.items()}
    circles = []

    def visit(node: str, trail: list[str]) -> None:
        for target in graph.get(node, ()):
            if target in trail:
                circles.append(" -> ".join(trail[trail.index(target):] + [target]))
            elif target not in done:
                visit(target, trail + [target])
        done.add(node)

    done: set[str] = set()
    for module in graph:
        if module not in done:
            visit(module, [module])
    assert circles == []
