"""Direct and reported speech in German news, with the speaker where one is named.

The package follows the concepts of the task, one module each:

``marks``
    quotation marks: the quoted spans of each paragraph, in one pass.
``direct``
    real quotes against quoted names, titles and scare quotes.
``cues``
    reporting verbs as written in a clause (the verbs live in ``reader.lang.de.verbs``).
``speakers``, ``phrases``, ``sources``, ``subjects``
    who can speak: names, pronouns, role phrases; noun phrases by their place; documents and
    source cues ("laut X", "heißt es in"); the subject of a reporting verb.
``frame``
    the speaker of a direct quote, read off the words around it.
``reported``
    reported speech, kind ``"indirect"``.
``assemble``
    the article's quotes together, with speakers carried from one quote to the next.

Every rule is asked for by its id (``reader.rulebook``) and documented with examples in
``reader/data/rules/quotes.toml``. Everything below ``find_quotes`` works on plain text plus
name spans (``quotes_in_text``), so it is testable without a model; it never raises and stays
linear.
"""

from reader.quotes.assemble import find_quotes, quotes_in_text, split_sentences
from reader.quotes.cues import KONJUNKTIV, REPORTING_VERBS, has_reporting_verb
from reader.quotes.direct import is_direct
from reader.quotes.marks import QuoteSpan, paragraph_spans, scan_paragraph, scan_quotes
from reader.quotes.speakers import Name, names_from_entities

__all__ = [
    "KONJUNKTIV",
    "REPORTING_VERBS",
    "Name",
    "QuoteSpan",
    "find_quotes",
    "has_reporting_verb",
    "is_direct",
    "names_from_entities",
    "paragraph_spans",
    "quotes_in_text",
    "scan_paragraph",
    "scan_quotes",
    "split_sentences",
]
