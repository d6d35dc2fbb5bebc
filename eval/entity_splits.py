"""The splits that measure the people and NER rules, prepared once and scored under any rules.

Each split runs the spaCy pipeline once, without ``reader_ner_rules``; scoring a set of
switched-off rules (``reader.rulebook.switched_off``) then re-runs only the rules: the NER
rules on a copy of every doc, the entity resolution, and for the quote splits the quote finder.

* ``dev-open``: people-wikinews dev, its open half (``eval/people_eval.py``);
* ``people-train``: the 40 train articles of ``eval/data/people-train.jsonl``;
* ``germeval-open``: GermEval 2014 dev, its open half (``training/evaluate.py``);
* ``quotes-train``, ``quotes-open``: quotes-wikinews train and the open half of dev
  (``eval/quotes_eval.py``), for rules whose work only the speakers show (role references).

Errors of a people split: gold people missed, rows that are no person, people listed twice,
and people found without their full name. Of GermEval: spans found that are not gold and gold
spans not found (``PER`` alone in ``per_errors``). Of a quote split: as ``eval/ablate.py``.
The sealed halves are never read here.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PEOPLE_SPLITS = ("dev-open", "people-train")
NER_SPLITS = ("germeval-open",)
QUOTE_SPLITS = ("quotes-train", "quotes-open")
RULES_OFF = ("reader_ner_rules",)


@dataclass
class Prepared:
    """One split: what the scorer needs, and every article's passages before the NER rules."""

    name: str
    items: list[Any]
    articles: list[Any]
    # Per article (or sentence): (start offset, doc) of every passage, no rule entities yet.
    passages: list[list[tuple[int, Any]]]


def prepare(names: tuple[str, ...], nlp: Any) -> dict[str, Prepared]:
    """Run the pipeline once over each split, without the NER rules."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    return {name: _prepare(name, nlp) for name in names}


def _prepare(name: str, nlp: Any) -> Prepared:
    from reader import nlp as reader_nlp
    from reader.article import parse_article

    if name == "germeval-open":
        from spacy.tokens import Doc

        from eval.splits import select
        from training.convert import DEFAULT_CORPORA, read_germeval

        sentences = list(read_germeval(DEFAULT_CORPORA / "germeval2014" / "dev.tsv"))
        sentences = select(sentences, lambda sentence: " ".join(sentence[0]), "open")
        with nlp.select_pipes(disable=list(RULES_OFF)):
            docs = list(nlp.pipe(Doc(nlp.vocab, words=words) for words, _ in sentences))
        return Prepared(name, sentences, [None] * len(docs), [[(0, doc)] for doc in docs])
    if name in PEOPLE_SPLITS:
        from eval import people_eval
        from eval.splits import select

        people, texts, _ = people_eval.SETS["dev" if name == "dev-open" else "train"]
        items = people_eval.load(people, texts)
        if name == "dev-open":
            items = select(items, lambda item: item["documentName"], "open")
        texts_of = [item["text"] for item in items]
    else:
        from eval import quotes_eval

        items = quotes_eval.load_records("train" if name == "quotes-train" else "open")
        texts_of = [quotes_eval.to_article(record)[0] for record in items]
    articles = [parse_article(text) for text in texts_of]
    passages = []
    with nlp.select_pipes(disable=list(RULES_OFF)):
        for article in articles:
            passages.append([(p.start, p.doc) for p in reader_nlp.process(nlp, article)])
    return Prepared(name, items, articles, passages)


def errors(split: Prepared) -> dict[str, int]:
    """Score the split under the rules switched on now: error counts by kind."""
    from reader.entities import resolve_entities
    from reader.ner_rules import add_rule_entities
    from reader.nlp import Passage

    with_rules = [
        [Passage(start, add_rule_entities(doc.copy())) for start, doc in passages]
        for passages in split.passages
    ]
    if split.name in NER_SPLITS:
        return _ner_errors(split.items, [passages[0].doc for passages in with_rules])
    found = [
        resolve_entities(article, passages)
        for article, passages in zip(split.articles, with_rules, strict=True)
    ]
    if split.name in PEOPLE_SPLITS:
        return _people_errors(split.items, found)
    return _quote_errors(split, with_rules, found)


def _people_errors(items: list[Any], found: list[list[Any]]) -> dict[str, int]:
    from eval.people_eval import Predicted, score_predictions

    predictions = [
        [Predicted(e.name, {e.name, *e.aliases}) for e in entities if e.label == "PER"]
        for entities in found
    ]
    scores = score_predictions(items, predictions)
    kinds = {
        "missed": scores.gold - scores.found,
        "invented": scores.invented,
        "twice": scores.twice,
        "short_name": scores.found - scores.full_name,
    }
    return {**kinds, "errors": sum(kinds.values())}


def _ner_errors(sentences: list[Any], docs: list[Any]) -> dict[str, int]:
    from training.evaluate import gold_spans

    kinds = {"false": 0, "missed": 0, "per_false": 0, "per_missed": 0}
    for (_, tags), doc in zip(sentences, docs, strict=True):
        gold = gold_spans(tags)
        predicted = {(ent.start, ent.end, ent.label_) for ent in doc.ents}
        kinds["false"] += len(predicted - gold)
        kinds["missed"] += len(gold - predicted)
        kinds["per_false"] += sum(span[2] == "PER" for span in predicted - gold)
        kinds["per_missed"] += sum(span[2] == "PER" for span in gold - predicted)
    return {
        **kinds,
        "per_errors": kinds["per_false"] + kinds["per_missed"],
        "errors": kinds["false"] + kinds["missed"],
    }


def _quote_errors(split: Prepared, with_rules: list[Any], found: list[Any]) -> dict[str, int]:
    from eval import ablate, quotes_eval

    prepared = []
    for record, article, passages, entities in zip(
        split.items, split.articles, with_rules, found, strict=True
    ):
        text, shift = quotes_eval.to_article(record)
        prepared.append((record, text, shift, article, passages, entities))
    result = quotes_eval.evaluate(split.name, None, None, prepared)
    return ablate.errors(result)
