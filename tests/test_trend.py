"""The campaign trend: the schema's trend fields day by day from the store, as a table in the
Markdown briefing and a line chart in the Word one, saying the same thing."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from pilkada_cli.cli import app
from pilkada_cli.day.inbox import sort_inbox
from pilkada_cli.day.merge import build_picture
from pilkada_cli.day.series import Point
from pilkada_cli.render.chart import render_trend
from pilkada_cli.render.markdown import render_markdown
from pilkada_cli.render.view import ChartSeries, TrendChartView, build_view

from .conftest import Desk
from .reports import DAY, make_report
from .test_compile import markdown_tables

runner = CliRunner()
PNG = b"\x89PNG\r\n\x1a\n"
TPS, EKTP = "logistik.persen_tps", "pemilih.ektp_persen"


def picture_with(schema, config, before, codes=("64.01", "64.02")):
    """Today's picture of `codes` (sample figures), with the store's earlier points."""
    reports = [make_report(schema, config, code) for code in codes]
    return build_picture(sort_inbox(reports, DAY, config), schema, config, None, before)


def days_ago(n: int) -> dt.date:
    return DAY - dt.timedelta(days=n)


def test_the_trend_has_a_row_per_day_ending_with_todays_totals(schema, config):
    before = {TPS: [Point(days_ago(2), 40.0, 10), Point(days_ago(1), 50.0, 10)],
              EKTP: [Point(days_ago(2), 80.0, 10), Point(days_ago(1), 81.25, 9)]}
    picture = picture_with(schema, config, before)
    today = picture.whole.totals[TPS]
    assert picture.trend[TPS][-1] == Point(DAY, today.value, 2)
    view = build_view(picture, config)
    (table,) = view.trend.tables
    assert table.columns == ["Tanggal", "Distribusi logistik ke TPS (%)", "Perekaman e-KTP (%)",
                             "Kabupaten/kota melapor"]
    assert table.rows[0] == ["16 November 2024", "40,0%", "80,0%", "10 dari 10"]
    # Behind one value fewer regencies than behind the other: it says so.
    assert table.rows[1] == ["17 November 2024", "50,0%", "81,3% (dari 9 kabupaten/kota)",
                             "10 dari 10"]
    assert table.rows[2][0] == "18 November 2024" and table.rows[2][-1] == "2 dari 10"
    assert table.title == ("Provinsi Kalimantan Timur per hari, 16 November 2024 – "
                           "18 November 2024")
    notes = view.trend.notes
    assert notes[0].startswith("Distribusi logistik ke TPS: dari 40,0% (16 November 2024) "
                               "menjadi ")
    assert notes[-1] == "Belum semua kabupaten/kota melapor pada 18 November 2024 (2 dari 10)."
    chart = view.trend_chart
    assert chart.dates == [days_ago(2), days_ago(1), DAY]
    assert chart.ticks == ["16 Nov\nH-11", "17 Nov\nH-10", "18 Nov\nH-9"]
    assert [s.label for s in chart.series] == ["Distribusi logistik ke TPS", "Perekaman e-KTP"]
    assert chart.series[0].values == [40.0, 50.0, today.value]
    assert chart.partial == [False, False, True]
    assert render_trend(chart).startswith(PNG)


def test_the_day_itself_comes_from_the_picture_not_the_store(schema, config):
    """A store point for the report date (a file checked elsewhere) never contradicts the
    briefing's own totals."""
    before = {TPS: [Point(days_ago(1), 50.0, 10), Point(DAY, 99.0, 10)], EKTP: []}
    picture = picture_with(schema, config, before)
    assert [p.date for p in picture.trend[TPS]] == [days_ago(1), DAY]
    assert picture.trend[TPS][-1].value == picture.whole.totals[TPS].value != 99.0


def test_fewer_than_two_days_is_said_briefly_and_no_store_means_no_section(schema, config):
    view = build_view(picture_with(schema, config, {}), config)
    assert view.trend.tables == [] and view.trend_chart is None
    assert view.trend.notes == ["Tren kampanye ditampilkan bila laporan sedikitnya dua hari "
                                "sudah tersimpan; saat ini baru 1 hari."]
    text = render_markdown(view).decode()
    assert "## Tren kampanye\n\n_Tren kampanye ditampilkan" in text
    without = build_view(picture_with(schema, config, None), config)
    assert without.trend is None and without.trend_chart is None
    assert "Tren kampanye" not in render_markdown(without).decode()


def test_a_schema_without_trend_fields_has_an_empty_trend(schema, config):
    import dataclasses

    bare = dataclasses.replace(schema, trend=())
    picture = picture_with(bare, config, {TPS: [Point(days_ago(1), 50.0, 10)]})
    assert picture.trend == {}
    assert build_view(picture, config).trend_chart is None


@pytest.mark.parametrize(("days", "lines"), [(2, 2), (9, 2), (60, 2), (7, 8)])
def test_the_chart_draws_gaps_short_and_long_campaigns_and_many_lines(days, lines):
    dates = [DAY - dt.timedelta(days=days + 5 - i) for i in range(days + 5) if i % 7 != 3]
    values = [None if i == 1 else 30 + i * 0.5 for i in range(len(dates))]
    series = [ChartSeries("a", values)] + [ChartSeries(f"b{n}", [95.0 - n] * len(dates))
                                           for n in range(lines - 1)]
    chart = TrendChartView("t", dates, [d.isoformat() for d in dates], series,
                           [i % 4 == 0 for i in range(len(dates))], "open: partial")
    assert render_trend(chart, "en").startswith(PNG)


def test_compile_with_the_store_shows_the_trend_in_markdown_and_word(desk: Desk):
    from docx import Document

    config = ["--config", str(desk.config_path)]
    days = [dt.date(2024, 11, 16), dt.date(2024, 11, 17), DAY]
    for day in days:
        inbox = desk.root / "inbox" / day.isoformat()
        desk.copy_day(day, inbox)
        formats = "md,docx,json" if day == DAY else "json"
        result = runner.invoke(app, ["compile", str(inbox), "--date", day.isoformat(),
                                     "--out", str(desk.root / "out"), "--format", formats,
                                     *config])
        assert result.exit_code == 0, result.output
    folder = desk.root / "out" / DAY.isoformat()
    text = (folder / f"briefing-{DAY}.md").read_text(encoding="utf-8")
    trend = next(t for t in markdown_tables(text) if t[0][0] == "Tanggal")
    assert [row[0] for row in trend[1:]] == ["16 November 2024", "17 November 2024",
                                             "18 November 2024"]
    assert [row[-1] for row in trend[1:]] == ["10 dari 10", "10 dari 10", "9 dari 10"]
    recap = json.loads((folder / f"rekap-{DAY}.json").read_text(encoding="utf-8"))
    assert trend[-1][1] == f"{recap['totals'][TPS]:.1f}%".replace(".", ",")
    doc = Document(str(folder / f"briefing-{DAY}.docx"))
    assert len(doc.inline_shapes) == 2
    paragraphs = [p.text for p in doc.paragraphs]
    heading = paragraphs.index("Tren kampanye")
    assert paragraphs[heading + 1] == trend_caption(text)
    # The notes under the chart are the Markdown's, word for word.
    notes = [line.strip("_") for line in text.split("## Tren kampanye")[1].split("\n## ")[0]
             .splitlines() if line.startswith("_")]
    assert paragraphs[heading + 3: heading + 3 + len(notes)] == notes


def trend_caption(text: str) -> str:
    section = text.split("## Tren kampanye")[1]
    return next(line for line in section.splitlines() if line.startswith("**")).strip("*")

