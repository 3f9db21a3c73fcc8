"""Time pilkada beside the naive way of reading the same workbooks, as whole processes.

    .venv/bin/python bench/run.py [--runs N] [--quick] [--fresh]

Writes (once; --fresh to redo) a national inbox of 514 workbooks, one per regency/city of
Indonesia's 38 provinces, with the project's sample generator, plus one province's inbox and
subsets of 1, 10 and 100 files. Then times each command as a separate process: one warm-up
round, then N rounds in which every command runs once (interleaved, so a slow spell of a
noisy machine hits every figure alike). Prints medians, CPU time and peak memory, each time
as a share of the naive read of the same files from the same run; checks the targets of
bench/README.md; writes bench/results.json and the results section of bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

try:
    import national

    import pilkada_cli  # noqa: F401  (the generator and the commands come from the project)
except ImportError as exc:
    sys.exit(f"bench/run.py: {exc}; run it with the project's environment: "
             ".venv/bin/python bench/run.py")

BENCH = Path(__file__).resolve().parent
WORK = BENCH / "work"
README = BENCH / "README.md"
RESULTS = BENCH / "results.json"
SCALES = (1, 10, 100)
FORMATS = "md,docx,xlsx,json"
# The same, with the one-page summary for phones (ringkasan-D.png and .pdf).
WITH_SUMMARY = FORMATS + ",png,pdf"
# Commands run as an installed tool does: with Python's bytecode cache (some sandboxes turn
# it off, which would make every run recompile the project's modules).
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
BEGIN, END = "<!-- results: written by bench/run.py -->", "<!-- /results -->"

# The naive way: pandas with openpyxl, every sheet of every file (a folder or one file).
# The floor for `pilkada --help`: typer's own help of an app with two commands.
MINIMAL_TYPER = """
import typer
app = typer.Typer(add_completion=False)
@app.command()
def check(path: str) -> None:
    \"\"\"Check the files.\"\"\"
@app.command()
def compile(inbox: str) -> None:
    \"\"\"Compile the day.\"\"\"
app()
"""
NAIVE = """import sys, pathlib, pandas
p = pathlib.Path(sys.argv[1])
for f in sorted(p.glob('*.xlsx')) if p.is_dir() else [p]:
    pandas.read_excel(f, sheet_name=None, engine='openpyxl')
"""
# The floor: a process that only reads every file's bytes.
FLOOR = """import sys, pathlib
for f in sorted(pathlib.Path(sys.argv[1]).glob('*.xlsx')):
    f.read_bytes()
"""
VERSIONS = ("pilkada", "pandas", "openpyxl", "python-calamine", "numpy", "pyarrow", "typer",
            "rich", "PyYAML", "Jinja2", "docxtpl", "python-docx", "matplotlib", "defusedxml")


# -- inputs -------------------------------------------------------------------------------------
@dataclass
class Inputs:
    national_config: Path
    national: Path
    first: Path
    province_config: Path
    province: Path
    scales: dict[int, tuple[Path, Path]]  # files -> (config, inbox)
    recaps: Path  # the 38 provinces' rekap-D.json, one folder per province


def prepare(fresh: bool) -> Inputs:
    """Write the configs and inboxes; workbooks already there are kept (they take a while)."""
    if fresh and WORK.exists():
        shutil.rmtree(WORK)
    units, names = national.regencies(), national.provinces()
    config = WORK / "pilkada.yaml"
    national.write_if_changed(config, national.config_text(units, names, inbox="national"))
    inbox = WORK / "national"
    missing = sum(not (inbox / national.report_name(u.code)).is_file() for u in units)
    if missing:
        say(f"writing {missing} national workbooks into {inbox} (only the first time) ...")
    files = national.write_reports(inbox, config, workers=os.cpu_count() or 1)

    province_config = WORK / "province" / "pilkada.yaml"
    national.write_if_changed(province_config, "# One province: the built-in Kalimantan Timur"
                              " defaults.\npaths: {inbox: inbox, out: out}\n")
    province = province_config.parent / "inbox"
    national.write_reports(province, province_config)

    scales = {}
    for count in SCALES:
        chosen = national.spread(units, count)
        folder = WORK / "scale" / f"n{count}"
        national.write_if_changed(folder / "pilkada.yaml",
                                  national.config_text(chosen, names, inbox="inbox"))
        _link_subset(folder / "inbox", [inbox / national.report_name(u.code) for u in chosen])
        scales[count] = (folder / "pilkada.yaml", folder / "inbox")
    recaps = provincial_recaps(units, names, inbox)
    return Inputs(config, inbox, files[0], province_config, province, scales, recaps)


def provincial_recaps(units: list[national.Unit], names: dict[str, str], inbox: Path) -> Path:
    """Each province compiles its own workbooks (hard links to the national ones, with a
    config of just its regencies) into its recap, as a provincial desk does; the recaps go
    to `recaps/<code>/rekap-D.json`, dated 17.00 WIB (in time). Recaps of this release are
    kept between runs; a province's compile is not timed."""
    from pilkada_cli.checking.recap import FORMAT_VERSION

    root, day = WORK / "recaps", national.DAY.isoformat()
    jobs = []
    for code in sorted({u.province_code for u in units}):
        target = root / code / f"rekap-{day}.json"
        try:
            fresh = json.loads(target.read_text("utf-8")).get("format_version") == FORMAT_VERSION
        except (OSError, ValueError):
            fresh = False
        if fresh:
            continue
        folder = WORK / "provinces" / code
        members = [u for u in units if u.province_code == code]
        text = national.config_text(members, names).replace(
            'province: {code: "00", name: Indonesia}',
            f"province: {{code: {json.dumps(code)}, name: {json.dumps(names[code])}}}")
        national.write_if_changed(folder / "pilkada.yaml", text)
        _link_subset(folder / "inbox", [inbox / national.report_name(u.code) for u in members])
        jobs.append((folder, target))
    if jobs:
        say(f"compiling {len(jobs)} provinces into their recaps (only the first time) ...")
    for folder, target in jobs:
        done = subprocess.run([*pilkada(), "compile", str(folder / "inbox"), "--date", day,
                               "--out", str(folder / "out"), "--format", "json", "--no-record",
                               "--config", str(folder / "pilkada.yaml")], cwd=WORK,
                              env=CHILD_ENV, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"bench/run.py: the recap of {folder.name}: {done.stderr.strip()}")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(folder / "out" / day / f"rekap-{day}.json", target)
        sent = dt.datetime.combine(national.DAY, dt.time(17, 0),
                                   ZoneInfo(national.TIMEZONE)).timestamp()
        os.utime(target, (sent, sent))
    return root


def _link_subset(folder: Path, files: list[Path]) -> None:
    """The subset as hard links to the national files (a copy where links are not allowed)."""
    wanted = {f.name for f in files}
    if folder.is_dir() and {p.name for p in folder.iterdir()} == wanted:
        return
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for source in files:
        try:
            os.link(source, folder / source.name)
        except OSError:
            shutil.copy2(source, folder / source.name)


# -- measuring one process ----------------------------------------------------------------------
@dataclass
class Sample:
    seconds: float
    cpu: float
    peak_mb: float
    code: int
    stderr: str


def measure(argv: list[str]) -> Sample:
    """Run argv once: wall time, CPU time and peak memory of the process and its children.

    A small launcher forks and execs the command and reads its os.wait4 figures, because a
    child's ru_maxrss starts from the memory of the process that forked it (here, the bench
    with the generator loaded). A sampler also sums the resident memory of the launcher's
    process tree every 20 ms, so worker processes count when they run side by side.
    """
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as report:
        proc = subprocess.Popen([sys.executable, "-c", LAUNCH, report.name, *argv], cwd=WORK,
                                env=CHILD_ENV, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=err)
        sampler = _TreeSampler(proc.pid)
        sampler.start()
        code = proc.wait()
        sampler.stop.set()
        sampler.join()
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
        if code != 0:
            raise SystemExit(f"bench/run.py: could not run {argv[0]}: {stderr.strip()}")
        seconds, cpu, max_rss_kib, status = json.loads(report.read())
    return Sample(seconds, cpu, max(max_rss_kib / 1024, sampler.peak / 2**20), status, stderr)


# Forks and execs the command, waits for it with os.wait4, and writes what it measured.
LAUNCH = """import json, os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
with open(sys.argv[1], "w") as out:
    json.dump([seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss,
               os.waitstatus_to_exitcode(status)], out)
"""


class _TreeSampler(threading.Thread):
    PAGE = resource.getpagesize()

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.stop = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.02):
            self.peak = max(self.peak, self._tree_rss())

    def _tree_rss(self) -> int:
        """Resident memory of every process under the launcher (not the launcher itself)."""
        total, todo, seen = 0, [self.pid], set()
        while todo:
            pid = todo.pop()
            if pid in seen:
                continue
            seen.add(pid)
            try:
                if pid != self.pid:
                    with open(f"/proc/{pid}/statm") as handle:
                        total += int(handle.read().split()[1]) * self.PAGE
                for task in os.listdir(f"/proc/{pid}/task"):
                    with open(f"/proc/{pid}/task/{task}/children") as handle:
                        todo.extend(int(c) for c in handle.read().split())
            except (OSError, ValueError):
                continue
        return total


# -- what is timed ------------------------------------------------------------------------------
@dataclass
class Task:
    key: str
    label: str
    files: int
    argv: list[str]
    baseline: str | None = None
    samples: list[Sample] = field(default_factory=list)
    failure: str | None = None

    @property
    def seconds(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def cpu(self) -> float:
        return statistics.median(s.cpu for s in self.samples)

    @property
    def peak_mb(self) -> float:
        return max(s.peak_mb for s in self.samples)

    @property
    def done(self) -> bool:
        return bool(self.samples) and self.failure is None


def pilkada() -> list[str]:
    script = Path(sys.executable).with_name("pilkada")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "pilkada_cli"]


def compile_available() -> bool:
    """`pilkada compile` exists once its branch is merged; until then its figures are n/a."""
    probe = subprocess.run([*pilkada(), "compile", "--help"], capture_output=True, cwd=WORK,
                           env=CHILD_ENV)
    return probe.returncode == 0


def tasks(inputs: Inputs, with_compile: bool) -> list[Task]:
    py, cli, out = sys.executable, pilkada(), WORK / "out"
    day = national.DAY.isoformat()

    def check(config: Path, target: Path) -> list[str]:
        return [*cli, "check", "--config", str(config), str(target)]

    def compile_(config: Path, inbox: Path, name: str, formats: str = FORMATS) -> list[str]:
        return [*cli, "compile", str(inbox), "--date", day, "--out", str(out / name),
                "--format", formats, "--config", str(config)]

    n = len(list(inputs.national.glob("*.xlsx")))
    found = [
        Task("python", "`python -c pass`", 0, [py, "-c", "pass"], "naive_1"),
        Task("help", "`pilkada --help`", 0, [*cli, "--help"], "naive_1"),
        Task("typer_help", "`--help` of a minimal typer app (two commands)", 0,
             [py, "-c", MINIMAL_TYPER, "--help"], "naive_1"),
        Task("naive_1", "naive: pandas + openpyxl, every sheet", 1, [py, "-c", NAIVE,
                                                                    str(inputs.first)]),
        Task("check_1", "`pilkada check` (national config)", 1,
             check(inputs.national_config, inputs.first), "naive_1"),
        Task("naive_10", "naive: pandas + openpyxl, every sheet", 10,
             [py, "-c", NAIVE, str(inputs.province)]),
        Task("check_10", "`pilkada check`, one province (built-in config)", 10,
             check(inputs.province_config, inputs.province), "naive_10"),
        Task("compile_10", "`pilkada compile`, one province, all formats", 10,
             compile_(inputs.province_config, inputs.province, "province"), "naive_10"),
        Task("summary_10", "`pilkada compile`, one province, with the one-page summary", 10,
             compile_(inputs.province_config, inputs.province, "province-summary",
                      WITH_SUMMARY), "naive_10"),
        Task("naive_514", "naive: pandas + openpyxl, every sheet", n,
             [py, "-c", NAIVE, str(inputs.national)]),
        Task("floor_514", "floor: read every file's bytes", n,
             [py, "-c", FLOOR, str(inputs.national)], "naive_514"),
        Task("check_514", "`pilkada check`", n, check(inputs.national_config, inputs.national),
             "naive_514"),
        Task("compile_514", "`pilkada compile`, all formats", n,
             compile_(inputs.national_config, inputs.national, "national"), "naive_514"),
        Task("summary_514", "`pilkada compile`, with the one-page summary", n,
             compile_(inputs.national_config, inputs.national, "national-summary",
                      WITH_SUMMARY), "naive_514"),
        Task("compile_514_json", "`pilkada compile --format json`", n,
             compile_(inputs.national_config, inputs.national, "national-json", "json"),
             "naive_514"),
        Task("compile_38", "`pilkada compile` of the 38 provincial recaps, all formats", 38,
             compile_(inputs.national_config, inputs.recaps, "recaps"), "naive_514"),
        Task("compile_38_json", "`pilkada compile --format json` of the 38 recaps", 38,
             compile_(inputs.national_config, inputs.recaps, "recaps-json", "json"),
             "naive_514"),
    ]
    for count, (config, inbox) in inputs.scales.items():
        found.append(Task(f"check_n{count}", f"growth: `pilkada check` of {count}", count,
                          check(config, inbox)))
        found.append(Task(f"compile_n{count}", f"growth: `pilkada compile` of {count}", count,
                          compile_(config, inbox, f"n{count}")))
    for task in found:
        if task.key.startswith("compile") and not with_compile:
            task.failure = "not available"
    return found


def run_all(found: list[Task], runs: int, warm_up: bool) -> None:
    active = [t for t in found if t.failure is None]
    rounds = ([False] if warm_up else []) + [True] * runs
    for number, keep in enumerate(rounds):
        say("warm-up round ..." if not keep else
            f"round {number + (0 if warm_up else 1)}/{runs} ...")
        for task in active:
            if task.failure is not None:
                continue
            sample = measure(task.argv)
            if sample.code != 0:
                tail = " ".join(sample.stderr.strip().splitlines()[-3:])[-300:]
                task.failure = f"failed (exit {sample.code})" + (f": {tail}" if tail else "")
                say(f"  {task.key}: {task.failure}")
            elif keep:
                task.samples.append(sample)


def shared_warm_up(found: list[Task]) -> None:
    """For --quick: warm the page cache, bytecode and font caches once, not every command."""
    for task in found:
        if task.key in ("floor_514", "naive_1", "check_1", "compile_10") and task.failure is None:
            measure(task.argv)


# -- results ------------------------------------------------------------------------------------
def share(task: Task, by_key: dict[str, Task]) -> float | None:
    base = by_key.get(task.baseline or "")
    if not task.done or base is None or not base.done:
        return None
    return task.seconds / base.seconds


def fmt_share(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.3f} (1/{1 / value:.0f})" if value < 0.5 else f"{value:.2f}"


def growth(found: dict[str, Task], command: str, n: int) -> list[dict]:
    """Seconds at each size and the marginal seconds per file from the size before."""
    points = [(c, found.get(f"{command}_n{c}")) for c in SCALES] + [(n, found[f"{command}_514"])]
    rows, last = [], None
    for count, task in points:
        if task is None or not task.done:
            return []
        marginal = None
        if last is not None:
            marginal = (task.seconds - last[1]) / (count - last[0])
        rows.append({"files": count, "seconds": task.seconds, "per_file": task.seconds / count,
                     "marginal_per_file": marginal})
        last = (count, task.seconds)
    return rows


def linear(rows: list[dict]) -> tuple[float, float] | None:
    """(marginal cost per file over the last step, over the step before): equal when linear."""
    if len(rows) < 3:
        return None
    return rows[-1]["marginal_per_file"], rows[-2]["marginal_per_file"]


def targets(by_key: dict[str, Task], growths: dict[str, list[dict]]) -> list[dict[str, Any]]:
    def ratio(a: str, b: str) -> float | None:
        ta, tb = by_key[a], by_key[b]
        return ta.seconds / tb.seconds if ta.done and tb.done else None

    def extra(a: str, b: str) -> float | None:
        ta, tb = by_key[a], by_key[b]
        return ta.seconds - tb.seconds if ta.done and tb.done else None

    compile_ = by_key["compile_514"]
    found: list[dict[str, Any]] = [
        {"target": "`pilkada compile` of 514, all formats: ≤ 1/8 of the naive read",
         "measured": ratio("compile_514", "naive_514"), "limit": 1 / 8, "unit": "share"},
        {"target": "`pilkada compile` of 514: peak memory < 400 MB",
         "measured": compile_.peak_mb if compile_.done else None, "limit": 400, "unit": "MB",
         "strict": True},
        {"target": "`pilkada check` of one: ≤ 1/3 of the naive one-file read",
         "measured": ratio("check_1", "naive_1"), "limit": 1 / 3, "unit": "share"},
        {"target": "`pilkada --help`: no slower than a minimal typer app's `--help`",
         "measured": ratio("help", "typer_help"), "limit": 1, "unit": "times"},
        {"target": "the one-page summary (png, pdf) adds ≤ 0.5 s to the compile of 10",
         "measured": extra("summary_10", "compile_10"), "limit": 0.5, "unit": "s"},
    ]
    found += [
        {"target": "`pilkada compile` of the 38 recaps: ≤ 1/10 of the compile of the 514 "
                   "workbooks, all formats",
         "measured": ratio("compile_38", "compile_514"), "limit": 1 / 10, "unit": "share"},
        {"target": "`pilkada compile --format json` of the 38 recaps: ≤ 1/10 of the same of "
                   "the 514 workbooks",
         "measured": ratio("compile_38_json", "compile_514_json"), "limit": 1 / 10,
         "unit": "share"},
    ]
    for command, rows in growths.items():
        pair = linear(rows)
        # Linear: the last step costs no more per file than the step before, with slack for
        # the noise of a busy machine (15% more, plus 0.3 ms a file).
        found.append({"target": f"`pilkada {command}` grows linearly (s/file, 100→514 vs 10→100)",
                      "measured": pair[0] if pair else None,
                      "limit": pair[1] * 1.15 + 0.0003 if pair else None, "unit": "s/file"})
    for item in found:
        value, limit = item["measured"], item["limit"]
        if value is None or limit is None:
            item["met"] = None
        else:
            item["met"] = value < limit if item.get("strict") else value <= limit
    return found


def rollup_equal(by_key: dict[str, Task]) -> bool | None:
    """The national recap from the 38 provincial recaps says, figure by figure, what the
    one from the 514 workbooks says (everything but where the files came from)."""
    if not (by_key["compile_514_json"].done and by_key["compile_38_json"].done):
        return None
    name = f"rekap-{national.DAY.isoformat()}.json"

    def figures(folder: str) -> dict[str, Any]:
        doc = json.loads((WORK / "out" / folder / national.DAY.isoformat() / name).read_text())
        for key in ("files", "revision"):  # which files, and the store's sign-off of them
            doc.pop(key, None)
        doc["attention"] = [{k: a[k] for k in ("kind", "regency", "field")}
                            for a in doc.get("attention", [])]
        for row in doc["regencies"]:
            for key in ("file", "arrived", "received", "errors", "warnings"):
                row.pop(key)
        return doc

    return figures("national-json") == figures("recaps-json")


def fmt_target_value(value: float | None, unit: str) -> str:
    if value is None:
        return "not available"
    if unit == "share":
        return fmt_share(value)
    if unit == "MB":
        return f"{value:.0f} MB"
    if unit == "times":
        return f"{value:.2f}×"
    if unit == "s":
        return f"{value:+.2f} s"
    return f"{value * 1000:.2f} ms"


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text()
                      .splitlines() if line.startswith("MemTotal"))
        memory_gb = round(memory / 2**20, 1)
    except (OSError, StopIteration, ValueError):
        memory_gb = None
    return {"nproc": len(os.sched_getaffinity(0)), "memory_gb": memory_gb, "cpu": cpu,
            "python": platform.python_version(), "system": platform.platform()}


def versions() -> dict[str, str]:
    found = {}
    for name in VERSIONS:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def markdown(result: dict, found: list[Task], by_key: dict[str, Task]) -> str:
    info, libs = result["machine"], result["versions"]
    lines = [
        f"Run of {result['date']} ({result['runs']} runs each after "
        f"{'a warm-up round' if result['warm_up'] else 'a shared warm-up'}; "
        f"whole run {result['elapsed_seconds']:.0f} s; load average "
        f"{result['load_average']['start']:.1f} before, {result['load_average']['end']:.1f} "
        f"after). Machine: {info['nproc']} cores, "
        f"{info['memory_gb']} GB, {info['cpu']}; Python {info['python']}; {info['system']}.",
        "Versions: " + ", ".join(f"{k} {v}" for k, v in libs.items()) + ".",
        "",
        "| measurement | files | median s | CPU s | peak MB | share of naive |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for task in found:
        if task.key.startswith(("check_n", "compile_n")):
            continue
        if task.done:
            base = "1 (baseline)" if task.key.startswith("naive") else fmt_share(
                share(task, by_key))
            lines.append(f"| {task.label} | {task.files} | {task.seconds:.3f} | {task.cpu:.2f} "
                         f"| {task.peak_mb:.0f} | {base} |")
        else:
            lines.append(f"| {task.label} | {task.files} | {task.failure or '–'} | | | |")
    lines += ["", "Targets, as ratios from this run:", "",
              "| target | measured | limit | met |", "| --- | ---: | ---: | :---: |"]
    for item in result["targets"]:
        met = {True: "yes", False: "**no**", None: "–"}[item["met"]]
        lines.append(f"| {item['target']} | {fmt_target_value(item['measured'], item['unit'])} "
                     f"| {fmt_target_value(item['limit'], item['unit'])} | {met} |")
    equal = {True: "yes", False: "**no**", None: "not compared"}[result["rollup_equal"]]
    lines += ["", f"National picture from the 38 provincial recaps equal, figure by figure, to "
              f"the one from the 514 workbooks: {equal}."]
    lines += ["", "Growth (each size with a config of just its regencies; per file, and in "
              "brackets what each file added since the size before):", "",
              "| files | check s | check s/file | compile s | compile s/file |",
              "| ---: | ---: | ---: | ---: | ---: |"]
    checks = {r["files"]: r for r in result["growth"].get("check", [])}
    compiles = {r["files"]: r for r in result["growth"].get("compile", [])}
    for count in sorted(set(checks) | set(compiles)):
        cells = []
        for rows in (checks, compiles):
            row = rows.get(count)
            cells += ([f"{row['seconds']:.3f}", _per_file(row)] if row else ["–", "–"])
        lines.append(f"| {count} | " + " | ".join(cells) + " |")
    if not compiles:
        lines.append("")
        lines.append("`pilkada compile`: not available in this build.")
    return "\n".join(lines)


def _per_file(row: dict) -> str:
    marginal = row["marginal_per_file"]
    text = f"{row['per_file'] * 1000:.1f} ms"
    return text + (f" (+{marginal * 1000:.1f} ms each)" if marginal is not None else "")


def write_readme(table: str) -> None:
    text = README.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        text = text.rstrip("\n") + f"\n\n{BEGIN}\n{END}\n"
    head, rest = text.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    README.write_text(f"{head}{BEGIN}\n{table}\n{END}{tail}", encoding="utf-8")


def _shown(arg: str) -> str:
    """A command's argument as stored in results.json: scripts named, paths relative."""
    names = {NAIVE: "<naive script>", FLOOR: "<floor script>"}
    return names.get(arg, arg.replace(f"{BENCH.parent}{os.sep}", ""))


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each command (5)")
    parser.add_argument("--quick", action="store_true",
                        help="one timed run each and a shared warm-up: a first look in a minute")
    parser.add_argument("--fresh", action="store_true", help="regenerate every workbook")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else args.runs
    if runs < 1:
        parser.error("--runs must be at least 1")
    started, load_before = time.perf_counter(), os.getloadavg()[0]
    inputs = prepare(args.fresh)
    with_compile = compile_available()
    if not with_compile:
        say("pilkada compile is not available in this build: its figures are 'not available'")
    found = tasks(inputs, with_compile)
    if args.quick:
        shared_warm_up(found)
    run_all(found, runs, warm_up=not args.quick)
    by_key = {t.key: t for t in found}
    n = by_key["naive_514"].files
    growths = {c: growth(by_key, c, n) for c in ("check", "compile")}
    result: dict[str, Any] = {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "runs": runs, "warm_up": not args.quick,
        # Other work on the machine skews every figure: the load average says how busy it was.
        "load_average": {"start": load_before, "end": os.getloadavg()[0]},
        "machine": machine(), "versions": versions(),
        "figures": {t.key: {
            "label": t.label, "files": t.files, "command": [_shown(a) for a in t.argv],
            "available": t.done, "failure": t.failure,
            "median_seconds": t.seconds if t.done else None,
            "median_cpu_seconds": t.cpu if t.done else None,
            "peak_mb": t.peak_mb if t.done else None,
            "seconds": [s.seconds for s in t.samples],
            "baseline": t.baseline, "share_of_baseline": share(t, by_key)}
            for t in found},
        "growth": growths,
    }
    result["targets"] = targets(by_key, growths)
    result["rollup_equal"] = rollup_equal(by_key)
    result["elapsed_seconds"] = time.perf_counter() - started
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    table = markdown(result, found, by_key)
    write_readme(table)
    print(table)
    say(f"\nresults: {RESULTS.relative_to(BENCH.parent)} and {README.relative_to(BENCH.parent)}"
        f" · whole run {result['elapsed_seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit("bench/run.py: interrupted; results not written")
