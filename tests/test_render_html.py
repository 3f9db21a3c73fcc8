"""The HTML briefing: one self-contained page, tested in a real browser (headless chromium)
at a phone's and a desktop's width, against the recap JSON and `pilkada status`.

The scenario is a desk with a store over three sample days: on 16 November Berau's only
file is invalid, on 17 November Bontang's came after the deadline, on 18 November Mahakam
Ulu sent nothing and Paser's narrative is hostile markup.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pilkada_cli.checking.schema import Schema
from pilkada_cli.cli import app
from pilkada_cli.formats import fmt_number, fmt_percent
from pilkada_cli.render.html import POLICY
from pilkada_cli.render.sparkline import geometry, sparkline_svg

from .browser import CHROMIUM, Browser
from .conftest import WITA, Desk, make_desk, set_time
from .reports import DAY, copy_samples

runner = CliRunner()
DAYS = [dt.date(2024, 11, 16), dt.date(2024, 11, 17), DAY]
HOSTILE = ('Aman <script>alert(1)</script> <img src=x onerror="alert(2)"> '
           '<a href="javascript:alert(3)">klik</a> {{ 7*7 }} <svg onload=alert(4)> "><b>x</b>')
SIZES = {"phone": (390, 844, True), "desktop": (1280, 800, False)}
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install chromium; .ci/run "
                             "installs it): the HTML briefing is tested in a real browser")


def compile_(*args: str):
    return runner.invoke(app, ["compile", *args])


@pytest.fixture(scope="module")
def desk_week(tmp_path_factory, schema: Schema) -> tuple[Desk, Path]:
    """The scenario compiled day by day into a store; the last day to every format."""
    desk = make_desk(tmp_path_factory.mktemp("desk"), schema)
    for day in DAYS:
        inbox = desk.inbox / day.isoformat()
        desk.copy_day(day, inbox)
        if day == DAYS[0]:
            (inbox / "laporan-6405-2024-11-16.xlsx").unlink()
            bad = desk.write_report("64.05", day, {"logistik.jumlah_tps": "banyak"})
            shutil.move(bad, inbox / bad.name)
        if day == DAYS[1]:
            set_time(inbox / "laporan-6474-2024-11-17.xlsx",
                     dt.datetime.combine(day, dt.time(19, 30), tzinfo=WITA))
        if day == DAY:
            (inbox / "laporan-6401-2024-11-18.xlsx").unlink()
            hostile = desk.write_report("64.01", day, {"situasi.narasi": HOSTILE})
            shutil.move(hostile, inbox / hostile.name)
        result = compile_(str(inbox), "--date", day.isoformat(), "--out",
                          str(desk.root / "out"), "--config", str(desk.config_path),
                          *(() if day == DAY else ("--format", "json")))
        assert result.exit_code == 0, result.output
    return desk, desk.root / "out" / DAY.isoformat()


@pytest.fixture(scope="module")
def page_path(desk_week) -> Path:
    return desk_week[1] / f"briefing-{DAY}.html"


@pytest.fixture(scope="module")
def recap(desk_week) -> dict:
    return json.loads((desk_week[1] / f"rekap-{DAY}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("chromium is not installed")
    opened = Browser()
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def phone(browser, page_path):
    page = browser.open(page_path, *SIZES["phone"])
    yield page
    page.close()


# What the page shows, read by the browser from its DOM.
TABLES_JS = """[...document.querySelectorAll('table')].map(t => ({
  caption: t.caption ? t.caption.textContent.trim() : null,
  rows: [...t.rows].map(r => [...r.cells].map(c => c.textContent.trim()))}))"""
STRIP_JS = """[...document.querySelectorAll('table.strip tbody tr')].map(r =>
  [r.cells[0].textContent.trim(), ...[...r.cells].slice(1).map(c =>
    c.querySelector('.sr').textContent)])"""
CARDS_JS = """[...document.querySelectorAll('.card')].map(c => ({
  name: c.querySelector('h3, h4').textContent.trim(),
  status: c.querySelector('.badge').textContent.trim(),
  sparks: [...c.querySelectorAll('.spark')].map(s => ({
    label: s.querySelector('.label').textContent, value: s.querySelector('.value').textContent,
    text: s.querySelector('svg').getAttribute('aria-label'),
    path: (s.querySelector('path') || {getAttribute: () => ''}).getAttribute('d')}))}))"""
# The contrast of every element's own text against the background it is drawn on (WCAG 2).
CONTRAST_JS = r"""(() => {
  const rgb = s => s.match(/[\d.]+/g).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
    .reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0);
  const bg = el => { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el)
    .backgroundColor); if (c.length < 4 || c[3] > 0) return c.slice(0, 3); }
    return [255, 255, 255]; };
  const worst = [];
  for (const el of document.body.querySelectorAll('*')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const style = getComputedStyle(el), size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    const [a, b] = [lum(rgb(style.color).slice(0, 3)), lum(bg(el))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < (large ? 3 : 4.5)) worst.push([el.tagName, el.className, ratio,
                                               el.textContent.slice(0, 40)]);
  }
  return worst; })()"""


def shown(value, fld) -> str:
    if fld.type == "percent":
        return fmt_percent(value)
    return fmt_number(value)


# -- in the browser -------------------------------------------------------------------------
@needs_chromium
@pytest.mark.parametrize("size", SIZES)
def test_nothing_overflows_the_screen_sideways(browser, page_path, size, tmp_path):
    page = browser.open(page_path, *SIZES[size])
    try:
        width, viewport = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert viewport == SIZES[size][0] or (size == "desktop" and viewport <= 1280)
        assert width <= viewport
        # Every wide table scrolls inside its own box, its first column staying in view.
        boxes = page.evaluate("""[...document.querySelectorAll('.scroll')].map(b =>
            [b.scrollWidth > b.clientWidth, getComputedStyle(b.querySelector('tbody th'))
             .position])""")
        assert boxes and all(position == "sticky" for _, position in boxes)
        if size == "phone":
            assert any(wide for wide, _ in boxes)
        folder = Path(os.environ.get("PILKADA_SCREENSHOTS") or tmp_path)
        folder.mkdir(parents=True, exist_ok=True)
        shot = page.screenshot(folder / f"briefing-{size}.png")
        assert shot.read_bytes().startswith(b"\x89PNG")
    finally:
        page.close()


@needs_chromium
def test_the_figures_shown_equal_the_recap_json(phone, recap, schema):
    fields = schema.scalar_fields()
    by_label = {spec["label"]: key for key, spec in recap["fields"].items()
                if fields[key].type in ("integer", "percent")}
    regencies = {r["name"]: r for r in recap["regencies"]}
    compared = 0
    for table in phone.evaluate(TABLES_JS):
        head, *body = table["rows"]
        if head[0] != "Kabupaten/Kota":
            continue
        for row in body:
            unit = regencies.get(row[0])
            for label, cell in zip(head[1:], row[1:], strict=True):
                key = by_label.get(label)
                if key is None:
                    continue
                if unit is not None and unit["status"] in ("reported", "late"):
                    expected = shown(unit["values"][key], fields[key])
                elif row[0].startswith("Provinsi Kalimantan Timur"):
                    expected = shown(recap["totals"][key], fields[key])
                else:
                    continue
                # The changes since yesterday write today's value, then the change.
                assert cell == expected or cell.startswith(expected + " ("), (row[0], label)
                compared += 1
    assert compared > 80


@needs_chromium
def test_what_needs_attention_comes_first_as_in_the_recap(phone, recap):
    names = {r["code"]: r["name"] for r in recap["regencies"]}
    shown = phone.evaluate("""(() => { const box = document.querySelector('main > section');
      return {title: box.querySelector('h2').textContent.trim(),
              items: [...box.querySelectorAll('li')].map(li => li.textContent.trim())}; })()""")
    assert shown["title"] == "Perlu perhatian"
    wanted = recap["attention"][:len(shown["items"])]
    assert wanted and len(shown["items"]) == min(len(recap["attention"]), 15)
    for item, line in zip(wanted, shown["items"], strict=True):
        assert line.startswith(names[item["regency"]])
        assert item["message"].casefold() in line.casefold()


@needs_chromium
def test_the_strip_shows_each_day_as_pilkada_status_says(phone, desk_week, recap):
    desk, _ = desk_week
    rows = {name: days for name, *days in phone.evaluate(STRIP_JS)}
    heads = phone.evaluate("[...document.querySelectorAll('table.strip thead th.day')]"
                           ".map(th => th.textContent)")
    assert heads == ["16 NovH-11", "17 NovH-10", "18 NovH-9"]
    assert list(rows) == [r["name"] for r in recap["regencies"]]
    assert rows["Kabupaten Berau"][0] == "tidak sah"
    assert rows["Kota Bontang"][1] == "terlambat"
    assert rows["Kabupaten Mahakam Ulu"] == ["tepat waktu", "tepat waktu", "belum melapor"]
    words = {"reported": "tepat waktu", "late": "terlambat", "invalid": "tidak sah",
             "missing": "belum melapor"}
    for day, column in zip(DAYS, range(3), strict=True):
        result = runner.invoke(app, ["status", "--date", day.isoformat(), "--format", "json",
                                     "--config", str(desk.config_path), "--no-scan"])
        status = json.loads(result.stdout)
        assert [rows[r["name"]][column] for r in status["regencies"]] == \
            [words[r["status"]] for r in status["regencies"]]
    assert [rows[r["name"]][-1] for r in recap["regencies"]] == \
        [words[r["status"]] for r in recap["regencies"]]
    note = phone.evaluate("document.body.textContent")
    assert "Hari sebelum 16 November 2024 belum tercatat di penyimpanan." in note


@needs_chromium
def test_each_regency_has_a_card_with_its_week_as_sparklines(phone, recap):
    cards = {c["name"]: c for c in phone.evaluate(CARDS_JS)}
    assert list(cards) == [r["name"] for r in recap["regencies"]]
    for regency in recap["regencies"]:
        card = cards[regency["name"]]
        assert [s["label"] for s in card["sparks"]] == ["Distribusi logistik ke TPS",
                                                        "Perekaman e-KTP"]
        tps = card["sparks"][0]
        if regency["status"] in ("reported", "late"):
            assert tps["value"] == fmt_percent(regency["values"]["logistik.persen_tps"])
            assert tps["text"].endswith("18 Nov " + tps["value"])
            if regency["name"] != "Kabupaten Berau":  # see below
                assert tps["path"].startswith("M") and tps["path"].count("L") == 2
        else:
            assert tps["value"] == "–"
    # Berau's invalid 16 November breaks its line: a gap, then the two valid days.
    berau = cards["Kabupaten Berau"]["sparks"][0]
    assert berau["text"].startswith("Distribusi logistik ke TPS, 16 Nov – 18 Nov: 16 Nov –; ")
    assert berau["path"].count("M") == 1 and berau["path"].count("L") == 1
    assert cards["Kabupaten Mahakam Ulu"]["status"] == "– belum melapor"


@needs_chromium
def test_a_hostile_narrative_stays_text(phone):
    found = phone.evaluate("""({
      scripts: document.scripts.length,
      images: document.images.length,
      links: document.querySelectorAll('a, b, img, iframe, object, embed').length,
      handlers: [...document.querySelectorAll('*')].flatMap(el =>
        [...el.attributes].map(a => a.name)).filter(n => n.startsWith('on')),
      javascript: [...document.querySelectorAll('*')].flatMap(el =>
        [...el.attributes].map(a => a.value)).filter(v => /javascript:/i.test(v)),
      svgs: [...document.querySelectorAll('svg')].filter(s => !s.closest('.spark')).length,
      text: document.body.textContent})""")
    assert found["scripts"] == found["images"] == found["links"] == found["svgs"] == 0
    assert found["handlers"] == [] and found["javascript"] == []
    assert HOSTILE in found["text"]  # every character shown as typed, `{{ 7*7 }}` too


@needs_chromium
def test_nothing_is_loaded_and_no_script_is_allowed(phone, page_path):
    assert phone.requests() == [page_path.resolve().as_uri()]
    policy = phone.evaluate("document.querySelector('meta[http-equiv=\"Content-Security-"
                            "Policy\"]').content")
    assert policy == POLICY
    assert phone.evaluate("document.documentElement.lang") == "id"


@needs_chromium
def test_headings_are_in_order_and_table_headers_are_marked(phone):
    levels = phone.evaluate("[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')]"
                            ".map(h => Number(h.tagName[1]))")
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))
    unmarked = phone.evaluate("""[
      ...[...document.querySelectorAll('thead th')].filter(th => th.scope !== 'col'),
      ...[...document.querySelectorAll('tbody tr')].filter(tr =>
         tr.cells[0].tagName !== 'TH' || tr.cells[0].scope !== 'row')].length""")
    assert unmarked == 0
    assert phone.evaluate("[...document.querySelectorAll('.scroll')].every(b => "
                          "b.getAttribute('role') === 'region' && b.getAttribute('aria-label')"
                          " && b.tabIndex === 0)")


@needs_chromium
def test_every_text_has_aa_contrast(phone):
    assert phone.evaluate(CONTRAST_JS) == []


@needs_chromium
def test_the_printout_is_a4(phone, tmp_path):
    import base64

    pdf = base64.b64decode(phone.browser.send("Page.printToPDF", {
        "preferCSSPageSize": True, "printBackground": True}, session=phone.session)["data"])
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert boxes and all(abs(float(w) - 595.3) < 2 and abs(float(h) - 841.9) < 2
                         for w, h in boxes)
    assert 2 <= len(boxes) <= 20
    folder = Path(os.environ.get("PILKADA_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "briefing-print.pdf").write_bytes(pdf)


# -- the file itself ------------------------------------------------------------------------
class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs


def test_the_page_is_small_and_self_contained(page_path, desk_week):
    data = page_path.read_bytes()
    assert len(data) < 1_000_000
    text = data.decode("utf-8")
    assert text.startswith("<!DOCTYPE html>\n<html lang=\"id\">")
    parsed = _Elements()
    parsed.feed(text)
    assert "script" not in parsed.tags and "img" not in parsed.tags and "link" not in parsed.tags
    assert not [v for _, v in parsed.attrs if v and re.match(r"\s*(https?|javascript):", v)]
    assert "{{ 7*7 }}" in text  # data, never run as template code
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_without_a_store_the_page_has_no_strip_nor_cards_and_speaks_english(tmp_path):
    inbox = copy_samples(tmp_path / "inbox", "2024-11-17", "2024-11-18")
    result = compile_(str(inbox), "--date", "2024-11-18", "--out", str(tmp_path / "out"),
                      "--format", "html", "--lang", "en", "--no-record")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "2024-11-18" / "briefing-2024-11-18.html").read_text("utf-8")
    assert '<html lang="en">' in text and "<h2>Executive summary</h2>" in text
    assert 'class="strip"' not in text and 'class="card"' not in text
    assert "Campaign trend" not in text
    assert result.stdout.split() == [str(tmp_path / "out" / "2024-11-18" /
                                          "briefing-2024-11-18.html")]


def test_a_staff_template_is_used_and_one_without_the_policy_is_refused(tmp_path):
    from pilkada_cli.resources import templates_dir

    mine = tmp_path / "mine"
    mine.mkdir()
    original = (templates_dir() / "briefing.html.j2").read_text(encoding="utf-8")
    (mine / "briefing.html.j2").write_text(
        original.replace("<main>", "<main><p>Kop Biro Pemerintahan</p>"), encoding="utf-8")
    (tmp_path / "pilkada.yaml").write_text("templates: mine\npaths: {store: s.sqlite}\n",
                                           encoding="utf-8")
    inbox = copy_samples(tmp_path / "inbox", "2024-11-18")
    args = (str(inbox), "--date", "2024-11-18", "--out", str(tmp_path / "out"), "--format",
            "html", "--config", str(tmp_path / "pilkada.yaml"), "--no-record")
    assert compile_(*args).exit_code == 0
    page = tmp_path / "out" / "2024-11-18" / "briefing-2024-11-18.html"
    assert "<p>Kop Biro Pemerintahan</p>" in page.read_text(encoding="utf-8")
    (mine / "briefing.html.j2").write_text(original.replace("{{ csp }}", ""), encoding="utf-8")
    page.unlink()
    result = compile_(*args)
    assert result.exit_code == 2
    assert "Content-Security-Policy" in result.output and "Traceback" not in result.output
    assert not page.exists()


def test_a_sparkline_breaks_at_a_missing_day_and_marks_lone_points():
    line = geometry([10.0, 20.0, None, 50.0, None, 100.0, 120.0], width=66, height=26)
    assert line.path == "M3 21 L13 19 M33 13 M53 3 L63 3"
    # 50 stands alone, and the last day is marked; 120 is drawn at the top of the scale.
    assert line.dots == [(33.0, 13.0), (63.0, 3.0)]
    assert geometry([None, None]).path == "" and geometry([None, None]).dots == []
    assert len(geometry([42.0]).dots) == 1
    svg = sparkline_svg([None, 40.0], 'a "b" <c>')
    assert svg.startswith('<svg viewBox="0 0 120 32" width="120" height="32" role="img" '
                          'aria-label="a &quot;b&quot; &lt;c&gt;"><title>a &quot;b&quot; '
                          '&lt;c&gt;</title>')
    assert svg.count("<circle") == 1 and " L" not in svg  # a dot, no line


def test_several_provinces_group_the_strip_and_the_cards(tmp_path, schema):
    from pilkada_cli.config import load_config

    from .reports import write_report

    (tmp_path / "pilkada.yaml").write_text(
        "province: {code: '00', name: Indonesia}\n"
        "provinces: {'11': Aceh, '64': Kalimantan Timur}\n"
        "regencies:\n"
        "  - {code: '11.01', name: Kabupaten Simeulue}\n"
        "  - {code: '64.01', name: Kabupaten Paser}\n"
        "  - {code: '64.72', name: Kota Samarinda}\n", encoding="utf-8")
    config = load_config(tmp_path / "pilkada.yaml")
    for code in ("11.01", "64.01"):
        write_report(tmp_path / "inbox", schema, config, code)
    result = compile_(str(tmp_path / "inbox"), "--date", "2024-11-18", "--out",
                      str(tmp_path / "out"), "--config", str(tmp_path / "pilkada.yaml"),
                      "--format", "html")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "2024-11-18" / "briefing-2024-11-18.html").read_text("utf-8")
    assert "<caption>Aceh: Status laporan" in text
    assert "<caption>Kalimantan Timur: Status laporan" in text
    cards = text.split("<h2>Per kabupaten/kota, 1 hari terakhir</h2>")[1].split("<h2>")[0]
    assert re.findall(r"<h([34])>([^<]+)</h\1>", cards) == [
        ("3", "Aceh"), ("4", "Kabupaten Simeulue"), ("3", "Kalimantan Timur"),
        ("4", "Kabupaten Paser"), ("4", "Kota Samarinda")]
