"""The Word briefing, from the staff-editable docxtpl template `briefing.docx`.

The template is rendered in jinja2's sandbox with autoescaping, so workbook text
(`&`, `<`, `{{ ... }}`) is written into the document as text, never as markup or
template code. The tables' columns come from the schema, so after rendering each
table's column widths are fitted to its content and figures are right-aligned.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate

from pilkada_cli.errors import ConfigError
from pilkada_cli.files import fixed_zip
from pilkada_cli.render.view import BriefingView
from pilkada_cli.resources import resource_path
from pilkada_cli.texts import phrase

TEMPLATE = "briefing.docx"
PICTURES = ("chart", "trend_chart")
_MARKER = "[[pilkada:{}]]"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
# A figure as the briefing writes it: 1.234, 85,4%, +2,2 poin, −1, –, 79,1% (+0,3 poin).
_FIGURE = re.compile(r"^[−+\-–]?[\d.,]+%?( ?\(?[−+\-–]?[\d.,]+%?( \w+)?\)?)?$|^–$")
_TEXT_WIDTH_TWIPS = 17 * 567  # A4 less 2 cm margins each side
_CHAR = 100  # twips per character of 8 pt Arial, bold headers included
_CELL_PAD = 180


def render_docx(view: BriefingView, charts: Mapping[str, bytes],
                templates: Path | None = None) -> bytes:
    """The briefing as .docx bytes. `charts` are the PNGs by their name in the template
    (`chart`, `trend_chart`); one left out is not shown."""
    from jinja2 import TemplateError
    from jinja2.sandbox import SandboxedEnvironment

    path = resource_path(TEMPLATE, templates)
    drawn = {"chart": view.chart is not None, "trend_chart": view.trend_chart is not None}
    try:
        tpl = DocxTemplate(str(path))
        # Each picture's place is held by a marker in its own run until the picture exists.
        places = {name: _MARKER.format(name) if drawn[name] else None for name in PICTURES}
        tpl.render({"v": _clean(view), "t": view.t, **places},
                   jinja_env=SandboxedEnvironment(), autoescape=True)
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        said = phrase("errors", "docx_template_line", path=path, why=exc, line=line) if line \
            else phrase("errors", "docx_template", path=path, why=exc)
        raise ConfigError(said) from exc
    except (OSError, KeyError, ValueError) as exc:
        raise ConfigError(phrase("errors", "docx_unusable", path=path, why=exc)) from exc
    neutral = frozenset(view.t[f"status_{s}"] for s in ("reported", "late", "invalid",
                                                           "missing"))
    _fit_tables(tpl.docx.element.body, neutral)
    _place_pictures(tpl.docx, charts)
    raw = io.BytesIO()
    tpl.save(raw)
    return fixed_zip(raw.getvalue())


def _place_pictures(document: Any, charts: Mapping[str, bytes]) -> None:
    """Put each chart where its marker stands; a marker whose chart is missing goes."""
    from docx.shared import Cm
    from docx.text.run import Run

    # One XPath pass, in C, for every marker: the briefing has tens of thousands of runs.
    prefix = _MARKER.split("{")[0]
    for text in document.element.body.xpath(f'.//w:t[contains(., "{prefix}")]'):
        run = Run(text.getparent(), document.part)
        for name in PICTURES:
            marker = _MARKER.format(name)
            if marker in run.text:
                run.text = run.text.replace(marker, "")
                if charts.get(name):
                    run.add_picture(io.BytesIO(charts[name]), width=Cm(16))


def _clean(value: Any) -> Any:
    """The view with characters XML cannot hold taken out of every string."""
    if isinstance(value, str):
        return _CONTROL.sub(" ", value)
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if hasattr(value, "__dataclass_fields__"):
        return type(value)(**{k: _clean(getattr(value, k)) for k in value.__dataclass_fields__})
    return value


def _fit_tables(body: Any, neutral: frozenset[str] = frozenset()) -> None:
    """Fit each table's columns to its content, as Word's autofit would but the same in
    every viewer, and align figures right. `neutral` texts (such as "not reported") may
    stand in a column of figures without making it a text column."""
    from lxml import etree

    # Compiled XPath runs in C; python-docx's element classes would read text in Python.
    text_of = etree.XPath("string()")
    for tbl in body.iter(_W + "tbl"):
        grid = tbl.find(_W + "tblGrid")
        cells = [r.findall(_W + "tc") for r in tbl.iterfind(_W + "tr")]
        if grid is None or not cells:
            continue
        n = max(len(row) for row in cells)
        texts = [[text_of(tc) for tc in row] for row in cells]
        columns = [[row[c] for row in texts if c < len(row)] for c in range(n)]
        widths = _widths(columns)
        for col in list(grid):
            grid.remove(col)
        for width in widths:
            grid.append(grid.makeelement(_W + "gridCol", {_W + "w": str(width)}))
        tblpr = _properties(tbl, "tblPr")
        _put(tblpr, "tblW", _attrs(w="5000", type="pct"), _AFTER_TBLW)
        _put(tblpr, "tblLayout", _attrs(type="fixed"), _AFTER_TBLLAYOUT)
        numeric = [_figures(column[1:], neutral) for column in columns]
        cell_widths = [_attrs(w=str(width), type="dxa") for width in widths]
        for row in cells:
            for c, tc in enumerate(row):
                _put(_properties(tc, "tcPr"), "tcW", cell_widths[c], _AFTER_TCW)
                if numeric[c]:
                    for p in tc.iterfind(_W + "p"):
                        _put(_properties(p, "pPr"), "jc", _RIGHT, _AFTER_JC)


def _figures(texts: list[str], neutral: frozenset[str]) -> bool:
    """A column of figures: every cell a number, a percentage, a change or a dash."""
    shown = [t for t in texts if t and t not in neutral]
    return bool(shown) and all(_FIGURE.match(t) for t in shown)


def _widths(columns: list[list[str]]) -> list[int]:
    """Column widths (twips) that fill the text width: every column gets room for its
    longest word, and what is left goes to the columns whose text would wrap most."""
    least = [_CELL_PAD + _CHAR * max((len(w) for t in col for w in t.split()), default=1)
             for col in columns]
    wanted = [_CELL_PAD + _CHAR * max((len(t) for t in col), default=1) for col in columns]
    spare = _TEXT_WIDTH_TWIPS - sum(least)
    if spare <= 0:
        return [int(_TEXT_WIDTH_TWIPS * w / sum(least)) for w in least]
    extra = [max(w - m, 0) for w, m in zip(wanted, least, strict=True)]
    if sum(extra) <= spare:
        # Everything fits on one line: share the rest in proportion to the wanted widths.
        return [int(w * _TEXT_WIDTH_TWIPS / sum(wanted)) for w in wanted]
    return [int(m + spare * e / sum(extra)) for m, e in zip(least, extra, strict=True)]


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Children of these properties must appear in the schema's order, or Word calls the file
# damaged; each set holds the tags that may follow the one being placed.
_AFTER_TBLW = frozenset(_W + t for t in (
    "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar",
    "tblLook", "tblCaption", "tblDescription", "tblPrChange"))
_AFTER_TBLLAYOUT = frozenset(_W + t for t in (
    "tblCellMar", "tblLook", "tblCaption", "tblDescription", "tblPrChange"))
_AFTER_TCW = frozenset(_W + t for t in (
    "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar", "textDirection",
    "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel", "cellMerge",
    "tcPrChange"))
_AFTER_JC = frozenset(_W + t for t in (
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
    "rPr", "sectPr", "pPrChange"))


def _attrs(**values: str) -> dict[str, str]:
    """Attributes in Word's namespace, made once per table (a table has thousands of cells)."""
    return {_W + name: value for name, value in values.items()}


_RIGHT = _attrs(val="right")


def _put(parent: Any, tag: str, attrs: dict[str, str], after: frozenset[str]) -> None:
    """Set parent's `tag` child to `attrs` (from _attrs); a new one goes before the first
    sibling that must follow it."""
    tag = _W + tag
    for found in parent:  # a few children: faster than find(), which parses its path
        if found.tag == tag:
            found.attrib.clear()
            found.attrib.update(attrs)
            return
    child = parent.makeelement(tag, attrs)
    for index, sibling in enumerate(parent):
        if sibling.tag in after:
            parent.insert(index, child)
            return
    parent.append(child)


def _properties(parent: Any, tag: str) -> Any:
    """parent's properties element (tblPr, tcPr, pPr: always its first child), made if missing."""
    first = parent[0] if len(parent) else None
    if first is not None and first.tag == _W + tag:
        return first
    found = parent.makeelement(_W + tag, {})
    parent.insert(0, found)
    return found
