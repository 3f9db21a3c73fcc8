"""The Word renderer's own parts, checked against docxtpl and python-docx directly."""

from __future__ import annotations

import pytest
from docx import Document
from docxtpl import DocxTemplate

from pilkada_cli.render.docx import _Template


@pytest.mark.parametrize("text", ["Tanpa kendala & <aman>", "Baris satu\nbaris dua\tkolom"])
def test_the_listing_shortcut_renders_what_docxtpl_renders(tmp_path, text):
    path = tmp_path / "t.docx"
    document = Document()
    document.add_paragraph("{{ a }}")
    document.add_table(rows=1, cols=1).cell(0, 0).text = "{{ a }} – {{ b }}"
    document.save(str(path))
    rendered = []
    for kind in (_Template, DocxTemplate):
        tpl = kind(str(path))
        tpl.render({"a": text, "b": "tetap"}, autoescape=True)
        rendered.append(tpl.docx.element.body.xml)
    assert rendered[0] == rendered[1]
    assert ("<w:br/>" in rendered[0]) == ("\n" in text)


def test_the_briefing_is_laid_out_as_when_docxtpl_sizes_the_tables_first():
    from pilkada_cli.checking.schema import load_schema
    from pilkada_cli.checking.validate import check_files
    from pilkada_cli.config import load_config
    from pilkada_cli.day.inbox import find_workbooks, sort_inbox
    from pilkada_cli.day.merge import build_picture
    from pilkada_cli.render import docx
    from pilkada_cli.render.view import build_view

    from .conftest import LAST_DAY, SAMPLES

    config, schema = load_config(None), load_schema(None)
    reports = list(check_files(find_workbooks(SAMPLES), schema, config, LAST_DAY))
    files = sort_inbox(reports, LAST_DAY, config)
    view = build_view(build_picture(files, schema, config), config, "id", SAMPLES)
    bodies = []
    for kind in (docx._Template, DocxTemplate):
        tpl = kind(str(docx.resource_path(docx.TEMPLATE, None)))
        tpl.render({"v": docx._clean(view), "t": view.t, "chart": None, "trend_chart": None},
                   autoescape=True)
        docx._fit_tables(tpl.docx.element.body)
        bodies.append(tpl.docx.element.body.xml)
    assert bodies[0] == bodies[1]
    assert bodies[0].count("<w:tbl>") > 3
