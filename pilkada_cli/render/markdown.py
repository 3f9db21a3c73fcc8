"""The Markdown briefing, from the staff-editable jinja2 template `briefing.md.j2`.

The template runs in jinja2's sandbox and every value it prints is escaped for
Markdown on the way out (jinja2's `finalize`), so text from a workbook can never
break a table, add HTML or a link, or run as template code: it is only ever data.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pilkada_cli.errors import ConfigError
from pilkada_cli.render.view import BriefingView
from pilkada_cli.resources import resource_path
from pilkada_cli.texts import phrase

TEMPLATE = "briefing.md.j2"

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_BREAKS = re.compile(r"\s*[\r\n\u2028\u2029]+\s*")
_INLINE = re.compile(r"([\\`*_\[\]|~#<])")
# '&' that would start a character reference ('&lt;', '&#60;'); a plain '&' is left as typed.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_BLOCK_START = re.compile(r"^([-+=>]|\d+[.)])(?=\s|$)")


def md_escape(value: Any) -> str:
    """Plain text made inert in Markdown: one line, no HTML, no emphasis, links, pipes or
    character references."""
    if value is None:
        return ""
    text = _CONTROL.sub(" ", str(value))
    text = _BREAKS.sub(" ", text).strip()
    # A backslash, not an entity, keeps '<' and '&' inert: the file reads as typed
    # ('>= 0', never '&gt;= 0') and renders the same. '>' only acts at a line's start.
    text = _INLINE.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    match = _BLOCK_START.match(text)
    if match:
        # "- x", "1. x" or "> x" at the start would open a list or a quote.
        text = text[: match.end() - 1] + "\\" + text[match.end() - 1:]
    elif text.startswith(">"):
        text = "\\" + text  # ">x" opens a quote too
    return text


def render_markdown(view: BriefingView, templates: Path | None = None) -> bytes:
    """The briefing as UTF-8 Markdown."""
    from jinja2 import FileSystemLoader, StrictUndefined, TemplateError
    from jinja2.sandbox import SandboxedEnvironment
    from markupsafe import Markup

    path = resource_path(TEMPLATE, templates)
    env = SandboxedEnvironment(
        loader=FileSystemLoader(str(path.parent)), autoescape=False, trim_blocks=True,
        lstrip_blocks=True, keep_trailing_newline=True, undefined=StrictUndefined,
        finalize=lambda v: v if isinstance(v, Markup) else md_escape(v))
    try:
        text = env.get_template(path.name).render(v=view, t=view.t)
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        where = phrase("errors", "at_line", path=path, line=line) if line else path
        raise ConfigError(phrase("errors", "markdown_template", where=where, why=exc)) from exc
    return _tidy(text).encode("utf-8")


def _tidy(text: str) -> str:
    """At most one blank line in a row, and one newline at the end."""
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
