"""What happens to every report pilkada reads when a store is in use (check, status, compile):
its rules across days are checked against the regency's accepted past, then the file goes
into the ledger and the archive, and its values become the regency's figures for the day
when it is the newest valid file for that day.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence

from pilkada_cli.checking import across_days
from pilkada_cli.checking.model import Report
from pilkada_cli.checking.schema import Schema
from pilkada_cli.store.ledger import Store, Submission

log = logging.getLogger("pilkada")


def take_in(store: Store, reports: Sequence[Report], schema: Schema,
            seen_at: dt.datetime | None = None, *, record: bool = True
            ) -> list[Submission | None]:
    """Add across-days issues to each report (in place) and, with `record`, record and accept
    it. One transaction for all: a failure leaves the store as it was, and the next run
    takes every file in again. Reports are taken oldest date first, so a folder of several
    days is checked day against day. Returns the ledger entry of each report, in the order
    given (None when not recorded)."""
    seen_at = seen_at or dt.datetime.now(dt.UTC)
    results: dict[int, Submission | None] = {}
    order = sorted(range(len(reports)), key=lambda i: (reports[i].date or dt.date.max, i))
    with store.transaction():
        for i in order:
            report = reports[i]
            if report.regency is not None and report.date is not None:
                past = store.recent(report.regency.code, report.date, across_days.OUTLIER_DAYS)
                report.issues.extend(across_days.check(report, past, schema))
            submission = None
            if record:
                submission = store.record(report, seen_at)
                store.accept(report, recorded=submission)
            results[i] = submission
    for i in order:
        log.info("%s", describe(reports[i], results[i]))
    return [results[i] for i in range(len(reports))]


def describe(report: Report, submission: Submission | None) -> str:
    """One log line per file: what it is, its verdict, and where it is kept."""
    who = report.regency.code if report.regency else "?"
    when = report.date.isoformat() if report.date else "?"
    verdict = "valid" if report.valid else "INVALID"
    line = (f"{report.path.name!r} {who} {when} {verdict}, {len(report.errors)} errors, "
            f"{len(report.warnings)} warnings")
    if submission is not None:
        seen = "seen before" if submission.known else "new"
        line += f", sha256 {submission.sha256[:12]} ({seen})"
    return line
