"""Measure ``reader.quotes`` on the German WikiNews quotation corpus (quotes-wikinews).

Each corpus article becomes a reader article (``date YYYY-MM-DD Title`` + blank line + text,
title and date from ``documentName`` "ID - Title (YYYY-MM-DD)"; gold offsets are shifted by
that header) and goes through ``reader.analysis.analyze_text`` with the bundled pipeline
(or, with ``--blank`` or when no model is bundled, a blank German pipeline with a
sentencizer: then no names are known and speakers come from phrases only).

Quotes found in the added title line are not scored (the corpus does not annotate titles).

Scoring, per gold span (a gold annotation interrupted by its frame has several spans):

* a predicted quote **matches** a gold span when their overlap is at least half of the gold
  span (quotation marks included in the gold span, excluded from ours, hence a one-character
  tolerance on each side). Direct recall counts gold ``Direct`` spans matched by a predicted
  ``direct`` quote; direct precision counts predicted direct quotes that match some gold
  ``Direct`` span. Indirect is the same with gold types Indirect, Reported, FreeIndirect and
  IndirectFreeIndirect against predicted ``indirect`` quotes (recall also per type).
* **speaker accuracy** is over matched gold quotes whose speaker is in the text. A gold
  speaker that is a pronoun (``er``, ``sie``, …) is first resolved to the speaker of the
  closest earlier gold annotation whose speaker is not a pronoun (the corpus does not annotate
  coreference); a pronoun with no such earlier speaker is left out of the count. The
  prediction is correct when (a) a mention of the predicted speaker entity overlaps the gold
  speaker span (original or resolved), or (b) after normalisation (lower case, punctuation
  and a genitive ``-s`` dropped) the last word of the predicted name (entity name, else
  ``speaker_name``) is a word of the gold speaker text, or the last word of the gold speaker
  is a word of the predicted name. No predicted speaker is wrong.
  ``direct_speaker_accuracy_named`` counts only gold speakers that are not pronouns: the
  pronoun resolution above is a guess (the closest earlier gold speaker is often not who
  "er"/"sie" is), so that figure shows how often a named speaker is found.

Run: ``python eval/quotes_eval.py [--split dev|train|both] [--json] [--limit N] [--blank]``
(``--show direct|indirect`` prints the speaker errors, for tuning on train).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS = ROOT.parent / "shared" / "corpora" / "quotes-wikinews"
SHOW: str | None = None
INDIRECT_TYPES = ("Indirect", "Reported", "FreeIndirect", "IndirectFreeIndirect")
PRONOUNS = frozenset(
    ["er", "sie", "ihm", "ihr", "ihn", "es", "man", "dieser", "diese", "jener", "wir", "ich"]
)
_DOC_NAME = re.compile(r"^\s*\d+\s*-\s*(.*?)\s*\((\d{4}-\d{2}-\d{2})\)\s*$")


def to_article(record: dict) -> tuple[str, int]:
    """The reader's article text for a corpus record and the length of the added header."""
    match = _DOC_NAME.match(record["documentName"])
    title, day = (
        (match.group(1), match.group(2)) if match else (record["documentName"], "2000-01-01")
    )
    header = f"date {day} {title}\n\n"
    return header + record["text"], len(header)


def _norm_words(text: str) -> list[str]:
    words = re.findall(r"\w+", text.lower())
    return [w[:-1] if len(w) > 4 and w.endswith("s") else w for w in words]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _matches(pred: tuple[int, int], gold: tuple[int, int]) -> bool:
    widened = (pred[0] - 1, pred[1] + 1)
    return _overlap(widened, gold) * 2 >= gold[1] - gold[0]


def _is_pronoun(text: str) -> bool:
    words = text.lower().split()
    return not words or (len(words) <= 2 and words[-1] in PRONOUNS)


def gold_items(record: dict, shift: int) -> list[dict]:
    """Gold spans with type, speaker text/spans (pronouns resolved) and position."""
    annotations = sorted(
        record["annotations"],
        key=lambda a: a["quote"]["spans"][0]["start"] if a["quote"]["spans"] else 0,
    )
    items = []
    last_speaker: tuple[str, list[tuple[int, int]]] | None = None
    for annotation in annotations:
        speaker = annotation["speaker"]
        s_text = speaker["text"]
        s_spans = [(s["start"] + shift, s["end"] + shift) for s in speaker["spans"]]
        resolved = None
        if s_spans and _is_pronoun(s_text):
            resolved = last_speaker
        elif s_spans:
            last_speaker = (s_text, s_spans)
        for span in annotation["quote"]["spans"]:
            items.append(
                {
                    "type": annotation["type"],
                    "span": (span["start"] + shift, span["end"] + shift),
                    "speaker": (s_text, s_spans) if s_spans else None,
                    "resolved": resolved,
                }
            )
    return items


def speaker_correct(quote, entities: dict, item: dict) -> bool:
    golds = [g for g in (item["speaker"], item["resolved"]) if g]
    entity = entities.get(quote.speaker) if quote.speaker else None
    name = entity.name if entity else quote.speaker_name
    if not name:
        return False
    predicted = _norm_words(name)
    for text, spans in golds:
        if entity and any(_overlap((m.start, m.end), s) for m in entity.mentions for s in spans):
            return True
        gold = _norm_words(text)
        if predicted and gold and (predicted[-1] in gold or gold[-1] in predicted):
            return True
    return False


def _show(text: str, hit, entities: dict, item: dict) -> None:
    """Print one speaker error (``--show``)."""
    who = entities[hit.speaker].name if hit.speaker else hit.speaker_name
    resolved = item["resolved"][0] if item["resolved"] else None
    left = text[max(0, hit.start - 80) : hit.start]
    right = text[hit.end : hit.end + 60]
    print(f"SPK gold={item['speaker'][0]!r} res={resolved!r} pred={who!r} cue={hit.cue!r}")
    print(f"    {left!r} [{hit.text[:60]!r}] {right!r}")


def evaluate(split: str, limit: int | None, nlp) -> dict:
    from reader.analysis import analyze_text

    records = [json.loads(line) for line in (CORPUS / f"{split}.jsonl").open(encoding="utf-8")]
    if limit:
        records = records[:limit]
    count = Counter()
    per_type = Counter()
    started = time.perf_counter()
    for record in records:
        text, shift = to_article(record)
        analysis = analyze_text(text, nlp=nlp)
        entities = {e.id: e for e in analysis.entities}
        items = gold_items(record, shift)
        for kind, types in (("direct", ("Direct",)), ("indirect", INDIRECT_TYPES)):
            # The title line is ours (from documentName): the corpus annotates only its text.
            preds = [q for q in analysis.quotes if q.kind == kind and q.start >= shift]
            gold = [i for i in items if i["type"] in types]
            count[f"{kind}_gold"] += len(gold)
            count[f"{kind}_pred"] += len(preds)
            count[f"{kind}_pred_ok"] += sum(
                any(_matches((q.start, q.end), g["span"]) for g in gold) for q in preds
            )
            for g in gold:
                hit = next((q for q in preds if _matches((q.start, q.end), g["span"])), None)
                per_type[(g["type"], "gold")] += 1
                if hit is None:
                    continue
                per_type[(g["type"], "found")] += 1
                count[f"{kind}_found"] += 1
                if g["speaker"] is not None and (
                    g["resolved"] is not None or not _is_pronoun(g["speaker"][0])
                ):
                    count[f"{kind}_spk_gold"] += 1
                    ok = speaker_correct(hit, entities, g)
                    count[f"{kind}_spk_ok"] += ok
                    if g["resolved"] is None:  # a named gold speaker, no pronoun to resolve
                        count[f"{kind}_spk_named_gold"] += 1
                        count[f"{kind}_spk_named_ok"] += ok
                    if kind == SHOW and not ok:
                        _show(text, hit, entities, g)

    def ratio(a: str, b: str) -> float:
        return round(count[a] / count[b], 3) if count[b] else 0.0

    result = {
        "split": split,
        "articles": len(records),
        "seconds": round(time.perf_counter() - started, 1),
        "direct_recall": ratio("direct_found", "direct_gold"),
        "direct_precision": ratio("direct_pred_ok", "direct_pred"),
        "direct_speaker_accuracy": ratio("direct_spk_ok", "direct_spk_gold"),
        "direct_speaker_accuracy_named": ratio("direct_spk_named_ok", "direct_spk_named_gold"),
        "indirect_recall": ratio("indirect_found", "indirect_gold"),
        "indirect_precision": ratio("indirect_pred_ok", "indirect_pred"),
        "indirect_speaker_accuracy": ratio("indirect_spk_ok", "indirect_spk_gold"),
        "counts": dict(count),
    }
    for kind in INDIRECT_TYPES:
        gold = per_type[(kind, "gold")]
        result[f"recall_{kind}"] = round(per_type[(kind, "found")] / gold, 3) if gold else 0.0
    return result


def load(blank: bool):
    from reader import nlp as reader_nlp

    if not blank:
        try:
            return reader_nlp.load_pipeline()
        except reader_nlp.ModelError as error:
            print(f"[no bundled model, using a blank pipeline: {error}]", file=sys.stderr)
    import spacy

    pipeline = spacy.blank("de")
    pipeline.add_pipe("sentencizer")
    return pipeline


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "train", "both"), default="dev")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--show", choices=("direct", "indirect"), help="print speaker errors")
    parser.add_argument("--blank", action="store_true", help="no NER model (blank pipeline)")
    args = parser.parse_args(argv)
    global SHOW
    SHOW = args.show
    nlp = load(args.blank)
    splits = ("dev", "train") if args.split == "both" else (args.split,)
    results = [evaluate(split, args.limit, nlp) for split in splits]
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return 0
    keys = [k for k in results[0] if k not in ("split", "counts")]
    print("| metric | " + " | ".join(r["split"] for r in results) + " |")
    print("|---|" + "---|" * len(results))
    for key in keys:
        print(f"| {key} | " + " | ".join(str(r[key]) for r in results) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
