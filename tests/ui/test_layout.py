"""Laying the article out in rows: widths, coverage, collapsed sections, partial layouts."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.article import parse_article
from reader.ui.layout import ArticleLayout, wrap

ARTICLE = (
    "date 2024-03-01 Ein Titel, der so lang ist, dass er umbrochen werden muss, ganz sicher\n\n"
    "Der erste Absatz erzählt etwas. "
    * 5
    + "\n\nZwischentitel\n\n"
    + "1/2 Ein Bild. Foto: Agentur\n\n0:47 Ein Video\n\n"
    + "Noch ein Absatz mit einemsehrsehrsehrsehrsehrsehrlangenwortohneende darin.\n"
)


def test_rows_fit_the_width_and_cover_every_word() -> None:
    article = parse_article(ARTICLE)
    rows, complete = ArticleLayout(article).build(30)
    assert complete
    for row in rows:
        assert cell_len(article.text[row.start : row.end].rstrip()) <= 30
    shown = " ".join(article.text[r.start : r.end] for r in rows if r.kind != "blank")
    for block in article.blocks():
        for word in block.text.split():
            assert word in shown.replace("\n", " ") or len(word) > 28


def test_collapsed_section_keeps_its_heading_only() -> None:
    layout = ArticleLayout(parse_article(ARTICLE))
    rows, _ = layout.build(40, frozenset({0}))
    kinds = [r.kind for r in rows if r.section == 0 and r.kind != "blank"]
    assert kinds == ["heading"]


def test_partial_layout_stops_near_the_budget() -> None:
    text = "date 2024-01-01 T\n\n" + ("Wort " * 50_000)
    layout = ArticleLayout(parse_article(text))
    rows, complete = layout.build(60, budget=5_000)
    assert not complete
    assert 5_000 <= rows[-1].end <= 5_200
    full, complete = layout.build(60)
    assert complete and full[-2].end == len(text.rstrip())
    text_rows = [r for r in full if r.kind == "paragraph"]
    assert all(a.end == b.start for a, b in itertools.pairwise(text_rows))


def test_hard_line_breaks_and_crlf() -> None:
    text = "Zeile eins\r\nZeile zwei\nDrei"
    starts, _ = wrap(text, 0, len(text), 40)
    assert [text[s:].split("\n")[0].strip() for s in starts] == ["Zeile eins", "Zeile zwei", "Drei"]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400), st.integers(min_value=1, max_value=50))
def test_wrap_never_raises_and_is_ordered(text: str, width: int) -> None:
    starts, end = wrap(text, 0, len(text), width)
    assert end == len(text)
    assert starts == sorted(starts) and all(0 <= s <= len(text) for s in starts)
