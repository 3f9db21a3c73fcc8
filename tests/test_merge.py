"""The merge rules on hand-made reports: how figures combine, who counts, which file wins."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pilkada_cli.checking.schema import load_schema
from pilkada_cli.config import Regency, load_config
from pilkada_cli.day.inbox import sort_inbox
from pilkada_cli.day.merge import ProvincialPicture, build_picture

from .reports import DAY, make_report

SCHEMA = load_schema()
CONFIG = load_config(None)
CODES = [r.code for r in CONFIG.regencies]


def merge(reports, day, schema, config, received=None) -> ProvincialPicture:
    """The picture of reports already checked; without arrival times each came in on time,
    on its own day."""
    times = {r.path: dt.datetime.combine(r.date or day, dt.time(0, 0), config.timezone)
             for r in reports} | (received or {})
    return build_picture(sort_inbox(reports, day, config, times.__getitem__), schema, config)


def on(code: str, **changes):
    return make_report(SCHEMA, CONFIG, code, changes=changes)


def test_counts_add_up_over_the_regencies_that_reported(schema, config):
    reports = [on("64.01", **{"pemilih.dpt": 1000}), on("64.02", **{"pemilih.dpt": 2500}),
               on("64.03", **{"pemilih.dpt": 40})]
    picture = merge(reports, DAY, schema, config)
    total = picture.whole.totals["pemilih.dpt"]
    assert (total.value, total.covered) == (3540, 3)
    assert picture.whole.totals["logistik.kotak_suara.diterima"].value == sum(
        r.values["logistik.kotak_suara.diterima"] for r in reports)


def test_a_percentage_is_recomputed_from_the_summed_counts_not_averaged(schema, config):
    reports = [on("64.01", **{"pemilih.ektp_target": 10, "pemilih.ektp_terekam": 1}),
               on("64.02", **{"pemilih.ektp_target": 1000, "pemilih.ektp_terekam": 900})]
    picture = merge(reports, DAY, schema, config)
    assert picture.whole.totals["pemilih.ektp_persen"].value == pytest.approx(100 * 901 / 1010)
    # The mean of the two percentages (10% and 90%) would be 50%.
    assert picture.whole.totals["pemilih.ektp_persen"].value != pytest.approx(50)


def test_projected_turnout_is_weighted_by_dpt(schema, config):
    reports = [on("64.01", **{"pemilih.dpt": 100, "partisipasi.proyeksi": 70}),
               on("64.02", **{"pemilih.dpt": 300, "partisipasi.proyeksi": 90})]
    total = merge(reports, DAY, schema, config).whole.totals["partisipasi.proyeksi"]
    assert total.value == pytest.approx(85.0)
    assert total.covered == 2


def test_weighted_mean_skips_a_regency_without_its_weight(schema, config):
    reports = [on("64.01", **{"pemilih.dpt": 100, "partisipasi.proyeksi": 70}),
               on("64.02", **{"pemilih.dpt": None, "partisipasi.proyeksi": 10})]
    total = merge(reports, DAY, schema, config).whole.totals["partisipasi.proyeksi"]
    assert (total.value, total.covered) == (70, 1)


def test_status_shows_the_worst_level_and_how_many_stand_at_each(schema, config):
    reports = [on("64.01", **{"situasi.status": "Aman"}),
               on("64.02", **{"situasi.status": "Waspada"}),
               on("64.03", **{"situasi.status": "Aman"}),
               on("64.04", **{"situasi.status": "Rawan"})]
    total = merge(reports, DAY, schema, config).whole.totals["situasi.status"]
    assert total.value == "Rawan"
    assert total.counts == (("Rawan", 1), ("Waspada", 1), ("Aman", 2))


def test_narratives_are_listed_per_regency(schema, config):
    reports = [on("64.01", **{"situasi.narasi": "Aman terkendali."}),
               on("64.72", **{"situasi.narasi": "Patroli rutin."})]
    total = merge(reports, DAY, schema, config).whole.totals["situasi.narasi"]
    assert total.value == {"64.01": "Aman terkendali.", "64.72": "Patroli rutin."}


def test_a_missing_regency_never_counts_as_zero(schema, config):
    reports = [on(code) for code in CODES if code != "64.11"]
    picture = merge(reports, DAY, schema, config)
    whole = picture.whole
    assert whole.reporting.missing == ("64.11",)
    assert whole.reporting.included == 9
    row = next(r for r in picture.rows if r.regency.code == "64.11")
    assert (row.status, row.values, row.included) == ("missing", {}, False)
    for key in ("pemilih.dpt", "logistik.persen_tps", "partisipasi.proyeksi"):
        assert whole.totals[key].covered == 9
    # Mahakam Ulu's absence lowers neither the percentages nor the weighted mean.
    alone = merge([on("64.01")], DAY, schema, config).whole.totals
    assert alone["logistik.persen_tps"].value == pytest.approx(
        make_report(schema, config, "64.01").values["logistik.persen_tps"])


def test_an_invalid_report_is_left_out_and_marked(schema, config):
    reports = [on("64.01"), make_report(schema, config, "64.02", errors=2)]
    picture = merge(reports, DAY, schema, config)
    row = picture.rows[1]
    assert (row.status, row.included, len(row.errors)) == ("invalid", False, 2)
    assert picture.whole.reporting.invalid == 1
    assert picture.whole.totals["pemilih.dpt"].value == reports[0].values["pemilih.dpt"]


def test_the_newest_valid_file_wins_and_the_others_are_superseded(schema, config):
    old = make_report(schema, config, "64.03", changes={"pemilih.dpt": 1}, name="a.xlsx")
    new = make_report(schema, config, "64.03", changes={"pemilih.dpt": 2}, name="b.xlsx")
    at = {Path("a.xlsx"): _at(17, 0), Path("b.xlsx"): _at(17, 30)}
    picture = merge([new, old], DAY, schema, config, received=at)
    assert picture.whole.totals["pemilih.dpt"].value == 2
    assert [(s.path.name, w.path.name) for s, w in picture.superseded] == [("a.xlsx", "b.xlsx")]


def test_a_newer_invalid_file_does_not_displace_a_valid_one(schema, config):
    valid = make_report(schema, config, "64.03", changes={"pemilih.dpt": 7}, name="a.xlsx")
    broken = make_report(schema, config, "64.03", errors=1, name="b.xlsx")
    at = {Path("a.xlsx"): _at(16, 0), Path("b.xlsx"): _at(17, 0)}
    picture = merge([valid, broken], DAY, schema, config, received=at)
    row = picture.rows[2]
    assert (row.status, row.values["pemilih.dpt"]) == ("reported", 7)
    assert [s.path.name for s, _ in picture.superseded] == ["b.xlsx"]


def test_equal_times_are_settled_by_name(schema, config):
    one = make_report(schema, config, "64.03", changes={"pemilih.dpt": 1}, name="x1.xlsx")
    two = make_report(schema, config, "64.03", changes={"pemilih.dpt": 2}, name="x2.xlsx")
    for order in ([one, two], [two, one]):
        assert merge(order, DAY, schema, config).whole.totals["pemilih.dpt"].value == 2


def test_a_report_after_the_deadline_is_late_but_counted(schema, config):
    report = on("64.01")
    picture = merge([report], DAY, schema, config, received={report.path: _at(19, 15)})
    assert picture.rows[0].status == "late"
    assert picture.whole.reporting.late == 1
    assert picture.whole.totals["pemilih.dpt"].covered == 1


def test_a_correction_after_the_deadline_is_not_late(schema, config):
    first = make_report(schema, config, "64.01", changes={"pemilih.dpt": 1}, name="a.xlsx")
    fixed = make_report(schema, config, "64.01", changes={"pemilih.dpt": 2}, name="b.xlsx")
    at = {Path("a.xlsx"): _at(17, 0), Path("b.xlsx"): _at(20, 0)}
    picture = merge([first, fixed], DAY, schema, config, received=at)
    assert picture.rows[0].status == "reported"
    assert picture.whole.totals["pemilih.dpt"].value == 2


def test_a_file_copied_days_later_is_not_called_late(schema, config):
    report = on("64.01")
    later = _at(10, 0) + dt.timedelta(days=30)
    picture = merge([report], DAY, schema, config, received={report.path: later})
    assert picture.rows[0].status == "reported"


def test_changes_compare_the_same_regencies_on_both_days(schema, config):
    eve = DAY - dt.timedelta(days=1)
    yesterday = [make_report(schema, config, c, eve, {"logistik.jumlah_tps": 100,
                                                      "logistik.tps_terdistribusi": 50})
                 for c in ("64.01", "64.02", "64.11")]
    today = [make_report(schema, config, c, DAY, {"logistik.jumlah_tps": 100,
                                                  "logistik.tps_terdistribusi": 80})
             for c in ("64.01", "64.02")]
    picture = merge(yesterday + today, DAY, schema, config)
    change = picture.whole.changes["logistik.persen_tps"]
    assert (change.before, change.after, change.covered) == (50, 80, 2)
    assert picture.whole.changes["logistik.tps_terdistribusi"].delta == 60
    assert picture.whole.compared == 2
    mahulu = picture.rows[6]
    assert mahulu.status == "missing" and mahulu.last_known == eve


def test_free_table_rows_come_most_severe_first(schema, config):
    def incident(level: str, what: str) -> dict:
        return {"waktu": dt.time(9, 0), "kecamatan": "Kecamatan Hulu", "kategori": "Keamanan",
                "tingkat": level, "uraian": what, "tindakan": None, "status": "Selesai"}

    reports = [
        make_report(schema, config, "64.01", tables={"kejadian": [incident("Rendah", "a"),
                                                                  incident("Sedang", "b")]}),
        make_report(schema, config, "64.02", tables={"kejadian": [incident("Tinggi", "c")]}),
    ]
    entries = merge(reports, DAY, schema, config).entries["kejadian"]
    assert [e.row["uraian"] for e in entries] == ["c", "b", "a"]


def test_several_provinces_get_a_subtotal_each_and_a_national_total(schema):
    regencies = (Regency("11.01", "Kabupaten Simeulue"), Regency("11.71", "Kota Banda Aceh"),
                 Regency("64.01", "Kabupaten Paser"))
    config = dataclasses.replace(CONFIG, regencies=regencies, province_code="00",
                                 province_name="Indonesia",
                                 provinces={"11": "Aceh", "64": "Kalimantan Timur"})
    reports = [dataclasses.replace(make_report(schema, CONFIG, "64.01"), regency=r,
                                   path=Path(f"{r.code}.xlsx")) for r in regencies]
    picture = merge(reports, DAY, schema, config)
    assert [g.name for g in picture.provinces] == ["Aceh", "Kalimantan Timur"]
    subtotals = [g.totals["pemilih.dpt"].value for g in picture.provinces]
    assert sum(subtotals) == picture.whole.totals["pemilih.dpt"].value
    assert [g.reporting.expected for g in picture.provinces] == [2, 1]


@settings(max_examples=40, deadline=None)
@given(order=st.permutations(list(range(12))), absent=st.sets(st.sampled_from(CODES),
                                                                   max_size=4))
def test_the_province_does_not_depend_on_the_order_of_the_files(order, absent):
    reports = [make_report(SCHEMA, CONFIG, code, changes={"partisipasi.proyeksi": 70.1 + i * 1.3})
               for i, code in enumerate(CODES) if code not in absent]
    # Two extra files: an older copy and an invalid one.
    reports.append(make_report(SCHEMA, CONFIG, "64.03", changes={"pemilih.dpt": 1},
                               name="0-older.xlsx"))
    reports.append(make_report(SCHEMA, CONFIG, "64.05", errors=1, name="zz-broken.xlsx"))
    shuffled = [reports[i] for i in order if i < len(reports)]
    first = merge(reports, DAY, SCHEMA, CONFIG)
    again = merge(shuffled, DAY, SCHEMA, CONFIG)
    assert again.whole.totals == first.whole.totals
    assert [r.status for r in again.rows] == [r.status for r in first.rows]
    counted = [r for r in first.rows if r.included]
    assert first.whole.totals["pemilih.dpt"].value == sum(r.values["pemilih.dpt"]
                                                          for r in counted)


def test_sort_inbox_lists_unidentified_files_and_other_dates(schema, config):
    unknown = dataclasses.replace(on("64.01"), regency=None, path=Path("x.xlsx"))
    other = make_report(schema, config, "64.02", DAY - dt.timedelta(days=5))
    inbox = sort_inbox([unknown, other, on("64.03")], DAY, config)
    assert [r.path.name for r in inbox.unidentified] == ["x.xlsx"]
    assert list(inbox.other_dates) == [DAY - dt.timedelta(days=5)]
    picture = build_picture(inbox, schema, config)
    assert picture.whole.reporting.included == 1


def _at(hour: int, minute: int) -> dt.datetime:
    return dt.datetime.combine(DAY, dt.time(hour, minute), CONFIG.timezone)
