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
