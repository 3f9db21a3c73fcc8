"""Unattended runs: the lock, the run log, no colours off a terminal, when check records, and
store problems told plainly."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pilkada_cli.cli import app
from pilkada_cli.errors import ExitCode
from pilkada_cli.reader.worker import map_limited
from pilkada_cli.store.ledger import Store
from pilkada_cli.store.lock import lock_path

from .conftest import LAST_DAY, Desk

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent


def pilkada(*args: str, cwd: Path, env: dict[str, str] | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pilkada_cli", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def hold_lock(desk: Desk) -> subprocess.Popen[str]:
    """Another run over the same store: holds the lock until killed."""
    script = textwrap.dedent(f"""
        import time
        from pathlib import Path
        from pilkada_cli.config import load_config
        from pilkada_cli.store.lock import run_lock
        with run_lock(load_config(Path({str(desk.config_path)!r})), wait=0):
            print("holding", flush=True)
            time.sleep(120)
    """)
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
    return holder


def test_a_second_run_waits_then_exits_75(desk: Desk) -> None:
    day = desk.copy_day(LAST_DAY)[0].parent
    holder = hold_lock(desk)
    try:
        started = time.monotonic()
        done = pilkada("check", str(day), "--wait", "1", cwd=desk.root)
        took = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == ExitCode.LOCKED == 75
    assert 1 <= took < 20
    assert "proses pilkada lain masih memakai penyimpanan" in done.stderr
    assert "Traceback" not in done.stderr
    assert not desk.config.paths["store"].exists()   # nothing was written meanwhile
    log = (desk.config.paths["store"].parent / "pilkada.log").read_text(encoding="utf-8")
    assert "waiting up to 1 s" in log and "ERROR proses pilkada lain" in log
    # The holder died: its lock died with it, and the next run goes ahead.
    assert pilkada("check", str(day), cwd=desk.root).returncode == 0
    with Store.open(desk.config) as store:
        assert len(store.submissions()) == 9


def test_a_run_that_waits_goes_ahead_when_the_lock_is_freed(desk: Desk) -> None:
    day = desk.copy_day(LAST_DAY)[0].parent
    holder = hold_lock(desk)
    waiting = subprocess.Popen([sys.executable, "-m", "pilkada_cli", "check", str(day),
                                "--wait", "30"], cwd=desk.root, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    time.sleep(1)
    holder.kill()
    holder.wait()
    _, err = waiting.communicate(timeout=60)
    assert waiting.returncode == 0, err
    assert lock_path(desk.config).parent == desk.config.paths["store"].parent


def test_the_log_has_a_line_per_file_and_per_run(desk: Desk) -> None:
    day = desk.copy_day(LAST_DAY)[0].parent
    done = pilkada("check", str(day), cwd=desk.root)
    assert done.returncode == 0
    log = (desk.config.paths["store"].parent / "pilkada.log").read_text(encoding="utf-8")
    lines = log.splitlines()
    assert len(lines) == 10
    assert all(" check[" in line and "+08:00" in line.split()[0] for line in lines)
    assert "'Laporan Kukar 18 nov FINAL revisi2.xlsx' 64.03 2024-11-18 valid" in log
    assert lines[-1].endswith("9 files checked: 9 valid, 0 invalid")
    one = pilkada("check", str(desk.copy_day(LAST_DAY)[0]), cwd=desk.root)
    assert one.stderr.splitlines()[-1].endswith("1 file checked: 1 valid, 0 invalid")
    # Off a terminal, stderr carries the same lines (for cron's own log).
    assert done.stderr.count(" INFO ") == 10


def test_no_colours_when_output_is_not_a_terminal(desk: Desk) -> None:
    day = desk.copy_day(LAST_DAY)[0].parent
    for args in (["check", str(day)], ["status", "--date", "2024-11-18"]):
        done = pilkada(*args, cwd=desk.root, env={"TERM": "xterm-256color"})
        assert done.stdout and "\x1b[" not in done.stdout + done.stderr


def test_check_records_only_for_a_desk_that_has_a_store(tmp_path: Path, desk: Desk) -> None:
    loose = tmp_path / "downloads"
    loose.mkdir()
    day = desk.copy_day(LAST_DAY, loose)[0].parent
    # No pilkada.yaml and no store here: checking a file leaves nothing behind.
    assert pilkada("check", str(day), cwd=loose).returncode == 0
    assert sorted(p.name for p in loose.iterdir()) == sorted(p.name for p in day.iterdir())
    # --record makes one; from then on the store exists and is used.
    assert pilkada("check", str(day), "--record", cwd=loose).returncode == 0
    assert (loose / "pilkada.sqlite").is_file() and (loose / "archive").is_dir()
    # With a pilkada.yaml, --no-record keeps the store untouched.
    assert runner.invoke(app, ["check", str(day), "--no-record",
                               "--config", str(desk.config_path)]).exit_code == 0
    assert not desk.config.paths["store"].exists()


def test_a_store_that_cannot_be_written_is_a_message(desk: Desk) -> None:
    (desk.root / "data").write_text("a file where the store's folder should be")
    day = desk.copy_day(LAST_DAY)[0].parent
    done = runner.invoke(app, ["check", str(day), "--config", str(desk.config_path)])
    assert done.exit_code == 2
    assert "pilkada.log" in done.stderr or "store" in done.stderr
    assert "Traceback" not in done.output
    assert "--no-record" in done.stderr or "paths" in done.stderr
    # The files it had begun to read are let go: the next batch has its reader workers.
    assert list(map_limited(_pid, [0], limits=desk.config.limits)) != [os.getpid()]


def _pid(_: object) -> int:
    return os.getpid()


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="permissions do not bind the superuser")
def test_a_read_only_store_folder_is_a_message(desk: Desk) -> None:
    folder = desk.config.paths["store"].parent
    folder.mkdir()
    folder.chmod(0o555)
    try:
        done = runner.invoke(app, ["check", str(desk.copy_day(LAST_DAY)[0]),
                                   "--config", str(desk.config_path)])
    finally:
        folder.chmod(0o755)
    assert done.exit_code == 2 and "Traceback" not in done.output
    assert "can be written" in done.stderr


def test_check_stays_light(desk: Desk) -> None:
    """Recording must not pull in the heavy libraries that check avoids."""
    day = desk.copy_day(LAST_DAY)[0].parent
    script = textwrap.dedent(f"""
        import sys
        from pilkada_cli.cli import app
        try:
            app(["check", {str(day)!r}, "--config", {str(desk.config_path)!r}])
        except SystemExit:
            pass
        print(sorted(m for m in ("pandas", "openpyxl", "docx", "matplotlib") if m in sys.modules))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stderr
    assert desk.config.paths["store"].exists()


def test_every_command_has_help() -> None:
    for command in ("check", "status", "history"):
        done = runner.invoke(app, [command, "--help"])
        assert done.exit_code == 0 and "--config" in done.stdout
    assert {"status", "history"} <= {c.name for c in app.registered_commands}
    assert all(c.callback.__doc__ for c in app.registered_commands)


def test_first_sighting_is_recorded_in_utc_and_read_back_in_wita(desk: Desk) -> None:
    path = desk.copy_day(LAST_DAY)[0]
    assert runner.invoke(app, ["check", str(path), "--config", str(desk.config_path)]
                         ).exit_code == 0
    with Store.open(desk.config) as store:
        (sub,) = store.submissions(LAST_DAY)
    assert sub.first_seen.utcoffset() == dt.timedelta(0)
    assert abs((dt.datetime.now(dt.UTC) - sub.first_seen).total_seconds()) < 60


def test_two_runs_started_together_take_turns(desk: Desk) -> None:
    for day in (dt.date(2024, 11, 17), LAST_DAY):
        desk.copy_day(day)
    runs = [subprocess.Popen([sys.executable, "-m", "pilkada_cli", "check", str(desk.inbox)],
                             cwd=desk.root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             text=True) for _ in range(2)]
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
    log = (desk.config.paths["store"].parent / "pilkada.log").read_text(encoding="utf-8")
    pids = [line.split()[1] for line in log.splitlines() if " INFO " in line]
    first = pids[0]
    # One run's lines, then the other's: they never overlapped.
    assert pids == [first] * pids.count(first) + [p for p in pids if p != first]
    assert len(set(pids)) == 2
    with Store.open(desk.config) as store:
        assert store._db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert len(store.submissions()) == 19
    assert len(list(desk.config.paths["archive"].rglob("*.xlsx"))) == 19
