"""The one-page summary for phones (ringkasan-D.png, .pdf): its size, its map's colours
against the recap JSON, its figures in the PDF's text, the GeoJSON map and its fallback."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from typer.testing import CliRunner

from pilkada_cli.checking.validate import check_files
from pilkada_cli.cli import app
from pilkada_cli.config import Config, load_config
from pilkada_cli.day.inbox import find_workbooks, sort_inbox
from pilkada_cli.day.merge import build_picture
from pilkada_cli.render.summary import map_svg, render_summary
from pilkada_cli.render.summary.tiles import layout
from pilkada_cli.render.view import MapUnit, build_view

from .reports import DAY, SAMPLES, make_report, set_time, write_report

runner = CliRunner()
PNG, PDF, JSON = ("ringkasan-2024-11-18.png", "ringkasan-2024-11-18.pdf",
                  "rekap-2024-11-18.json")
STATUS_HUE = {"Aman": "green", "Waspada": "amber", "Rawan": "red"}


@pytest.fixture(scope="module")
def inbox(tmp_path_factory, schema) -> Path:
    """Two sample days; on the 18th Bontang has not reported and Mahakam Ulu sent only an
    invalid file (more polling stations with logistics than polling stations)."""
    root = tmp_path_factory.mktemp("summary") / "inbox"
    config = load_config(None)
    for day in ("2024-11-17", "2024-11-18"):
        shutil.copytree(SAMPLES / day, root / day)
    for path in (root / "2024-11-18").glob("*6474*"):
        path.unlink()
    write_report(root / "2024-11-18", schema, config, "64.11",
                 changes={"logistik.tps_terdistribusi": 10_000})
    for path in root.rglob("*.xlsx"):
        set_time(path, dt.date.fromisoformat(path.parent.name), 16, 30, config)
    return root


def compile_(inbox: Path, out: Path, *args: str):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Config, "today", lambda self: DAY)
        return runner.invoke(app, ["compile", str(inbox), "--date", "2024-11-18", "--out",
                                   str(out), "--no-record", *args])


@pytest.fixture(scope="module")
def run(inbox, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = compile_(inbox, out, "--format", "json,png,pdf")
    assert result.exit_code == 0, result.output
    return result, out / "2024-11-18"


@pytest.fixture(scope="module")
def recap(run) -> dict:
    return json.loads((run[1] / JSON).read_text(encoding="utf-8"))


def view_of(inbox: Path, schema, config: Config, lang: str = "id"):
    reports = list(check_files(find_workbooks(inbox), schema, config))
    picture = build_picture(sort_inbox(reports, DAY, config), schema, config)
    return build_view(picture, config, lang, inbox,
                      now=dt.datetime(2024, 11, 18, 21, 5, tzinfo=config.timezone))


def hue(rgb: tuple[int, ...]) -> str:
    r, g, b = rgb[:3]
    if max(r, g, b) - min(r, g, b) < 30:
        return "grey"
    if r > 150 and g < 90:
        return "red"
    if r > 200 and g > 140 and b < 90:
        return "amber"
    if g > r and g > b:
        return "green"
    return f"other {rgb}"


def tile_hue(image: Image.Image, box: tuple[float, float, float, float]) -> str:
    """The commonest colour of a patch in the tile's corner, away from its label."""
    x0, y0 = int(box[0]) + 3, int(box[1]) + 3
    pixels = [image.getpixel((x, y)) for x in range(x0, x0 + 12) for y in range(y0, y0 + 12)]
    return hue(Counter(pixels).most_common(1)[0][0])


def expected_hue(regency: dict) -> str:
    if regency["status"] in ("missing", "invalid"):
        return "grey"
    return STATUS_HUE[regency["values"]["situasi.status"]]


def indonesian(value: float, decimals: int = 1) -> str:
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    return f"{rounded:,}".replace(",", "_").replace(".", ",").replace("_", ".")


def shown_value(value: float, decimals: int = 1) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)


def test_the_picture_is_whatsapp_portrait_and_small(run):
    result, folder = run
    assert [Path(p).name for p in result.stdout.split()] == [JSON, PNG, PDF]
    data = (folder / PNG).read_bytes()
    assert len(data) < 300 * 1024
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG" and image.size == (1080, 1350)


def test_each_regency_is_coloured_by_its_status_in_the_recap(run, recap, inbox, schema, config):
    image = Image.open(run[1] / PNG).convert("RGB")
    boxes = render_summary(view_of(inbox, schema, config), ["png"]).boxes
    statuses = {r["code"]: r["status"] for r in recap["regencies"]}
    assert statuses["64.74"] == "missing" and statuses["64.11"] == "invalid"
    assert {expected_hue(r) for r in recap["regencies"]} == {"grey", "green", "amber", "red"}
    for regency in recap["regencies"]:
        assert tile_hue(image, boxes[regency["code"]]) == expected_hue(regency), regency["name"]


def test_the_pdf_is_one_a4_page_of_text_with_the_recaps_figures(run, recap):
    reader = PdfReader(run[1] / PDF)
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert [round(float(v)) for v in page.mediabox[2:]] == [595, 842]
    for font in page["/Resources"]["/Font"].values():
        descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor.get_object()  # TrueType, embedded
    text = page.extract_text()
    totals, changes = recap["totals"], recap["changes"]["totals"]
    for key in ("logistik.persen_tps", "pemilih.ektp_persen", "partisipasi.proyeksi"):
        assert indonesian(totals[key]) + "%" in text, key
        assert f"kemarin {indonesian(changes[key]['before'])}%" in text, key
        # The change is the difference of the two values as shown, not the exact one's.
        shown = shown_value(totals[key]) - shown_value(changes[key]["before"])
        assert f"+{indonesian(float(shown))} poin persen" in text, key
    assert f"kemarin {changes['kampanye.insiden']['before']}" in text
    assert "8 dari 10\n" in text
    assert "8 dari 10 kabupaten/kota masuk dalam rekap" in text
    assert "Belum melapor (1): Bontang" in text and "Tidak sah (1): Mahakam Ulu" in text
    assert "Senin, 18 November 2024 · H-9 · per " in text and " WITA" in text
    first = recap["tables"]["kejadian"][0]
    assert f"{first['tingkat']} · " in text


def test_workbook_text_stays_one_line_of_plain_text(schema, config):
    hostile = "Bentrok\n$x^2$\t{{ 7*7 }} <b>"
    incident = {"waktu": dt.time(9, 0), "kecamatan": "Sungai Kunjang", "kategori": "Keamanan",
                "tingkat": "Tinggi", "uraian": hostile, "status": "Selesai"}
    reports = [make_report(schema, config, r.code,
                           tables={"kejadian": [incident] if r.code == "64.72" else [],
                                   "kendala": []}) for r in config.regencies]
    picture = build_picture(sort_inbox(reports, DAY, config), schema, config)
    view = build_view(picture, config, "id")
    assert view.onepage.incidents == [
        "Tinggi · Samarinda: Bentrok $x^2$ {{ 7*7 }} <b>"]
    text = PdfReader(io.BytesIO(render_summary(view, ["pdf"]).files["pdf"])).pages[0]
    assert "Tinggi · Samarinda: Bentrok $x^2$ {{ 7*7 }} <b>\n" in text.extract_text()


def test_english(inbox, schema, config):
    drawn = render_summary(view_of(inbox, schema, config, "en"), ["pdf"])
    text = PdfReader(io.BytesIO(drawn.files["pdf"])).pages[0].extract_text()
    assert "Monday, 18 November 2024 · H-9 · as of 21:05 WITA" in text
    assert "Not reported (1): Bontang" in text and "yesterday " in text
    assert "Logistics delivered to TPS" in text


def test_the_map_alone_as_svg_for_the_html_briefing(inbox, schema, config):
    svg = map_svg(view_of(inbox, schema, config))
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "Samarinda" in svg and "Belum melapor (1): Bontang" in svg  # text as text


def squares(codes: list[str]) -> dict:
    features = []
    for i, code in enumerate(codes):
        lon, lat = 114 + (i % 4) * 0.5, 2 - (i // 4) * 0.5
        ring = [[lon, lat], [lon + 0.5, lat], [lon + 0.5, lat - 0.5], [lon, lat - 0.5],
                [lon, lat]]
        features.append({"type": "Feature", "properties": {"kode": code.replace(".", "")},
                         "geometry": {"type": "Polygon", "coordinates": [ring]}})
    return {"type": "FeatureCollection", "features": features}


def test_a_geojson_in_the_config_draws_the_real_map(tmp_path, inbox, recap, schema):
    codes = [r["code"] for r in recap["regencies"]]
    (tmp_path / "batas.geojson").write_text(json.dumps(squares(codes)), encoding="utf-8")
    (tmp_path / "pilkada.yaml").write_text("map: batas.geojson\n", encoding="utf-8")
    config = load_config(tmp_path / "pilkada.yaml")
    drawn = render_summary(view_of(inbox, schema, config), ["png"])
    assert drawn.notes == []
    image = Image.open(io.BytesIO(drawn.files["png"])).convert("RGB")
    for regency in recap["regencies"]:
        assert tile_hue(image, drawn.boxes[regency["code"]]) == expected_hue(regency)
    # Squares in a grid of four: a row of the map, not the tile map's places.
    first, second = drawn.boxes[codes[0]], drawn.boxes[codes[1]]
    assert abs(first[1] - second[1]) < 1 and second[0] > first[0]


@pytest.mark.parametrize(("content", "problem"), [
    ("{not json", "bukan GeoJSON yang sah"),
    ('{"type": "Feature"}', "bukan FeatureCollection GeoJSON"),
    (lambda doc: doc["features"][0]["properties"].clear(), "fitur ke-1 tidak memuat kode"),
    (lambda doc: doc["features"][2]["geometry"].update(type="Point"),
     "fitur 6403: geometri bukan Polygon/MultiPolygon yang sah"),
    (lambda doc: doc["features"][3]["properties"].update(kode="6499"),
     "kode yang tidak ada di konfigurasi: 6499"),
    (lambda doc: doc["features"].pop(), "kabupaten/kota tanpa batas wilayah: 64.74"),
])
def test_a_broken_geojson_falls_back_to_the_tile_map_with_a_message(
        tmp_path, inbox, schema, recap, content, problem):
    codes = [r["code"] for r in recap["regencies"]]
    if callable(content):
        doc = squares(codes)
        content(doc)
        content = json.dumps(doc)
    (tmp_path / "batas.geojson").write_text(content, encoding="utf-8")
    (tmp_path / "pilkada.yaml").write_text("map: {boundaries: batas.geojson}\n",
                                           encoding="utf-8")
    config = load_config(tmp_path / "pilkada.yaml")
    drawn = render_summary(view_of(inbox, schema, config), ["png"])
    assert len(drawn.notes) == 1 and problem in drawn.notes[0]
    assert drawn.notes[0].endswith("peta petak dipakai.")
    tiles = render_summary(view_of(inbox, schema, load_config(None)), ["png"]).boxes
    assert drawn.boxes == tiles


def test_compile_with_a_missing_map_file_says_so_and_writes_the_page(tmp_path, inbox):
    (tmp_path / "pilkada.yaml").write_text("map: tidak-ada.geojson\n", encoding="utf-8")
    result = compile_(inbox, tmp_path / "out", "--format", "png",
                      "--config", str(tmp_path / "pilkada.yaml"))
    assert result.exit_code == 0, result.output
    assert "tidak-ada.geojson: tidak dapat dibaca" in result.stderr
    assert "peta petak dipakai" in result.stderr and "Traceback" not in result.output
    assert (tmp_path / "out" / "2024-11-18" / PNG).stat().st_size > 0


def test_tile_positions_from_the_config(tmp_path, inbox, schema, config):
    codes = [r.code for r in config.regencies]
    tiles = "\n".join(f'    "{code}": [{i}, 0]' for i, code in enumerate(codes))
    (tmp_path / "pilkada.yaml").write_text(f"map:\n  tiles:\n{tiles}\n", encoding="utf-8")
    boxes = render_summary(view_of(inbox, schema, load_config(tmp_path / "pilkada.yaml")),
                           ["png"]).boxes
    lefts = [boxes[code][0] for code in codes]
    assert lefts == sorted(lefts) and len({round(boxes[c][1]) for c in codes}) == 1


@pytest.mark.parametrize(("text", "message"), [
    ('map: {tiles: {"64.99": [0, 0]}}', "map.tiles.64.99: no regency with this code"),
    ("map: {tiles: {64.10: [0, 0]}}", "write the code in quotes"),
    ('map: {tiles: {"64.01": [0]}}', "map.tiles.64.01: expected [column, row]"),
    ('map: {tiles: {"64.01": [0, 0], "64.02": [0, 0]}}', "is already 64.01's"),
    ("map: {colours: red}", "map.colours: unknown setting"),
])
def test_broken_tile_positions_are_a_config_error(tmp_path, text, message):
    (tmp_path / "pilkada.yaml").write_text(text + "\n", encoding="utf-8")
    result = runner.invoke(app, ["compile", str(tmp_path), "--config",
                                 str(tmp_path / "pilkada.yaml"), "--lang", "en"])
    assert result.exit_code == 2
    assert message in result.output


def unit(code: str) -> MapUnit:
    return MapUnit(code, code, code, None, code.split(".")[0], "level", 0, "")


def test_a_national_config_groups_each_provinces_tiles():
    provinces = {"11": 23, "12": 33, "31": 6, "64": 10, "94": 29}
    units = [unit(f"{p}.{i + 1:02d}") for p, n in provinces.items() for i in range(n)]
    grid = layout(units, {}, {p: p for p in provinces}, 2.4)
    assert len(set(grid.cells.values())) == len(units)  # no two tiles on one cell
    assert [b.code for b in grid.blocks] == list(provinces)
    for block in grid.blocks:
        members = [cell for code, cell in grid.cells.items() if code.startswith(block.code + ".")]
        assert all(block.col <= c < block.col + block.width and
                   block.row <= r < block.row + block.height for c, r in members)
    for a in grid.blocks:  # blocks never overlap
        for b in grid.blocks:
            if a is not b:
                assert (a.col + a.width <= b.col or b.col + b.width <= a.col or
                        a.row + a.height <= b.row or b.row + b.height <= a.row)
    assert grid.cols / grid.rows > 1.2  # wider than high, as the map's box on the page


def test_kalimantan_timur_has_built_in_places(config):
    grid = layout([unit(r.code) for r in config.regencies], {}, {"64": "Kaltim"}, 2.4)
    assert grid.cells["64.05"][1] < grid.cells["64.72"][1] < grid.cells["64.01"][1] + 1
    assert grid.cells["64.11"][0] == 0  # Mahakam Ulu in the far west


def test_the_html_briefing_opens_with_the_figure_tiles(inbox, recap, tmp_path):
    result = compile_(inbox, tmp_path, "--format", "html")
    assert result.exit_code == 0, result.output
    page = (tmp_path / "2024-11-18" / "briefing-2024-11-18.html").read_text(encoding="utf-8")
    tiles = page.split('<ul class="tiles"', 1)[1].split("</ul>", 1)[0]
    assert page.index('<ul class="tiles"') < page.index("<h2>")
    value = indonesian(recap["totals"]["logistik.persen_tps"]) + "%"
    assert f'<span class="value">{value}</span>' in tiles and "8 dari 10" in tiles
