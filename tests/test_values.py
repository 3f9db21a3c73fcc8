"""Reading what people type: numbers, dates, times, phones, choices and regency names."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pilkada_cli.checking.schema import Choice, Labels
from pilkada_cli.checking.values import (
    RegencyMatcher,
    read_choice,
    read_date,
    read_number,
    read_phone,
    read_time,
)
from pilkada_cli.config import Regency
from pilkada_cli.formats import fmt_number


@pytest.mark.parametrize(("raw", "kind", "value", "code"), [
    (1234, "integer", 1234, None),
    (7.0, "integer", 7, None),
    ("1.234.567", "integer", 1234567, "number-as-text"),
    ("1 234", "integer", 1234, "number-as-text"),
    ("1\u00a0234\u00a0567", "integer", 1234567, "number-as-text"),
    (" 42 ", "integer", 42, "number-as-text"),
    ("1,234,567", "integer", 1234567, "number-as-text"),
    ("nihil", "integer", 0, "nil-as-zero"),
    ("Nihil", "integer", 0, "nil-as-zero"),
    ("-", "integer", 0, "nil-as-zero"),
    ("79,4", "percent", 79.4, "number-as-text"),
    ("79.4", "percent", 79.4, "number-as-text"),
    ("79,4%", "percent", 79.4, "number-as-text"),
    ("1.234,5", "number", 1234.5, "number-as-text"),
    (80.5, "percent", 80.5, None),
])
def test_numbers_are_read_as_meant(raw, kind, value, code):
    parsed = read_number(raw, kind)
    assert (parsed.value, parsed.code) == (value, code)


@pytest.mark.parametrize(("raw", "kind"), [
    ("seratus", "integer"), ("12 orang", "integer"), ("1,234", "integer"), ("7.5", "integer"),
    (7.5, "integer"), ("", "integer"), (float("nan"), "number"), (True, "integer"),
    (dt.date(2024, 1, 1), "integer"), ("1.2.3", "number"), ("--5", "integer"),
])
def test_numbers_that_cannot_be_read_are_errors(raw, kind):
    assert read_number(raw, kind) == read_number(raw, kind)
    parsed = read_number(raw, kind)
    assert parsed.value is None and parsed.code == "type-error"


@given(st.integers(min_value=0, max_value=10**12))
def test_an_indonesian_formatted_count_reads_back(n):
    parsed = read_number(fmt_number(n, "id"), "integer")
    assert parsed.value == n


@given(st.text(max_size=30))
def test_any_text_in_a_number_cell_is_a_number_or_an_error(text):
    for kind in ("integer", "number", "percent"):
        parsed = read_number(text, kind)
        assert (parsed.value is None) == (parsed.code == "type-error")
        if parsed.value is not None and kind == "integer":
            assert isinstance(parsed.value, int)


@pytest.mark.parametrize(("raw", "day", "code"), [
    (dt.date(2024, 11, 18), dt.date(2024, 11, 18), None),
    (dt.datetime(2024, 11, 18, 0, 0), dt.date(2024, 11, 18), None),
    ("Senin, 18 Nopember 2024", dt.date(2024, 11, 18), "date-as-text"),
    ("18 November 2024", dt.date(2024, 11, 18), "date-as-text"),
    ("18 nov 2024", dt.date(2024, 11, 18), "date-as-text"),
    ("18-Nov-24", dt.date(2024, 11, 18), "date-as-text"),
    ("5 Pebruari 2024", dt.date(2024, 2, 5), "date-as-text"),
    ("18/11/2024", dt.date(2024, 11, 18), "date-as-text"),
    ("18.11.2024", dt.date(2024, 11, 18), "date-as-text"),
    ("2024-11-18", dt.date(2024, 11, 18), "date-as-text"),
    (45614, dt.date(2024, 11, 18), "date-serial"),
    (45614.0, dt.date(2024, 11, 18), "date-serial"),
])
def test_dates_in_the_forms_people_type(raw, day, code):
    parsed = read_date(raw)
    assert (parsed.value, parsed.code) == (day, code)


@pytest.mark.parametrize("raw", ["31 Pebruari 2024", "besok", "18 Movember 2024", 12, "11/2024"])
def test_dates_that_cannot_be_read(raw):
    assert read_date(raw).code == "type-error"


@pytest.mark.parametrize(("raw", "time"), [
    ("14.30", dt.time(14, 30)), ("14:30", dt.time(14, 30)), ("pukul 09.15 WITA", dt.time(9, 15)),
    (dt.time(8, 0), dt.time(8, 0)), (0.5, dt.time(12, 0)),
    (dt.datetime(1899, 12, 31, 17, 30), dt.time(17, 30)),
])
def test_times(raw, time):
    assert read_time(raw).value == time


@pytest.mark.parametrize(("raw", "value", "code"), [
    ("0812-3456-7890", "081234567890", None),
    ("+62 812 3456 7890", "081234567890", None),
    ("(0541) 123456", "0541123456", None),
    (81234567890, "081234567890", "phone-as-number"),
    ("12345", None, "invalid-phone"),
    ("0000000000", None, "invalid-phone"),
    ("telepon kantor", None, "invalid-phone"),
])
def test_phone_numbers(raw, value, code):
    parsed = read_phone(raw)
    assert (parsed.value, parsed.code) == (value, code)


STATUS = (Choice("Aman", Labels("Aman/kondusif", "Safe"), ("Kondusif",)),
          Choice("Waspada", Labels("Waspada", "Alert")), Choice("Rawan", Labels("Rawan", "V")))


@pytest.mark.parametrize(("raw", "value", "code"), [
    ("Aman", "Aman", None), ("aman", "Aman", "choice-spelling"),
    ("Aman / Kondusif", "Aman", "choice-spelling"), ("KONDUSIF", "Aman", "choice-spelling"),
    ("Alert", "Waspada", "choice-spelling"), ("Gawat", None, "invalid-choice"),
])
def test_choices(raw, value, code):
    parsed = read_choice(raw, STATUS)
    assert (parsed.value, parsed.code) == (value, code)


@pytest.mark.parametrize(("raw", "code", "issue"), [
    ("Kabupaten Kutai Kartanegara", "64.03", None),
    ("Kab. Kutai Kartanegara", "64.03", "regency-spelling"),
    ("KAB KUTAI KARTANEGARA", "64.03", "regency-spelling"),
    ("Kukar", "64.03", "regency-spelling"),
    ("kutai  kartanegara ", "64.03", "regency-spelling"),
    ("Kabupaten\u00a0Paser", "64.01", "regency-spelling"),
    ("Kota Samarinda", "64.72", None),
    ("SMD", "64.72", "regency-spelling"),
    ("Pemkot Balikpapan", "64.71", "regency-spelling"),
    ("Mahakam Hulu", "64.11", "regency-spelling"),
    ("64.74", "64.74", "regency-spelling"),
    ("Kota Paser", None, "unknown-regency"),
    ("Kabupaten Antah Berantah", None, "unknown-regency"),
])
def test_regency_names_people_type(config, raw, code, issue):
    parsed = RegencyMatcher(config.regencies).match(raw)
    assert (parsed.value.code if parsed.value else None, parsed.code) == (code, issue)


def test_a_name_shared_by_a_regency_and_a_city_needs_its_kind():
    matcher = RegencyMatcher((Regency("32.04", "Kabupaten Bandung"),
                              Regency("32.73", "Kota Bandung")))
    assert matcher.match("Bandung").code == "ambiguous-regency"
    assert matcher.match("Kab. Bandung").value.code == "32.04"
    assert matcher.match("KOTA BANDUNG").value.code == "32.73"
