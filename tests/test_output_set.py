"""A day's outputs are replaced as a set: a run that fails (a full disk, a renderer that
breaks) leaves the previous run's files whole and together, with the store on and off."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pilkada_cli import files
from pilkada_cli.cli import app
from pilkada_cli.errors import UsageError
from pilkada_cli.files import replace_folder
from pilkada_cli.jobs.compile_day import FORMATS, compile_day

from .conftest import LAST_DAY, Desk

STORE = pytest.mark.parametrize("store", [True, False], ids=["store", "no-store"])
D = LAST_DAY.isoformat()


def first_run(desk: Desk, store: bool) -> tuple[Path, dict[str, bytes]]:
    """Compile the sample day once; then take one regency out, so a second run differs."""
    files_in = desk.copy_day(LAST_DAY)
    out = desk.root / "out"
    compile_day(desk.inbox, LAST_DAY, out, desk.schema, desk.config, record=store)
    folder = out / D
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert len(before) == len(FORMATS)
    files_in[0].unlink()
    return out, before


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name != D)


@STORE
def test_a_full_disk_half_way_leaves_the_previous_set_whole(desk: Desk, store: bool,
                                                            monkeypatch) -> None:
    out, before = first_run(desk, store)
    write = files._write_synced
    calls: list[Path] = []

    def fills_up(path: Path, data: bytes) -> None:
        calls.append(path)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        write(path, data)

    monkeypatch.setattr(files, "_write_synced", fills_up)
    done = CliRunner().invoke(app, ["compile", str(desk.inbox), "--date", D, "--out", str(out),
                                    "--config", str(desk.config_path),
                                    "--record" if store else "--no-record"])
    assert done.exit_code == 2, done.output
    assert "No space left on device" in done.output and "Traceback" not in done.output
    assert len(calls) == 3
    assert {p.name: p.read_bytes() for p in (out / D).iterdir()} == before
    assert leftovers(out) == []


@STORE
def test_a_renderer_that_fails_leaves_the_previous_set_whole(desk: Desk, store: bool,
                                                             monkeypatch) -> None:
    out, before = first_run(desk, store)

    def broken(*args, **kwargs):
        raise RuntimeError("the Word template is broken")

    monkeypatch.setattr("pilkada_cli.render.docx.render_docx", broken)
    with pytest.raises(RuntimeError):
        compile_day(desk.inbox, LAST_DAY, out, desk.schema, desk.config, record=store)
    assert {p.name: p.read_bytes() for p in (out / D).iterdir()} == before
    assert leftovers(out) == []


@STORE
def test_a_run_that_succeeds_replaces_the_set_and_keeps_what_is_not_its_own(
        desk: Desk, store: bool) -> None:
    out, before = first_run(desk, store)
    folder = out / D
    (folder / "catatan.txt").write_text("untuk Sekda")
    (folder / "lampiran").mkdir()
    (folder / "lampiran" / "foto.png").write_bytes(b"png")
    folder.chmod(0o750)
    compile_day(desk.inbox, LAST_DAY, out, desk.schema, desk.config, ["md"], record=store)
    after = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    md = f"briefing-{D}.md"
    assert after[md] != before[md] and "8 dari 10" in after[md].decode()
    # The formats not asked for this time stay as the last run wrote them.
    assert {k: v for k, v in after.items() if k not in (md, "catatan.txt")} == \
        {k: v for k, v in before.items() if k != md}
    assert after["catatan.txt"] == b"untuk Sekda"
    assert (folder / "lampiran" / "foto.png").read_bytes() == b"png"
    assert folder.stat().st_mode & 0o777 == 0o750
    assert leftovers(out) == []


@pytest.mark.parametrize("atomic", [True, False], ids=["exchange", "two-renames"])
def test_replace_folder_swaps_the_whole_set(tmp_path: Path, atomic: bool, monkeypatch) -> None:
    if not atomic:  # as on Windows, macOS, or a file system without renameat2's exchange
        monkeypatch.setattr(files, "_exchange", lambda first, second: False)
    folder = tmp_path / "out" / D
    written = replace_folder(folder, {"a.md": b"1", "b.json": b"1"})
    assert written == [folder / "a.md", folder / "b.json"]
    replace_folder(folder, {"a.md": b"2", "b.json": b"2"})
    assert sorted((p.name, p.read_bytes()) for p in folder.iterdir()) == \
        [("a.md", b"2"), ("b.json", b"2")]
    assert os.listdir(tmp_path / "out") == [D]


def test_when_the_new_folder_cannot_take_the_old_ones_place_the_old_one_stays(
        tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / D
    replace_folder(folder, {"a.md": b"old"})
    monkeypatch.setattr(files, "_exchange", lambda first, second: False)
    rename = os.rename

    def refuses_the_new(source, target):
        if str(source).endswith(".new"):
            raise PermissionError(errno.EACCES, "in use", str(target))
        rename(source, target)

    monkeypatch.setattr(files.os, "rename", refuses_the_new)
    with pytest.raises(PermissionError):
        replace_folder(folder, {"a.md": b"new"})
    assert (folder / "a.md").read_bytes() == b"old"
    assert os.listdir(tmp_path) == [D]


def test_compile_reports_a_write_failure_as_a_usage_error(desk: Desk, monkeypatch) -> None:
    desk.copy_day(LAST_DAY)

    def full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(files, "_write_synced", full)
    with pytest.raises(UsageError, match=f"{D} tidak dapat ditulis: No space left"):
        compile_day(desk.inbox, LAST_DAY, desk.root / "out", desk.schema, desk.config,
                    ["md"])
    assert os.listdir(desk.root / "out") == []


def test_an_earlier_revision_is_kept_under_its_own_name_in_the_same_swap(tmp_path: Path) -> None:
    folder = tmp_path / D
    replace_folder(folder, {"a.md": b"r1", "b.json": b"r1"})
    replace_folder(folder, {"a.md": b"r2"}, {"a.md": "a.r1.md", "b.json": "b.r1.json"})
    assert sorted((p.name, p.read_bytes()) for p in folder.iterdir()) == \
        [("a.md", b"r2"), ("a.r1.md", b"r1"), ("b.r1.json", b"r1")]
