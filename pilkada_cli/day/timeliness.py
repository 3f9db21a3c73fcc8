"""When a report came in, and whether that was after the day's deadline.

A file's arrival is the moment pilkada first saw it, or the file's own modification
time when that is earlier: a report dropped into the inbox at 17.00 and first seen by
the 21.00 compile arrived at 17.00, not at 21.00. A modification time later than the
first sighting says nothing about arrival (the file was touched afterwards) and is
ignored. The deadline is the config's time of day on the report date, in the
province's time zone (18.00 WITA by default).

A report is late when it arrived after the deadline but within a day of it. A time
more than a day after the deadline is not taken as evidence: it is when the file was
copied or first looked at (old files read for the first time, a fresh checkout of the
samples), not when it was sent. A regency that sent nothing by then was shown as
missing on the day itself.
"""

from __future__ import annotations

import datetime as dt

from pilkada_cli.config import Config


def arrival(first_seen: dt.datetime, mtime: dt.datetime | None) -> dt.datetime:
    """The earlier of first sighting and the file's modification time."""
    return first_seen if mtime is None else min(first_seen, mtime)


def deadline(day: dt.date, config: Config) -> dt.datetime:
    """The deadline for the report of `day`, as an aware time in the province's zone."""
    return dt.datetime.combine(day, config.deadline, tzinfo=config.timezone)


LATE_WINDOW = dt.timedelta(days=1)


def is_late(arrived: dt.datetime, day: dt.date, config: Config) -> bool:
    """True when a report for `day` arrived after that day's deadline (within LATE_WINDOW)."""
    due = deadline(day, config)
    return due < arrived <= due + LATE_WINDOW


def plausible_arrival(received: dt.datetime, day: dt.date, config: Config) -> bool:
    """Whether a file's time can be when it was sent for `day` (and is worth showing): not
    before the day, nor so long after the deadline that it is when the file was copied."""
    start = dt.datetime.combine(day, dt.time(0, 0), config.timezone)
    return start <= received <= deadline(day, config) + LATE_WINDOW


def local(moment: dt.datetime, config: Config) -> dt.datetime:
    """A moment on the province's clock (what staff read: 17.05 WITA)."""
    return moment.astimezone(config.timezone)
