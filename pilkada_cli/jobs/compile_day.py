"""Compile one day: read the inbox, build the provincial picture, render and write the files.

    from pilkada_cli.jobs.compile_day import compile_day
    result = compile_day(Path("inbox"), date(2024, 11, 18), Path("out"), schema, config)

Every file is rendered before any is written, and the day's files replace the previous
run's as one set (files.replace_folder), so a failure never leaves a half-made or mixed
set behind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pilkada_cli import texts
from pilkada_cli.checking.schema import Schema
from pilkada_cli.config import Config
from pilkada_cli.day.attention import find_attention
from pilkada_cli.day.merge import ProvincialPicture, build_picture
from pilkada_cli.errors import NothingToDo, UsageError
from pilkada_cli.files import replace_folder

if TYPE_CHECKING:
    from pilkada_cli.checking.model import Report
    from pilkada_cli.day.findings import History, Revision
    from pilkada_cli.day.inbox import Inbox, InboxFile
    from pilkada_cli.day.recent import RecentDays
    from pilkada_cli.jobs.side import Helper
    from pilkada_cli.render.view import BriefingView, ChartView, TrendChartView
    from pilkada_cli.store.ledger import Snapshot, Store
    from pilkada_cli.store.ledger import Submission as StoreSubmission

FORMATS = ("md", "docx", "xlsx", "json", "html", "png", "pdf")
_NAMES = {"md": "briefing-{d}.md", "docx": "briefing-{d}.docx", "xlsx": "rekap-{d}.xlsx",
          "json": "rekap-{d}.json", "html": "briefing-{d}.html", "png": "ringkasan-{d}.png",
          "pdf": "ringkasan-{d}.pdf"}
_PAGES = ("png", "pdf")
_PAINTED = ("docx", *_PAGES)  # what needs matplotlib: drawn by the painter


@dataclass
class Compiled:
    picture: ProvincialPicture
    written: list[Path]
    summary: str
    # What the run could not use but worked around (a broken map file).
    notes: list[str] = field(default_factory=list)


def parse_formats(text: str, lang: str = "id") -> list[str]:
    """'md,docx' -> ['md', 'docx'], in the order given, each once."""
    wanted = [part.strip().lower().lstrip(".") for part in text.split(",") if part.strip()]
    unknown = [w for w in wanted if w not in FORMATS]
    if unknown or not wanted:
        raise UsageError(texts.text("compile", "bad_format", lang, choices=",".join(FORMATS),
                                    given=text))
    return list(dict.fromkeys(wanted))


def output_paths(out: Path, day: dt.date, formats: Sequence[str]) -> dict[str, Path]:
    folder = out / day.isoformat()
    return {fmt: folder / _NAMES[fmt].format(d=day.isoformat()) for fmt in formats}


def compile_day(inbox: Path, day: dt.date, out: Path, schema: Schema, config: Config,
                formats: Sequence[str] = FORMATS, lang: str = "id", record: bool = False,
                wait: float = 60.0) -> Compiled:
    """The day's briefing and recap files from every workbook under `inbox`.

    With `record`, the run holds the store's lock: every file is taken into the store
    (rules across days, ledger, archive, accepted figures), arrival times come from the
    ledger, the day before's figures come from the store when its files are no
    longer in the inbox, and the campaign trend comes from the store's past days.
    """
    from pilkada_cli.checking.validate import check_files
    from pilkada_cli.day.inbox import find_workbooks

    if not inbox.is_dir():
        raise UsageError(texts.text("compile", "no_inbox", lang, path=inbox))
    from pilkada_cli.jobs.side import Helper

    # Forked before the reading starts: it loads matplotlib while the inbox is read.
    painter = Helper(warm_up) if set(_PAINTED) & set(formats) else None
    try:
        reports = list(check_files(find_workbooks(inbox, exclude=out), schema, config,
                                   folders=[inbox]))
        return _compile(reports, inbox, day, out, schema, config, formats, lang, record,
                        wait, painter)
    finally:
        if painter is not None:
            painter.close()


def _compile(reports: list[Report], inbox: Path, day: dt.date, out: Path, schema: Schema,
             config: Config, formats: Sequence[str], lang: str, record: bool,
             wait: float, painter: Helper | None = None) -> Compiled:
    from pilkada_cli.day.inbox import sort_inbox

    if not record:
        files = sort_inbox(reports, day, config)
        _nothing_to_do(files, day, inbox, lang)
        picture = build_picture(files, schema, config)
        picture.attention = find_attention(picture)  # without the past days: those rules left out
        return _render(picture, inbox, day, out, config, formats, lang, painter=painter)
    from pilkada_cli.day.inbox import received_at
    from pilkada_cli.day.series import series
    from pilkada_cli.store.intake import take_in
    from pilkada_cli.store.ledger import Store
    from pilkada_cli.store.lock import run_lock
    from pilkada_cli.store.runlog import run_log

    with run_log(config, "compile") as log, run_lock(config, wait), \
            Store.open(config, schema) as store:
        taken = take_in(store, reports, schema)
        arrived = {r.path: s.arrived.astimezone(config.timezone)
                   for r, s in zip(reports, taken, strict=True) if s is not None}
        files = sort_inbox(reports, day, config,
                           lambda path: arrived.get(path) or received_at(path, config))
        _nothing_to_do(files, day, inbox, lang)
        previous = _published(store, files)
        for regency in config.regencies:
            if regency.code not in files.day.chosen:
                past = store.previous(regency.code, day)
                known = files.last_known.get(regency.code)
                if past is not None and (known is None or past.date > known):
                    files.last_known[regency.code] = past.date
        eve = day - dt.timedelta(days=1)
        trend = {key: series(store, key, None, until=eve) for key in schema.trend}
        picture = build_picture(files, schema, config, previous, trend)
        picture.attention = find_attention(picture, _history(store, day, schema))
        picture.revision = _revision(store, picture, reports, taken, config)
        days = None
        if "html" in formats:
            from pilkada_cli.day.recent import recent_days
            days = recent_days(store, config, schema, day)
        result = _render(picture, inbox, day, out, config, formats, lang, days, painter)
        revision = picture.revision
        if revision.save:  # once its files are written: a failed run leaves the record as it was
            from pilkada_cli.store.approvals import save_revision
            save_revision(store, day, revision.number, revision.files, revision.figures)
        log.info("%s compiled (revision %d%s): %s", day.isoformat(), revision.number,
                 ", approved" if revision.approved else "", result.summary)
        return result


def _published(store: Store, files: Inbox) -> dict[str, dict[str, Any]]:
    """Each regency's figures of the day before as its briefing published them: those of
    its last approved revision (else its last one); with none, its files in the inbox
    (those that came in by then), else what the store accepted."""
    from pilkada_cli.store.approvals import revisions

    records = revisions(store, files.previous.day)
    approved = [r for r in records if r.approved]
    if records:
        return {code: dict(figures)
                for code, figures in (approved or records)[-1].figures.items()}
    previous = {code: dict(r.values) for code, r in files.previous.valid.items()}
    came_today = {s.report.sha256 for s in files.other_days}
    for code, snapshot in store.accepted(files.previous.day).items():
        if snapshot.sha256 not in came_today:
            previous.setdefault(code, snapshot.values)
    return previous


def _history(store: Store, day: dt.date, schema: Schema) -> History:
    """The past days the rules of what needs attention look at, from the store."""
    from pilkada_cli.day.findings import History

    back = max((rule.days for rule in schema.attention), default=1)
    recent: dict[str, list[Snapshot]] = {}
    for n in range(back, 0, -1):  # oldest first
        for code, snapshot in store.accepted(day - dt.timedelta(days=n)).items():
            recent.setdefault(code, []).append(snapshot)
    sent = {}
    for n in range(1, back):
        earlier = day - dt.timedelta(days=n)
        sent[earlier] = frozenset(s.regency for s in store.submissions(earlier) if s.regency)
    return History(recent, sent)


def _revision(store: Store, picture: ProvincialPicture, reports: list[Report],
              taken: Sequence[StoreSubmission | None], config: Config) -> Revision:
    """The revision this compile writes, from the day's revisions in the store."""
    from pilkada_cli.day.revisions import settle
    from pilkada_cli.store.approvals import revisions

    shas = {r.path: s.sha256 for r, s in zip(reports, taken, strict=True) if s is not None}
    return settle(revisions(store, picture.day), picture, shas, config)


def earlier_names(out: Path, day: dt.date, number: int) -> dict[str, str]:
    """The names under which the day's files of revision `number` are kept when the next
    revision is written (NAME.rN.EXT); a file of that name already kept stays as it is."""
    names = {}
    for path in output_paths(out, day, FORMATS).values():
        kept = path.with_name(f"{path.stem}.r{number}{path.suffix}")
        if path.exists() and not kept.exists():
            names[path.name] = kept.name
    return names


def _nothing_to_do(files: Inbox, day: dt.date, inbox: Path, lang: str) -> None:
    if files.empty:
        raise NothingToDo(texts.text("compile", "no_report", lang, date=day.isoformat(),
                                     path=inbox))


def _render(picture: ProvincialPicture, inbox: Path, day: dt.date, out: Path, config: Config,
            formats: Sequence[str], lang: str, days: RecentDays | None = None,
            painter: Helper | None = None) -> Compiled:
    """Render every format, then write each file whole; the store's last `days` are drawn
    in the HTML briefing. The `painter` (given whenever a format of _PAINTED is asked for)
    draws the one-page summary and the Word briefing, and a child forked now makes the
    recap workbook, each on the other core, while this process renders the rest."""
    from pilkada_cli.jobs.side import Helper
    from pilkada_cli.render.view import build_view

    view = build_view(picture, config, lang, inbox, days)
    templates = config.templates_dir
    pages = [f for f in formats if f in _PAGES]
    drawn = painter.submit(_paint, view, pages, "docx" in formats, templates, lang) \
        if painter is not None else None
    recap = None
    if "xlsx" in formats:
        from pilkada_cli.render.recap import recap_xlsx
        recap = Helper(first=(recap_xlsx, (picture, config, lang, inbox)))
    rendered: dict[str, bytes] = {}
    notes: list[str] = []
    try:
        # What this process renders first, then what waits for the children.
        for fmt in sorted(formats, key=lambda f: f in ("xlsx", *_PAINTED)):
            if fmt in _PAINTED:
                if fmt not in rendered:  # the painter draws them all at once
                    assert drawn is not None
                    files, notes = drawn.result()
                    rendered.update(files)
            elif fmt == "md":
                from pilkada_cli.render.markdown import render_markdown
                rendered[fmt] = render_markdown(view, templates)
            elif fmt == "html":
                from pilkada_cli.render.html import render_html
                rendered[fmt] = render_html(view, templates)
            elif fmt == "xlsx":
                assert recap is not None
                rendered[fmt] = recap.first().result()
            elif fmt == "json":
                from pilkada_cli.render.recap import recap_json
                rendered[fmt] = recap_json(picture, config, lang, inbox)
    finally:
        if recap is not None:
            recap.close()
    paths = output_paths(out, day, formats)
    revision = picture.revision
    kept: dict[str, str] = {}
    if revision is not None and revision.new and revision.previous is not None:
        kept = earlier_names(out, day, revision.previous.number)
    # The day's files replace the previous run's as one set (a failure leaves those whole).
    folder = out / day.isoformat()
    try:
        replace_folder(folder, {paths[fmt].name: rendered[fmt] for fmt in formats}, kept)
    except OSError as exc:
        raise UsageError(texts.text("compile", "cannot_write", lang, path=folder,
                                    why=exc.strerror or exc)) from exc
    reporting = next(item.text for item in view.summary if item.key == "reporting")
    return Compiled(picture, list(paths.values()), reporting,
                    notes + _day_notes(picture, config, lang))


def _day_notes(picture: ProvincialPicture, config: Config, lang: str) -> list[str]:
    """What the desk must not miss about the day's files: a report for another day that
    came in on it, a file used that came after the day, and a new revision for that."""
    from pilkada_cli.day.attendance import shown_at

    def at(moment: dt.datetime) -> str:
        return shown_at(moment, picture.day, config, lang)

    def regency(file: InboxFile) -> str:
        return file.report.regency.name if file.report.regency else "–"

    notes = [texts.text("compile", "other_day", lang, file=f.path.name, regency=regency(f),
                        date=f.report.date, at=at(f.received), day=picture.day)
             for f in picture.other_days]
    notes += [texts.text("compile", "after_day", lang, file=f.path.name, regency=regency(f),
                         at=at(f.received), day=picture.day) for f in picture.after_day]
    revision = picture.revision
    if revision is not None and revision.new and revision.previous is not None:
        notes.append(texts.text("compile", "new_revision", lang, n=revision.number,
                                m=revision.previous.number))
    return notes


def _paint(view: BriefingView, pages: list[str], word: bool, templates: Path | None,
           lang: str) -> tuple[dict[str, bytes], list[str]]:
    """What needs matplotlib: the one-page summary in `pages`, with its notes (a map file
    it could not use), and with `word` the Word briefing with its charts."""
    files: dict[str, bytes] = {}
    notes: list[str] = []
    if pages:
        from pilkada_cli.render.summary import render_summary

        drawn = render_summary(view, pages)
        files, notes = dict(drawn.files), drawn.notes
    if word:
        from pilkada_cli.render.docx import render_docx

        files["docx"] = render_docx(view, _charts(view.chart, view.trend_chart, lang),
                                    templates)
    return files, notes


def warm_up() -> None:
    """What the painter loads while the inbox is read: matplotlib and its fonts, and the
    Word template engine."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    import pilkada_cli.render.chart
    import pilkada_cli.render.docx
    import pilkada_cli.render.summary.page  # noqa: F401

    figure = Figure(figsize=(1, 1))
    figure.text(0.5, 0.5, "0%")
    FigureCanvasAgg(figure).draw()


def _charts(chart: ChartView | None, trend: TrendChartView | None,
            lang: str) -> dict[str, bytes]:
    """The briefing's pictures as PNG, by their name in the Word template."""
    from pilkada_cli.render.chart import render_chart, render_trend

    drawn = {}
    if chart is not None:
        drawn["chart"] = render_chart(chart, lang)
    if trend is not None:
        drawn["trend_chart"] = render_trend(trend, lang)
    return drawn
