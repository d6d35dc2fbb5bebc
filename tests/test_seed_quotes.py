"""The bundled seed article: every statement in it goes to the person who made it.

Ten statements with a speaker (issue 16 counts them): seven direct quotes and three reports.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.analysis import analyze_path

pytestmark = pytest.mark.model

SEED = Path(__file__).resolve().parent.parent / "seeds" / "trump-nato-wende.txt"

EXPECTED = [
    ("Noch vor wenigen Tagen tönte der US-Präsident", "indirect", "Donald Trump"),
    ("Ich will keine vergeudete Sitzung", "direct", "Donald Trump"),
    ("Verständigung", "direct", "Donald Trump"),
    ("Russland rücke keinen Millimeter", "indirect", "Marco Rubio"),
    ("Ich will keine Zeit verschwenden", "direct", "Donald Trump"),
    ("Sobald das Thema der Langstreckenraketen", "direct", "Wolodimir Selenski"),
    ("überholt", "direct", "Donald Trump"),
    ("Kurzzeitig drohte er sogar", "indirect", "Donald Trump"),
    ("Missverständnissen", "direct", "Dmitri Peskow"),
    ("Informationszirkus", "direct", "Maria Sacharowa"),
]


@pytest.mark.parametrize(("words", "kind", "speaker"), EXPECTED)
def test_each_statement_has_its_speaker(words: str, kind: str, speaker: str) -> None:
    analysis = analyze_path(SEED)
    names = {e.id: e.name for e in analysis.entities}
    quote = next(q for q in analysis.quotes if q.text.startswith(words) and q.kind == kind)
    assert names.get(quote.speaker or "") == speaker
