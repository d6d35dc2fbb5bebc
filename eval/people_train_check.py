"""An independent check of the people sidebar on the 700 articles of quotes-wikinews train.

The rules of ``reader.entities`` were tuned on people-wikinews (a part of quotes-wikinews
dev), so that measure is optimistic. This one uses data the rules were not written on:

* **recall proxy** (default): the gold quotation speakers (``speaker.text``) that contain a
  person's name should be among the article's people. A name is read off the speaker phrase
  by heuristics that share nothing with the entity rules but the word lists: the last run of
  capitalised words (``Die spätere Außenministerin Condoleezza Rice`` -> ``Condoleezza
  Rice``) after leading articles, titles, role nouns and common nouns are dropped; a run is a
  *name* with at least two words, none a German common noun of over Zipf 4 (except after a
  first name: ``Thomas Koch``), no acronym, no frequent English word (``Human Rights
  Watch``), no legal form or organisation word (``AG``, ``Partei``), and not a place. Pronouns
  and lone words are left out of the main figure; lone words that are no common noun, no
  frequent German word and no place (``sagte Stoiber``) give a second figure, *surnames*. A
  speaker name is *found* when a PER entity's name or one of its aliases has its last word
  (genitive ``-s`` tolerated).
* **precision sample** (``--sample N``): the PER entities of N random articles (fixed seed),
  each with the words around its first mention, to be judged by reading.

Usage::

    python -m eval.people_train_check                 # recall proxy, one table
    python -m eval.people_train_check --misses        # ... and every missed speaker name
    python -m eval.people_train_check --sample 40     # PER entities of 40 random articles
    python -m eval.people_train_check --json
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eval.people_eval import CORPORA, article_text, normalise, people_of  # noqa: E402
from reader.lexicons import words  # noqa: E402

TRAIN = CORPORA / "quotes-wikinews" / "train.jsonl"
SEED = 2026
_WORD = re.compile(r"\w[\w'’.-]*")
_INITIAL = re.compile(r"[A-ZÄÖÜ]\.")
_BREAK = re.compile(r"[,;:–—()\"„“”«»]")
_PRONOUNS = words("er sie es ihm ihr ihn man dieser diese dieses jener jene wir ich du ihnen uns")
_ORG_WORDS = words(
    "AG GmbH KG SE Inc Inc. Ltd Ltd. Corp Corp. Co. plc Partei Stiftung Institut Universität "
    "Verlag Bank Gruppe Group Holding Verein Verband Zeitung Times News Online Agentur "
    "Ministerium Kommission Gericht Rat Amt Polizei Regierung Akademie Union University"
)
_PARTICLES = words("von van de der den zu da di del dos du la le ten ter bin ibn al")


@dataclass
class Counts:
    speakers: int = 0
    found: int = 0
    surnames: int = 0
    surnames_found: int = 0
    misses: list[str] = field(default_factory=list)

    def table(self) -> dict[str, float | int]:
        return {
            "speaker names": self.speakers,
            "found": self.found,
            "found %": round(self.found / self.speakers, 3) if self.speakers else 0.0,
            "lone surnames": self.surnames,
            "surnames found": self.surnames_found,
            "surnames found %": round(self.surnames_found / self.surnames, 3)
            if self.surnames
            else 0.0,
        }


def load(path: Path = TRAIN) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as file:
        return [json.loads(line) for line in file]


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and (any(c.islower() for c in word) or bool(_INITIAL.fullmatch(word)))


def _runs(text: str) -> list[list[str]]:
    """Runs of capitalised words (name particles inside), split at punctuation and dashes."""
    runs: list[list[str]] = [[]]
    previous_end = 0
    for match in _WORD.finditer(text):
        word = match.group()
        if not _INITIAL.fullmatch(word):
            word = word.rstrip(".")
        broken = bool(_BREAK.search(text, previous_end, match.start()))
        previous_end = match.end()
        name_word = _capitalised(word) or (bool(runs[-1]) and word in _PARTICLES)
        if broken or not name_word:
            runs.append([])
        if name_word:
            runs[-1].append(word)
    for run in runs:
        while run and run[-1] in _PARTICLES:
            run.pop()
    return [run for run in runs if run]


def _cut_at_particle(run: list[str]) -> list[str]:
    """``Abraham Sipe von der US-Marineinfanterie``: no name goes on with an institution."""
    from reader import lexicons

    for i, word in enumerate(run):
        if i and word in _PARTICLES:
            rest = [w for w in run[i:] if w not in _PARTICLES]
            if rest and (
                _institution_word(rest[0])
                or lexicons.is_place(rest[0])
                or (lexicons.is_common_noun(rest[0]) and not lexicons.is_person_name(rest[0]))
            ):
                return run[:i]
    return run


def _institution_word(word: str) -> bool:
    """A noun, a compound noun, a hyphenated noun (``Koch-Institut``) or an adjective of a
    place (``Salzburger``): not part of a person's name."""
    from reader import lexicons

    if lexicons.is_person_name(word) or lexicons.is_given_name(word):
        return False
    if "-" in word and lexicons.is_common_noun(word.rsplit("-", 1)[-1]):
        return True
    if word.endswith("er") and lexicons.is_place(word[:-2]):
        return True
    return len(word) >= 10 and lexicons.is_compound_noun(word)


def _strip_lead(run: list[str]) -> list[str]:
    """Drop articles, titles, role nouns, common nouns and adjectives before a name."""
    from reader import lexicons

    run = _cut_at_particle(run)
    while run:
        word = run[0]
        given = lexicons.is_first_name(word)
        if (
            word in lexicons.ARTICLES
            or word in lexicons.TITLES
            or (lexicons.is_role_word(word) and not given)
            or (lexicons.is_common_noun(word) and not given and not lexicons.is_person_name(word))
            or (_institution_word(word) and len(run) > 1)
            or (lexicons.is_place(word) and len(run) > 1 and not given)
            or (lexicons.is_frequent_word(word, 4.5, languages=("de",)) and not given)
        ):
            run = run[1:]
        else:
            break
    return run


def _is_name(run: list[str]) -> bool:
    from reader import lexicons

    if len(run) < 2:
        return False
    words = [w for w in run if w not in _PARTICLES]
    first_given = lexicons.is_first_name(words[0])
    for i, word in enumerate(words):
        if word in _ORG_WORDS or (word.isupper() and len(word) > 2) or _institution_word(word):
            return False
        if lexicons.is_given_name(word):
            continue
        english = lexicons.zipf(word, "en")
        if english >= 4.0 and english > lexicons.zipf(word, "de"):
            return False
        if lexicons.is_frequent_word(word, 4.5, languages=("de",)) and not (first_given and i):
            return False
        noun = lexicons.is_common_noun(word) and not lexicons.is_person_name(word)
        frequent = lexicons.is_frequent_word(word, 4.0, languages=("de",))
        # After a first name a rarer noun is a surname ("Thomas Koch"); else it is no name.
        if noun and (frequent or not first_given) and not (first_given and i > 0):
            return False
    return not lexicons.is_place(" ".join(run))


def _is_lone_surname(word: str) -> bool:
    from reader import lexicons

    return (
        len(word) > 2
        and word[1:].islower()
        and word.lower() not in _PRONOUNS
        and not lexicons.is_common_noun(word)
        and not lexicons.is_compound_noun(word)
        and not lexicons.is_frequent_word(word, 3.5, languages=("de",))
        and not lexicons.is_role_word(word)
        and not lexicons.is_place(word)
        and word not in _ORG_WORDS
    )


def speaker_names(record: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(full names, lone surnames) among an article's gold speakers, each once."""
    names: dict[str, None] = {}
    surnames: dict[str, None] = {}
    for annotation in record["annotations"]:
        speaker = annotation.get("speaker") or {}
        if not speaker.get("spans"):
            continue
        text = speaker["text"]
        if text.lower().split() and text.lower().split()[-1] in _PRONOUNS:
            continue
        runs = [_strip_lead(run) for run in _runs(text)]
        runs = [run for run in runs if run]
        if not runs:
            continue
        named = [run for run in runs if _is_name(run)]
        if named:
            names[" ".join(named[-1])] = None
        elif len(runs) == 1 and len(runs[0]) == 1 and _is_lone_surname(runs[0][0]):
            surnames[runs[0][0]] = None
    full_surnames = {name.split()[-1] for name in names}
    return list(names), [s for s in surnames if s not in full_surnames]


def _words(form: str) -> set[str]:
    found = set()
    for word in normalise(form).split():
        found.add(word)
        for tail in ("s", "'s", "'"):
            if word.endswith(tail) and len(word) > len(tail) + 2:
                found.add(word[: -len(tail)])
    return found


def _found(surname: str, people: list[Any]) -> bool:
    key = normalise(surname)
    return any(key in _words(form) for p in people for form in (p.name, *p.aliases))


def recall(records: list[dict[str, Any]], nlp: Any) -> Counts:
    counts = Counts()
    for record in records:
        names, surnames = speaker_names(record)
        if not names and not surnames:
            continue
        people = people_of(article_text(record["documentName"], record["text"]), nlp)
        doc_id = record["documentName"].split(" - ")[0]
        shown = [p.name for p in people]
        for name in names:
            counts.speakers += 1
            if _found(name.split()[-1], people):
                counts.found += 1
            else:
                counts.misses.append(f"{doc_id} missed name {name!r}; people {shown}")
        for surname in surnames:
            counts.surnames += 1
            if _found(surname, people):
                counts.surnames_found += 1
            else:
                counts.misses.append(f"{doc_id} missed surname {surname!r}; people {shown}")
    return counts


def sample(records: list[dict[str, Any]], nlp: Any, size: int, seed: int = SEED) -> str:
    """The PER entities of ``size`` random articles, with the words around a first mention."""
    lines = []
    for index in sorted(random.Random(seed).sample(range(len(records)), size)):
        record = records[index]
        text = article_text(record["documentName"], record["text"])
        lines.append(f"\n## {record['documentName']}")
        for person in people_of(text, nlp):
            first = person.mentions[0]
            around = text[max(0, first.start - 50) : first.end + 50].replace("\n", " ")
            aliases = f" {person.aliases}" if person.aliases else ""
            lines.append(f"- {person.name}{aliases} ×{len(person.mentions)}  …{around}…")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, default=TRAIN)
    parser.add_argument("--model", default=None, help="pipeline folder or package")
    parser.add_argument("--misses", action="store_true", help="list the missed speaker names")
    parser.add_argument("--sample", type=int, default=0, help="print N articles' PER entities")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    os.environ.setdefault("OMP_NUM_THREADS", "1")

    from reader.nlp import load_pipeline

    nlp = load_pipeline(args.model)
    records = load(args.train)
    if args.sample:
        print(sample(records, nlp, args.sample, args.seed))
        return 0
    counts = recall(records, nlp)
    table = counts.table()
    if args.json:
        print(json.dumps(table, ensure_ascii=False))
    else:
        print("| metric | reader |\n|---|---|")
        for name, value in table.items():
            print(f"| {name} | {value} |")
    if args.misses:
        print("\n".join(counts.misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
