"""Where the built-in templates live, in a checkout and in an installed wheel alike."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def templates_dir() -> Path:
    """The wheel carries `templates/` inside the package; a checkout has it beside it."""
    packaged = _PACKAGE / "templates"
    return packaged if packaged.is_dir() else _PACKAGE.parent / "templates"


def resource_path(name: str, override_dir: Path | None = None) -> Path:
    """A template file: from the config's own templates folder when it has one."""
    if override_dir is not None and (override_dir / name).is_file():
        return override_dir / name
    return templates_dir() / name
