"""Measure the people sidebar on people-wikinews: found, invented, listed twice, full name.

Usage::

    python eval/people_eval.py                      # dev set, bundled model, markdown table
    python eval/people_eval.py --json               # one JSON object
    python eval/people_eval.py --baseline           # model PER mentions grouped by last word
    python eval/people_eval.py --show 11969 --errors
    python eval/people_eval.py --set train          # the 40 train articles of eval/data
    python eval/people_eval.py --part all --save    # into the README's table (eval/tables.py)

Each article is rebuilt as ``date YYYY-MM-DD Title`` + blank line + text (title and date from
the documentName ``ID - Title (YYYY-MM-DD)``) and run through the entity half of
``reader.analysis.analyze_text`` (parse, ``nlp.process``, ``resolve_entities``: the same
calls, without the quote finder). A gold person is *found* when a predicted PER entity's name
or one of its aliases equals one of the gold forms (normalised: case, whitespace, quotes); a
predicted person that matches no gold person nor an ``uncertain`` one is *invented*;
*listed twice* counts gold people matched by more than one predicted person, *one row, two
people* predicted people that match more than one gold person, *full name* gold people whose
predicted name equals the gold name, *not_people as people* invented people that are named
in the article's ``not_people`` list.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
PEOPLE = CORPORA / "people-wikinews" / "dev.jsonl"
TEXTS = CORPORA / "quotes-wikinews" / "dev.jsonl"
PEOPLE_TRAIN = ROOT / "eval" / "data" / "people-train.jsonl"
TEXTS_TRAIN = CORPORA / "quotes-wikinews" / "train.jsonl"
# name: (people file, texts file, cut into open and sealed halves)
SETS = {"dev": (PEOPLE, TEXTS, True), "train": (PEOPLE_TRAIN, TEXTS_TRAIN, False)}
_DOC_NAME = re.compile(r"^\s*(\d+)\s+-\s+(.*)\s+\((\d{4}-\d{2}-\d{2})\)\s*$")

sys.path.insert(0, str(ROOT))


def normalise(form: str) -> str:
    """Compare names without case, curly quotes, extra spaces or trailing punctuation."""
    form = unicodedata.normalize("NFC", form).replace("’", "'").casefold()
    return " ".join(form.split()).strip(".,;:!?\"'«»„“”()")


def article_text(document_name: str, text: str) -> str:
    """``date YYYY-MM-DD Title`` + blank line + text, as the reader's article format wants."""
    match = _DOC_NAME.match(document_name)
    if not match:
        return text
    _, title, day = match.groups()
    return f"date {day} {title}\n\n{text}"


def load(people_path: Path = PEOPLE, texts_path: Path = TEXTS) -> list[dict[str, Any]]:
    """Gold people joined with their article texts by documentName."""
    texts = {}
    with texts_path.open(encoding="utf-8") as file:
        for line in file:
            record = json.loads(line)
            texts[record["documentName"]] = record["text"]
    items = []
    with people_path.open(encoding="utf-8") as file:
        for line in file:
            record = json.loads(line)
            record["text"] = article_text(record["documentName"], texts[record["documentName"]])
            items.append(record)
    return items


@dataclass
class Predicted:
    name: str
    forms: set[str]


@dataclass
class Scores:
    gold: int = 0
    found: int = 0
    predicted: int = 0
    invented: int = 0
    uncertain: int = 0
    twice: int = 0
    merged: int = 0
    full_name: int = 0
    not_people: int = 0
    errors: list[str] = field(default_factory=list)

    def table(self) -> dict[str, float | int]:
        scored = self.predicted - self.uncertain
        return {
            "gold people": self.gold,
            "found": self.found,
            "found %": round(self.found / self.gold, 3) if self.gold else 0.0,
            "predicted": self.predicted,
            "invented": self.invented,
            "precision": round((scored - self.invented) / scored, 3) if scored else 0.0,
            "listed twice": self.twice,
            "one row, two people": self.merged,
            "full name": self.full_name,
            "full name %": round(self.full_name / self.found, 3) if self.found else 0.0,
            "not_people as people": self.not_people,
        }


def predict(text: str, nlp: Any, baseline: bool = False) -> list[Predicted]:
    """Predicted people of one article: the reader's PER entities, or the README baseline."""
    if baseline:
        return _baseline(text, nlp)
    return [Predicted(e.name, {e.name, *e.aliases}) for e in people_of(text, nlp)]


def people_of(text: str, nlp: Any) -> list[Any]:
    """The PER entities ``analyze_text`` gives, without running the quote finder."""
    from reader import entities
    from reader import nlp as reader_nlp
    from reader.article import parse_article

    article = parse_article(text)
    found = entities.resolve_entities(article, reader_nlp.process(nlp, article))
    return [e for e in found if e.label == "PER"]


def _baseline(text: str, nlp: Any) -> list[Predicted]:
    """Model PER mentions grouped by their last word, genitive -s dropped."""
    from reader import nlp as reader_nlp
    from reader.article import parse_article

    groups: dict[str, Predicted] = {}
    for passage in reader_nlp.process(nlp, parse_article(text)):
        for ent in passage.doc.ents:
            if ent.label_ != "PER":
                continue
            words = ent.text.split()
            last = words[-1]
            key = last[:-1] if last.endswith("s") and len(last) > 3 else last
            group = groups.setdefault(key, Predicted(ent.text, set()))
            group.forms.add(ent.text)
            if len(ent.text) > len(group.name):
                group.name = ent.text
    return list(groups.values())


def score(items: list[dict[str, Any]], nlp: Any, baseline: bool = False) -> Scores:
    return score_predictions(items, (predict(item["text"], nlp, baseline) for item in items))


def score_predictions(
    items: list[dict[str, Any]], predictions: Iterable[list[Predicted]]
) -> Scores:
    """Score the predicted people of each item (in the same order) against its gold."""
    scores = Scores()
    for item, predicted in zip(items, predictions, strict=True):
        gold = [
            (p["name"], {normalise(f) for f in [p["name"], *p["forms"]]}) for p in item["people"]
        ]
        uncertain = {normalise(u["name"]) for u in item.get("uncertain", [])}
        not_people = {normalise(n) for n in item.get("not_people", [])}
        doc_id = item["documentName"].split(" - ")[0]
        scores.gold += len(gold)
        scores.predicted += len(predicted)
        matched_by: list[list[Predicted]] = [[] for _ in gold]
        for entity in predicted:
            forms = {normalise(f) for f in entity.forms}
            hits = [i for i, (_, gold_forms) in enumerate(gold) if forms & gold_forms]
            for i in hits:
                matched_by[i].append(entity)
            if len(hits) > 1:
                scores.merged += 1
                scores.errors.append(f"{doc_id} one row for {[gold[i][0] for i in hits]}")
            if not hits:
                if forms & uncertain or any(
                    u in f or f in u for f in forms for u in uncertain if len(f) > 2
                ):
                    scores.uncertain += 1
                else:
                    scores.invented += 1
                    scores.errors.append(
                        f"{doc_id} invented {entity.name!r} {sorted(entity.forms)}"
                    )
                if forms & not_people:
                    scores.not_people += 1
        for (name, _), matches in zip(gold, matched_by, strict=True):
            if not matches:
                scores.errors.append(f"{doc_id} missed {name!r}")
                continue
            scores.found += 1
            if len(matches) > 1:
                scores.twice += 1
                scores.errors.append(f"{doc_id} twice {name!r}: {[m.name for m in matches]}")
            if any(normalise(m.name) == normalise(name) for m in matches):
                scores.full_name += 1
            else:
                scores.errors.append(f"{doc_id} short name {name!r}: {[m.name for m in matches]}")
    return scores


def markdown(rows: dict[str, dict[str, float | int]]) -> str:
    names = list(next(iter(rows.values())))
    lines = ["| metric | " + " | ".join(rows) + " |", "|---|" + "---|" * len(rows)]
    for name in names:
        lines.append(f"| {name} | " + " | ".join(str(r[name]) for r in rows.values()) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--set",
        choices=tuple(SETS),
        default="dev",
        help="people-wikinews dev, or the train articles of eval/data (no halves)",
    )
    parser.add_argument("--people", type=Path, help="a people file instead of the set's")
    parser.add_argument("--texts", type=Path, help="its article texts instead of the set's")
    parser.add_argument("--model", default=None, help="pipeline folder or package")
    parser.add_argument("--baseline", action="store_true", help="also score the README baseline")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--errors", action="store_true", help="list misses and inventions")
    parser.add_argument("--show", help="print the people of the article with this ID")
    parser.add_argument(
        "--part",
        choices=("all", "open", "sealed"),
        default=None,
        help="a half of dev (eval/splits.py): tune on open (default), sealed for reports",
    )
    parser.add_argument(
        "--save", action="store_true", help="store the scores in eval/results (README tables)"
    )
    args = parser.parse_args(argv)
    if args.save and (args.model or args.people or args.texts):
        parser.error("--save: the README's figures are of the bundled pipeline on a named set")
    people_path, texts_path, has_halves = SETS[args.set]
    if not has_halves and args.part not in (None, "all"):
        parser.error(f"--part: the {args.set} set is not cut into halves")
    os.environ.setdefault("OMP_NUM_THREADS", "1")

    from reader.nlp import load_pipeline

    nlp = load_pipeline(args.model)
    from eval.splits import select

    part = (args.part or "open") if has_halves else "all"
    items = load(args.people or people_path, args.texts or texts_path)
    items = select(items, lambda item: item["documentName"], part)
    if args.show:
        from reader.analysis import analyze_text

        for item in items:
            if item["documentName"].split(" - ")[0] == args.show:
                for e in analyze_text(item["text"], nlp=nlp).entities:
                    print(e.id, e.label, e.name, e.aliases, e.description, len(e.mentions))
        return 0
    rows = {"reader": score(items, nlp)}
    if args.baseline:
        rows = {"baseline": score(items, nlp, baseline=True), **rows}
    tables = {name: s.table() for name, s in rows.items()}
    if args.json:
        print(json.dumps(tables, ensure_ascii=False))
    else:
        print(markdown(tables))
    if args.save:
        from eval.results import save

        # Dev as a whole is "dev", its halves "open" and "sealed".
        name = args.set if part == "all" else part
        save(("people", name), {"articles": len(items), **tables["reader"]})
    if args.errors:
        for line in rows["reader"].errors:
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
