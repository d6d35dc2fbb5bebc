"""Every documented rule: its examples come out right, and its positive examples need it.

An example is a short article (``reader/data/rules/*.toml``) with what must hold of its
analysis:

* ``quote`` (a piece of the quoted text) with ``kind`` (``direct``, ``indirect``, or ``none``:
  no quote contains it; of the quotes that contain it, the one of that kind is read) and,
  optionally, ``speaker`` (the last word of the speaker's name, or
  ``""`` for no speaker);
* ``person``: a PER entity of that name (with ``alias``: among its aliases, one row for both);
  ``not_person``: no PER entity has that name or alias;
* ``entity`` with ``label``: an entity of that name carries that label.

A positive example goes wrong with its rule switched off; a negative one is a near miss the
rule must leave alone.
"""

from __future__ import annotations

import re

import pytest

from reader.analysis import Analysis, analyze_text
from reader.rulebook import Example, known_rules, rule, switched_off

pytestmark = pytest.mark.model

CASES = [
    pytest.param(rule_id, example, id=f"{rule_id}-{n}")
    for rule_id, documented in known_rules().items()
    for n, example in enumerate(documented.examples)
]


def _article(text: str) -> str:
    return text if text.startswith("date ") else f"date 2024-01-01 Beispiel\n\n{text}"


def _last_word(name: str | None) -> str:
    words = re.findall(r"\w+", name or "")
    return words[-1].lower() if words else ""


def failures(example: Example, analysis: Analysis) -> list[str]:
    """What of the example's expectations does not hold for the analysis."""
    expect = example.expect
    wrong: list[str] = []
    if "quote" in expect:
        kind = expect.get("kind", "direct")
        # A phrase quoted inside reported speech is in two quotes: take the one of the kind.
        holding = [q for q in analysis.quotes if str(expect["quote"]) in q.text]
        quote = next((q for q in holding if q.kind == kind), holding[0] if holding else None)
        if kind == "none":
            if quote is not None:
                wrong.append(f"a {quote.kind} quote {quote.text!r} was found")
        elif quote is None or quote.kind != kind:
            wrong.append(f"no {kind} quote contains {expect['quote']!r}")
        elif "speaker" in expect:
            entity = analysis.entity(quote.speaker) if quote.speaker else None
            said = entity.name if entity else quote.speaker_name
            if _last_word(said) != _last_word(str(expect["speaker"])):
                wrong.append(f"speaker {said!r}, expected {expect['speaker']!r}")
    people = [e for e in analysis.entities if e.label == "PER"]
    if "person" in expect and not any(e.name == expect["person"] for e in people):
        wrong.append(f"no person {expect['person']!r} among {[e.name for e in people]}")
    elif "alias" in expect and not any(
        e.name == expect["person"] and expect["alias"] in e.aliases for e in people
    ):
        wrong.append(f"{expect['alias']!r} is no alias of {expect['person']!r}")
    if "not_person" in expect and any(
        expect["not_person"] == e.name or expect["not_person"] in e.aliases for e in people
    ):
        wrong.append(f"{expect['not_person']!r} is listed as a person")
    if "entity" in expect:
        labels = {e.label for e in analysis.entities if e.name == expect["entity"]}
        if expect.get("label") not in labels:
            wrong.append(f"{expect['entity']!r} has labels {sorted(labels)}")
    return wrong


@pytest.mark.parametrize(("rule_id", "example"), CASES)
def test_example_holds_with_every_rule_on(rule_id: str, example: Example) -> None:
    assert rule(rule_id)
    assert failures(example, analyze_text(_article(example.text))) == []


@pytest.mark.parametrize(
    ("rule_id", "example"), [case for case in CASES if case.values[1].positive]
)
def test_positive_example_needs_its_rule(rule_id: str, example: Example) -> None:
    with switched_off([rule_id]):
        analysis = analyze_text(_article(example.text))
    assert failures(example, analysis), f"{rule_id} is not needed for {example.text!r}"


def test_every_rule_in_the_code_is_documented_and_the_other_way_round() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "reader"
    used = set()
    for path in root.rglob("*.py"):
        used |= set(re.findall(r"\brule\(\s*\"([a-z0-9.-]+)\"", path.read_text(encoding="utf-8")))
    assert used == set(known_rules())


# Rules with a negative example but no sentence found yet that needs them: each guards a
# model error that short made-up sentences do not provoke (docs/rule-ablation.md). The list
# may only shrink.
AWAITING_A_POSITIVE = {
    "people.role-in-span",
    "people.leading-place",
    "people.first-name-before",
    "people.genitive-split",
    "people.genitive-known-name",
    "people.common-words",
    "people.role-reference",
    "people.role-head-reference",
    "ner.club",
    "ner.place",
    "ner.join-persons",
    "ner.drop-common-noun-person",
    "ner.drop-name-compound",
    "ner.toponym-place",
}


@pytest.mark.parametrize("family", ["quotes", "entities", "ner"])
def test_every_rule_has_a_positive_and_a_negative_example(family: str) -> None:
    documented = {i: r for i, r in known_rules().items() if r.family == family}
    no_negative = [i for i, r in documented.items() if not any(not e.positive for e in r.examples)]
    no_positive = {i for i, r in documented.items() if not any(e.positive for e in r.examples)}
    assert no_negative == []
    assert no_positive == AWAITING_A_POSITIVE & set(documented)


def test_switching_off_an_unknown_rule_is_an_error() -> None:
    with pytest.raises(KeyError), switched_off(["no.such-rule"]):
        pass
