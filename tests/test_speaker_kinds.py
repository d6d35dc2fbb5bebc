"""Over the 700 train articles of quotes-wikinews, every speaker is a person or organisation of
the sidebar, or a noun phrase whose head is a noun: never a sentence adverb, a fragment cut
in the middle of a phrase, or a source that names nobody.

Skipped where the corpus is not at ``../shared/corpora`` (it is not shipped).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from reader.lang.de.words import PREPOSITIONS, SENTENCE_OPENERS

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "quotes-wikinews"
TRAIN = CORPUS / "train.jsonl"

pytestmark = [
    pytest.mark.model,
    pytest.mark.slow,
    pytest.mark.skipif(not TRAIN.exists(), reason="quotes-wikinews is not here"),
]

_DANGLING = {"der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "von"}


def _what_is_wrong(name: str) -> str | None:
    """Why a speaker phrase is no noun phrase with a noun head, or None."""
    from reader.lexicons import is_common_noun, is_place

    words = name.split()
    if not words:
        return "empty"
    if words[0].lower() in PREPOSITIONS:
        return "opens with a preposition"
    if words[-1].lower() in _DANGLING:
        return "cut after a determiner or preposition"
    if re.search(r"[„“”«»\"()\[\],;:.!?]|(?<![\w-])\d+(?![\w-])", name):
        return "punctuation or a number inside"
    capitalised = [w for w in words if w[:1].isupper() or re.match(r"[a-z]\w*-[A-Z]", w)]
    if not capitalised or all(w in SENTENCE_OPENERS for w in capitalised):
        return "no noun"
    head = next(w for w in capitalised if w not in SENTENCE_OPENERS)
    # The word itself, its last part after a hyphen, a plural -n, or the noun a compound ends
    # in ("Behördenangaben" ends in "Angaben").
    parts = [head, head.rsplit("-", 1)[-1], head[:-1]]
    parts += [head[i].upper() + head[i + 1 :] for i in range(3, len(head) - 3)]
    known = any(is_common_noun(p) or is_place(p) for p in parts)
    if len(words) == 1 and not (known or head.isupper()):
        return "a bare word that is no known noun"
    return None


def test_every_speaker_is_an_entity_or_a_noun_phrase() -> None:
    from reader import entities as reader_entities
    from reader import nlp as reader_nlp
    from reader.article import parse_article
    from reader.quotes import find_quotes

    nlp = reader_nlp.load_pipeline()
    wrong: list[str] = []
    speakers = 0
    with TRAIN.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            article = parse_article(f"date 2000-01-01 Titel\n\n{record['text']}")
            passages = reader_nlp.process(nlp, article)
            found = reader_entities.resolve_entities(article, passages)
            labels = {e.id: e.label for e in found}
            for quote in find_quotes(article, passages, found):
                if quote.speaker is not None:
                    speakers += 1
                    if labels.get(quote.speaker) not in ("PER", "ORG"):
                        wrong.append(f"{quote.speaker}: label {labels.get(quote.speaker)}")
                elif quote.speaker_name is not None:
                    speakers += 1
                    why = _what_is_wrong(quote.speaker_name)
                    if why is not None:
                        wrong.append(f"{quote.speaker_name!r}: {why}")
    assert speakers > 1000  # the check ran over real output
    assert wrong == [], "\n".join(wrong)
