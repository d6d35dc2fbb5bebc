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
* a quote the corpus annotates twice with the same span and type (once with the person
  quoted, once with the medium quoting them: "zitiert die Zeitung den Minister") counts
  once, and either speaker is right.
* **speaker accuracy** is over matched gold quotes whose speaker is in the text. The
  prediction is correct when (a) a mention of the predicted speaker entity overlaps the gold
  speaker span (original or resolved, below), or (b) after normalisation (lower case,
  punctuation and a genitive ``-s`` dropped) the last word of the predicted name (entity
  name, else ``speaker_name``) is a word of the gold speaker text, or the last word of the
  gold speaker is a word of the predicted name. No predicted speaker is wrong.
* **person speakers** (``*_speaker_accuracy_person``): the matched gold quotes whose speaker
  (or the person a pronoun speaker is resolved to) is a named person, as the model-free people
  finder below sees them. This is the figure the project's aims are set for: the WikiNews gold
  also names sources such as "ersten Angaben" or "Medienberichten" as speakers, which the
  reader deliberately does not (a speaker is an entity or a noun phrase that names someone).
* **pronoun gold speakers** (``er``, ``sie``, ``ihm``, …; the corpus does not annotate
  coreference) are resolved before scoring to the *nearest preceding named mention of a
  compatible gender in the same or the previous paragraph*. Named mentions are the gold
  speakers that are not pronouns and the people of the text found without the reader's model
  ("Vorname Nachname" with a first name of gender-guesser's list, and later mentions of that
  surname; a mention right after a preposition or a dative/accusative article, "an Jacques
  Chirac", is an object and skipped). Gender: "er"/"ihm"/"ihn"/"dieser" need a man (first
  name, or "der"/"ein" + noun), "sie"/"ihr"/"diese" a woman or a group ("die Ministerin",
  "die Polizei", "die Grünen"), "es" a neuter phrase; a bare surname fits any pronoun, and a
  phrase opening with a preposition ("in einer Erklärung") fits none. A pronoun with no such
  mention is left out of the count. ``direct_speaker_accuracy`` counts named and resolved
  pronoun speakers, ``direct_speaker_accuracy_named`` only named gold speakers and
  ``direct_speaker_accuracy_pronoun`` only the resolved pronouns (``direct_pronoun_speakers``
  of them): the resolution is a heuristic, so the named figure is the firmer one.

Run: ``python eval/quotes_eval.py [--split open|train|both|report] [--json] [--limit N]
[--blank] [--save]``. Dev is cut in two by ``eval/splits.py``: tune on train and the open
half; the sealed half is read only for a report (``--split report``: train, open and sealed).
(``--show direct|indirect`` prints the speaker errors, for tuning on train; ``--save`` stores
the scores for the README's tables, see ``eval/tables.py``.)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from bisect import bisect_right
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
# A gold speaker opening with one of these is a place in a document, nobody "er"/"sie" is.
_PREPOSITIONS = frozenset(
    "in im laut nach bei beim auf aus von vom mit zu zum zur unter über für gegen".split()  # noqa: SIM905
)
_SUBJECTS = frozenset(["der", "die", "das", "ein", "eine"])
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


def _paragraph_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\n\s*\n", text)]


def _pronoun_gender(text: str) -> frozenset[str | None] | None:
    """Genders a gold pronoun may refer to ("sie" is a woman or a group), None for any."""
    word = text.lower().split()[-1] if text.split() else ""
    if word in ("er", "ihm", "ihn", "dieser", "jener"):
        return frozenset(["male", None])
    if word in ("sie", "ihr", "diese"):
        return frozenset(["female", "plural", None])
    if word == "es":
        return frozenset(["neuter", None])
    return None


def _speaker_gender(text: str) -> str | None:
    """The grammatical gender of a named gold speaker: its first name's
    (``reader.lexicons.gender``), else its article ("der Minister" male, "die Ministerin"
    female, "die Polizei" / "die Grünen" plural for "sie", "das Amt" neuter); a phrase that
    opens with a preposition ("in einer Erklärung"), a dative or possessive ("einem
    Jury-Mitglied", "ihrer Meinung") or a noun with an attribute ("Angaben des Ministers",
    "Ansicht von Beobachtern") is a document or an object, none of them. None for a bare
    surname (any)."""
    from reader.lexicons import gender, is_common_noun

    words = re.findall(r"[\w-]+", text)
    first = words[0].lower() if words else ""
    if first in _PREPOSITIONS or (words and words[0].islower() and first not in _SUBJECTS):
        return "document"
    if len(words) > 1 and words[1] in ("von", "vom", "des", "der") and is_common_noun(words[0]):
        return "document"
    for word in words[:4]:
        if word[:1].isupper() and gender(word) in ("m", "f"):
            return "male" if gender(word) == "m" else "female"
    noun = next((w for w in words[1:4] if w[:1].isupper()), "")
    if len(words) == 1 and is_common_noun(words[0]):
        return "plural"  # "Befürchtungen", "Polizei": no man
    if first in ("der", "ein"):
        return "male"
    if first in ("die", "eine"):
        return "female" if noun.endswith("in") else "plural"
    if first == "das":
        return "neuter"
    return None


def gold_items(record: dict, shift: int) -> list[dict]:
    """Gold spans with type, speaker text/spans (pronouns resolved) and position."""
    annotations = sorted(
        record["annotations"],
        key=lambda a: a["quote"]["spans"][0]["start"] if a["quote"]["spans"] else 0,
    )
    paragraphs = _paragraph_starts(record["text"])
    # Named gold speaker mentions by position, with paragraph and gender, for the pronouns.
    people = _text_people(record["text"], paragraphs, shift)
    # A surname alone ("Tauss") has the gender of the full name it stands for.
    surnames = {name.split()[-1]: _speaker_gender(name) for _, _, name, _ in people}
    named = people + [
        (
            a["speaker"]["spans"][0]["start"],
            bisect_right(paragraphs, a["speaker"]["spans"][0]["start"]),
            a["speaker"]["text"],
            tuple((s["start"] + shift, s["end"] + shift) for s in a["speaker"]["spans"]),
        )
        for a in annotations
        if a["speaker"]["spans"] and not _is_pronoun(a["speaker"]["text"])
    ]
    named.sort()
    person_spans = [span for *_, spans in people for span in spans]
    items: list[dict] = []
    seen: dict[tuple[str, int, int], dict] = {}
    for annotation in annotations:
        speaker = annotation["speaker"]
        s_text = speaker["text"]
        s_spans = [(s["start"] + shift, s["end"] + shift) for s in speaker["spans"]]
        resolved = None
        if s_spans and _is_pronoun(s_text):
            resolved = _resolve(speaker, named, paragraphs, surnames)
        for span in annotation["quote"]["spans"]:
            key = (annotation["type"], span["start"] + shift, span["end"] + shift)
            gold_speaker = (s_text, s_spans) if s_spans else None
            if key in seen:
                # One quote annotated twice, with the person quoted and the medium quoting
                # them ("zitiert die Zeitung den Minister"): one quote, either speaker right.
                seen[key]["alternatives"].append((gold_speaker, resolved))
                continue
            seen[key] = {
                "type": annotation["type"],
                "span": key[1:],
                "speaker": gold_speaker,
                "resolved": resolved,
                "alternatives": [],
                # The speaker (or the one a pronoun stands for) is a named person, as the
                # model-free people finder sees them.
                "person": any(
                    _overlap(span, person)
                    for span in (s_spans if resolved is None else resolved[1])
                    for person in person_spans
                ),
            }
            items.append(seen[key])
    return items


_FULL_NAME = re.compile(
    r"\b(?=([A-ZÄÖÜ][a-zäöüß]+)(?:-[A-ZÄÖÜ][a-zäöüß]+)?\s+([A-ZÄÖÜ][a-zäöüß][\w-]*)\b)"
)
_OBLIQUE = re.compile(
    r"\b(?:an|mit|für|gegen|über|von|vom|zu|bei|dem|den|des|ihm|ihn)\s+(?:\w+\s+)?$"
)


def _text_people(text: str, paragraphs: list[int], shift: int) -> list[tuple]:
    """People in the text, found without the reader's model: "Vorname Nachname" (a first
    name of gender-guesser's list, a surname that is no German noun) and later mentions of
    the same surname; a mention after a preposition or a dative/accusative article ("an
    Jacques Chirac") is an object and left out."""
    from reader.lexicons import gender, is_common_noun

    found: dict[int, tuple] = {}
    surnames: dict[str, str] = {}
    for match in _FULL_NAME.finditer(text):
        first, last = match.group(1), match.group(2)
        if gender(first) not in ("m", "f") or gender(last) or is_common_noun(last):
            continue
        start = match.start()
        end = match.end(2)
        surnames[last] = f"{first} {last}"
        if not _OBLIQUE.search(text[max(0, start - 30) : start]):
            found[start] = (start, bisect_right(paragraphs, start), surnames[last], end)
    taken = {i for start, *_, end in found.values() for i in range(start, end)}
    if surnames:
        pattern = r"\b(" + "|".join(map(re.escape, surnames)) + r")\b"
        for match in re.finditer(pattern, text):
            start = match.start()
            if start in taken or _OBLIQUE.search(text[max(0, start - 30) : start]):
                continue
            found[start] = (
                start,
                bisect_right(paragraphs, start),
                surnames[match.group(1)],
                match.end(),
            )
    return [
        (start, p, name, ((start + shift, end + shift),)) for start, p, name, end in found.values()
    ]


def _resolve(
    speaker: dict, named: list[tuple], paragraphs: list[int], surnames: dict[str, str | None]
) -> tuple[str, list[tuple[int, int]]] | None:
    """The nearest earlier named gold speaker of a compatible gender in the same or the
    previous paragraph, as (text, spans), or None."""
    position = speaker["spans"][0]["start"]
    paragraph = bisect_right(paragraphs, position)
    genders = _pronoun_gender(speaker["text"])
    for _start, where, text, spans in reversed(named[: bisect_right(named, (position,))]):
        if paragraph - where > 1:
            break
        words = text.split()
        gender = _speaker_gender(text) or (surnames.get(words[-1]) if words else None)
        if genders is None or gender in genders:
            return text, list(spans)
    return None


def speaker_correct(quote, entities: dict, item: dict) -> bool:
    pairs = [(item["speaker"], item["resolved"]), *item.get("alternatives", [])]
    golds = [g for pair in pairs for g in pair if g]
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


def load_records(split: str) -> list[dict]:
    """The articles of a split: ``train``, ``dev`` (both halves), ``open`` or ``sealed``
    (the halves of dev, ``eval/splits.py``)."""
    from eval.splits import select

    name, part = ("dev", split) if split in ("open", "sealed") else (split, "all")
    lines = (CORPUS / f"{name}.jsonl").open(encoding="utf-8")
    return select((json.loads(line) for line in lines), lambda r: r["documentName"], part)


def prepare(split: str, limit: int | None, nlp) -> list[tuple]:
    """What the quote finder reads, per article of a split: the record, its text and header
    length, the parsed article, its passages and its entities. The spaCy pipeline and the
    entity resolution run here once, so that an ablation re-runs only the quote finder."""
    from reader import entities as reader_entities
    from reader import nlp as reader_nlp
    from reader.article import parse_article

    records = load_records(split)
    if limit:
        records = records[:limit]
    prepared = []
    for record in records:
        text, shift = to_article(record)
        article = parse_article(text)
        passages = reader_nlp.process(nlp, article)
        found = reader_entities.resolve_entities(article, passages)
        prepared.append((record, text, shift, article, passages, found))
    return prepared


def evaluate(split: str, limit: int | None, nlp, prepared: list[tuple] | None = None) -> dict:
    from reader.quotes import find_quotes

    started = time.perf_counter()
    if prepared is None:
        prepared = prepare(split, limit, nlp)
    count = Counter()
    per_type = Counter()
    for record, text, shift, article, passages, found in prepared:
        quotes = find_quotes(article, passages, found)
        entities = {e.id: e for e in found}
        items = gold_items(record, shift)
        for kind, types in (("direct", ("Direct",)), ("indirect", INDIRECT_TYPES)):
            # The title line is ours (from documentName): the corpus annotates only its text.
            preds = [q for q in quotes if q.kind == kind and q.start >= shift]
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
                    else:
                        count[f"{kind}_spk_pronoun_gold"] += 1
                        count[f"{kind}_spk_pronoun_ok"] += ok
                    if g["person"]:
                        count[f"{kind}_spk_person_gold"] += 1
                        count[f"{kind}_spk_person_ok"] += ok
                    if kind == SHOW and not ok:
                        _show(text, hit, entities, g)

    def ratio(a: str, b: str) -> float:
        return round(count[a] / count[b], 3) if count[b] else 0.0

    result = {
        "split": split,
        "articles": len(prepared),
        "seconds": round(time.perf_counter() - started, 1),
        "direct_recall": ratio("direct_found", "direct_gold"),
        "direct_precision": ratio("direct_pred_ok", "direct_pred"),
        "direct_speaker_accuracy": ratio("direct_spk_ok", "direct_spk_gold"),
        "direct_speaker_accuracy_named": ratio("direct_spk_named_ok", "direct_spk_named_gold"),
        "direct_speaker_accuracy_pronoun": ratio(
            "direct_spk_pronoun_ok", "direct_spk_pronoun_gold"
        ),
        "direct_pronoun_speakers": count["direct_spk_pronoun_gold"],
        "direct_speaker_accuracy_person": ratio("direct_spk_person_ok", "direct_spk_person_gold"),
        "direct_person_speakers": count["direct_spk_person_gold"],
        "indirect_recall": ratio("indirect_found", "indirect_gold"),
        "indirect_precision": ratio("indirect_pred_ok", "indirect_pred"),
        "indirect_speaker_accuracy": ratio("indirect_spk_ok", "indirect_spk_gold"),
        "indirect_speaker_accuracy_person": ratio(
            "indirect_spk_person_ok", "indirect_spk_person_gold"
        ),
        "indirect_person_speakers": count["indirect_spk_person_gold"],
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
    parser.add_argument(
        "--split",
        choices=("open", "train", "both", "report", "dev", "sealed"),
        default="open",
        help="open: the open half of dev (default); both: train and open; report: train, "
        "open and sealed side by side (the sealed half is for reports only)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--show", choices=("direct", "indirect"), help="print speaker errors")
    parser.add_argument("--blank", action="store_true", help="no NER model (blank pipeline)")
    parser.add_argument(
        "--save", action="store_true", help="store the scores in eval/results (README tables)"
    )
    args = parser.parse_args(argv)
    if args.save and (args.limit or args.blank):
        parser.error("--save: the README's figures are of full runs with the bundled pipeline")
    global SHOW
    SHOW = args.show
    nlp = load(args.blank)
    splits = {"both": ("train", "open"), "report": ("train", "open", "sealed")}.get(
        args.split, (args.split,)
    )
    results = [evaluate(split, args.limit, nlp) for split in splits]
    if args.save:
        from eval.results import save

        for result in results:
            save(("quotes", result["split"]), {k: v for k, v in result.items() if k != "seconds"})
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
