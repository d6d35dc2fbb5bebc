"""The hand-annotated people set of eval/data stays well-formed and tied to its articles.

The checks that need the article texts skip when ../shared/corpora is absent (as in CI).
"""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from eval import people_eval, people_set

KEYS = {"documentName", "people", "uncertain", "not_people"}


def _records() -> list[dict[str, Any]]:
    with people_eval.PEOPLE_TRAIN.open(encoding="utf-8") as file:
        return [json.loads(line) for line in file]


@pytest.fixture(scope="module")
def train_texts() -> dict[str, str]:
    if not people_eval.TEXTS_TRAIN.exists():
        pytest.skip("quotes-wikinews train is absent")
    with people_eval.TEXTS_TRAIN.open(encoding="utf-8") as file:
        records = [json.loads(line) for line in file]
    return {
        r["documentName"]: people_eval.article_text(r["documentName"], r["text"]) for r in records
    }


def test_records_have_the_people_wikinews_shape() -> None:
    records = _records()
    assert len(records) == people_set.SIZE
    assert len({r["documentName"] for r in records}) == len(records)
    for record in records:
        assert set(record) == KEYS
        for person in record["people"]:
            assert set(person) == {"name", "forms"}
            assert person["name"].strip() and person["forms"]
        for entry in record["uncertain"]:
            assert set(entry) == {"name", "reason"} and entry["reason"].strip()


def test_no_person_twice_in_an_article() -> None:
    for record in _records():
        names = [people_eval.normalise(p["name"]) for p in record["people"]]
        assert len(names) == len(set(names)), record["documentName"]
        seen: dict[str, str] = {}
        for person in record["people"]:
            for form in {people_eval.normalise(f) for f in person["forms"]}:
                assert form not in seen, f"{record['documentName']}: {form!r} names two people"
                seen[form] = person["name"]
        not_people = {people_eval.normalise(n) for n in record["not_people"]}
        assert not_people.isdisjoint(seen), record["documentName"]


def test_choose_leaves_out_every_article_read_before() -> None:
    names = [f"{i} - article" for i in range(700)]
    chosen = people_set.choose(names)
    read = people_set.already_read(len(names))
    assert len(read) > people_set.READ_SIZE  # eight samples, overlapping a little
    assert len(chosen) == people_set.SIZE == len(set(chosen))
    assert not {int(n.split(" - ")[0]) for n in chosen} & read
    assert people_set.choose(names) == chosen
    assert people_set.choose(names, seed=people_set.SEED + 1) != chosen
    # The exclusion is the sampling of people_train_check: the first seed's first draw is out.
    first = random.Random(people_set.READ_SEEDS[0]).sample(range(len(names)), people_set.READ_SIZE)
    assert names[first[0]] not in chosen


def test_set_is_the_documented_choice(train_texts: dict[str, str]) -> None:
    chosen = people_set.choose(people_set.document_names())
    assert [r["documentName"] for r in _records()] == chosen


def test_every_form_occurs_in_its_article(train_texts: dict[str, str]) -> None:
    for record in _records():
        text = train_texts[record["documentName"]]
        for person in record["people"]:
            for form in person["forms"]:
                assert form in text, f"{record['documentName']}: {form!r}"
            # The name is a form, or the base of a genitive form ("John F. Kennedys").
            bases = {f.removesuffix("s").removesuffix("'") for f in person["forms"]}
            assert person["name"] in {*person["forms"], *bases}, person["name"]
        for entry in record["uncertain"]:
            assert entry["name"] in text, entry["name"]
        for name in record["not_people"]:
            assert name in text, f"{record['documentName']}: not_people {name!r}"


def test_part_does_not_apply_to_the_train_set(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        people_eval.main(["--set", "train", "--part", "sealed"])
    assert exit_info.value.code == 2
    assert "not cut into halves" in capsys.readouterr().err
