"""The schema's rule expressions, such as `didistribusikan <= diterima`.

A rule is parsed with Python's own parser and then walked by a tiny evaluator that
knows only numbers, field names, + - * / and one comparison, so a schema can never
run code.
"""

from __future__ import annotations

import ast
import operator
from dataclasses import dataclass
from typing import Any

from pilkada_cli.texts import phrase

_COMPARE = {
    ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt,
    ast.GtE: operator.ge, ast.Eq: operator.eq, ast.NotEq: operator.ne,
}
_ARITH = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
          ast.Div: operator.truediv}


class ExprError(ValueError):
    """The text is not a rule this evaluator understands."""


@dataclass(frozen=True)
class Expr:
    text: str
    tree: ast.Compare
    keys: dict[int, str]  # id() of each name node -> the field key it stands for

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.keys.values()))

    def evaluate(self, values: dict[str, Any]) -> bool | None:
        """True or False, or None when a value it needs is missing (the rule is skipped)."""
        if any(values.get(name) is None for name in self.names):
            return None
        try:
            left = _value(self.tree.left, values, self.keys)
            right = _value(self.tree.comparators[0], values, self.keys)
        except ZeroDivisionError:
            return None
        return bool(_COMPARE[type(self.tree.ops[0])](left, right))


def parse(text: str, prefix: str = "") -> Expr:
    """Parse `a <= b`; bare names get `prefix` so table rules can say `diterima`."""
    try:
        tree = ast.parse(str(text), mode="eval").body
    except SyntaxError as exc:
        raise ExprError(phrase("schema", "expr_parse", text=text)) from exc
    if not isinstance(tree, ast.Compare) or len(tree.ops) != 1:
        raise ExprError(phrase("schema", "expr_one", text=text))
    if type(tree.ops[0]) not in _COMPARE:
        raise ExprError(phrase("schema", "expr_comparison", text=text))
    keys: dict[int, str] = {}
    for node in (tree.left, tree.comparators[0]):
        _collect(node, keys, prefix, text)
    return Expr(str(text), tree, keys)


def _collect(node: ast.AST, keys: dict[int, str], prefix: str, text: str) -> None:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return
    if isinstance(node, ast.Name | ast.Attribute):
        name = _dotted(node, text)
        if prefix and "." not in name:
            name = prefix + name
        keys[id(node)] = name  # qualified once here, so evaluation needs no prefix
        return
    if isinstance(node, ast.BinOp) and type(node.op) in _ARITH:
        _collect(node.left, keys, prefix, text)
        _collect(node.right, keys, prefix, text)
        return
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        _collect(node.operand, keys, prefix, text)
        return
    raise ExprError(phrase("schema", "expr_allowed", text=text))


def _dotted(node: ast.AST, text: str) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return _dotted(node.value, text) + "." + node.attr
    raise ExprError(phrase("schema", "expr_allowed", text=text))


def _value(node: ast.AST, values: dict[str, Any], keys: dict[int, str]) -> float:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return node.value
    if isinstance(node, ast.Name | ast.Attribute):
        return values[keys[id(node)]]
    if isinstance(node, ast.BinOp):
        return _ARITH[type(node.op)](_value(node.left, values, keys),
                                     _value(node.right, values, keys))
    if isinstance(node, ast.UnaryOp):
        return -_value(node.operand, values, keys)
    raise AssertionError(f"unchecked node {node!r}")
