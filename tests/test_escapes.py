"""Terminal escapes typed into cells (or into a file's name) are shown, never acted on: in
check's table at a terminal, its piped lines and JSON, history, and the run log; with the
store on and off."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pilkada_cli.checking.validate import check_file
from pilkada_cli.visible import visible, visible_json

from .conftest import LAST_DAY, Desk
from .hostile import DPT_CELL, IDENTITAS, PEMILIH, members, write_zip

REPO = Path(__file__).resolve().parent.parent
# An OSC 8 link that shows "klik" and opens another address, a screen clear, a C1 CSI.
TYPED = "_x001B_]8;;http://jahat.example/_x001B_\\klik_x001B_]8;;_x001B_\\_x001B_[2J&#x9b;31m"
READ = "\x1b]8;;http://jahat.example/\x1b\\klik\x1b]8;;\x1b\\\x1b[2J\x9b31m"
SHOWN = "\\x1b]8;;http://jahat.example/\\x1b\\klik\\x1b]8;;\\x1b\\\\x1b[2J\\x9b31m"
ACTING = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")  # anything but a newline


def hostile_report(folder: Path, name: str = "laporan-paser.xlsx") -> Path:
    """The Paser sample with the escapes in a number cell (quoted back in the message) and
    in the reporter's name (kept as text, shown by history)."""
    parts = members()
    pemilih = parts[PEMILIH].decode()
    parts[PEMILIH] = pemilih.replace(
        DPT_CELL, f'<c r="B3" t="inlineStr"><is><t>{TYPED}</t></is></c>').encode()
    parts[IDENTITAS] = parts[IDENTITAS].replace(
        b"<t>Andi Pratama</t>", f"<t>Andi{TYPED}</t>".encode())
    folder.mkdir(parents=True, exist_ok=True)
    return write_zip(folder / name, parts)


def pilkada(*args: str, cwd: Path, store: bool) -> subprocess.CompletedProcess[str]:
    record = [] if store or args[0] == "history" else ["--no-record"]
    return subprocess.run([sys.executable, "-m", "pilkada_cli", *args, *record], cwd=cwd,
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "300"})


def test_visible_shows_controls_and_leaves_text_alone() -> None:
    assert visible(READ) == SHOWN
    assert visible("a\rb\nc\td\x07\u202eE\u2066") == "a\\x0db\\x0ac\\x09d\\x07\\u202eE\\u2066"
    plain = "Kabupaten Kutai Kartanegara · 79,4% · Senin, 18 November 2024 · café ✓"
    assert visible(plain) == plain


def test_visible_json_is_the_same_json_once_parsed() -> None:
    document = json.dumps({"value": READ, "name": "Andi\u202e"}, ensure_ascii=False)
    shown = visible_json(document)
    assert not ACTING.search(shown) and "\u202e" not in shown
    assert json.loads(shown) == json.loads(document)


@pytest.mark.parametrize("store", [True, False], ids=["store", "no-store"])
def test_checks_output_and_log_show_the_escapes(desk: Desk, store: bool) -> None:
    folder = desk.inbox / LAST_DAY.isoformat()
    hostile_report(folder)
    hostile_report(folder, "nama\x1b[2Jberkas.xlsx")
    lines = pilkada("check", str(folder), cwd=desk.root, store=store)
    document = pilkada("check", str(folder), "--format", "json", cwd=desk.root, store=store)
    for run in (lines, document):
        assert run.returncode == 1, run.stderr
        assert not ACTING.search(run.stdout + run.stderr), run.stdout
    assert SHOWN in lines.stdout and "nama\\x1b[2Jberkas.xlsx" in lines.stdout
    (entry, _) = json.loads(document.stdout)["files"]
    assert entry["issues"][0]["value"] == READ[:80]  # the JSON keeps the value as read
    log = desk.config.paths["store"].parent / "pilkada.log"
    if store:
        assert "berkas.xlsx" in log.read_text() and not ACTING.search(log.read_text())
    else:
        assert not log.exists()


def test_the_table_at_a_terminal_shows_the_escapes(desk: Desk, monkeypatch) -> None:
    from pilkada_cli.commands.check import _print_reports

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    report = check_file(hostile_report(desk.root / "masuk"), desk.schema, desk.config, LAST_DAY)
    screen = Terminal()
    monkeypatch.setattr(sys, "stdout", screen)
    monkeypatch.setenv("COLUMNS", "400")
    monkeypatch.setenv("FORCE_COLOR", "1")
    _print_reports([report], "id", desk.config)
    shown = screen.getvalue()
    assert "\x1b[" in shown  # the table's own colours are there
    assert SHOWN in shown
    for acting in ("\x1b]8", "\x1b[2J", "\x9b", "\x07"):
        assert acting not in shown


def test_history_shows_the_escapes_of_a_stored_text(desk: Desk) -> None:
    folder = desk.inbox / LAST_DAY.isoformat()
    path = hostile_report(folder)
    parts = members(path)
    parts[PEMILIH] = members()[PEMILIH]  # a valid report, so its figures are accepted
    write_zip(path, parts)
    assert pilkada("check", str(folder), cwd=desk.root, store=True).returncode == 0
    for fmt in ("table", "json", "csv"):
        shown = pilkada("history", "identitas.pelapor", "--regency", "Paser", "--format", fmt,
                        cwd=desk.root, store=True)
        assert shown.returncode == 0, shown.stderr
        assert not ACTING.search(shown.stdout), shown.stdout
        assert "Andi" in shown.stdout
        if fmt == "json":
            assert json.loads(shown.stdout)["points"][0]["value"] == f"Andi{READ}"
        else:
            assert f"Andi{SHOWN}" in shown.stdout


def test_every_line_of_the_run_log_shows_the_escapes(desk: Desk, capsys) -> None:
    from pilkada_cli.store.runlog import log_path, run_log

    with run_log(desk.config, "check") as log:
        log.warning("%s: accepted before, invalid now", READ)
    written = log_path(desk.config).read_text()
    assert SHOWN in written and not ACTING.search(written)
    assert SHOWN in capsys.readouterr().err
