"""Robustness run: `pilkada check` over every file of a corpus of real-world workbooks.

Each file is checked alone, in its own process, with a time limit and a memory limit
(RLIMIT_AS). None of the corpus files is a daily report, so each must be refused
plainly: exit code 1, one JSON report with an error, no traceback. Anything else (a
crash, a hang, a traceback, another exit code) fails the run.

    python scripts/corpus_smoke.py [CORPUS] [--timeout 20] [--memory-mb 1024] [--jobs 2]

CORPUS defaults to ../shared/corpus beside the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclass
class Outcome:
    path: Path
    seconds: float
    problem: str | None
    codes: str


def check_one(path: Path, timeout: float, memory_mb: int, workdir: str) -> Outcome:
    def limit_memory() -> None:
        limit = memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    env = {**os.environ, "PYTHONPATH": str(REPO)}
    start = time.monotonic()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pilkada_cli", "check", "--format", "json", str(path)],
            capture_output=True, text=True, timeout=timeout, cwd=workdir, env=env,
            preexec_fn=limit_memory)
    except subprocess.TimeoutExpired:
        return Outcome(path, time.monotonic() - start, f"no answer within {timeout:g} s", "")
    seconds = time.monotonic() - start
    if "Traceback" in done.stderr or "Traceback" in done.stdout:
        return Outcome(path, seconds, "traceback: " + done.stderr.strip()[-300:], "")
    if done.returncode != 1:
        return Outcome(path, seconds, f"exit code {done.returncode}: {done.stderr.strip()[:300]}",
                       "")
    try:
        report = json.loads(done.stdout)["files"]
        codes = sorted({i["code"] for i in report[0]["issues"] if i["severity"] == "error"})
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        return Outcome(path, seconds, f"no JSON report ({exc})", "")
    if len(report) != 1 or report[0]["valid"] or not codes:
        return Outcome(path, seconds, "not refused with an error", "")
    return Outcome(path, seconds, None, ",".join(codes))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--timeout", type=float, default=20)
    parser.add_argument("--memory-mb", type=int, default=1024)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--verbose", action="store_true", help="one line per file")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    files = sorted(p for p in args.corpus.rglob("*") if p.is_file())
    with tempfile.TemporaryDirectory() as workdir, ThreadPoolExecutor(args.jobs) as pool:
        outcomes = list(pool.map(
            lambda p: check_one(p, args.timeout, args.memory_mb, workdir), files))
    failed = [o for o in outcomes if o.problem]
    for outcome in outcomes:
        name = outcome.path.relative_to(args.corpus)
        if outcome.problem:
            print(f"FAIL {name} ({outcome.seconds:.1f} s): {outcome.problem}")
        elif args.verbose:
            print(f"ok   {name} ({outcome.seconds:.2f} s): {outcome.codes}")
    slowest = max(outcomes, key=lambda o: o.seconds, default=None)
    print(f"{len(files)} files, {len(failed)} failed"
          + (f"; slowest {slowest.path.name} {slowest.seconds:.1f} s" if slowest else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
