"""`pilkada compile` as users run it: the four files, what they say, and the exit codes.

The golden briefing tests/golden/briefing-2024-11-18.md is the Markdown of the bundled
samples as compiled on the evening of 18 November 2024. After a deliberate change to
the briefing, regenerate it and review the diff before committing:

    PILKADA_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_compile.py -k golden
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from html import escape as html_escape
from pathlib import Path

import jsonschema
import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from pilkada_cli.cli import app
from pilkada_cli.config import Config, load_config

from .recap_schema import validate_recap
from .reports import DAY, SAMPLES, copy_samples, set_time, write_report

runner = CliRunner()
GOLDEN = Path(__file__).parent / "golden" / "briefing-2024-11-18.md"
NAMES = ("briefing-2024-11-18.md", "briefing-2024-11-18.docx", "rekap-2024-11-18.xlsx",
         "rekap-2024-11-18.json", "briefing-2024-11-18.html", "ringkasan-2024-11-18.png",
         "ringkasan-2024-11-18.pdf")
HOSTILE = "A | B\nC <script>alert(1)</script> {{ 7*7 }} & D_*x*_ [l](http://x) # `c`"
FORMULA = "=cmd|' /C calc'!A0"


def compile_(*args: str):
    return runner.invoke(app, ["compile", *args])


@pytest.fixture(scope="module")
def timed_samples(tmp_path_factory) -> Path:
    """A copy of the bundled samples whose files arrived at 16.30 WITA on their day: a
    checkout's file times are the clone's, and arrival times are in the briefing."""
    inbox = tmp_path_factory.mktemp("inbox") / "sample_reports"
    shutil.copytree(SAMPLES, inbox)
    config = load_config(None)
    for path in inbox.rglob("*.xlsx"):
        folder = path.parent.name
        day = dt.date.fromisoformat(folder) if folder[:4].isdigit() else DAY
        set_time(path, day, 16, 30, config)
    return inbox


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory, timed_samples):
    """The bundled samples compiled to every format, as on the evening of 18 November 2024."""
    out = tmp_path_factory.mktemp("out")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Config, "today", lambda self: DAY)
        result = compile_(str(timed_samples), "--date", "2024-11-18", "--out", str(out))
    return result, out / "2024-11-18"


@pytest.fixture(scope="module")
def recap(sample_run) -> dict:
    return json.loads((sample_run[1] / NAMES[3]).read_text(encoding="utf-8"))


def markdown_tables(text: str) -> list[list[list[str]]]:
    """Every table a Markdown parser finds: rows of cell texts as read (no markup), header
    row first."""
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    tables, row = [], None
    for i, token in enumerate(tokens):
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            row = []
            tables[-1].append(row)
        elif token.type in ("th_open", "td_open"):
            inline = tokens[i + 1].children or []
            row.append("".join(c.content for c in inline if c.type in ("text", "code_inline")))
    return tables


def test_compile_writes_every_default_file(sample_run):
    result, folder = sample_run
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == [str(folder / name) for name in NAMES]
    assert sorted(p.name for p in folder.iterdir()) == sorted(NAMES)
    assert "9 dari 10" in result.stderr and "Mahakam Ulu" in result.stderr
    assert f"{len(NAMES)} berkas ditulis. 9 dari 10" in result.stderr


def test_golden_markdown(sample_run):
    text = (sample_run[1] / NAMES[0]).read_text(encoding="utf-8")
    if os.environ.get("PILKADA_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_markdown_tables_are_real_tables(sample_run, config):
    text = (sample_run[1] / NAMES[0]).read_text(encoding="utf-8")
    tables = markdown_tables(text)
    assert len(tables) >= 10
    for table in tables:
        assert all(len(row) == len(table[0]) for row in table)
    situation = next(t for t in tables if t[0][:2] == ["Kabupaten/Kota", "Status situasi"])
    assert [row[0] for row in situation[1:-1]] == [r.name for r in config.regencies]
    assert situation[-1][0] == "Provinsi Kalimantan Timur (9 dari 10)"
    assert situation[-1][1] == "Rawan (terburuk)"


def test_markdown_puts_the_summary_first_and_names_the_missing(sample_run):
    text = (sample_run[1] / NAMES[0]).read_text(encoding="utf-8")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings[0] == "## Ringkasan eksekutif"
    assert headings[-1] == "## Lampiran: kelengkapan data"
    assert "## Perubahan sejak Minggu, 17 November 2024" in headings
    assert "## Kejadian menonjol" in headings and "## Kendala dan tindak lanjut" in headings
    summary = text.split("## Ringkasan eksekutif")[1].split("\n## ")[0]
    assert "9 dari 10 kabupaten/kota" in summary
    assert "belum melapor: Kabupaten Mahakam Ulu" in summary
    assert "H-9" in text.splitlines()[2]


def test_json_totals_equal_the_regencies_own_values(recap):
    counted = [r for r in recap["regencies"] if r["status"] in ("reported", "late")]
    assert len(counted) == 9
    for key, spec in recap["fields"].items():
        values = [r["values"][key] for r in counted if r["values"][key] is not None]
        total = recap["totals"][key]
        if spec["aggregate"] == "sum":
            assert total == sum(values), key
            assert isinstance(total, int)
        elif spec["aggregate"] == "weighted_mean":
            pairs = [(r["values"][key], r["values"][spec["weight"]]) for r in counted]
            expected = sum(v * w for v, w in pairs) / sum(w for _, w in pairs)
            assert total == pytest.approx(expected, rel=1e-12), key
    dpt = recap["totals"]["pemilih.dpt"]
    assert recap["totals"]["pemilih.ektp_persen"] == pytest.approx(
        100 * recap["totals"]["pemilih.ektp_terekam"] / recap["totals"]["pemilih.ektp_target"])
    assert dpt == sum(r["values"]["pemilih.dpt"] for r in counted)
    assert recap["fields"]["partisipasi.proyeksi"] == {
        "label": "Proyeksi partisipasi (%)", "aggregate": "weighted_mean",
        "weight": "pemilih.dpt", "type": "percent"}


def test_json_follows_the_contract(recap, config):
    assert recap["date"] == "2024-11-18"
    assert recap["province"] == {"code": "64", "name": "Kalimantan Timur"}
    assert recap["reporting"] == {"expected": 10, "reported": 9, "late": 0, "invalid": 0,
                                  "missing": ["64.11"], "included": 9}
    assert [(r["code"], r["name"]) for r in recap["regencies"]] == [
        (r.code, r.name) for r in config.regencies]
    mahulu = recap["regencies"][6]
    assert mahulu["status"] == "missing" and mahulu["last_known"] == "2024-11-17"
    assert set(mahulu["values"]) == set(recap["fields"]) == set(recap["totals"])
    assert all(v is None for v in mahulu["values"].values())
    assert recap["levels"]["situasi.status"] == {"Rawan": 1, "Waspada": 3, "Aman": 5}
    assert recap["changes"]["since"] == "2024-11-17"
    assert recap["tables"]["kejadian"][0]["tingkat"] == "Tinggi"
    assert recap["files"]["superseded"] == []  # the demo inbox is what a desk receives
    assert recap["files"]["unidentified"] == []


def test_word_briefing_has_real_tables_the_names_and_a_chart(sample_run, config):
    from docx import Document

    doc = Document(str(sample_run[1] / NAMES[1]))
    assert len(doc.tables) >= 10
    assert len(doc.inline_shapes) >= 1
    cells = {c.text for t in doc.tables for row in t.rows for c in row.cells}
    for regency in config.regencies:
        assert regency.name in cells
    first = doc.tables[0]
    assert first.rows[0]._tr.trPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") is not None
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Ringkasan eksekutif" in text and "{{" not in text and "{%" not in text
    assert "[[pilkada:" not in text  # each chart's place holder has given way to the chart
    assert "belum melapor: Kabupaten Mahakam Ulu" in text


def test_recap_workbook_reads_back(sample_run, recap):
    from openpyxl import load_workbook

    book = load_workbook(sample_run[1] / NAMES[2])
    assert {"Pemilih", "Logistik", "Situasi", "Kejadian"} <= set(book.sheetnames)
    sheet = book["Pemilih"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Kode", "Kabupaten/Kota", "Status"]
    assert sheet.freeze_panes == "D2" and sheet.auto_filter.ref == f"A1:I{1 + 10}"
    total = [c.value for c in sheet[12]]
    assert total[:2] == ["64", "Provinsi Kalimantan Timur"]
    assert total[3] == recap["totals"]["pemilih.dpt"]
    assert total[8] == pytest.approx(recap["totals"]["pemilih.ektp_persen"] / 100)
    assert sheet.cell(12, 9).number_format == "0.0%"
    assert sheet.cell(2, 4).number_format == "#,##0"
    assert sheet.cell(8, 3).value == "belum melapor" and sheet.cell(8, 4).value is None


def test_recap_workbook_prints_on_a4_across_with_its_header_on_every_page(sample_run):
    from openpyxl import load_workbook

    book = load_workbook(sample_run[1] / NAMES[2])
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert (setup.paperSize, setup.orientation) == (9, "landscape"), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        # One page across (1 is what the format means when the attribute is left out),
        # as many pages down as the rows need.
        assert (setup.fitToWidth or 1, setup.fitToHeight) == (1, 0), sheet.title
        assert sheet.print_title_rows == "$1:$1", sheet.title
        assert sheet.print_options.horizontalCentered, sheet.title
        assert sheet.oddFooter.right.text == "Halaman &P dari &N", sheet.title
        assert sheet.oddFooter.left.text == \
            "Rekap Desk Pilkada Kalimantan Timur · 18 November 2024", sheet.title


def test_two_runs_give_identical_markdown_and_json(sample_run, timed_samples, tmp_path):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Config, "today", lambda self: DAY)
        result = compile_(str(timed_samples), "--date", "2024-11-18", "--out", str(tmp_path),
                          "--format", "md,json")
    assert result.exit_code == 0, result.output
    for name in (NAMES[0], NAMES[3]):
        assert (tmp_path / "2024-11-18" / name).read_bytes() == \
            (sample_run[1] / name).read_bytes()
    assert not (tmp_path / "2024-11-18" / NAMES[1]).exists()


def test_a_regency_whose_files_are_removed_is_missing(tmp_path):
    inbox = copy_samples(tmp_path / "inbox", "2024-11-17", "2024-11-18")
    (inbox / "2024-11-18" / "Laporan Kukar 18 nov FINAL revisi2.xlsx").unlink()
    result = compile_(str(inbox), "--date", "2024-11-18", "--out", str(tmp_path / "out"),
                      "--format", "md,json")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "out" / "2024-11-18"
    recap = json.loads((folder / NAMES[3]).read_text(encoding="utf-8"))
    assert recap["reporting"]["missing"] == ["64.03", "64.11"]
    kukar = recap["regencies"][2]
    assert kukar["status"] == "missing" and kukar["values"]["pemilih.dpt"] is None
    text = (folder / NAMES[0]).read_text(encoding="utf-8")
    assert "8 dari 10 kabupaten/kota" in text
    assert "belum melapor: Kabupaten Kutai Kartanegara, Kabupaten Mahakam Ulu" in text


def test_strict_fails_only_when_a_regency_is_missing_or_invalid(tmp_path):
    inbox = copy_samples(tmp_path / "inbox", "2024-11-17", "2024-11-18")
    out = str(tmp_path / "out")
    missing = compile_(str(inbox), "--date", "2024-11-18", "--out", out, "--format", "json",
                       "--strict")
    assert missing.exit_code == 1
    assert (tmp_path / "out" / "2024-11-18" / NAMES[3]).exists()
    complete = compile_(str(inbox), "--date", "2024-11-17", "--out", out, "--format", "json",
                        "--strict")
    assert complete.exit_code == 0, complete.output


def test_no_report_for_the_date_exits_3(tmp_path):
    inbox = copy_samples(tmp_path / "inbox", "2024-11-17")
    result = compile_(str(inbox), "--date", "2024-11-25", "--out", str(tmp_path / "out"))
    assert result.exit_code == 3
    assert "2024-11-25" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()
    (tmp_path / "empty").mkdir()
    assert compile_(str(tmp_path / "empty"), "--date", "2024-11-17").exit_code == 3


@pytest.mark.parametrize("args", [["--format", "rtf"], ["--date", "18/11/2024"],
                                  ["--lang", "jv"]])
def test_bad_options_exit_2(args, tmp_path):
    result = compile_(str(SAMPLES / "2024-11-18"), "--out", str(tmp_path), *args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_a_missing_inbox_exits_2(tmp_path):
    result = compile_(str(tmp_path / "nope"), "--date", "2024-11-18")
    assert result.exit_code == 2 and "nope" in result.stderr


def test_a_file_sent_after_the_deadline_is_late(tmp_path, config):
    inbox = copy_samples(tmp_path / "inbox", "2024-11-18")
    set_time(inbox / "2024-11-18" / "laporan-6401-2024-11-18.xlsx", DAY, 19, 30, config)
    result = compile_(str(inbox), "--date", "2024-11-18", "--out", str(tmp_path / "out"),
                      "--format", "md,docx,json")
    assert result.exit_code == 0, result.output
    assert_late(tmp_path / "out" / "2024-11-18", {"Kabupaten Paser": "19.30"})


def test_a_file_first_seen_after_the_deadline_is_late(desk):
    """With the store, arrival is the first sighting (when earlier than the file's own
    time), recorded in UTC and compared with 18.00 on the province's clock."""
    from pilkada_cli.checking.validate import check_file
    from pilkada_cli.store.intake import take_in
    from pilkada_cli.store.ledger import Store

    files = {Path(p.name): p for p in desk.copy_day(DAY)}
    utc = dt.UTC
    seen = {"laporan-6401-2024-11-18.xlsx": dt.datetime(2024, 11, 18, 10, 30, tzinfo=utc),
            "lap harian KUBAR 18-11-2024.xlsx": dt.datetime(2024, 11, 18, 9, 59, tzinfo=utc)}
    with Store.open(desk.config, desk.schema) as store:
        for name, moment in seen.items():
            path = files[Path(name)]
            # Touched after it came in (opened and saved again): the file's time says nothing.
            set_time(path, DAY, 20, 15, desk.config)
            report = check_file(path, desk.schema, desk.config, DAY)
            take_in(store, [report], desk.schema, seen_at=moment)
    out = desk.root / "out"
    result = compile_(str(desk.inbox), "--date", "2024-11-18", "--out", str(out),
                      "--format", "md,docx,json", "--config", str(desk.config_path))
    assert result.exit_code == 0, result.output
    # 10.30 UTC is 18.30 WITA: late. 09.59 UTC is 17.59 WITA: in time.
    recap = assert_late(out / "2024-11-18", {"Kabupaten Paser": "18.30"})
    kubar = recap["regencies"][1]
    assert kubar["status"] == "reported" and kubar["received"] == "2024-11-18T17:59:00+08:00"
    with pytest.raises(jsonschema.ValidationError):  # docs/rekap.schema.json says so too
        validate_recap({**recap, "regencies": [{**kubar, "received": "17:59"}]})
    status = runner.invoke(app, ["status", "--date", "2024-11-18", "--no-scan", "--format",
                                 "json", "--config", str(desk.config_path)])
    states = {r["code"]: r["status"] for r in json.loads(status.stdout)["regencies"]}
    assert states["64.01"] == "late" and states["64.02"] == "reported"


def assert_late(folder: Path, late: dict[str, str]) -> dict:
    """Each late regency (name -> arrival, HH.MM WITA) is said so in all three outputs;
    returns the recap."""
    from docx import Document

    recap = json.loads((folder / NAMES[3]).read_text(encoding="utf-8"))
    assert recap["reporting"]["late"] == len(late)
    assert recap["reporting"]["reported"] == 9 - len(late)
    by_name = {r["name"]: r for r in recap["regencies"]}
    text = (folder / NAMES[0]).read_text(encoding="utf-8")
    doc = Document(str(folder / NAMES[1]))
    paragraphs = "\n".join(p.text for p in doc.paragraphs)
    rows = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    names = ", ".join(late)
    assert f"terlambat: {names}" in text and f"terlambat: {names}" in paragraphs
    for name, clock in late.items():
        regency = by_name[name]
        assert regency["status"] == "late"
        assert regency["received"] == f"2024-11-18T{clock.replace('.', ':')}:00+08:00"
        received = f"{clock} WITA"
        annex = next(t for t in markdown_tables(text) if t[0][:2] == ["Kabupaten/Kota", "Status"])
        assert [name, "terlambat", received] == [annex[[r[0] for r in annex].index(name)][i]
                                                 for i in (0, 1, 3)]
        assert [name, "terlambat", received] in [r[:2] + r[3:4] for r in rows]
        # Its figures count, and every section table marks it.
        assert any(r[0] == f"{name} (terlambat)" for r in rows)
        assert f"| {name} (terlambat) |" in text
    return recap


def test_english_briefing(tmp_path):
    result = compile_(str(SAMPLES / "2024-11-18"), "--date", "2024-11-18", "--out",
                      str(tmp_path), "--format", "md", "--lang", "en")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "2024-11-18" / NAMES[0]).read_text(encoding="utf-8")
    assert "## Executive summary" in text and "9 of 10 regencies/cities" in text
    assert "Monday, 18 November 2024" in text and "2,761,000" in text


def test_output_inside_the_inbox_is_not_read_back(tmp_path):
    inbox = copy_samples(tmp_path / "inbox", "2024-11-18")
    for _ in range(2):
        result = compile_(str(inbox), "--date", "2024-11-18", "--out", str(inbox / "out"),
                          "--format", "xlsx,json")
        assert result.exit_code == 0, result.output
    recap = json.loads((inbox / "out" / "2024-11-18" / NAMES[3]).read_text(encoding="utf-8"))
    assert recap["files"]["unidentified"] == []


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory, schema, config):
    """A report whose free text tries to break every format."""
    from openpyxl import load_workbook

    from pilkada_cli.files import save_workbook
    from pilkada_cli.senders.template import layout

    inbox = tmp_path_factory.mktemp("hostile")
    tables = {"kejadian": [], "kendala": [{"kendala": HOSTILE, "permintaan": "Ya & <b>ok</b>"}]}
    path = write_report(inbox, schema, config, "64.01", changes={"situasi.narasi": HOSTILE},
                        tables=tables)
    book = load_workbook(path)
    sheet, ref = layout(schema).cells["situasi.titik_rawan"]
    book[sheet][ref].value = FORMULA
    book[sheet][ref].data_type = "s"  # typed as text, as a regency's Excel would keep it
    save_workbook(book, path)
    out = inbox / "out"
    result = compile_(str(inbox), "--date", "2024-11-18", "--out", str(out))
    assert result.exit_code == 0, result.output
    return out / "2024-11-18"


def test_hostile_text_stays_inert_in_markdown(hostile_run):
    text = (hostile_run / NAMES[0]).read_text(encoding="utf-8")
    assert "\\<script>" in text and "<script>" not in text.replace("\\<", "")
    situation = next(t for t in markdown_tables(text) if t[0][1] == "Status situasi")
    paser = situation[1]
    assert len(paser) == 4
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert "<script>" not in html and "<a href" not in html and "<code>" not in html
    # The cell reads exactly as typed (its line break made a space): no markup, no link.
    flat = html_escape(HOSTILE.replace("\n", " "), quote=False)
    assert f"<td>{flat}</td>" in html
    assert f"<td>{FORMULA}</td>" in html


def test_a_message_with_a_bound_reads_as_typed_in_the_markdown(tmp_path, schema, config):
    inbox = copy_samples(tmp_path / "inbox", "2024-11-18")
    write_report(inbox / "2024-11-18", schema, config, "64.11",
                 changes={"kampanye.kegiatan": -3})
    result = compile_(str(inbox), "--date", "2024-11-18", "--out", str(tmp_path / "out"),
                      "--format", "md")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "2024-11-18" / NAMES[0]).read_text(encoding="utf-8")
    assert "(>= 0)" in text and "&gt;" not in text and "&lt;" not in text
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert "(&gt;= 0)" in html  # and renders as it reads


@pytest.mark.parametrize("typed", [">x", "> x", "&lt;b&gt; &#60;", "<b>x</b>", "a >= b & c"])
def test_markdown_text_renders_exactly_as_typed(typed):
    from pilkada_cli.render.markdown import md_escape

    rendered = MarkdownIt("commonmark").render(md_escape(typed))
    assert rendered == f"<p>{html_escape(typed, quote=False)}</p>\n"


def test_hostile_text_survives_in_word(hostile_run):
    from docx import Document

    doc = Document(str(hostile_run / NAMES[1]))
    cells = {c.text for t in doc.tables for row in t.rows for c in row.cells}
    flat = HOSTILE.replace("\n", " ")
    assert flat in cells and FORMULA in cells and "Ya & <b>ok</b>" in cells


def test_hostile_text_is_text_in_the_recap_workbook(hostile_run):
    from openpyxl import load_workbook

    book = load_workbook(hostile_run / NAMES[2])
    row = [c for c in book["Situasi"][2]]
    texts = {c.value: c.data_type for c in row}
    assert texts[HOSTILE.replace("\n", " ")] == "s"
    assert texts[FORMULA] == "s"
    kendala = [c.value for c in book["Kendala"][2]]
    assert HOSTILE.replace("\n", " ") in kendala


def test_compile_has_help():
    result = runner.invoke(app, ["compile", "--help"])
    assert result.exit_code == 0
    assert "--strict" in result.output and "briefing" in result.output


def test_templates_folder_from_the_config_is_used(tmp_path):
    templates = tmp_path / "tpl"
    templates.mkdir()
    (templates / "briefing.md.j2").write_text("# {{ v.title }}\n{{ v.reporting }}\n",
                                              encoding="utf-8")
    (tmp_path / "pilkada.yaml").write_text("templates: tpl\n", encoding="utf-8")
    shutil.copytree(SAMPLES / "2024-11-18", tmp_path / "inbox")
    result = compile_(str(tmp_path / "inbox"), "--date", "2024-11-18", "--out",
                      str(tmp_path / "out"), "--format", "md", "--config",
                      str(tmp_path / "pilkada.yaml"))
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "2024-11-18" / NAMES[0]).read_text(encoding="utf-8")
    assert text == ("# Laporan Harian Desk Pilkada Provinsi Kalimantan Timur\n"
                    "9 dari 10 kabupaten/kota masuk dalam rekap\n")


def test_a_broken_template_is_a_clear_error(tmp_path):
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "briefing.md.j2").write_text("{{ v.nonsense }}", encoding="utf-8")
    (tmp_path / "pilkada.yaml").write_text("templates: tpl\n", encoding="utf-8")
    result = compile_(str(SAMPLES / "2024-11-18"), "--date", "2024-11-18", "--out",
                      str(tmp_path / "out"), "--format", "md", "--config",
                      str(tmp_path / "pilkada.yaml"))
    assert result.exit_code == 2
    assert "briefing.md.j2" in result.stderr and "Traceback" not in result.output


def test_template_code_in_a_template_cannot_reach_python(tmp_path):
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "briefing.md.j2").write_text(
        "{{ v.__class__.__init__.__globals__ }}", encoding="utf-8")
    (tmp_path / "pilkada.yaml").write_text("templates: tpl\n", encoding="utf-8")
    result = compile_(str(SAMPLES / "2024-11-18"), "--date", "2024-11-18", "--out",
                      str(tmp_path / "out"), "--format", "md", "--config",
                      str(tmp_path / "pilkada.yaml"))
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_dates_in_words(tmp_path, config):
    yesterday = (config.today() - dt.timedelta(days=1)).isoformat()
    result = compile_(str(SAMPLES / "2024-11-18"), "--date", "yesterday", "--out",
                      str(tmp_path))
    assert result.exit_code == 3 and yesterday in result.stderr


def test_several_provinces_are_grouped_with_subtotals(tmp_path, schema):
    from openpyxl import load_workbook

    from pilkada_cli.config import load_config

    (tmp_path / "pilkada.yaml").write_text(
        "province: {code: '00', name: Indonesia}\n"
        "provinces: {'11': Aceh, '64': Kalimantan Timur}\n"
        "regencies:\n"
        "  - {code: '11.01', name: Kabupaten Simeulue}\n"
        "  - {code: '11.71', name: Kota Banda Aceh}\n"
        "  - {code: '64.01', name: Kabupaten Paser}\n"
        "  - {code: '64.72', name: Kota Samarinda}\n", encoding="utf-8")
    config = load_config(tmp_path / "pilkada.yaml")
    for code in ("11.01", "11.71", "64.01"):
        write_report(tmp_path / "inbox", schema, config, code)
    result = compile_(str(tmp_path / "inbox"), "--date", "2024-11-18", "--out",
                      str(tmp_path / "out"), "--config", str(tmp_path / "pilkada.yaml"))
    assert result.exit_code == 0, result.output
    folder = tmp_path / "out" / "2024-11-18"
    recap = json.loads((folder / NAMES[3]).read_text(encoding="utf-8"))
    aceh, kaltim = recap["provinces"]
    assert (aceh["name"], kaltim["name"]) == ("Aceh", "Kalimantan Timur")
    assert kaltim["reporting"]["missing"] == ["64.72"]
    assert aceh["totals"]["pemilih.dpt"] + kaltim["totals"]["pemilih.dpt"] == \
        recap["totals"]["pemilih.dpt"]
    text = (folder / NAMES[0]).read_text(encoding="utf-8")
    assert text.startswith("# Laporan Harian Desk Pilkada: Indonesia")
    table = next(t for t in markdown_tables(text) if t[0][:2] == ["Provinsi", "Status situasi"])
    assert [row[0] for row in table[1:]] == ["Provinsi Aceh (2 dari 2)",
                                             "Provinsi Kalimantan Timur (1 dari 2)",
                                             "Indonesia (3 dari 4)"]
    sheet = load_workbook(folder / NAMES[2])["Pemilih"]
    names = [sheet.cell(row, 2).value for row in range(2, sheet.max_row + 1)]
    assert names[-3:] == ["Provinsi Aceh", "Provinsi Kalimantan Timur", "Indonesia"]


def test_the_readme_first_command_compiles_the_samples(tmp_path, monkeypatch):
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    first = readme.split("```sh\n", 1)[1].split("\n```", 1)[0]
    command = first.split(".venv/bin/pilkada ", 1)[1].split()
    assert command[:2] == ["compile", "sample_reports"]
    monkeypatch.chdir(Path(__file__).parent.parent)
    out = command.index("--out") + 1
    command[out] = str(tmp_path / command[out])
    result = runner.invoke(app, command)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out" / "2024-11-18").iterdir()) == sorted(NAMES)


def test_with_a_store_yesterday_comes_from_the_store(tmp_path):
    (tmp_path / "pilkada.yaml").write_text("paths: {store: data/pilkada.sqlite}\n",
                                           encoding="utf-8")
    config = ["--config", str(tmp_path / "pilkada.yaml")]
    first = copy_samples(tmp_path / "day1", "2024-11-17")
    result = compile_(str(first), "--date", "2024-11-17", "--out", str(tmp_path / "out"),
                      "--format", "json", *config)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "data" / "pilkada.sqlite").exists()
    only_today = copy_samples(tmp_path / "day2", "2024-11-18")
    result = compile_(str(only_today), "--date", "2024-11-18", "--out", str(tmp_path / "out"),
                      "--format", "md,json", *config)
    assert result.exit_code == 0, result.output
    folder = tmp_path / "out" / "2024-11-18"
    recap = json.loads((folder / NAMES[3]).read_text(encoding="utf-8"))
    assert recap["changes"]["since"] == "2024-11-17" and recap["changes"]["compared"] == 9
    assert recap["regencies"][6]["last_known"] == "2024-11-17"
    text = (folder / NAMES[0]).read_text(encoding="utf-8")
    assert "## Perubahan sejak Minggu, 17 November 2024" in text
    assert "laporan sah terakhir: Minggu, 17 November 2024" in text
    # Without the store the same inbox has no yesterday.
    result = compile_(str(only_today), "--date", "2024-11-18", "--out", str(tmp_path / "o2"),
                      "--format", "json", "--no-record", *config)
    recap = json.loads((tmp_path / "o2" / "2024-11-18" / NAMES[3]).read_text(encoding="utf-8"))
    assert recap["changes"] is None


def test_a_compile_waits_for_the_store_then_exits_75(tmp_path):
    from pilkada_cli.config import load_config
    from pilkada_cli.store.lock import run_lock

    (tmp_path / "pilkada.yaml").write_text("paths: {store: pilkada.sqlite}\n", encoding="utf-8")
    config = load_config(tmp_path / "pilkada.yaml")
    with run_lock(config, 0):
        result = compile_(str(SAMPLES / "2024-11-18"), "--date", "2024-11-18", "--out",
                          str(tmp_path / "out"), "--config", str(tmp_path / "pilkada.yaml"),
                          "--wait", "0")
    assert result.exit_code == 75
    assert not (tmp_path / "out").exists()
