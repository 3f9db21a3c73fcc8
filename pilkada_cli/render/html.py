"""The briefing as one self-contained HTML page, from the staff-editable jinja2 template
`briefing.html.j2`: for phones (forwarded as a file, opened from a shared folder) and
browsers, with nothing to load and nothing to run.

The template runs in jinja2's sandbox with autoescaping on, so text from a workbook is
only ever text (`<script>`, `javascript:` links and `{{ 7*7 }}` included). The page's
Content-Security-Policy forbids scripts and every load from elsewhere; the renderer
refuses a template that drops it. Pictures are inline SVG drawn from the view's numbers.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pilkada_cli.errors import ConfigError
from pilkada_cli.render.sparkline import sparkline_svg
from pilkada_cli.render.view import BriefingView
from pilkada_cli.resources import resource_path
from pilkada_cli.texts import phrase

TEMPLATE = "briefing.html.j2"
POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
CSP = f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
# Control characters are not allowed in HTML text; a line break is kept.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def render_html(view: BriefingView, templates: Path | None = None) -> bytes:
    """The briefing as UTF-8 HTML."""
    from jinja2 import FileSystemLoader, StrictUndefined, TemplateError
    from markupsafe import Markup

    path = resource_path(TEMPLATE, templates)
    env = _sandbox()(
        loader=FileSystemLoader(str(path.parent)), autoescape=True, trim_blocks=True,
        lstrip_blocks=True, undefined=StrictUndefined, finalize=_clean)
    env.globals.update(zip=zip, sparkline=lambda values, text: Markup(sparkline_svg(values, text)))
    try:
        text = env.get_template(path.name).render(v=view, t=view.t, csp=Markup(CSP))
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        where = phrase("errors", "at_line", path=path, line=line) if line else path
        raise ConfigError(phrase("errors", "html_template", where=where, why=exc)) from exc
    head = text.split("</head>", 1)[0]
    if CSP not in head:
        raise ConfigError(phrase("errors", "html_csp", path=path))
    return text.encode("utf-8")


def _sandbox() -> type:
    """jinja2's sandbox, reading the view's own records' fields at once. They are plain data
    (text, numbers, lists of records), so the sandbox's checks for Python internals, which
    cost more than the rest of the page at national scale, are kept for everything else."""
    import dataclasses

    from jinja2.sandbox import SandboxedEnvironment

    from pilkada_cli.render.view import model

    records = {cls: frozenset(f.name for f in dataclasses.fields(cls))
               for cls in vars(model).values()
               if isinstance(cls, type) and dataclasses.is_dataclass(cls)}

    class Sandbox(SandboxedEnvironment):
        def getattr(self, obj: Any, attribute: str) -> Any:
            if attribute in records.get(type(obj), ()):
                return getattr(obj, attribute)
            return super().getattr(obj, attribute)

    return Sandbox


def _clean(value: Any) -> Any:
    """Text without control characters (markup made here is left as it is)."""
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return _CONTROL.sub(" ", value)
    return value
