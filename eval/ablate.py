"""What each quote rule adds: the quote evaluation with one rule switched off at a time.

    python eval/ablate.py                       # every quote rule, train and the open dev half
    python eval/ablate.py --rules speaker.so-after direct.legal-form
    python eval/ablate.py --prefix indirect. --json

The spaCy pipeline and the entities run once per article (``quotes_eval.prepare``); each
ablation re-runs only the quote finder. A rule's worth on a split is the number of errors it
saves there: gold quotes missed, quotes found that are none, and wrong speakers, direct and
indirect together (``errors`` below). A positive figure means the rule helps. A rule is kept
when it helps on a split it was not written on (``written_on`` in ``reader/data/rules``);
the sealed dev half is never read here.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eval import quotes_eval  # noqa: E402
from reader.rulebook import known_rules, switched_off  # noqa: E402

SPLITS = ("train", "open")


def errors(result: dict) -> dict[str, int]:
    """Error counts of one evaluation, by kind."""
    c = result["counts"]
    found = {}
    for kind in ("direct", "indirect"):
        found[f"{kind}_missed"] = c.get(f"{kind}_gold", 0) - c.get(f"{kind}_found", 0)
        found[f"{kind}_false"] = c.get(f"{kind}_pred", 0) - c.get(f"{kind}_pred_ok", 0)
        found[f"{kind}_speaker"] = c.get(f"{kind}_spk_gold", 0) - c.get(f"{kind}_spk_ok", 0)
    found["errors"] = sum(found.values())
    return found


def ablate(
    rule_ids: list[str], splits=SPLITS, limit: int | None = None, off: tuple[str, ...] = ()
) -> dict[str, dict]:
    """For each rule, the errors it saves on each split (errors with it off minus with it on),
    with the rules of ``off`` switched off throughout."""
    nlp = quotes_eval.load(blank=False)
    prepared = {split: quotes_eval.prepare(split, limit, nlp) for split in splits}
    with switched_off(off):
        base = {s: errors(quotes_eval.evaluate(s, limit, nlp, prepared[s])) for s in splits}
    report: dict[str, dict] = {"(all on)": {s: base[s] for s in splits}}
    for rule_id in rule_ids:
        with switched_off([rule_id, *off]):
            without = {s: errors(quotes_eval.evaluate(s, limit, nlp, prepared[s])) for s in splits}
        report[rule_id] = {
            s: {key: without[s][key] - base[s][key] for key in base[s]} for s in splits
        }
        print(rule_id, {s: report[rule_id][s]["errors"] for s in splits}, file=sys.stderr)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", nargs="*", help="rule ids (default: every quote rule)")
    parser.add_argument("--prefix", default="", help="only rules whose id starts with this")
    parser.add_argument("--limit", type=int, help="first N articles of each split")
    parser.add_argument("--off", nargs="*", default=[], help="rules off throughout")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    families = ("direct.", "speaker.", "verb.", "phrase.", "indirect.", "assemble.", "coref.")
    ids = args.rules or [
        r
        for r in known_rules()
        if r.startswith(families) and r.startswith(args.prefix) and r not in args.off
    ]
    report = ablate(ids, limit=args.limit, off=tuple(args.off))
    if args.json:
        print(json.dumps(report, indent=1))
        return 0
    rules = known_rules()
    print("| rule | written on | " + " | ".join(f"saves on {s}" for s in SPLITS) + " | kinds |")
    print("|---|---|" + "---|" * len(SPLITS) + "---|")
    for rule_id in ids:
        row = report[rule_id]
        kinds = ", ".join(f"{k} {v:+d}" for k, v in row[SPLITS[-1]].items() if v and k != "errors")
        saves = " | ".join(str(row[s]["errors"]) for s in SPLITS)
        print(f"| {rule_id} | {rules[rule_id].written_on} | {saves} | {kinds} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
