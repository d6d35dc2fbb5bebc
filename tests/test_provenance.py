"""The bundled pipeline's version changes whenever its config or weights do."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from training import provenance

SHIPPED = provenance.SHIPPED


@pytest.mark.model
def test_the_shipped_pipeline_version_names_its_files() -> None:
    problem = provenance.stale(SHIPPED)
    assert problem is None, problem


def fake_pipeline(folder: Path) -> Path:
    (folder / "ner").mkdir(parents=True)
    (folder / "config.cfg").write_text('[nlp]\nlang = "de"\n', encoding="utf-8")
    (folder / "ner" / "model").write_bytes(b"\x00\x01weights")
    provenance.write_meta({"lang": "de", "name": "x", "version": "1.2.0"}, folder)
    return folder


def test_a_changed_weight_file_asks_for_a_new_version(tmp_path: Path) -> None:
    folder = fake_pipeline(tmp_path / "x")
    assert "none recorded" in (provenance.stale(folder) or "")
    provenance.update("1.2.1", folder)
    assert provenance.stale(folder) is None
    meta = provenance.read_meta(folder)
    assert list(meta)[:4] == ["lang", "name", "version", "files_sha256"]

    (folder / "ner" / "model").write_bytes(b"\x00\x01weighs")
    problem = provenance.stale(folder)
    assert problem is not None
    assert "x 1.2.1" in problem and "--update --version" in problem
    for same_or_older in (None, "1.2.1", "1.0.9"):
        with pytest.raises(ValueError):
            provenance.update(same_or_older, folder)
    assert provenance.stale(folder) is not None
    provenance.update("1.3.0", folder)
    assert provenance.stale(folder) is None
    assert provenance.read_meta(folder)["version"] == "1.3.0"


def test_the_hash_covers_names_and_contents_but_not_the_meta(tmp_path: Path) -> None:
    folder = fake_pipeline(tmp_path / "x")
    before = provenance.files_hash(folder)
    meta = provenance.read_meta(folder)
    provenance.write_meta({**meta, "description": "another text"}, folder)
    assert provenance.files_hash(folder) == before
    (folder / "config.cfg").write_text('[nlp]\nlang = "en"\n', encoding="utf-8")
    assert provenance.files_hash(folder) != before

    moved = fake_pipeline(tmp_path / "y")
    shutil.move(moved / "ner", moved / "ner2")
    assert provenance.files_hash(moved) != before


def test_the_command_line_check_and_update(tmp_path: Path, capsys) -> None:
    folder = fake_pipeline(tmp_path / "x")
    assert provenance.main(["--model", str(folder)]) == 1
    assert provenance.main(["--model", str(folder), "--update"]) == 2
    assert "give its new version" in capsys.readouterr().err
    assert provenance.main(["--model", str(folder), "--update", "--version", "2.0"]) == 2
    assert provenance.main(["--model", str(folder), "--update", "--version", "2.0.0"]) == 0
    assert provenance.main(["--model", str(folder)]) == 0
