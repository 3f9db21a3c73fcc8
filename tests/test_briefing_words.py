"""The briefing's words, as the Sekda reads them: changes like for like and said on what
basis, changes that are the difference of the values shown, the summary's reading order
and the figures it owes, the closing and the salutation, in Markdown, Word and HTML."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from pilkada_cli.cli import app
from pilkada_cli.config import Config, load_config
from pilkada_cli.day.merge import Change
from pilkada_cli.formats import fmt_percent
from pilkada_cli.render.view.base import Base

from .reports import DAY, copy_samples, set_time, write_report
from .test_compile import markdown_tables

runner = CliRunner()
BASIS = "pada 9 kabupaten/kota yang melapor kedua hari"
SIGNED = ("signature: {place: Samarinda, title: 'Ketua Desk Pilkada Provinsi Kalimantan Timur',"
          " name: 'Dr. Budi Santoso, M.Si.', nip: 196501011990031001}\n"
          "targets: {partisipasi.proyeksi: 80}\n")


def timed_inbox(folder: Path, *days: str) -> Path:
    """The named sample days, each file arrived at 16.30 WITA on its day."""
    inbox = copy_samples(folder, *days)
    config = load_config(None)
    for path in inbox.rglob("*.xlsx"):
        set_time(path, dt.date.fromisoformat(path.parent.name), 16, 30, config)
    return inbox


def compile_day(inbox: Path, out: Path, day: str, *extra: str) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Config, "today", lambda self: DAY)
        result = runner.invoke(app, ["compile", str(inbox), "--date", day, "--out", str(out),
                                     "--format", "md,docx,html,json", *extra])
    assert result.exit_code == 0, result.output
    return out / day


@pytest.fixture(scope="module")
def signed(tmp_path_factory) -> Path:
    """17 and 18 November (Mahakam Ulu missing on the 18th), with a config that names the
    Desk's head and a target of 80%."""
    root = tmp_path_factory.mktemp("signed")
    inbox = timed_inbox(root / "inbox", "2024-11-17", "2024-11-18")
    config = root / "pilkada.yaml"
    config.write_text(SIGNED, encoding="utf-8")
    return compile_day(inbox, root / "out", "2024-11-18", "--config", str(config))


def summary_items(markdown: str) -> dict[str, str]:
    """The executive summary's bullets as parsed, label -> text, in order."""
    part = markdown.split("## Ringkasan eksekutif")[1].split("\n## ")[0]
    tokens = MarkdownIt("commonmark").parse(part)
    items = {}
    for token in tokens:
        kinds = [c.type for c in token.children or []]
        if token.type == "inline" and "strong_open" in kinds:
            at = kinds.index("strong_open")
            children = token.children or []
            label = children[at + 1].content.rstrip(":")
            items[label] = "".join(c.content for c in children[at + 3:]).strip()
    return items


def read(folder: Path, kind: str) -> str:
    return (folder / f"{kind}-{folder.name}.{'json' if kind == 'rekap' else 'md'}").read_text(
        encoding="utf-8")


def word_lines(folder: Path) -> list[str]:
    from docx import Document

    return [p.text for p in Document(str(folder / f"briefing-{folder.name}.docx")).paragraphs]


# -- a change is the difference of the values as shown -------------------------------------------
@pytest.fixture(scope="module")
def base(schema, config) -> Base:
    return Base(SimpleNamespace(schema=schema, multi_province=False), config, "id",  # type: ignore[arg-type]
                None)


@pytest.mark.parametrize(("before", "after", "said"), [
    (81.64, 94.66, "+13,1 poin persen"),   # the exact +13,02 would say +13,0
    (90.66, 92.84, "+2,1 poin persen"),    # 90,7% → 92,8%, not the exact +2,18's +2,2
    (79.05, 79.149, "tetap"),              # both 79,1%: the exact +0,099 would say +0,1
    (79.04, 79.05, "+0,1 poin persen"),    # 79,0% → 79,1% (half up), though only +0,01
    (85.45, 85.34, "−0,2 poin persen"),    # 85,5% → 85,3%
    (0.0, 100.0, "+100,0 poin persen"),
])
def test_a_percentage_change_is_the_difference_of_the_rounded_values(base, before, after,
                                                                     said):
    fld = base.fields["pemilih.ektp_persen"]
    assert base.delta(fld, Change(before, after, 9)) == said


def test_counts_and_levels_change_as_before(base):
    assert base.delta(base.fields["kampanye.kegiatan"], Change(106, 129, 9)) == "+23"
    assert base.delta(base.fields["kampanye.pelanggaran"], Change(12, 11, 9)) == "−1"
    assert base.delta(base.fields["situasi.status"], Change("Aman", "Rawan", 9)) == "memburuk"


def test_the_english_change_is_in_percentage_points(schema, config):
    english = Base(SimpleNamespace(schema=schema, multi_province=False), config, "en",  # type: ignore[arg-type]
                   None)
    fld = english.fields["pemilih.ektp_persen"]
    assert english.delta(fld, Change(81.64, 94.66, 9)) == "+13.1 percentage points"


def _shown(value: float) -> Decimal:
    return Decimal(fmt_percent(value).rstrip("%").replace(".", "").replace(",", "."))


@given(st.floats(0, 100), st.floats(0, 100))
def test_any_change_adds_up_from_the_values_shown(base, before, after):
    said = base.delta(base.fields["pemilih.ektp_persen"], Change(before, after, 9))
    difference = _shown(after) - _shown(before)
    if difference == 0:
        assert said == "tetap"
    else:
        sign = "+" if difference > 0 else "−"
        assert said == f"{sign}{str(abs(difference)).replace('.', ',')} poin persen"


# -- like for like, and said so --------------------------------------------------------------------
def test_every_change_beside_a_province_total_says_its_basis(signed):
    markdown = read(signed, "briefing")
    items = summary_items(markdown)
    assert items["Kampanye"].count(f" {BASIS})") == 3
    for label in ("Perekaman e-KTP", "Distribusi logistik ke TPS", "Proyeksi partisipasi"):
        assert f"poin persen {BASIS})" in items[label], label
    province = next(t for t in markdown_tables(markdown)
                    if t[0] == ["Indikator", "Kemarin", "Hari ini", "Perubahan"])
    # The basis heads the province's table: both days' figures rest on it too.
    assert len(province) > 10 and not any(BASIS in row[3] for row in province[1:])
    assert f"**Provinsi Kalimantan Timur {BASIS}**" in markdown
    html = (signed / "briefing-2024-11-18.html").read_text(encoding="utf-8")
    assert html.count(f'<span class="basis">{BASIS}</span>') == 4  # each figure tile
    assert any(BASIS in line for line in word_lines(signed))


def test_with_every_regency_on_both_days_the_change_is_yesterdays_published_total(tmp_path):
    inbox = timed_inbox(tmp_path / "inbox", "2024-11-16", "2024-11-17")
    sixteenth = json.loads(read(compile_day(inbox, tmp_path / "out", "2024-11-16"), "rekap"))
    folder = compile_day(inbox, tmp_path / "out", "2024-11-17")
    markdown = read(folder, "briefing")
    assert "yang melapor kedua hari" not in markdown
    province = next(t for t in markdown_tables(markdown) if t[0][:2] == ["Indikator", "Kemarin"])
    events = next(row for row in province if row[0] == "Kegiatan kampanye")
    assert events[1] == str(sixteenth["totals"]["kampanye.kegiatan"])


# -- the executive summary -------------------------------------------------------------------------
def test_the_summary_opens_with_what_worsened_and_why(signed):
    items = list(summary_items(read(signed, "briefing")).items())
    assert [label for label, _ in items[:3]] == ["Memburuk sejak kemarin", "Pelaporan",
                                                 "Status situasi"]
    worse = items[0][1]
    assert worse.startswith(f"Status situasi provinsi dari Waspada menjadi Rawan {BASIS};")
    # The worst first, in the regency's own words from its narrative.
    assert ("Kabupaten Kutai Kartanegara dari Aman/kondusif menjadi Rawan (Bentrokan kecil "
            "antarpendukung; situasi dikendalikan aparat gabungan);") in worse
    assert "Penajam Paser Utara" not in worse  # it got better
    assert items[1][1].startswith("9 dari 10 kabupaten/kota masuk dalam rekap (keadaan per "
                                  "18 November 2024 16.30 WITA, berkas terakhir yang dipakai)")


def test_the_summary_has_no_stilted_wording(signed):
    part = read(signed, "briefing").split("## Ringkasan eksekutif")[1].split("\n## ")[0]
    for stilted in ("terburuk", "tingkat tertinggi", "(%):", "(%)**", " poin)", " poin;"):
        assert stilted not in part, stilted
    assert "poin persen" in part


def test_the_summary_gives_what_is_missing_as_numbers(signed):
    items = summary_items(read(signed, "briefing"))
    recap = json.loads(read(signed, "rekap"))
    totals = recap["totals"]

    def n(value: int) -> str:
        return f"{value:,}".replace(",", ".")

    tps = totals["logistik.jumlah_tps"]
    assert (f"belum {n(tps - totals['logistik.tps_terdistribusi'])} dari {n(tps)} (Jumlah TPS)"
            in items["Distribusi logistik ke TPS"])
    assert (f"belum {n(totals['pemilih.ektp_target'] - totals['pemilih.ektp_terekam'])} dari "
            f"{n(totals['pemilih.ektp_target'])} (Target perekaman e-KTP)"
            in items["Perekaman e-KTP"])
    short = totals["logistik.surat_suara_gubernur.kebutuhan"] - \
        totals["logistik.surat_suara_gubernur.diterima"]
    assert (f"masih kurang (Kebutuhan dikurangi Diterima): Surat suara Gubernur {n(short)}, "
            in items["Logistik pemilihan"])
    assert "Distribusi (%) semua jenis 85,4%" in items["Logistik pemilihan"]
    assert items["Netralitas (dugaan pelanggaran)"].startswith(
        "Jumlah kumulatif sejak awal tahapan: ASN (dilaporkan 23")
    assert items["Netralitas (dugaan pelanggaran)"].endswith(
        "; nihil: Penyelenggara KPU, Pengawas Bawaslu, TNI/Polri.")
    assert items["Kampanye"].startswith("Jumlah pada hari laporan saja, bukan kumulatif: ")
    assert "; target provinsi 80,0%;" in items["Proyeksi partisipasi"]  # from the config
    top = [e for e in recap["tables"]["kejadian"] if e["tingkat"] == "Tinggi"]
    assert len(top) == 2
    assert items["Kejadian menonjol"].endswith("paling berat (Tinggi): " + "; ".join(
        f"{next(r['name'] for r in recap['regencies'] if r['code'] == e['regency'])}: "
        f"{e['uraian']}" for e in top) + ".")


def test_an_item_lagging_behind_is_named(tmp_path, schema, config):
    inbox = timed_inbox(tmp_path / "inbox", "2024-11-18")
    paser = inbox / "2024-11-18" / "laporan-6401-2024-11-18.xlsx"
    paser.unlink()
    set_time(write_report(inbox / "2024-11-18", schema, config, "64.01",
                          changes={"logistik.tinta.didistribusikan": 100}), DAY, 16, 30, config)
    items = summary_items(read(compile_day(inbox, tmp_path / "out", "2024-11-18"), "briefing"))
    assert items["Logistik pemilihan"].startswith("Distribusi (%) terendah: Tinta ")


def test_the_changes_name_the_figures_that_did_not_change(signed):
    markdown = read(signed, "briefing")
    recap = json.loads(read(signed, "rekap"))
    listed = markdown.split("_Tidak berubah: ")[1].split("._\n")[0].split(", ")
    same = {recap["fields"][k]["label"] for k, c in recap["changes"]["totals"].items()
            if c["before"] == c["after"]}
    assert set(listed) <= same and "Jumlah TPS" in listed and "angka lain" not in markdown


def test_the_province_rows_sums_are_said_to_be_of_those_who_reported(signed):
    markdown = read(signed, "briefing")
    voters = markdown.split("### Pemilih dan perekaman e-KTP")[1].split("\n### ")[0]
    assert ("_Angka jumlah pada baris provinsi adalah jumlah dari 9 kabupaten/kota yang "
            "melapor, tanpa Kabupaten Mahakam Ulu._") in voters


# -- salutation and closing ------------------------------------------------------------------------
def test_the_briefings_are_addressed_to_the_acting_governor_and_signed(signed):
    to = "Kepada Yth. Pj. Gubernur Kalimantan Timur dan Sekretaris Daerah Provinsi Kalimantan Timur"
    markdown = read(signed, "briefing")
    html = (signed / "briefing-2024-11-18.html").read_text(encoding="utf-8")
    lines = word_lines(signed)
    head = markdown.split("> **Perlu perhatian**")[0].splitlines()
    assert head[-2] == to and f'<p class="to">{to}</p></header>' in html.replace("\n", "")
    assert lines.index(to) < lines.index("Perlu perhatian")
    closing = markdown.split("\n## Lampiran")[0].rsplit("\n\n", 2)[-2:]
    assert closing[0] == ("Laporan ini adalah laporan harian Desk Pilkada Provinsi Kalimantan "
                          "Timur kepada Kementerian Dalam Negeri.")
    rendered = MarkdownIt("commonmark").render(closing[1])
    assert rendered == ("<p>Samarinda, 18 November 2024<br />\nKetua Desk Pilkada Provinsi "
                        "Kalimantan Timur<br />\n<strong>Dr. Budi Santoso, M.Si.</strong><br />\n"
                        "NIP 196501011990031001</p>\n")
    signature = ["Samarinda, 18 November 2024", "Ketua Desk Pilkada Provinsi Kalimantan Timur",
                 "Dr. Budi Santoso, M.Si.", "NIP 196501011990031001"]
    start = lines.index(signature[0])
    assert lines[start:start + 4] == signature
    assert lines.index(closing[0]) < start < lines.index("Lampiran: kelengkapan data")
    assert ("Samarinda, 18 November 2024<br>Ketua Desk Pilkada Provinsi Kalimantan Timur<br><br>"
            "<br><strong>Dr. Budi Santoso, M.Si.</strong><br>NIP 196501011990031001") in html


def test_a_signature_not_configured_is_left_out(tmp_path):
    folder = compile_day(timed_inbox(tmp_path / "inbox", "2024-11-18"), tmp_path / "out",
                         "2024-11-18")
    markdown = read(folder, "briefing")
    assert "Samarinda, 18 November 2024\n\n## Lampiran" in markdown
    assert "None" not in markdown and "NIP" not in markdown
    lines = word_lines(folder)
    after = lines[lines.index("Samarinda, 18 November 2024") + 1:]
    assert "NIP" not in " ".join(after) and "None" not in " ".join(lines)



def test_a_regency_back_today_is_not_counted_in_the_change(tmp_path):
    """Mahakam Ulu missing on the 16th, back on the 17th: today's total has 10 regencies,
    the change 9, and says so."""
    inbox = timed_inbox(tmp_path / "inbox", "2024-11-16", "2024-11-17")
    (inbox / "2024-11-16" / "laporan-6411-2024-11-16.xlsx").unlink()
    items = summary_items(read(compile_day(inbox, tmp_path / "out", "2024-11-17"), "briefing"))
    assert items["Pelaporan"].startswith("10 dari 10 kabupaten/kota masuk dalam rekap")
    assert f"poin persen {BASIS})" in items["Perekaman e-KTP"]
