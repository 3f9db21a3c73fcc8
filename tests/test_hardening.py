"""Hostile and broken files are refused quickly and plainly, alone and among a day's reports.

Every file is built in the test's own folder (see hostile.py) and checked through the
CLI in a subprocess limited to 1 GB of address space: exit 1, a plain error, no
traceback, well within 20 seconds, and nothing from the local disk in the output.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from pilkada_cli.config import Limits, load_config
from pilkada_cli.reader.worker import map_limited

from .hostile import CATALOGUE, DAY, PEMILIH, SAMPLE, SECRET, Run, edited, run_check

SECONDS = 20


def assert_plain_refusal(run, code: str, text: str, index: int = 0) -> None:
    assert run.code == 1, run.stderr
    assert "Traceback" not in run.stderr and "Traceback" not in run.stdout
    assert run.seconds < SECONDS
    assert SECRET not in run.stdout and SECRET not in run.stderr
    report = run.files[index]
    assert report["valid"] is False
    errors = [i for i in report["issues"] if i["severity"] == "error"]
    assert code in [i["code"] for i in errors], errors
    message = next(i["message"] for i in errors if i["code"] == code)
    assert text in message, message


@pytest.fixture(scope="module")
def alone(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """Each hostile file checked alone; the runs are independent processes, so they run
    side by side to keep the suite fast."""
    paths = {kind: build(tmp_path_factory.mktemp(kind)) for kind, (build, _, _) in
             CATALOGUE.items()}
    with ThreadPoolExecutor(3) as pool:
        return dict(zip(paths, pool.map(run_check, paths.values()), strict=True))


@pytest.fixture(scope="module")
def among_day(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, int], Run]:
    """Every hostile file at once among a day's valid reports, in one run; maps each
    kind to the index of its report."""
    day = tmp_path_factory.mktemp("hari") / "2024-11-18"
    shutil.copytree(DAY, day)
    built = {}
    for kind, (build, _, _) in CATALOGUE.items():
        folder = day / kind
        folder.mkdir()
        built[kind] = str(build(folder))
    run = run_check(day)
    paths = [f["path"] for f in run.files]
    return {kind: paths.index(path) for kind, path in built.items()}, run


@pytest.mark.parametrize("kind", CATALOGUE)
def test_hostile_file_alone(kind: str, alone: dict[str, Run]) -> None:
    _, code, text = CATALOGUE[kind]
    run = alone[kind]
    assert_plain_refusal(run, code, text)
    assert run.stderr == ""
    assert len(run.files) == 1


@pytest.mark.parametrize("kind", CATALOGUE)
def test_hostile_file_among_a_days_reports(kind: str, among_day: tuple[dict[str, int], Run]
                                           ) -> None:
    index, run = among_day
    _, code, text = CATALOGUE[kind]
    assert_plain_refusal(run, code, text, index[kind])


def test_the_days_valid_reports_stay_valid_among_hostile_files(
        among_day: tuple[dict[str, int], Run]) -> None:
    index, run = among_day
    assert run.stderr == ""
    valid = sorted(Path(f["path"]).name for f in run.files if f["valid"])
    assert valid == sorted(p.name for p in DAY.iterdir())
    assert len(run.files) == len(valid) + len(index)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_password_protected_file_is_called_so(lang: str, tmp_path: Path) -> None:
    run = run_check(CATALOGUE["encrypted"][0](tmp_path), lang=lang)
    assert_plain_refusal(run, "password-protected", "password-protected")


def test_sheet_declaring_the_whole_grid_is_refused_by_name(tmp_path: Path) -> None:
    path = edited(tmp_path / "seluruh-grid.xlsx", PEMILIH, '<dimension ref="A1:B7"/>',
                  '<dimension ref="A1:XFD1048576"/>')
    run = run_check(path)
    assert run.code == 1, run.stdout
    assert run.seconds < SECONDS
    (issue,) = run.files[0]["issues"]
    assert issue["code"] == "sheet-too-large"
    assert "A1:XFD1048576" in issue["message"] and "Pemilih" in issue["message"]


def test_a_parent_path_file_name_is_only_a_name(tmp_path: Path) -> None:
    """`../../x.xlsx` is read where it is and reported as given; nothing is written."""
    CATALOGUE["parent-path-member"][0](tmp_path).rename(tmp_path / "x.xlsx")
    cwd = tmp_path / "a" / "b"
    cwd.mkdir(parents=True)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    run = run_check("../../x.xlsx", cwd=cwd)
    assert_plain_refusal(run, "unsafe-file", "../../x.xlsx")
    assert run.files[0]["path"] == "../../x.xlsx"
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_limits_come_from_the_config(tmp_path: Path) -> None:
    (tmp_path / "pilkada.yaml").write_text("limits: {max_rows: 5}\n")
    run = run_check(SAMPLE, cwd=tmp_path)
    assert_plain_refusal(run, "sheet-too-large", "5 baris")
    (tmp_path / "pilkada.yaml").write_text("limits: {max_rowz: 5}\n")
    run = run_check(SAMPLE, cwd=tmp_path)
    assert run.code == 2 and "max_rowz" in run.stderr and "Traceback" not in run.stderr


# -- the last line of defence: the reading worker ------------------------------------------------
def _limits(**changes: float) -> Limits:
    base = load_config(None).limits
    return Limits(**{**base.__dict__, **changes})


def _read(kind: str) -> str:
    """A stand-in reader that misbehaves on demand."""
    if kind == "abort":
        os.abort()  # what a native reader does when an allocation fails
    if kind == "allocate":
        return str(len(bytes(3 * 2**30)))
    if kind == "hang":
        time.sleep(60)
    return kind


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the worker needs fork")
def test_a_reader_that_dies_or_hangs_costs_one_file() -> None:
    limits = _limits(max_seconds=1.5, max_memory_bytes=512 * 2**20)
    kinds = ["a", "abort", "b", "allocate", "c", "hang", "d"]
    start = time.monotonic()
    results = list(map_limited(_read, kinds, limits=limits))
    assert time.monotonic() - start < 10
    assert [r if isinstance(r, str) else r.code for r in results] == \
        ["a", "too-complex", "b", "too-complex", "c", "too-complex", "d"]
    assert "tak wajar" in results[1].params["what"].get("id")
    assert "batas waktu" in results[5].params["what"].get("id")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the worker needs fork")
def test_an_answer_waiting_for_a_slow_caller_is_not_late() -> None:
    limits = _limits(max_seconds=0.3)
    results = []
    for result in map_limited(_read, ["a", "b", "c", "d"], limits=limits):
        results.append(result)
        time.sleep(0.5)  # the caller checks this file while the workers read the next ones
    assert results == ["a", "b", "c", "d"]


def test_an_abandoned_batch_leaves_no_answer_for_the_next() -> None:
    limits = _limits()
    batch = map_limited(_read, ["a", "b", "c"], limits=limits)
    assert next(batch) == "a"
    batch.close()
    assert list(map_limited(_read, ["z"], limits=limits)) == ["z"]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the worker needs fork")
def test_the_workers_end_with_the_run_and_their_time_counts_as_its_own() -> None:
    # Exit handlers run last registered first: this one, registered before the workers
    # exist, sees what is left once they are ended.
    script = """
import atexit, resource, time
usage = lambda: resource.getrusage(resource.RUSAGE_CHILDREN)
children = lambda: usage().ru_utime + usage().ru_stime
atexit.register(lambda: print(children()))

from pilkada_cli.config import load_config
from pilkada_cli.reader.worker import map_limited

def spin(n):
    end = time.process_time() + 0.3
    while time.process_time() < end:
        pass
    return n

assert list(map_limited(spin, [1, 2], limits=load_config(None).limits)) == [1, 2]
print(children())
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    during, after = (float(line) for line in done.stdout.split())
    assert during < 0.3 <= after  # reaped at exit: their time is the run's
