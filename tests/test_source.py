"""Reading files: encodings, BOM, binary and empty input, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.article import parse_article
from reader.source import ArticleError, article_files, decode, read_source

ARTICLE = "date 2024-01-02 Grüße aus Zürich\n\nDer Bürgermeister sagte: «Schön.»\n"


def test_utf8_with_bom_reads_as_if_absent() -> None:
    source = decode(b"\xef\xbb\xbf" + ARTICLE.encode())
    assert source.text == ARTICLE
    assert source.notice is None


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_encodings_fall_back_with_a_notice(encoding: str) -> None:
    source = decode(ARTICLE.encode(encoding))
    assert source.text == ARTICLE
    assert source.notice is not None and "UTF-8" in source.notice
    assert parse_article(source.text).title == "Grüße aus Zürich"


@pytest.mark.parametrize("data", [b"", b"   \n\n\t  ", b"\xef\xbb\xbf \n"])
def test_empty_input_is_an_error(data: bytes) -> None:
    with pytest.raises(ArticleError, match="empty"):
        decode(data, "a.txt")


def test_binary_input_is_not_text() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    with pytest.raises(ArticleError, match="not a text file"):
        decode(png, "bild.png")


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match=r"gibts-nicht\.txt: no such file"):
        read_source(tmp_path / "gibts-nicht.txt")


def test_directory_is_not_an_article(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="is a directory"):
        read_source(tmp_path)


def test_folder_without_articles(tmp_path: Path) -> None:
    (tmp_path / "bild.png").write_bytes(b"\x89PNG")
    with pytest.raises(ArticleError, match="no articles"):
        article_files(tmp_path)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    path = tmp_path / "geheim.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    real_open = os.open

    def denied(name: str, *args: object, **kwargs: object) -> int:
        if str(name) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(name, *args, **kwargs)  # type: ignore[arg-type]

    # Tests may run as root, for whom chmod 0 changes nothing; fail the open itself.
    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(ArticleError, match=r"geheim\.txt: permission denied"):
        read_source(path)
