"""The schema: the built-in one covers the report; a broken one is named by its YAML path."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pilkada_cli.checking.schema import default_schema_path, load_schema
from pilkada_cli.errors import SchemaError

from .conftest import raises_in_english


def test_builtin_schema_covers_the_nine_sections(schema):
    keys = [s.key for s in schema.sheets]
    assert keys == ["identitas", "situasi", "netralitas", "pemilih", "logistik", "kampanye",
                    "kejadian", "partisipasi", "kendala"]
    scalars = schema.scalar_fields()
    assert scalars["situasi.status"].aggregate == "worst"
    assert [c.value for c in scalars["situasi.status"].choices] == ["Aman", "Waspada", "Rawan"]
    assert scalars["partisipasi.proyeksi"].aggregate == "weighted_mean"
    assert scalars["partisipasi.proyeksi"].weight == "pemilih.dpt"
    assert scalars["logistik.kotak_suara.diterima"].aggregate == "sum"
    assert scalars["logistik.persen_tps"].derived == ("logistik.tps_terdistribusi",
                                                      "logistik.jumlah_tps")
    assert scalars["situasi.narasi"].aggregate == "list"
    assert scalars["pemilih.dpt"].label.en == "Registered voters (DPT)"
    assert schema.role("regency").qualified == "identitas.kabupaten"
    assert schema.rules and schema.across_days
    rules = {r.rule: r.fields for r in schema.across_days}
    assert rules["unchanged"] == ("pemilih.dpt",)   # fixed weeks before voting
    assert "pemilih.dpt" not in rules["outlier"]


def _broken(tmp_path: Path, change) -> Path:
    raw = yaml.safe_load(default_schema_path().read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / "schema.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(("change", "message"), [
    (lambda r: r["sheets"]["Logistik"]["table"]["columns"]["diterima"].update(type="integr"),
     "sheets.Logistik.table.columns.diterima.type: unknown type 'integr' "
     "(did you mean 'integer'?)"),
    (lambda r: r["sheets"]["Pemilih"]["fields"]["dpt"].update(aggregate="total"),
     "sheets.Pemilih.fields.dpt.aggregate: unknown aggregate 'total'"),
    (lambda r: r["sheets"]["Situasi"]["fields"]["narasi"].update(aggregate="worst"),
     "sheets.Situasi.fields.narasi.aggregate: 'worst' needs an ordered choice field"),
    (lambda r: r["sheets"]["Partisipasi"]["fields"]["proyeksi"].update(weight="pemilih.dtp"),
     "sheets.Partisipasi.fields.proyeksi.weight: unknown numeric field 'pemilih.dtp'"),
    (lambda r: r["rules"][0].update(check="pemilih.ektp_terekm <= pemilih.ektp_target"),
     "rules[0].check: unknown field 'pemilih.ektp_terekm' (did you mean 'pemilih.ektp_terekam'?)"),
    (lambda r: r["rules"][0].update(check="__import__('os').system('x') == 0"),
     "rules[0].check: '__import__('os').system('x') == 0': only field names"),
    (lambda r: r["sheets"]["Logistik"]["table"]["rules"][0].update(
        check="didistribusi <= diterima"),
     "sheets.Logistik.table.rules[0].check: unknown field 'didistribusi'"),
    (lambda r: r["sheets"]["Pemilih"]["fields"]["dpt"].update(colour="red"),
     "sheets.Pemilih.fields.dpt.colour: unknown key"),
    (lambda r: r["across_days"][0].update(fields=["pemilih.nothing"]),
     "across_days[0].fields[0]: no field matches 'pemilih.nothing'"),
    (lambda r: r["across_days"][1].update(rule="unchaged"),
     "across_days[1].rule: unknown rule 'unchaged' (did you mean 'unchanged'?)"),
    (lambda r: r["sheets"]["Identitas"]["fields"]["kabupaten"].pop("role"),
     "no field has 'role: regency'"),
    (lambda r: r.update(trend=["logistik.persen_tsp"]),
     "trend[0]: no field matches 'logistik.persen_tsp' (did you mean 'logistik.persen_tps'?)"),
    (lambda r: r.update(trend=["logistik.persen_tps", "pemilih.dpt"]),
     "trend[1]: 'pemilih.dpt' is not a percentage the province combines"),
    (lambda r: r.update(trend="logistik.persen_tps"),
     "trend: expected a list, got str"),
    (lambda r: r.update(trend=[{"field": "logistik.persen_tps"}]),
     "trend[0]: expected a field key"),
    (lambda r: r["summary"].update(tiles=["logistik.persen_tsp"]),
     "summary.tiles[0]: no field 'logistik.persen_tsp' (did you mean 'logistik.persen_tps'?)"),
    (lambda r: r["summary"].update(tiles=["situasi.narasi"]),
     "summary.tiles[0]: 'situasi.narasi' is not a figure the province combines"),
    (lambda r: r["summary"]["tiles"].append("pemilih.dpt"),
     "summary.tiles: at most 4 figures fit on the page, got 5"),
    (lambda r: r["summary"].update(map="situasi.narasi"),
     "summary.map: 'situasi.narasi' is not an ordered choice the province combines"),
    (lambda r: r["summary"].update(incidents="kendala"),
     "summary.incidents: 'kendala' is not the key of a table of free rows with an order_by"),
    (lambda r: r["summary"].update(tile=[]),
     "summary.tile: unknown key (did you mean 'tiles'?)"),
])
def test_broken_schema_points_into_the_yaml(tmp_path, change, message):
    path = _broken(tmp_path, change)
    with pytest.raises(SchemaError) as caught:
        load_schema(path)
    assert message in caught.value.message("en")
    assert str(path) in caught.value.message("en")


def test_the_one_page_summary_comes_from_the_schema(tmp_path, schema):
    assert schema.summary.map == "situasi.status"
    assert schema.summary.tiles == ("logistik.persen_tps", "pemilih.ektp_persen",
                                    "partisipasi.proyeksi", "kampanye.insiden")
    assert schema.summary.incidents == "kejadian"
    # A schema written before `summary` existed: the worst field, the form's derived and
    # weighted percentages, the first ordered table.
    older = load_schema(_broken(tmp_path, lambda r: r.pop("summary")))
    assert older.summary.map == "situasi.status" and older.summary.incidents == "kejadian"
    assert sorted(older.summary.tiles) == ["logistik.persen_tps", "partisipasi.proyeksi",
                                           "pemilih.ektp_persen"]


def test_trend_fields_come_from_the_schema(tmp_path, schema):
    assert schema.trend == ("logistik.persen_tps", "pemilih.ektp_persen")
    patterns = load_schema(_broken(tmp_path, lambda r: r.update(
        trend=["partisipasi.proyeksi", "logistik.*.persen_distribusi"])))
    assert patterns.trend[0] == "partisipasi.proyeksi"
    assert len(patterns.trend) == 8 and "logistik.tinta.persen_distribusi" in patterns.trend
    assert load_schema(_broken(tmp_path, lambda r: r.update(trend=[]))).trend == ()
    # A schema written before `trend` existed follows the form's derived percentages.
    older = load_schema(_broken(tmp_path, lambda r: r.pop("trend")))
    assert sorted(older.trend) == ["logistik.persen_tps", "pemilih.ektp_persen"]


def test_schema_that_is_not_yaml(tmp_path):
    path = tmp_path / "schema.yaml"
    path.write_text("sheets: [unclosed\n", encoding="utf-8")
    with raises_in_english(SchemaError, match="not valid YAML"):
        load_schema(path)


def test_missing_schema_file(tmp_path):
    with raises_in_english(SchemaError, match="cannot be read"):
        load_schema(tmp_path / "nope.yaml")
