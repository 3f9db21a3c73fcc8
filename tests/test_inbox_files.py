"""Files taken from an inbox, with the store on and off: opened once, regular files only,
no symlink out of the inbox unless the config allows it, the bytes archived are the bytes
read, and a file that cannot be read here is that file's own issue.

Every run is the real CLI in a subprocess with a timeout (a FIFO that blocked would hang
it) and, where a file could be endless, a 1 GB address-space limit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import resource
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from pilkada_cli.checking.validate import check_file
from pilkada_cli.config import load_config
from pilkada_cli.store.ledger import Store

from .conftest import LAST_DAY, Desk

REPO = Path(__file__).resolve().parent.parent
SECRET = "rahasia-lokal-2b9e41"
GB = 2**30
STORE = pytest.mark.parametrize("store", [True, False], ids=["store", "no-store"])


def pilkada(*args: str, cwd: Path, store: bool, timeout: float = 30,
            confined: bool = False) -> subprocess.CompletedProcess[str]:
    """The CLI in a subprocess under 1 GB of address space; `--no-record` without the store;
    `confined`: bound by file permissions even when run by root (see confine)."""
    record = [] if store or args[0] == "status" else ["--no-record"]

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (GB, GB))
        if confined:
            confine()

    return subprocess.run(
        [sys.executable, "-m", "pilkada_cli", *args, *record], cwd=cwd, capture_output=True,
        text=True, timeout=timeout, preexec_fn=limit,
        env={**os.environ, "PYTHONPATH": str(REPO)})


def confine() -> None:
    """Root reads any file whatever its mode; without the capabilities that let it
    (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, dropped from the bounding set before exec)
    it is held to the permissions like any user. A user other than root already is."""
    if os.geteuid() != 0:
        return
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def files_of(done: subprocess.CompletedProcess[str]) -> dict[str, dict]:
    """check --format json: each file's entry by its name."""
    return {Path(f["path"]).name: f for f in json.loads(done.stdout)["files"]}


def only_error(entry: dict) -> dict:
    (issue,) = entry["issues"]
    assert issue["severity"] == "error" and not entry["valid"]
    return issue


def archived_bytes(desk: Desk) -> list[bytes]:
    archive = desk.config.paths["archive"]
    return [p.read_bytes() for p in archive.rglob("*") if p.is_file()] if archive.exists() \
        else []


def ledger(desk: Desk) -> list[str]:
    store = desk.config.paths["store"]
    if not store.exists():
        return []
    with sqlite3.connect(store) as db:
        return [row[0] for row in db.execute("SELECT name FROM submissions ORDER BY name")]


@pytest.fixture
def day(desk: Desk) -> Path:
    """The desk's inbox with the sample reports of the last day."""
    return desk.copy_day(LAST_DAY)[0].parent


# -- 1. a FIFO never hangs a run ------------------------------------------------------------------
@STORE
def test_a_fifo_in_the_inbox_is_refused_at_once_by_every_command(desk: Desk, day: Path,
                                                               store: bool) -> None:
    os.mkfifo(day / "y.xlsx")
    checked = pilkada("check", str(day), "--format", "json", "--wait", "0", cwd=desk.root,
                      store=store)
    assert checked.returncode == 1, checked.stderr
    issue = only_error(files_of(checked)["y.xlsx"])
    assert issue["code"] == "not-a-file" and "berkas khusus" in issue["message"]
    compiled = pilkada("compile", str(desk.inbox), "--date", LAST_DAY.isoformat(), "--out",
                       str(desk.root / "out"), "--format", "md", "--wait", "0",
                       cwd=desk.root, store=store)
    assert compiled.returncode == 0, compiled.stderr
    if store:
        status = pilkada("status", str(day), "--date", LAST_DAY.isoformat(), "--wait", "0",
                         cwd=desk.root, store=store)
        assert status.returncode == 1, status.stderr  # Mahakam Ulu has not reported
        assert "y.xlsx" not in ledger(desk)  # never read, so never recorded
        assert len(ledger(desk)) == 9
    else:
        assert not desk.config.paths["store"].exists()


# -- 2. symlinks out of the inbox, /proc, /dev -----------------------------------------------------
def outside_links(desk: Desk, day: Path) -> dict[str, str]:
    """Links in the inbox to a local file outside it, /etc/passwd, /proc and /dev/zero."""
    secret = desk.root / "rahasia.txt"
    secret.write_text(f"{SECRET}\n")
    targets = {"rahasia.xlsx": str(secret), "passwd.xlsx": "/etc/passwd",
               "environ.xlsx": "/proc/self/environ", "nol.xlsx": "/dev/zero"}
    for name, target in targets.items():
        (day / name).symlink_to(target)
    return targets


@STORE
def test_a_symlink_leaving_the_inbox_is_refused_by_name_and_never_opened(
        desk: Desk, day: Path, store: bool) -> None:
    targets = outside_links(desk, day)
    done = pilkada("check", str(day), "--format", "json", cwd=desk.root, store=store)
    assert done.returncode == 1, done.stderr
    assert SECRET not in done.stdout + done.stderr and "root:" not in done.stdout
    found = files_of(done)
    for name, target in targets.items():
        issue = only_error(found[name])
        assert issue["code"] == "symlink-outside", issue
        shown = os.path.realpath(target) if name != "environ.xlsx" else "/proc/"
        assert shown in issue["message"] and "inbox.follow_symlinks" in issue["message"]
    assert sum(f["valid"] for f in found.values()) == 9
    for data in archived_bytes(desk):
        assert SECRET.encode() not in data and b"root:" not in data
    assert len(archived_bytes(desk)) == (9 if store else 0)
    assert not set(targets) & set(ledger(desk))


@STORE
def test_following_symlinks_when_the_config_allows_it(tmp_path: Path, store: bool) -> None:
    (tmp_path / "pilkada.yaml").write_text("inbox: {follow_symlinks: true}\n")
    desk = Desk(tmp_path, load_config(tmp_path / "pilkada.yaml"), None)  # type: ignore[arg-type]
    day = desk.copy_day(LAST_DAY)[0].parent
    outside_links(desk, day)
    done = pilkada("check", str(day), "--format", "json", cwd=desk.root, store=store)
    assert done.returncode == 1, done.stderr
    found = files_of(done)
    secret = only_error(found["rahasia.xlsx"])  # followed and read: a text file
    assert secret["code"] == "not-workbook" and "teks" in secret["message"]
    assert "berkas sistem" in only_error(found["environ.xlsx"])["message"]
    assert "berkas khusus" in only_error(found["nol.xlsx"])["message"]  # never read
    # What is archived is what was read, the followed file's own bytes.
    assert (f"{SECRET}\n".encode() in archived_bytes(desk)) is store


@STORE
def test_a_symlink_inside_the_inbox_is_followed(desk: Desk, day: Path, store: bool) -> None:
    (day / "salinan.xlsx").symlink_to(day / "laporan-6401-2024-11-18.xlsx")
    sub = day / "sub"
    sub.mkdir()
    (sub / "naik.xlsx").symlink_to(Path("..") / "laporan-6404-2024-11-18.xlsx")
    done = pilkada("check", str(desk.inbox), "--format", "json", cwd=desk.root, store=store)
    assert done.returncode == 0, done.stdout
    assert {"salinan.xlsx", "naik.xlsx"} <= set(files_of(done))


@STORE
def test_special_and_system_files_named_outright_are_refused_without_reading(
        desk: Desk, store: bool) -> None:
    link = desk.root / "nol.xlsx"
    link.symlink_to("/dev/zero")
    done = pilkada("check", str(link), "/dev/zero", "/proc/self/environ", "/proc/self/status",
                   "--format", "json", cwd=desk.root, store=store)
    assert done.returncode == 1, done.stderr
    entries = json.loads(done.stdout)["files"]
    messages = [only_error(entry)["message"] for entry in entries]
    assert "berkas khusus" in messages[0] and "berkas khusus" in messages[1]
    assert "berkas sistem" in messages[2] and "berkas sistem" in messages[3]
    assert archived_bytes(desk) == [] and ledger(desk) == []


# -- 3. the bytes archived are the bytes read ---------------------------------------------------
def test_the_archive_keeps_the_bytes_read_even_if_the_file_changes_after(desk: Desk,
                                                                        day: Path) -> None:
    path = day / "laporan-6401-2024-11-18.xlsx"
    original = path.read_bytes()
    report = check_file(path, desk.schema, desk.config, LAST_DAY)
    path.write_bytes(b"replaced after it was read")
    text = day / "catatan.xlsx"
    text.write_text(f"{SECRET};1\n")
    note = check_file(text, desk.schema, desk.config, LAST_DAY)
    text.unlink()  # gone: the store must not need it again
    with Store.open(desk.config, desk.schema) as store:
        kept = store.record(report)
        refused = store.record(note)
    assert kept is not None and kept.archive_path.read_bytes() == original
    assert kept.sha256 == hashlib.sha256(original).hexdigest()
    assert refused is not None and refused.archive_path.read_bytes() == f"{SECRET};1\n".encode()


def test_a_file_never_read_is_not_recorded(desk: Desk, day: Path) -> None:
    os.mkfifo(day / "pipa.xlsx")
    report = check_file(day / "pipa.xlsx", desk.schema, desk.config, LAST_DAY)
    assert report.sha256 is None and report.content is None
    with Store.open(desk.config, desk.schema) as store:
        assert store.record(report) is None
        assert store.submissions() == []


def test_the_inbox_setting_is_checked(tmp_path: Path) -> None:
    for text, said in (("inbox: {follow_symlinks: ya}\n", "harus true atau false"),
                       ("inbox: {follow: true}\n", "inbox.follow: pengaturan tidak dikenal")):
        (tmp_path / "pilkada.yaml").write_text(text)
        done = pilkada("check", str(REPO / "sample_reports" / "2024-11-18"), cwd=tmp_path,
                       store=True)
        assert done.returncode == 2 and said in done.stderr, done.stderr


# -- 5. a file that cannot be read here -----------------------------------------------------------
def unreadable_for_the_cli(path: Path) -> None:
    """Skip only when even a confined run could read a chmod 000 file."""
    probe = subprocess.run([sys.executable, "-c", f"open({str(path)!r}, 'rb')"],
                           preexec_fn=confine, capture_output=True)
    if probe.returncode == 0:
        pytest.skip("this user reads files whatever their permissions")


@STORE
def test_a_file_unreadable_here_is_its_own_issue_never_the_runs(desk: Desk, day: Path,
                                                                store: bool) -> None:
    good = day / "laporan-6404-2024-11-18.xlsx"
    secret = day / "laporan-6401-2024-11-18.xlsx"
    closed = day / "tertutup"
    closed.mkdir()
    shutil.copyfile(day / "laporan-6405-2024-11-18.xlsx", closed / "dalam.xlsx")
    secret.chmod(0)
    closed.chmod(0o600)  # listed, but nothing in it can be reached (no x)
    try:
        unreadable_for_the_cli(secret)
        named = pilkada("check", str(good), str(secret), "--format", "json", cwd=desk.root,
                        store=store, confined=True)
        folder = pilkada("check", str(day), "--format", "json", cwd=desk.root, store=store,
                         confined=True)
        text = pilkada("check", str(day), cwd=desk.root, store=store, confined=True)
    finally:
        closed.chmod(0o755)
        secret.chmod(0o644)
    assert named.returncode == 1, named.stderr
    assert files_of(named)[good.name]["valid"]
    for run in (named, folder):
        issue = only_error(files_of(run)[secret.name])
        assert issue["code"] == "unreadable-here"
        assert "tidak dapat dibaca di sini: izin" in issue["message"]
        assert "bukan kesalahan kabupaten/kota" in issue["message"]
        assert "kirim ulang" not in issue["message"]
    assert folder.returncode == 1, folder.stderr
    assert sum(f["valid"] for f in files_of(folder).values()) == 8
    assert only_error(files_of(folder)["dalam.xlsx"])["code"] == "unreadable-here"
    assert "Traceback" not in folder.stderr + text.stderr
    assert "tidak dapat dibaca di sini: izin" in text.stdout
    if store:
        assert secret.name not in ledger(desk) and good.name in ledger(desk)
    else:
        assert not desk.config.paths["store"].exists()


def test_an_unreadable_file_is_refused_on_its_descriptor_not_its_name(tmp_path: Path) -> None:
    """A file whose name looks fine but is a folder is refused without being read."""
    from pilkada_cli.errors import UnreadableWorkbook
    from pilkada_cli.reader.opening import read_file

    limits = load_config(None).limits
    (tmp_path / "folder.xlsx").mkdir()
    with pytest.raises(UnreadableWorkbook) as refused:
        read_file(tmp_path / "folder.xlsx", limits.max_file_bytes, tmp_path)
    assert refused.value.code == "not-a-file"
    big = tmp_path / "besar.xlsx"
    with big.open("wb") as handle:
        handle.truncate(limits.max_file_bytes + 1)
    with pytest.raises(UnreadableWorkbook) as refused:
        read_file(big, limits.max_file_bytes, tmp_path)
    assert refused.value.code == "file-too-large"
    assert stat.S_ISREG(big.stat().st_mode)


def test_the_day_still_compiles_beside_an_unreadable_file(desk: Desk, day: Path) -> None:
    """compile takes the other files; the one refused is listed as unidentified."""
    os.mkfifo(day / "pipa.xlsx")
    (day / "keluar.xlsx").symlink_to("/etc/passwd")
    done = pilkada("compile", str(desk.inbox), "--date", LAST_DAY.isoformat(), "--out",
                   str(desk.root / "out"), "--format", "json", cwd=desk.root, store=True)
    assert done.returncode == 0, done.stderr
    recap = json.loads((desk.root / "out" / LAST_DAY.isoformat() /
                        f"rekap-{LAST_DAY.isoformat()}.json").read_text())
    assert recap["reporting"]["reported"] == 9
    assert recap["date"] == dt.date.isoformat(LAST_DAY)


def test_a_file_swapped_for_a_fifo_before_it_is_marked_does_not_block(desk: Desk,
                                                                      day: Path) -> None:
    from pilkada_cli.senders.annotate import annotate

    path = day / "lap harian KUBAR 18-11-2024.xlsx"  # has warnings, so it gets a copy
    report = check_file(path, desk.schema, desk.config, LAST_DAY)
    assert report.issues
    path.unlink()
    os.mkfifo(path)
    result = annotate(report, desk.root / "koreksi")
    assert (result.target, result.reason) == (None, "changed")


def test_status_opens_no_file_it_has_recorded_where_it_is(desk: Desk, day: Path) -> None:
    """A file where the ledger saw it, same size and time, is known without being opened;
    a new one beside it is read and recorded."""
    first = pilkada("status", str(day), "--date", LAST_DAY.isoformat(), cwd=desk.root,
                    store=True)
    assert first.returncode == 1, first.stderr
    log = desk.config.paths["store"].parent / "pilkada.log"
    before = len(log.read_text())
    known = day / "laporan-6401-2024-11-18.xlsx"
    known.chmod(0)
    shutil.copyfile(day / "laporan-6404-2024-11-18.xlsx", day / "salinan.xlsx")
    try:
        unreadable_for_the_cli(known)
        again = pilkada("status", str(day), "--date", LAST_DAY.isoformat(), cwd=desk.root,
                        store=True, confined=True)
    finally:
        known.chmod(0o644)
    assert again.returncode == 1, again.stderr
    lines = log.read_text()[before:]
    assert "INVALID" not in lines  # the file that cannot be read now was not opened
    assert lines.rstrip().endswith("10 workbooks, 0 new recorded")  # the copy: read, known
