"""Compile one day: read the inbox, build the provincial picture, render and write the files.

    from pilkada_cli.compiler import compile_day
    result = compile_day(Path("inbox"), date(2024, 11, 18), Path("out"), schema, config)

Every file is rendered before any is written, and each is written whole or not at all
(files.atomic_write), so a failure never leaves a half-made set behind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Config
from .errors import NothingToDo, UsageError
from .files import atomic_write
from .merge import ProvincialPicture, build_picture
from .schema import Schema

if TYPE_CHECKING:
    from concurrent.futures import Future

    from .render.view import ChartView

FORMATS = ("md", "docx", "xlsx", "json")
_NAMES = {"md": "briefing-{d}.md", "docx": "briefing-{d}.docx", "xlsx": "rekap-{d}.xlsx",
          "json": "rekap-{d}.json"}


@dataclass
class Compiled:
    picture: ProvincialPicture
    written: list[Path]
    summary: str


def parse_formats(text: str) -> list[str]:
    """'md,docx' -> ['md', 'docx'], in the order given, each once."""
    wanted = [part.strip().lower().lstrip(".") for part in text.split(",") if part.strip()]
    unknown = [w for w in wanted if w not in FORMATS]
    if unknown or not wanted:
        raise UsageError(f"--format: expected any of {','.join(FORMATS)}, got '{text}'")
    return list(dict.fromkeys(wanted))


def output_paths(out: Path, day: dt.date, formats: Sequence[str]) -> dict[str, Path]:
    folder = out / day.isoformat()
    return {fmt: folder / _NAMES[fmt].format(d=day.isoformat()) for fmt in formats}


def compile_day(inbox: Path, day: dt.date, out: Path, schema: Schema, config: Config,
                formats: Sequence[str] = FORMATS, lang: str = "id") -> Compiled:
    """The day's briefing and recap files from every workbook under `inbox`."""
    from .inbox import read_inbox
    from .render.view import build_view

    if not inbox.is_dir():
        raise UsageError(f"inbox folder not found: {inbox}")
    files = read_inbox(inbox, day, schema, config, exclude=out)
    if files.empty:
        raise NothingToDo(f"no report for {day.isoformat()} in {inbox}")
    picture = build_picture(files, schema, config)
    view = build_view(picture, config, lang, inbox)
    rendered: dict[str, bytes] = {}
    templates = config.templates_dir
    # The chart (matplotlib: a heavy import) is drawn on another core meanwhile.
    chart = _background(_chart, view.chart, lang) if "docx" in formats and view.chart else None
    try:
        for fmt in formats:
            if fmt == "md":
                from .render.markdown import render_markdown
                rendered[fmt] = render_markdown(view, templates)
            elif fmt == "xlsx":
                from .render.recap import recap_xlsx
                rendered[fmt] = recap_xlsx(picture, config, lang, inbox)
            elif fmt == "json":
                from .render.recap import recap_json
                rendered[fmt] = recap_json(picture, config, lang, inbox)
        if "docx" in formats:
            from .render.docx import render_docx
            rendered["docx"] = render_docx(view, chart.result() if chart else None, templates)
    finally:
        if chart is not None:
            chart.cancel()
    paths = output_paths(out, day, formats)
    for fmt, data in rendered.items():
        try:
            atomic_write(paths[fmt], data)
        except OSError as exc:
            raise UsageError(f"cannot write {paths[fmt]}: {exc.strerror or exc}") from exc
    return Compiled(picture, list(paths.values()), view.summary[0].text)


def _chart(chart: ChartView, lang: str) -> bytes:
    from .render.chart import render_chart

    return render_chart(chart, lang)


def _background(fn: Callable[..., bytes], *args: object) -> Future[bytes]:
    """fn(*args) in a forked worker process where the system can fork, else right here."""
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    if "fork" not in multiprocessing.get_all_start_methods():
        done: Future[bytes] = Future()
        done.set_result(fn(*args))
        return done
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    try:
        return pool.submit(fn, *args)
    finally:
        pool.shutdown(wait=False)
