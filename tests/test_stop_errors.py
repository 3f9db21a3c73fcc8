"""A run stopped by a broken config or schema says why in the run's language: Indonesian
first, English with `--lang en`, pointing into the YAML by its path; exit code 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from pilkada_cli.cli import app

from .conftest import LAST_DAY, SAMPLES

runner = CliRunner()
LATEST = SAMPLES / LAST_DAY.isoformat()
SAID = {
    "config": {
        "id": "timezone: zona waktu 'Mars/Olympus' tidak dikenal",
        "en": "timezone: unknown time zone 'Mars/Olympus'"},
    "schema": {
        "id": "sheets.Logistik.fields.diterima.type: jenis 'integr' tidak dikenal "
              "(maksudnya 'integer'?)",
        "en": "sheets.Logistik.fields.diterima.type: unknown type 'integr' "
              "(did you mean 'integer'?)"},
}


def _broken(tmp_path: Path, what: str) -> list[str]:
    if what == "config":
        path = tmp_path / "pilkada.yaml"
        path.write_text("timezone: Mars/Olympus\n", encoding="utf-8")
        return ["--config", str(path)]
    path = tmp_path / "schema.yaml"
    path.write_text("sheets:\n  Logistik:\n    fields:\n      diterima: {type: integr}\n",
                    encoding="utf-8")
    return ["--schema", str(path)]


def _run(command: str, tmp_path: Path, what: str, *lang: str):
    args = [str(LATEST)] if command == "check" else \
        [str(LATEST), "--date", LAST_DAY.isoformat(), "--out", str(tmp_path / "out")]
    return runner.invoke(app, [command, *args, *_broken(tmp_path, what), *lang])


@pytest.mark.parametrize("command", ["check", "compile"])
@pytest.mark.parametrize("what", ["config", "schema"])
def test_a_broken_yaml_is_named_in_the_runs_language(tmp_path: Path, command: str,
                                                     what: str) -> None:
    indonesian = _run(command, tmp_path, what)
    english = _run(command, tmp_path, what, "--lang", "en")
    for done, lang in ((indonesian, "id"), (english, "en")):
        assert done.exit_code == 2, done.output
        assert SAID[what][lang] in done.stderr
        assert SAID[what]["en" if lang == "id" else "id"] not in done.stderr
        assert "Traceback" not in done.output
    assert not (tmp_path / "out").exists()


def test_a_cause_inside_a_sentence_is_said_in_the_same_language(tmp_path: Path) -> None:
    """The store's refusal inside check's advice to go without it: one sentence each."""
    folder = tmp_path / "store-is-a-folder"
    folder.mkdir()
    config = tmp_path / "pilkada.yaml"
    config.write_text(f"paths: {{store: {folder}}}\n", encoding="utf-8")
    args = ["check", str(LATEST), "--config", str(config), "--record"]
    indonesian = runner.invoke(app, args)
    english = runner.invoke(app, [*args, "--lang", "en"])
    assert (indonesian.exit_code, english.exit_code) == (2, 2)
    assert f"{folder} adalah folder; paths.store di pilkada.yaml harus menyebut sebuah " \
           "berkas; untuk memeriksa tanpa penyimpanan, tambahkan --no-record" in \
           indonesian.stderr
    assert f"{folder} is a folder; paths.store in pilkada.yaml must name a file; to check " \
           "without the store, add --no-record" in english.stderr


def test_an_unexpected_failure_is_one_line_in_the_runs_language(capsys) -> None:
    import typer

    from pilkada_cli.commands.common import Lang, guarded

    @guarded
    def broken(lang: Lang = Lang.id) -> None:
        raise RuntimeError("boom")

    for lang, said in ((Lang.id, "kesalahan internal: RuntimeError: boom (jalankan dengan "
                                 "--debug untuk rinciannya)"),
                       (Lang.en, "internal error: RuntimeError: boom (run with --debug for "
                                 "details)")):
        with pytest.raises(typer.Exit) as stopped:
            broken(lang=lang)
        assert stopped.value.exit_code == 2
        assert said in capsys.readouterr().err
