"""A news page's article, found by trafilatura and written in the reader's own text format.

trafilatura finds the main text and the metadata (title, date, author, site) and leaves out
navigation, teasers, comments, cookie banners, scripts, styles and iframes. This module only
walks what it kept and writes it the way ``reader.article`` reads articles: a first line
``date YYYY-MM-DD Title``, then blocks separated by blank lines. Section headings stand alone;
image captions (the ``<figcaption>`` of an image trafilatura kept) become ``1/3 …`` caption
lines; list items and table rows stay together in one block. A short paragraph that the text
format would take for a heading is kept on a line of its own inside its neighbour's block.
Parsing the written text gives the ``Article``: its offsets are offsets into what is shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal
from urllib.parse import urljoin, urlsplit

from reader.article import is_heading
from reader.source import ArticleError, Source
from reader.web import charset
from reader.web.origin import Origin

if TYPE_CHECKING:
    from lxml.html import HtmlElement

BlockKind = Literal["heading", "paragraph", "caption"]
# Below this many words in sentences a page has no article (a section front, a video page);
# a short news item of two sentences has more.
MIN_WORDS = 15
KICKER_MAX_WORDS = 8
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")  # soft hyphen, zero widths
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[^\S\n]+")
_SENTENCE = re.compile(r"\w[.!?…][\"'»«“”„‘’)]*(?:\s|$)")
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")


class ExtractError(ArticleError):
    """A page without article text (or not a page at all)."""


@dataclass(slots=True)
class Page:
    """What the page holds: metadata and the article's blocks in reading order."""

    title: str
    date: date | None = None
    author: str | None = None
    site: str | None = None
    url: str | None = None
    blocks: list[tuple[BlockKind, str]] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)  # <link rel="alternate"> feeds

    @property
    def words(self) -> int:
        """Words in paragraphs with a sentence in them (not lists of teaser titles)."""
        return sum(
            len(text.split())
            for kind, text in self.blocks
            if kind == "paragraph" and _SENTENCE.search(text)
        )


def clean(text: str) -> str:
    """One paragraph's text: no control or invisible characters, single spaces, no blank line."""
    text = _INVISIBLE.sub("", text.replace("\xa0", " "))
    text = _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def extract(html: str, url: str | None = None) -> Page:
    """The article of an HTML page; raises ``ExtractError`` when there is none."""
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        raise ExtractError(f"{url or 'page'}: not an HTML page")
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        include_comments=False,
        include_images=True,  # for their captions
        include_tables=True,
        include_formatting=False,
        with_metadata=True,
    )
    feeds = _feed_links(tree, url)
    body = getattr(document, "body", None)
    if document is None or body is None:
        raise ExtractError(_no_text(url, feeds))
    base = url or getattr(document, "url", None)
    page = Page(
        title=clean(getattr(document, "title", None) or "").replace("\n", " "),
        date=_day(getattr(document, "date", None)),
        author=clean(getattr(document, "author", None) or "").replace("\n", " ") or None,
        site=getattr(document, "sitename", None) or getattr(document, "hostname", None),
        url=getattr(document, "url", None) or url,
        feeds=feeds,
    )
    captions = _figure_captions(tree, base)
    page.blocks = _drop_headline(page, list(_blocks(body, captions, base)))
    if page.words < MIN_WORDS:
        raise ExtractError(_no_text(url, feeds))
    return page


def _no_text(url: str | None, feeds: list[str]) -> str:
    message = f"{url or 'page'}: no article text on this page"
    if feeds:
        message += f" (it offers a feed: reader {feeds[0]})"
    return message


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value[:10]).date()
    except ValueError:
        return None


def _text(element: HtmlElement) -> str:
    """Text of an element of trafilatura's output; ``<lb/>`` is a line break."""
    parts: list[str] = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag != "graphic":
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _blocks(
    element: HtmlElement, captions: dict[str, str], base: str | None
) -> Iterator[tuple[BlockKind, str]]:
    """The blocks of trafilatura's output tree, with the captions of the images it kept."""
    for child in element:
        tag = child.tag
        if tag == "graphic":
            caption = _caption_of(child, captions, base)
            if caption:
                yield "caption", caption
            continue
        if tag == "head":
            text = clean(_text(child)).replace("\n", " ")
            if text:
                yield "heading", text
        elif tag == "list":
            items = [clean(_text(item)).replace("\n", " ") for item in child.iter("item")]
            text = "\n".join(f"– {item}" for item in items if item)
            if text:
                yield "paragraph", text
        elif tag == "table":
            rows = [
                " | ".join(clean(_text(cell)).replace("\n", " ") for cell in row.iter("cell"))
                for row in child.iter("row")
            ]
            text = "\n".join(row for row in rows if row.strip(" |"))
            if text:
                yield "paragraph", text
        elif tag in ("p", "quote", "code"):
            text = clean(_text(child))
            if text:
                yield "paragraph", text
        else:  # a container (div, section): its children
            yield from _blocks(child, captions, base)
            continue
        # Images inside a paragraph come after it, with their captions.
        for graphic in child.iter("graphic"):
            caption = _caption_of(graphic, captions, base)
            if caption:
                yield "caption", caption


def _drop_headline(page: Page, blocks: list[tuple[BlockKind, str]]) -> list[tuple[BlockKind, str]]:
    """The headline is the article's title, not its first heading; a kicker above it goes."""
    for index, (kind, text) in enumerate(blocks[:4]):
        if kind != "heading":
            continue
        if page.title and not _same_headline(text, page.title):
            if index:  # the first heading is a section heading, not the headline
                break
            continue
        page.title = text
        before = blocks[:index]
        if all(len(t.split()) <= KICKER_MAX_WORDS and "\n" not in t for _, t in before):
            before = []  # the kicker ("Abstimmung im Bundestag") above the headline
        return before + blocks[index + 1 :]
    return blocks


def _same_headline(heading: str, title: str) -> bool:
    """The page's ``<h1>`` and its metadata title: one may carry a kicker or the site's name."""
    return heading == title or title.startswith(heading) or heading.endswith(title)


def _figure_captions(tree: HtmlElement, base: str | None) -> dict[str, str]:
    """``<figcaption>`` text by the address (and alt text) of each image in its figure."""
    found: dict[str, str] = {}
    for figure in tree.iter("figure"):
        caption_element = next(figure.iter("figcaption"), None)
        if caption_element is None:
            continue
        caption = clean(caption_element.text_content()).replace("\n", " ")
        if not caption:
            continue
        for image in figure.iter("img", "source"):
            for name, value in image.attrib.items():
                if name in ("src", "srcset") or name.startswith("data-src"):
                    address = value.split()[0] if value.split() else ""
                    if address:
                        found.setdefault(_absolute(address, base), caption)
            alt = image.get("alt")
            if alt and alt.strip():
                found.setdefault(f"alt:{alt.strip()}", caption)
    return found


def _caption_of(graphic: HtmlElement, captions: dict[str, str], base: str | None) -> str | None:
    src = graphic.get("src") or ""
    alt = (graphic.get("alt") or "").strip()
    return captions.get(_absolute(src, base)) or (captions.get(f"alt:{alt}") if alt else None)


def _absolute(address: str, base: str | None) -> str:
    return urljoin(base, address) if base else address


def _feed_links(tree: HtmlElement, url: str | None) -> list[str]:
    links = []
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "alternate" in rel and (link.get("type") or "").lower() in _FEED_TYPES:
            href = (link.get("href") or "").strip()
            if href:
                links.append(_absolute(href, url))
    return [link for link in links if urlsplit(link).scheme in ("http", "https")]


# -- the reader's text format -----------------------------------------------------------------


def render(page: Page) -> str:
    """The page as an article in the reader's text format."""
    title = page.title or page.site or (urlsplit(page.url).hostname if page.url else None)
    title = title or "(untitled)"
    first = f"date {page.date.isoformat()} {title}" if page.date else title
    captions = sum(1 for kind, _ in page.blocks if kind == "caption")
    written: list[tuple[BlockKind, str]] = []
    pending: str | None = None  # a heading-like paragraph waiting for the paragraph after it
    number = 0
    for kind, text in page.blocks:
        if kind == "caption":
            number += 1
            text = f"{number}/{captions} {text}"
        elif kind == "paragraph" and is_heading(text):
            # Alone it would read as a heading: it becomes a line of a neighbouring paragraph.
            if written and written[-1][0] == "paragraph":
                written[-1] = ("paragraph", f"{written[-1][1]}\n{text}")
            else:
                pending = f"{pending}\n{text}" if pending else text
            continue
        if pending is not None:
            if kind == "paragraph":
                text = f"{pending}\n{text}"
            else:
                written.append(("paragraph", pending))
            pending = None
        written.append((kind, text))
    if pending is not None:
        written.append(("paragraph", pending))
    body = "\n\n".join(text for _, text in written)
    return f"{first}\n\n{body}\n"


def page_source(
    data: bytes,
    *,
    path: str,
    content_type: str | None = None,
    url: str | None = None,
    fetched: datetime | None = None,
    note: str | None = None,
) -> Source:
    """Decode, extract and render one page: the ``Source`` the reader opens and analyses."""
    html, encoding = charset.decode(data, content_type)
    page = extract(html, url)
    origin = Origin(
        url=page.url or url, site=page.site, author=page.author, fetched=fetched, note=note
    )
    return Source(path, render(page), encoding, origin=origin)
