"""The store's tables, version by version: each step takes a store from the version before
it to its own, in place and in one transaction (Store.migrate). A new step goes at the end;
a released step never changes."""

from __future__ import annotations

SCHEMA_VERSION = 4

# Each step takes a store from the version before it to its own; a new step goes at the end.
MIGRATIONS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (1, (
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """CREATE TABLE submissions (
               sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, path TEXT NOT NULL,
               name TEXT NOT NULL, first_seen TEXT NOT NULL, regency TEXT,
               report_date TEXT, valid INTEGER NOT NULL, errors INTEGER NOT NULL)""",
        """CREATE TABLE accepted (
               regency TEXT NOT NULL, report_date TEXT NOT NULL,
               sha256 TEXT NOT NULL REFERENCES submissions (sha256),
               data TEXT NOT NULL, accepted_at TEXT NOT NULL,
               PRIMARY KEY (regency, report_date))""",
    )),
    # Version 2: warnings, the file's own time (for timeliness) and where it is archived.
    (2, (
        "ALTER TABLE submissions ADD COLUMN warnings INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE submissions ADD COLUMN mtime TEXT",
        "ALTER TABLE submissions ADD COLUMN archive_path TEXT",
        "CREATE INDEX submissions_by_day ON submissions (report_date, regency)",
    )),
    # Version 3: the messages sent to the regencies (pilkada kirim), so none goes out twice.
    # sha256 is the file the message is about, '' for a reminder about a missing report.
    (3, (
        """CREATE TABLE sent (
               report_date TEXT NOT NULL, regency TEXT NOT NULL, kind TEXT NOT NULL,
               sha256 TEXT NOT NULL, channel TEXT NOT NULL, recipient TEXT NOT NULL,
               subject TEXT NOT NULL, message_id TEXT, sent_at TEXT NOT NULL)""",
        "CREATE INDEX sent_by_message ON sent (report_date, regency, kind, sha256, channel)",
    )),
    # Version 4: the day's revisions and their sign-off (store/approvals.py); new tables
    # only, so the step stands alone whatever its number.
    (4, (
        """CREATE TABLE IF NOT EXISTS revisions (
               report_date TEXT NOT NULL, revision INTEGER NOT NULL,
               figures TEXT NOT NULL, compiled_at TEXT NOT NULL,
               approved_by TEXT, approved_at TEXT,
               PRIMARY KEY (report_date, revision))""",
        """CREATE TABLE IF NOT EXISTS revision_files (
               report_date TEXT NOT NULL, revision INTEGER NOT NULL, regency TEXT NOT NULL,
               sha256 TEXT NOT NULL REFERENCES submissions (sha256), name TEXT NOT NULL,
               PRIMARY KEY (report_date, revision, regency),
               FOREIGN KEY (report_date, revision) REFERENCES revisions (report_date, revision))""",
    )),
)
assert MIGRATIONS[-1][0] == SCHEMA_VERSION
