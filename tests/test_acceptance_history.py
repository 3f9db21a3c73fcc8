"""The store as the desk lives with it, checked the way the history issue is checked.

A desk folder with its own pilkada.yaml (store, archive, inbox and out beside it) compiles
the sample days 12-18 November 2024 one evening after another, each evening's inbox holding
only that day's files. Then the last day is compiled again from an inbox holding only that
day: the changes since the day before and the campaign trend come from the store.
`pilkada status` for the last day names Mahakam Ulu as missing; the archive holds each
distinct file once; two compiles started together take turns (or the second gives up with
exit code 75) and leave the store and the outputs whole.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pilkada_cli.cli import app
from pilkada_cli.config import load_config
from pilkada_cli.store.ledger import Store

from .conftest import SAMPLES, Desk
from .test_compile import markdown_tables

runner = CliRunner()
DAYS = [dt.date(2024, 11, 12) + dt.timedelta(days=i) for i in range(7)]
LAST = DAYS[-1]
CONFIG = """\
deadline: "18:00"
paths: {inbox: inbox, out: out, store: pilkada.sqlite, archive: archive}
"""


@pytest.fixture(scope="module")
def desk(tmp_path_factory, schema) -> Desk:
    """The desk after seven evenings of compiling, then the last day compiled once more."""
    root = tmp_path_factory.mktemp("desk")
    (root / "pilkada.yaml").write_text(CONFIG, encoding="utf-8")
    desk = Desk(root, load_config(root / "pilkada.yaml"), schema)
    for day in [*DAYS, LAST]:
        shutil.rmtree(desk.inbox, ignore_errors=True)
        desk.copy_day(day, desk.inbox)
        done = pilkada(desk, "compile", "--date", day.isoformat(), "--format", "md,json")
        assert done.exit_code == 0, done.output
    assert sorted(p.name for p in root.iterdir()) == [
        "archive", "inbox", "out", "pilkada.log", "pilkada.sqlite", "pilkada.sqlite.lock",
        "pilkada.yaml"]
    return desk


def pilkada(desk: Desk, *args: str):
    return runner.invoke(app, [*args, "--config", str(desk.config_path)])


def outputs(desk: Desk, day: dt.date = LAST) -> Path:
    return desk.config.paths["out"] / day.isoformat()


def test_the_last_compile_had_only_the_last_day_in_its_inbox(desk: Desk) -> None:
    inbox = sorted(hashlib.sha256(p.read_bytes()).hexdigest() for p in desk.inbox.iterdir())
    samples = sorted(hashlib.sha256(p.read_bytes()).hexdigest()
                     for p in (SAMPLES / "2024-11-18").glob("*.xlsx"))
    assert inbox == samples and len(inbox) == 9


def test_the_changes_since_the_day_before_come_from_the_store(desk: Desk) -> None:
    folder = outputs(desk)
    recap = json.loads((folder / "rekap-2024-11-18.json").read_text(encoding="utf-8"))
    assert recap["changes"]["since"] == "2024-11-17" and recap["changes"]["compared"] == 9
    text = (folder / "briefing-2024-11-18.md").read_text(encoding="utf-8")
    changes = text.split("## Perubahan sejak Minggu, 17 November 2024\n", 1)[1]
    changes = changes.split("\n## ", 1)[0]
    province = markdown_tables(changes)[0]
    assert province[0] == ["Indikator", "Kemarin", "Hari ini", "Perubahan"]
    tps = next(row for row in province if row[0] == "Distribusi logistik ke TPS (%)")
    assert tps[1:3] == ["79,1%", "85,4%"]
    assert "laporan sah terakhir: Minggu, 17 November 2024" in text  # Mahakam Ulu


def test_the_trend_covers_all_seven_days(desk: Desk) -> None:
    text = (outputs(desk) / "briefing-2024-11-18.md").read_text(encoding="utf-8")
    trend = next(t for t in markdown_tables(text) if t[0][0] == "Tanggal")
    assert [row[0] for row in trend[1:]] == [f"{d.day} November 2024" for d in DAYS]
    assert [row[-1] for row in trend[1:]] == ["10 dari 10"] * 6 + ["9 dari 10"]
    # The same figures `pilkada history` gives from the store.
    for column, key in ((1, "logistik.persen_tps"), (2, "pemilih.ektp_persen")):
        done = pilkada(desk, "history", key, "--to", "2024-11-18", "--format", "json")
        points = json.loads(done.stdout)["points"]
        assert [p["date"] for p in points] == [d.isoformat() for d in DAYS]
        assert [row[column] for row in trend[1:]] == [
            f"{p['value']:.1f}%".replace(".", ",") for p in points]


def test_status_of_the_last_day_names_mahakam_ulu_as_missing(desk: Desk) -> None:
    done = pilkada(desk, "status", "--date", "2024-11-18")
    assert done.exit_code == 1
    assert "Belum melapor: Kabupaten Mahakam Ulu." in done.stdout
    as_json = pilkada(desk, "status", "--date", "2024-11-18", "--format", "json")
    assert as_json.exit_code == 1
    reporting = json.loads(as_json.stdout)["reporting"]
    assert reporting["missing"] == ["64.11"] and reporting["reported"] == 9


def test_the_archive_holds_each_distinct_file_once(desk: Desk) -> None:
    # Every file given to a compile: seven days, and the last day once more.
    inputs = [p for day in [*DAYS, LAST] for p in (SAMPLES / day.isoformat()).glob("*.xlsx")]
    distinct = {hashlib.sha256(p.read_bytes()).hexdigest() for p in inputs}
    archived = [p for p in desk.config.paths["archive"].rglob("*") if p.is_file()]
    assert len(archived) == len(distinct) < len(inputs)
    assert {hashlib.sha256(p.read_bytes()).hexdigest() for p in archived} == distinct
    with Store.open(desk.config, desk.schema) as store:
        assert {s.sha256 for s in store.submissions()} == distinct


def test_two_compiles_started_together_take_turns(desk: Desk) -> None:
    command = [sys.executable, "-m", "pilkada_cli", "compile", "--date", "2024-11-18",
               "--format", "md,docx,json", "--config", str(desk.config_path)]
    log = desk.root / "pilkada.log"
    before = len(log.read_text(encoding="utf-8").splitlines())
    runs = [subprocess.Popen(command, cwd=desk.root, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(2)]
    finished = [run.communicate(timeout=120) for run in runs]
    codes = sorted(run.returncode for run in runs)
    assert codes in ([0, 0], [0, 75]), finished
    if codes == [0, 75]:
        assert any("proses pilkada lain masih memakai penyimpanan" in err
                   for _, err in finished)
    lines = log.read_text(encoding="utf-8").splitlines()[before:]
    pids = [line.split()[1] for line in lines if " INFO " in line]
    first = pids[0]
    # One run's lines, then the other's: they never overlapped.
    assert pids == [first] * pids.count(first) + [p for p in pids if p != first]
    with Store.open(desk.config, desk.schema) as store:
        assert store._db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert len(store.accepted(LAST)) == 9
    folder = outputs(desk)
    recap = json.loads((folder / "rekap-2024-11-18.json").read_text(encoding="utf-8"))
    assert recap["reporting"]["missing"] == ["64.11"]
    from docx import Document

    doc = Document(str(folder / "briefing-2024-11-18.docx"))
    assert len(doc.inline_shapes) == 2  # the headline chart and the campaign trend
    assert "Tren kampanye" in [p.text for p in doc.paragraphs]
    assert (folder / "briefing-2024-11-18.md").read_text(encoding="utf-8").endswith(
        "masuk dalam rekap)._\n")
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no half-written file
