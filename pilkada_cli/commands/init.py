"""`pilkada init`: a new desk's folder, its commented pilkada.yaml, and what to run next."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pilkada_cli import texts
from pilkada_cli.commands.common import Lang, LangOption, guarded
from pilkada_cli.errors import UsageError


@guarded
def init(
    province: Annotated[str | None, typer.Option(
        "--province", "-p", help="The province: its code (32) or name (Jawa Barat); "
        "default: the built-in Kalimantan Timur.", show_default=False)] = None,
    folder: Annotated[Path, typer.Option(
        "--folder", help="The desk's folder, made if missing.", file_okay=False,
        show_default="the current folder")] = Path(),
    force: Annotated[bool, typer.Option(
        "--force", help="Replace an existing pilkada.yaml.")] = False,
    lang: LangOption = Lang.id,
) -> None:
    """Start a desk: write a commented pilkada.yaml for the province, with every
    regency/city that reports, make the inbox, out and archive folders, and show the
    commands to run next.

    Exit code 0 when written, 2 when pilkada.yaml exists (without --force) or the
    province is not known.
    """
    from pilkada_cli.regions import find_province, provinces
    from pilkada_cli.starter import start_desk

    text = texts.table("init", lang.value)
    chosen = None
    if province is not None:
        chosen = find_province(province)
        if chosen is None:
            choices = ", ".join(f"{p.code} {p.name}" for p in provinces().values())
            raise UsageError(text["unknown"].format(value=province, choices=choices))
    started = start_desk(folder, chosen, force, lang.value)
    typer.echo(text["written"].format(path=started.config, province=started.province.name,
                                      n=started.regencies,
                                      tz=f"{started.province.timezone_label}, "
                                         f"{started.province.timezone}"))
    for made in started.folders:
        typer.echo(text["folder"].format(path=made))
    steps = [("pilkada template --all --output templat/", text["step_template"]),
             ("pilkada check inbox/", text["step_check"]),
             ("pilkada compile", text["step_compile"])]
    if folder.resolve() != Path.cwd().resolve():
        steps.insert(0, (f"cd {_quoted(folder)}", text["cd"]))
    width = max(len(command) for command, _ in steps)
    typer.echo("\n" + text["next"])
    for command, why in steps:
        typer.echo(f"  {command:<{width}}   # {why}")


def _quoted(path: Path) -> str:
    """The folder as a shell takes it, even with spaces in its name."""
    import shlex

    return shlex.quote(str(path))
