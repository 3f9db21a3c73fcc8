"""Build templates/briefing.docx, the Word template of the evening briefing.

    python templates/make_briefing_docx.py [OUT.docx]

The generated file is committed; staff edit it in Word (letterhead, logo, fonts,
table style, the order of the blocks) and the tool fills it with docxtpl. Each
`{%p ... %}`, `{%tr ... %}` and `{%tc ... %}` tag must stay alone in its paragraph,
table row or cell; `{{ ... }}` may be styled freely. `v` is the briefing (see
pilkada_cli/render/view.py), `t` its words in the chosen language, `chart` the chart of
headline figures and `trend_chart` the campaign trend (each empty when not drawn).
Run this script again only to start over from the plain design.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

FONT = "Arial"
NAVY = RGBColor(0x1F, 0x4E, 0x79)
RED = RGBColor(0xC0, 0x00, 0x00)
HEADER_FILL = "1F4E79"
TOTAL_FILL = "DDEBF7"


def main(argv: list[str]) -> None:
    out = Path(argv[0]) if argv else Path(__file__).with_name("briefing.docx")
    doc = Document()
    _page(doc)
    _styles(doc)
    _letterhead(doc)
    _title(doc)
    _attention(doc)
    _summary(doc)
    _revision(doc)
    _sections(doc)
    _part(doc, "v.changes")
    _trend(doc)
    _lists(doc)
    _closing(doc)
    _annex(doc)
    _footer(doc)
    doc.core_properties.title = "Laporan Harian Desk Pilkada"
    doc.core_properties.author = "Desk Pilkada"
    doc.save(out)
    print(f"written {out}")


# -- page and styles ------------------------------------------------------------------------------
def _page(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin, section.bottom_margin = Cm(1.5), Cm(1.8)
    section.footer_distance = Cm(0.8)


def _font(style, size: float, bold: bool = False, colour: RGBColor | None = None) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    if colour is not None:
        style.font.color.rgb = colour
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        # A theme font would win over the named one.
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _styles(doc) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    _font(normal, 10)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.1
    for name, size in (("Heading 1", 13), ("Heading 2", 11.5)):
        style = styles[name]
        _font(style, size, bold=True, colour=NAVY)
        style.paragraph_format.space_before = Pt(12 if name == "Heading 1" else 9)
        style.paragraph_format.space_after = Pt(4)
        style.paragraph_format.keep_with_next = True
    title = styles["Title"]
    _font(title, 13, bold=True, colour=RGBColor(0, 0, 0))
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(2)
    _no_border(title)
    bullet = styles["List Bullet"]
    _font(bullet, 10)
    bullet.paragraph_format.space_after = Pt(3)
    numbered = styles["List Number"]
    _font(numbered, 10)
    numbered.paragraph_format.space_after = Pt(3)
    cell = styles.add_style("Sel Tabel", 1)
    cell.base_style = normal
    _font(cell, 8)
    cell.paragraph_format.space_after = Pt(0)
    cell.paragraph_format.line_spacing = 1.0
    caption = styles.add_style("Judul Tabel", 1)
    caption.base_style = normal
    _font(caption, 9, bold=True)
    caption.paragraph_format.space_before = Pt(6)
    caption.paragraph_format.space_after = Pt(2)
    caption.paragraph_format.keep_with_next = True
    note = styles.add_style("Catatan", 1)
    note.base_style = normal
    _font(note, 8, colour=RGBColor(0x40, 0x40, 0x40))
    note.font.italic = True
    note.paragraph_format.space_before = Pt(2)
    note.paragraph_format.space_after = Pt(2)


def _no_border(style) -> None:
    ppr = style.element.get_or_add_pPr()
    for old in ppr.findall(qn("w:pBdr")):
        ppr.remove(old)


# -- blocks ---------------------------------------------------------------------------------------
def _tag(doc, text: str) -> None:
    """A paragraph that holds only a docxtpl block tag (it disappears when rendered)."""
    doc.add_paragraph(text)


def _letterhead(doc) -> None:
    lines = (("{{ v.authority|upper }}", 14, True),
             ("SEKRETARIAT DAERAH · DESK PILKADA", 12, True),
             ("Biro Pemerintahan dan Otonomi Daerah · Badan Kesatuan Bangsa dan Politik", 8.5,
              False))
    for text, size, bold in lines:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        run = p.add_run(text)
        run.font.size = Pt(size)
        run.bold = bold
    rule = doc.add_paragraph()
    rule.paragraph_format.space_after = Pt(8)
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "thickThinSmallGap"), ("w:sz", "18"), ("w:space", "1"),
                       ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    rule._p.get_or_add_pPr().append(border)


def _title(doc) -> None:
    doc.add_paragraph("{{ v.title|upper }}", style="Title")
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("{{ v.date }}").bold = True
    p.add_run(" · {{ v.countdown_text }}")


def _attention(doc) -> None:
    """The sign-off stamp and whom the briefing is for, then "Perlu perhatian": a numbered
    line per item, most urgent first, the regency in bold and where to look in red."""
    _tag(doc, "{%p if v.approval %}")
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("{{ v.approval }}").bold = True
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p if v.to %}")
    to = doc.add_paragraph("{{ v.to }}")
    to.paragraph_format.space_before = Pt(6)
    _tag(doc, "{%p endif %}")
    doc.add_heading("{{ v.attention.title }}", level=1)
    _tag(doc, "{%p for item in v.attention.items %}")
    p = doc.add_paragraph(style="List Number")
    p.add_run("{{ item.regency }}").bold = True
    where = p.add_run("{% if item.where %} ({{ item.where }}){% endif %}")
    where.font.color.rgb = RED
    p.add_run(": {{ item.text }}")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p for note in v.attention.notes %}")
    doc.add_paragraph("{{ note }}", style="Catatan")
    _tag(doc, "{%p endfor %}")


def _revision(doc) -> None:
    """"Perubahan sejak revisi N", when a revision follows an approved one."""
    _tag(doc, "{%p if v.revision %}")
    _part(doc, "v.revision")
    _tag(doc, "{%p endif %}")


def _summary(doc) -> None:
    doc.add_heading("{{ t.summary_title }}", level=1)
    _tag(doc, "{%p for item in v.summary %}")
    _tag(doc, "{%p if item.alert %}")
    p = doc.add_paragraph(style="List Bullet")
    label = p.add_run("{{ item.label }}: ")
    label.bold = True
    label.font.color.rgb = RED
    p.add_run("{{ item.text }}")
    _tag(doc, "{%p else %}")
    p = doc.add_paragraph(style="List Bullet")
    p.add_run("{{ item.label }}: ").bold = True
    p.add_run("{{ item.text }}")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p if chart %}")
    p = doc.add_paragraph("{{ v.chart.title }}", style="Judul Tabel")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p = doc.add_paragraph("{{ chart }}")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.keep_with_next = True
    p = doc.add_paragraph("{{ v.chart.note }}", style="Catatan")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _tag(doc, "{%p endif %}")


def _sections(doc) -> None:
    doc.add_heading("{{ t.sections_title }}", level=1)
    _tag(doc, "{%p for section in v.sections %}")
    doc.add_heading("{{ section.title }}", level=2)
    _tables(doc, "section")
    _tag(doc, "{%p endfor %}")


def _part(doc, name: str, level: int = 1) -> None:
    """A heading, the part's tables and its notes."""
    doc.add_heading("{{ " + name + ".title }}", level=level)
    _tables(doc, name)


def _trend(doc) -> None:
    """The campaign trend: a line chart and its notes (the Markdown has the table)."""
    _tag(doc, "{%p if v.trend %}")
    doc.add_heading("{{ v.trend.title }}", level=1)
    _tag(doc, "{%p if trend_chart %}")
    p = doc.add_paragraph("{{ v.trend_chart.title }}", style="Judul Tabel")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p = doc.add_paragraph("{{ trend_chart }}")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.keep_with_next = True
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p for note in v.trend.notes %}")
    doc.add_paragraph("{{ note }}", style="Catatan")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endif %}")


def _lists(doc) -> None:
    _tag(doc, "{%p for part in v.lists %}")
    _part(doc, "part")
    _tag(doc, "{%p endfor %}")


def _closing(doc) -> None:
    """What the report is, then the signature block on the right: place and date, the
    Desk head's title, room to sign, the name in bold and the NIP (each line only when set)."""
    _tag(doc, "{%p if v.closing %}")
    p = doc.add_paragraph("{{ v.closing.note }}")
    p.paragraph_format.space_before = Pt(12)
    p.paragraph_format.keep_with_next = True
    lines = (("{{ v.closing.place_date }}", None, False),
             ("{{ v.closing.title }}", "v.closing.title", False),
             ("{{ v.closing.name }}", "v.closing.name", True),
             ("{{ v.closing.nip }}", "v.closing.nip", False))
    for text, when, bold in lines:
        if when:
            _tag(doc, "{%p if " + when + " %}")
        p = doc.add_paragraph()
        p.paragraph_format.left_indent = Cm(9.5)
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.keep_with_next = True  # the block stays on one page
        if bold:
            p.paragraph_format.space_before = Pt(42)
        p.add_run(text).bold = bold
        if when:
            _tag(doc, "{%p endif %}")
    _tag(doc, "{%p endif %}")


def _annex(doc) -> None:
    p = doc.add_paragraph()
    p.add_run().add_break(WD_BREAK.PAGE)
    p.paragraph_format.space_after = Pt(0)
    _part(doc, "v.annex")


def _tables(doc, owner: str) -> None:
    _tag(doc, "{%p for tbl in " + owner + ".tables %}")
    _tag(doc, "{%p if tbl.title %}")
    doc.add_paragraph("{{ tbl.title }}", style="Judul Tabel")
    _tag(doc, "{%p endif %}")
    _table(doc)
    _tag(doc, "{%p for note in tbl.notes %}")
    doc.add_paragraph("{{ note }}", style="Catatan")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p for note in " + owner + ".notes %}")
    doc.add_paragraph("{{ note }}", style="Catatan")
    _tag(doc, "{%p endfor %}")


def _table(doc) -> None:
    """Header row repeated on every page, a row per item, bold total rows at the foot."""
    rows = [
        ("{%tc for c in tbl.columns %}", "{{ c }}", "{%tc endfor %}"),
        ("{%tr for row in tbl.rows %}", "", ""),
        ("{%tc for c in row %}", "{{ c }}", "{%tc endfor %}"),
        ("{%tr endfor %}", "", ""),
        ("{%tr for row in tbl.totals %}", "", ""),
        ("{%tc for c in row %}", "{{ c }}", "{%tc endfor %}"),
        ("{%tr endfor %}", "", ""),
    ]
    table = doc.add_table(rows=len(rows), cols=3)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, texts in enumerate(rows):
        row = table.rows[r]
        for c, text in enumerate(texts):
            cell = row.cells[c]
            p = cell.paragraphs[0]
            p.style = doc.styles["Sel Tabel"]
            run = p.add_run(text)
            if r == 0:
                run.bold = True
                run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
                _shade(cell, HEADER_FILL)
            elif r == 5:
                run.bold = True
                _shade(cell, TOTAL_FILL)
    _repeat_header(table.rows[0])
    for index in (2, 5):
        _keep_whole(table.rows[index])
    _borders(table)


def _shade(cell, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _repeat_header(row) -> None:
    _keep_whole(row)
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def _keep_whole(row) -> None:
    """A row is never split across two pages."""
    cant = OxmlElement("w:cantSplit")
    cant.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(cant)


# What may follow w:tblBorders in w:tblPr (the schema fixes the order of its children).
_AFTER_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
                  "w:tblDescription", "w:tblPrChange")


def _borders(table) -> None:
    """Thin grey lines instead of the default black grid."""
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "4")
        element.set(qn("w:space"), "0")
        element.set(qn("w:color"), "A6A6A6")
        borders.append(element)
    tblpr.insert_element_before(borders, *_AFTER_BORDERS)
    margins = OxmlElement("w:tblCellMar")
    for edge, width in (("left", "57"), ("right", "57"), ("top", "14"), ("bottom", "14")):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), width)
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tblpr.insert_element_before(margins, *_AFTER_BORDERS[3:])


def _footer(doc) -> None:
    footer = doc.sections[0].footer
    p = footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run("{{ v.title }} · {{ v.date }} · {{ t.page }} ")
    run.font.size = Pt(7.5)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    inner = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "15")
    rpr.append(size)
    inner.append(rpr)
    text = OxmlElement("w:t")
    text.text = "1"
    inner.append(text)
    field.append(inner)
    p._p.append(field)


if __name__ == "__main__":
    main(sys.argv[1:])
