""""Perlu perhatian": each rule on a scenario inbox of real workbooks (four days, ten
regencies, each regency set up to trip one rule), compiled through the CLI with the store
and without it; and the schema's `attention:` key."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document
from typer.testing import CliRunner

from pilkada_cli.checking.schema import default_schema_path, load_schema
from pilkada_cli.cli import app
from pilkada_cli.config import load_config
from pilkada_cli.errors import SchemaError
from pilkada_cli.senders.samples import report_values

from .conftest import raises_in_english
from .reports import set_time, write_report

runner = CliRunner()
DAY = dt.date(2024, 11, 18)
DAYS = [DAY - dt.timedelta(days=n) for n in (3, 2, 1, 0)]  # 15 … 18 November
INCIDENT_A = {"waktu": dt.time(9, 0), "kecamatan": "Kecamatan Hulu", "kategori": "Keamanan",
              "tingkat": "Tinggi", "uraian": "Bentrok antarpendukung di lapangan desa",
              "tindakan": "Dilerai aparat", "status": "Dalam penanganan"}
INCIDENT_B = {"waktu": dt.time(14, 0), "kecamatan": "Kecamatan Hilir", "kategori": "Politik uang",
              "tingkat": "Tinggi", "uraian": "Pembagian uang kepada pemilih",
              "tindakan": "Dilaporkan ke Bawaslu", "status": "Dalam penanganan"}
INCIDENT_C = {"waktu": dt.time(16, 0), "kecamatan": "Kecamatan Tengah", "kategori": "Lainnya",
              "tingkat": "Sedang", "uraian": "Baliho dirusak", "tindakan": "Dicatat",
              "status": "Selesai"}


def values_for(code: str, day: dt.date, config) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A regency's figures for one day, with every rule quiet but the one it is set to trip."""
    index = [r.code for r in config.regencies].index(code)
    regency = config.regencies[index]
    # 64.09 sends the same report every day from 16 November on (a copied report).
    values, _ = report_values(regency, min(day, DAYS[1]) if code == "64.09" else day, index)
    values["identitas.tanggal"] = day
    values["situasi.status"] = "Aman"
    values["kampanye.kegiatan"] = 10
    for key in [k for k in values if k.startswith("netralitas.")]:
        values[key] = 0
    percent = 94 + DAYS.index(day)  # 94 … 97%: on pace
    incidents: list[dict[str, Any]] = []
    if code == "64.01" and day == DAY:
        values["situasi.status"] = "Waspada"  # worse than yesterday
    if code == "64.02":
        values["situasi.status"] = "Rawan"  # at the worst level, as yesterday
    if code == "64.03":
        values["situasi.status"] = "Waspada" if day < DAY else "Rawan"  # worse, to the worst
    if code == "64.04" and day >= DAYS[2]:
        incidents = [INCIDENT_A] if day < DAY else [
            {**INCIDENT_A, "status": "Selesai"}, INCIDENT_B, INCIDENT_C]
    if code == "64.05":
        percent = 40 + 5 * DAYS.index(day)  # 5 points a day: 100% only on 27 November
    if code == "64.09":
        percent = 55 if day == DAYS[0] else 60  # not moving since 16 November
    if code == "64.71":
        values.update({"netralitas.asn.dilaporkan": 5, "netralitas.asn.diproses": 1,
                       "netralitas.asn.selesai": 1})  # 3 open cases, for days
    if code == "64.72":
        open_ = 2 if day == DAYS[1] else 4  # open cases, but not the same three days
        values.update({"netralitas.kades.dilaporkan": open_})
        if day == DAY:
            values["kampanye.kegiatan"] = 120  # an extra zero
            values["pemilih.dpt"] += 50_000  # the DPT, fixed long ago, jumps
    if code == "64.74" and day == DAY:
        percent = 110  # more TPS with logistics than TPS: an invalid file
    values["logistik.tps_terdistribusi"] = round(values["logistik.jumlah_tps"] * percent / 100)
    return values, incidents


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    """The desk's folder with a pilkada.yaml and four days of reports in its inbox."""
    root = tmp_path_factory.mktemp("desk")
    (root / "pilkada.yaml").write_text("paths: {store: data/pilkada.sqlite}\n",
                                       encoding="utf-8")
    config = load_config(root / "pilkada.yaml")
    schema = load_schema()
    for day in DAYS:
        for regency in config.regencies:
            if regency.code == "64.11" and day >= DAYS[2]:
                continue  # Mahakam Ulu: nothing since 16 November
            values, incidents = values_for(regency.code, day, config)
            path = write_report(root / "inbox" / day.isoformat(), schema, config, regency.code,
                                day, values, {"kejadian": incidents, "kendala": []})
            set_time(path, day, 16, 30, config)
    return root


def compile_in(root: Path, *args: str) -> tuple[dict, str]:
    out = root / "out"
    done = runner.invoke(app, ["compile", str(root / "inbox"), "--date", DAY.isoformat(),
                               "--out", str(out), "--config", str(root / "pilkada.yaml"),
                               *args])
    assert done.exit_code == 0, done.output
    folder = out / DAY.isoformat()
    recap = json.loads((folder / f"rekap-{DAY}.json").read_text(encoding="utf-8"))
    markdown = (folder / f"briefing-{DAY}.md").read_text(encoding="utf-8")
    return recap, markdown


@pytest.fixture(scope="module")
def compiled(scenario):
    return compile_in(scenario, "--format", "md,docx,json")


def items(recap: dict, kind: str) -> list[dict]:
    return [item for item in recap["attention"] if item["kind"] == kind]


def test_status_worse_since_yesterday_and_at_the_worst_level(compiled):
    recap, _ = compiled
    found = items(recap, "status")
    # Worse and now at the worst level first, then at the worst level, then worse.
    assert [(i["regency"], i["data"]) for i in found] == [
        ("64.03", {"before": "Waspada", "after": "Rawan"}),
        ("64.02", {"after": "Rawan"}),
        ("64.01", {"before": "Aman", "after": "Waspada"})]
    assert found[0]["message"] == "Status situasi memburuk dari Waspada menjadi Rawan"
    assert (found[0]["sheet"], found[0]["cell"], found[0]["field"]) == \
        ("Situasi", "B3", "situasi.status")
    assert found[0]["file"] == "2024-11-18/laporan-6403-2024-11-18.xlsx"


def test_only_new_incidents_of_the_highest_level(compiled):
    recap, _ = compiled
    (found,) = items(recap, "incidents")
    assert found["regency"] == "64.04"
    assert found["message"] == ("kejadian baru tingkat Tinggi: Kecamatan Hilir · Pembagian "
                                "uang kepada pemilih")
    # The second row of the table: the first is the incident already reported yesterday.
    assert (found["sheet"], found["cell"], found["data"]["row"]) == ("Kejadian", "D5", 2)


def test_logistics_behind_pace_or_not_moving(compiled):
    recap, _ = compiled
    found = {i["regency"]: i for i in items(recap, "logistics_pace")}
    assert set(found) == {"64.05", "64.09"}
    late = found["64.05"]
    # A derived percentage: its numerator's cell is where to look.
    assert (late["field"], late["sheet"], late["cell"]) == ("logistik.persen_tps", "Logistik",
                                                            "B4")
    assert late["data"]["projected"] == "2024-11-27" and late["data"]["due"] == "2024-11-26"
    assert re.fullmatch(r"Distribusi logistik ke TPS 55,\d%; dengan laju 5,\d poin/hari baru "
                        r"100% pada 27 November 2024, melewati batas 26 November 2024",
                        late["message"])
    assert re.fullmatch(r"Distribusi logistik ke TPS tetap (59,\d|60,\d)% selama 3 hari; harus "
                        r"100% pada 26 November 2024", found["64.09"]["message"])
    # Not moving comes before merely slow.
    assert [i["regency"] for i in items(recap, "logistics_pace")] == ["64.09", "64.05"]


def test_neutrality_cases_not_processed_for_three_days(compiled):
    recap, _ = compiled
    (found,) = items(recap, "neutrality")
    assert found["regency"] == "64.71" and found["data"] == {"open": 3, "days": 3}
    assert found["field"] == "netralitas.asn.dilaporkan" and found["sheet"] == "Netralitas"
    assert found["message"] == ("3 kasus netralitas ASN dilaporkan tetapi belum diproses "
                                "selama 3 hari")


def test_missing_for_a_second_day_in_a_row(compiled):
    recap, _ = compiled
    (found,) = items(recap, "missing")
    assert found["regency"] == "64.11"
    assert found["message"] == ("belum melapor 2 hari berturut-turut (laporan sah terakhir 16 "
                                "November 2024)")
    assert found["cell"] is None and found["file"] is None


def test_invalid_file_not_yet_replaced(compiled):
    recap, _ = compiled
    (found,) = items(recap, "invalid")
    assert found["regency"] == "64.74" and found["file"].endswith("laporan-6474-2024-11-18.xlsx")
    assert found["sheet"] == "Logistik" and found["cell"]
    assert found["message"].startswith("berkas tidak sah (1 galat)")


def test_figures_accepted_with_an_outlier_warning(compiled):
    recap, _ = compiled
    dpt, found = items(recap, "outliers")  # in the schema's order of fields
    assert found["regency"] == "64.72" and found["field"] == "kampanye.kegiatan"
    assert found["data"]["value"] == 120 and "kemungkinan pencilan" in found["message"]
    assert (dpt["regency"], dpt["field"], dpt["data"]["code"]) == ("64.72", "pemilih.dpt",
                                                                   "unchanged")
    assert "sudah ditetapkan" in dpt["message"]


def test_cumulative_figures_unchanged_for_three_days(compiled):
    recap, _ = compiled
    (found,) = items(recap, "copied")
    assert found["regency"] == "64.09" and found["data"]["days"] == 3
    assert found["message"].startswith("16 angka kumulatif (a.l. Sudah rekam e-KTP) sama persis")


def test_the_block_is_ranked_by_the_schema_and_leads_every_briefing(compiled, scenario):
    recap, markdown = compiled
    kinds = [i["kind"] for i in recap["attention"]]
    assert kinds == sorted(kinds, key=["status", "incidents", "logistics_pace", "neutrality",
                                       "missing", "invalid", "outliers", "copied"].index)
    assert "attention_left_out" not in recap
    block = markdown.split("## Ringkasan eksekutif")[0]
    lines = [line for line in block.splitlines() if line.startswith("> ") and ". **" in line]
    assert len(lines) == len(recap["attention"]) == 12
    assert lines[0] == ("> 1. **Kabupaten Kutai Kartanegara** (Situasi!B3): Status situasi "
                        "memburuk dari Waspada menjadi Rawan.")
    assert lines[7] == ("> 8. **Kabupaten Mahakam Ulu**: Belum melapor 2 hari berturut-turut "
                        "(laporan sah terakhir 16 November 2024).")
    word = Document(str(scenario / "out" / DAY.isoformat() / f"briefing-{DAY}.docx"))
    texts = [p.text for p in word.paragraphs]
    start = texts.index("Perlu perhatian")
    assert texts.index("Ringkasan eksekutif") > start
    assert texts[start + 1] == ("Kabupaten Kutai Kartanegara (Situasi!B3): Status situasi "
                                "memburuk dari Waspada menjadi Rawan.")
    assert word.paragraphs[start + 1].style.name == "List Number"


def test_without_the_store_the_rules_that_look_back_are_left_out(scenario, tmp_path):
    out = tmp_path / "out"
    done = runner.invoke(app, ["compile", str(scenario / "inbox"), "--date", DAY.isoformat(),
                               "--out", str(out), "--no-record", "--format", "md,json",
                               "--lang", "en"])
    assert done.exit_code == 0, done.output
    recap = json.loads((out / DAY.isoformat() / f"rekap-{DAY}.json").read_text("utf-8"))
    assert {i["kind"] for i in recap["attention"]} == {"status", "incidents", "invalid"}
    assert recap["attention_left_out"] == ["logistics_pace", "neutrality", "missing",
                                           "outliers", "copied"]
    # Without the store the eve's files still tell who is worse than yesterday.
    assert recap["attention"][0]["message"] == "Overall status worse: from Alert to Vulnerable"
    markdown = (out / DAY.isoformat() / f"briefing-{DAY}.md").read_text("utf-8")
    notes = [line for line in markdown.splitlines() if line.startswith("> _")]
    assert notes == ["> _Without the store, what needs the days before is not checked: "
                     "logistics pace, unprocessed neutrality cases, missing days in a row, "
                     "possible outliers and fixed figures that changed, copied reports._"]


def test_the_same_inbox_gives_the_same_block(scenario, compiled):
    again = compile_in(scenario, "--format", "md,json")
    assert again == compiled


# -- the schema ---------------------------------------------------------------------------------
def _schema_with(tmp_path: Path, attention: Any) -> Path:
    raw = yaml.safe_load(default_schema_path().read_text(encoding="utf-8"))
    if attention is None:
        del raw["attention"]
    else:
        raw["attention"] = attention
    path = tmp_path / "schema.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_the_schema_orders_chooses_and_tunes_the_rules(tmp_path):
    schema = load_schema(_schema_with(tmp_path, {
        "missing": {"days": 3}, "status": True, "invalid": False,
        "logistics_pace": {"before_election": 2, "days": 4}}))
    assert [r.kind for r in schema.attention] == ["missing", "status", "logistics_pace"]
    assert schema.attention[0].days == 3
    assert schema.attention[1].fields == ("situasi.status",)
    assert (schema.attention[2].before_election, schema.attention[2].days) == (2, 4)
    assert load_schema(_schema_with(tmp_path, {})).attention == ()


def test_without_the_key_every_rule_has_the_issue_s_defaults(tmp_path):
    schema = load_schema(_schema_with(tmp_path, None))
    assert schema.attention == load_schema().attention
    rules = {r.kind: r for r in schema.attention}
    assert rules["logistics_pace"].fields == ("logistik.persen_tps",)
    assert rules["logistics_pace"].before_election == 1 and rules["missing"].days == 2
    assert (rules["neutrality"].reported, rules["neutrality"].handled) == \
        ("dilaporkan", ("diproses", "selesai"))


@pytest.mark.parametrize(("attention", "message"), [
    ({"urgent": {}}, "attention.urgent: unknown rule"),
    ({"status": {"field": "situasi.narasi"}}, "attention.status.field: 'situasi.narasi' is not"),
    ({"logistics_pace": {"field": "pemilih.dpt"}}, "'pemilih.dpt' is not a percentage"),
    ({"missing": {"days": 1}}, "attention.missing.days: at least 2"),
    ({"copied": {"days": "tiga"}}, "attention.copied.days: expected a whole number"),
    ({"neutrality": {"handled": ["ditolak"]}}, "attention.neutrality.handled[0]: 'ditolak'"),
    ({"incidents": {"table": "kendala"}}, "attention.incidents.table: 'kendala' is not"),
    ({"status": {"factor": 2}}, "attention.status.factor: unknown key"),
])
def test_a_broken_attention_key_is_named(tmp_path, attention, message):
    with raises_in_english(SchemaError, match=message.replace("[", r"\[").replace("(", r"\(")):
        load_schema(_schema_with(tmp_path, attention))
