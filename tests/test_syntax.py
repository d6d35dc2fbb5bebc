"""The syntax layer: UD conversion, a tiny training run, and the reader_syntax component."""

# ruff: noqa: E501  (CoNLL-U lines are as long as they are)

from __future__ import annotations

import gzip
import json
import pickle
import shutil
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.tokens import Doc

from eval.splits import is_sealed
from reader.syntax import (
    FLAT,
    UNPARSED_ROOT,
    SyntaxParser,
    has_speech_cue,
    is_parsed,
    speech_cues,
    write_trees,
)
from training import convert_ud

# GSD style: `` '' quotes, STTS tags, VerbForm, a multiword token, a split hyphen compound.
GSD_SENTENCE = """# sent_id = dev-s1
# text = ``Wir kommen zum SPD-Parteitag'', sagte Merkel.
1	``	``	PUNCT	$(	_	3	punct	_	SpaceAfter=No
2	Wir	wir	PRON	PPER	Case=Nom|Number=Plur|Person=1|PronType=Prs	3	nsubj	_	_
3	kommen	kommen	VERB	VVFIN	Mood=Ind|Number=Plur|Person=1|Tense=Pres|VerbForm=Fin	11	ccomp	_	_
4-5	zum	_	_	_	_	_	_	_	_
4	zu	zu	ADP	APPR	_	8	case	_	_
5	dem	der	DET	ART	Case=Dat|Definite=Def|Gender=Masc|Number=Sing|PronType=Art	8	det	_	_
6	SPD	SPD	PROPN	NE	Case=Dat|Number=Sing	8	compound	_	SpaceAfter=No
7	-	-	PUNCT	$(	_	8	punct	_	SpaceAfter=No
8	Parteitag	Parteitag	NOUN	NN	Case=Dat|Gender=Masc|Number=Sing	3	obl	_	SpaceAfter=No
9	''	''	PUNCT	$(	_	3	punct	_	SpaceAfter=No
10	,	,	PUNCT	$,	_	3	punct	_	_
11	sagte	sagen	VERB	VVFIN	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	_
12	Merkel	Merkel	PROPN	NE	Case=Nom|Gender=Fem|Number=Sing	11	nsubj	_	SpaceAfter=No
13	.	.	PUNCT	$.	_	11	punct	_	_
"""

# PUD style: relation subtypes GSD does not use (acl:relcl, flat:name), Konjunktiv.
PUD_SENTENCE = """# sent_id = {sent_id}
# text = Der Minister, der gestern kam, sei Hans Meier.
1	Der	der	DET	DT	Case=Nom|Definite=Def|Gender=Masc|Number=Sing|PronType=Art	2	det	_	_
2	Minister	Minister	NOUN	NN	Case=Nom|Gender=Masc|Number=Sing	9	nsubj	_	SpaceAfter=No
3	,	,	PUNCT	,	_	6	punct	_	_
4	der	der	PRON	WP	Case=Nom|Gender=Masc|Number=Sing|PronType=Rel	6	nsubj	_	_
5	gestern	gestern	ADV	RB	_	6	advmod	_	_
6	kam	kommen	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past	2	acl:relcl	_	SpaceAfter=No
7	,	,	PUNCT	,	_	6	punct	_	_
8	sei	sein	AUX	VBC	Mood=Sub|Number=Sing|Person=3|Tense=Pres	9	cop	_	_
9	Hans	Hans	PROPN	NNP	Case=Nom|Gender=Masc|Number=Sing	0	root	_	_
10	Meier	Meier	PROPN	NNP	Case=Nom|Gender=Masc|Number=Sing	9	flat:name	_	SpaceAfter=No
11	.	.	PUNCT	.	_	9	punct	_	_
"""


def pud_ids(sealed: bool, count: int) -> list[str]:
    """PUD-like sentence ids on the given side of the seal."""
    ids = (f"n{number:05d}" for number in range(10_000))
    return [i for i in ids if is_sealed(i) == sealed][:count]


def write_treebanks(corpora: Path, copies: int = 1) -> Path:
    """Tiny GSD and PUD files where training.convert_ud looks for them."""
    gsd = "\n".join(GSD_SENTENCE.replace("dev-s1", f"dev-s{i}") for i in range(copies))
    pud = "\n".join(
        PUD_SENTENCE.format(sent_id=i) for i in pud_ids(False, copies) + pud_ids(True, 2)
    )
    for relative, text in (
        (convert_ud.TREEBANKS["gsd-dev"], gsd),
        (convert_ud.TREEBANKS["gsd-test"], gsd.replace("dev-s", "test-s")),
        (convert_ud.TREEBANKS["pud"], pud),
    ):
        path = corpora / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with gzip.open(path, "wt", encoding="utf-8") as handle:
            handle.write(text + "\n")
    return corpora


# --- Conversion -------------------------------------------------------------------------


def test_conversion_harmonises_and_merges_tokens(tmp_path: Path) -> None:
    corpora = write_treebanks(tmp_path)
    (gsd,) = convert_ud.read_conllu(corpora / convert_ud.TREEBANKS["gsd-dev"], "gsd-dev")
    assert gsd.sent_id == "dev-s0"
    assert gsd.words[:2] == ["``", "Wir"] and "zu" in gsd.words
    (doc,) = convert_ud.to_docs([convert_ud.harmonise(gsd)])
    words = [token.text for token in doc]
    # Quotes as in news, the multiword token and the hyphen compound as spaCy tokenizes them.
    assert words == ["„", "Wir", "kommen", "zum", "SPD-Parteitag", "“", ",", "sagte", "Merkel", "."]
    assert words == [token.text for token in spacy.blank("de")(doc.text)]
    zum, compound = doc[3], doc[4]
    assert zum.pos_ == "ADP" and zum.morph.to_dict().get("Case") == "Dat"
    assert compound.pos_ == "NOUN" and compound.dep_ == "obl" and compound.head.text == "kommen"
    assert doc[7].dep_ == "ROOT" and doc[8].dep_ == "nsubj" and doc[8].head.i == 7
    assert "VerbForm" not in str(doc[7].morph) and doc[7].morph.to_dict().get("Mood") == "Ind"
    assert doc[7].tag_ == "VERB"  # STTS is not learnt

    pud = next(convert_ud.read_conllu(corpora / convert_ud.TREEBANKS["pud"], "pud"))
    (doc,) = convert_ud.to_docs([convert_ud.harmonise(pud)])
    assert doc[5].dep_ == "acl" and doc[9].dep_ == "flat"  # subtypes only PUD uses
    assert doc[7].morph.to_dict().get("Mood") == "Sub"


def test_the_sealed_half_of_pud_is_the_test_part_and_nothing_else(tmp_path: Path) -> None:
    corpora = write_treebanks(tmp_path, copies=20)
    parts = convert_ud.read_treebanks(corpora)
    assert {s.sent_id for s in parts["test"]} == set(pud_ids(True, 2))
    assert all(s.treebank == "pud" and is_sealed(s.sent_id) for s in parts["test"])
    trained = parts["train"] + parts["dev"]
    assert not any(s.treebank == "pud" and is_sealed(s.sent_id) for s in trained)
    assert len(trained) == 60 and 0 < len(parts["dev"]) < 20
    counts = convert_ud.convert(corpora, tmp_path / "corpus")
    assert counts["test"] == (2, 22)
    assert (tmp_path / "corpus" / "train.spacy").exists()


# --- Selection ----------------------------------------------------------------------------


def blank_with_sentences() -> spacy.Language:
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    return nlp


def test_speech_cues_come_from_the_speech_verbs() -> None:
    cues = speech_cues()
    assert {"sagte", "Sagte", "betonte", "erklärte", "laut", "Laut", "zufolge"} <= cues.words
    assert "Klagen" not in cues.words and "klagen" in cues.words  # a capitalised -en is a noun
    assert "mit" in cues.particle_words["teilte"] and "teilte" not in cues.words
    assert has_speech_cue(["Er", "teilte", "am", "Montag", "mit", ",", "…"])
    assert not has_speech_cue(["Er", "teilte", "das", "Brot", "."])
    assert has_speech_cue(["Das", "sei", "„", "gut", "“", "."])
    assert not has_speech_cue(["Der", "Zug", "kam", "an", "."])


def test_speech_selection_takes_cue_sentences_and_the_one_before() -> None:
    doc = blank_with_sentences()(
        "Der Zug kam an. Die Ministerin war da. Sie sagte, es sei gut. Dann ging sie. "
        "Laut Polizei war es ruhig."
    )
    bounds, cues, chosen = SyntaxParser(select="speech").select_sentences(doc)
    assert len(bounds) == 5
    assert cues == [False, False, True, False, True]
    assert chosen == [False, True, True, True, True]
    _, _, every = SyntaxParser(select="all").select_sentences(doc)
    assert every == [True] * 5
    with pytest.raises(ValueError, match="select"):
        SyntaxParser(select="some")


def test_write_trees_keeps_one_tree_per_sentence() -> None:
    nlp = blank_with_sentences()
    doc = nlp("Er kam  an. Sie sagte es.")
    assert [len(s) for s in doc.sents] == [5, 4] and doc[2].is_space
    bounds = [(0, 5), (5, 9)]
    # A "parse" of the second sentence with two roots: the parser may split a sentence.
    parse = Doc(
        doc.vocab,
        words=["Sie", "sagte", "es", "."],
        heads=[0, 1, 1, 1],
        deps=["ROOT", "ROOT", "obj", "punct"],
    )
    space = doc.to_array("IS_SPACE").astype(bool)
    write_trees(doc, bounds, [(5, 9, [5, 6, 7, 8], parse)], space)
    first, second = doc.sents
    assert [(s.start, s.end) for s in doc.sents] == bounds
    assert not is_parsed(first) and first.root.dep_ == UNPARSED_ROOT
    assert all(t.head.i == 0 and t.dep_ == FLAT for t in first if t.i)
    assert is_parsed(second) and second.root.text == "sagte" and second.root.dep_ == "ROOT"
    assert doc[5].head.text == "sagte" and doc[5].dep_ == FLAT  # the smaller root joined


def test_word_classes_come_from_the_word_lists() -> None:
    from reader.word_classes import word_class

    assert word_class("Angela") == "first"
    assert word_class("Bundesregierung") == "noun"
    assert word_class("Mobilfunkkonzerns") == "compound"
    assert word_class("Die") == "article"
    assert word_class("und") == "z7" and word_class("Xqzvw") == "cap"
    nlp = spacy.blank("de")
    nlp.add_pipe("reader_word_class")
    assert [t.tag_ for t in nlp("Angela sagte und")] == ["first", "z5", "z7"]


# --- Training ------------------------------------------------------------------------------


@pytest.mark.slow
def test_tiny_training_run_ships_a_working_component(tmp_path: Path) -> None:
    from training import evaluate_syntax, train_syntax

    corpora = write_treebanks(tmp_path / "corpora", copies=8)
    corpus = tmp_path / "corpus"
    convert_ud.convert(corpora, corpus)
    best = train_syntax.train(
        tmp_path / "output",
        corpus,
        overrides={
            "training.max_steps": 6,
            "training.eval_frequency": 3,
            "components.tok2vec.model.encode.width": 16,
            "components.tok2vec.model.encode.depth": 1,
            "components.tok2vec.model.embed.rows": [200, 100, 100, 100, 20],
            "components.parser.model.hidden_width": 16,
            "components.parser.min_action_freq": 1,
        },
    )
    target = tmp_path / "pipeline"
    spacy.blank("de").to_disk(target)
    train_syntax.ship(best, target)
    train_syntax.record({"test": {"las": 1.0}}, train_syntax.model_settings(best), target)
    meta = json.loads((target / "meta.json").read_text(encoding="utf-8"))
    assert meta["version"] == train_syntax.VERSION and meta["license"] == "CC BY-SA 4.0"
    assert meta["performance"]["reader_syntax"]["settings"]["tok2vec_width"] == 16
    assert [s["license"] for s in meta["sources"]] == ["CC BY-SA 4.0", "CC BY-SA 3.0"]

    # A retraining of the NER pipeline replaces the folder; the syntax model survives it.
    with train_syntax.kept_syntax(target):
        shutil.rmtree(target)
        spacy.blank("de").to_disk(target)
    meta = json.loads((target / "meta.json").read_text(encoding="utf-8"))
    assert meta["pipeline"] == ["reader_syntax"]
    assert meta["performance"]["reader_syntax"]["test"] == {"las": 1.0}

    from reader.nlp import load_pipeline

    nlp = load_pipeline(str(target))
    assert nlp.pipe_names[0] == "sentencizer" and "reader_syntax" in nlp.pipe_names
    doc = nlp("Der Zug kam an. Merkel sagte, es sei gut. Dann ging sie.")
    assert [is_parsed(s) for s in doc.sents] == [True, True, False]
    assert all(sum(t.head == t for t in s) == 1 for s in doc.sents)

    scores = evaluate_syntax.evaluate(target, corpora, ["test"])["test"]
    assert scores["tokens"] == 22 and 0 <= scores["las"] <= scores["uas"] <= 100
    assert set(scores["relations_f"]) == set(evaluate_syntax.RELATIONS)


# --- The bundled component -------------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp() -> spacy.Language:
    from reader.nlp import load_pipeline

    pipeline = load_pipeline()
    if "reader_syntax" not in pipeline.pipe_names:
        pytest.skip("the bundled pipeline has no reader_syntax")
    return pipeline


TEXT = (
    "Der Zug aus Hamburg kam am Abend an. Die Ministerin Anna Berger war in Berlin. "
    "Berger sagte am Montag, die Lage in Köln sei ernst. Danach fuhr sie nach Hause.  "
    "Das Wetter blieb schön."
)


@pytest.mark.model
def test_the_component_changes_no_boundary_entity_or_offset(nlp: spacy.Language) -> None:
    with nlp.select_pipes(disable=["reader_syntax"]):
        before = nlp(TEXT)
    after = nlp(TEXT)
    assert [(s.start_char, s.end_char) for s in after.sents] == [
        (s.start_char, s.end_char) for s in before.sents
    ]
    assert [(e.start_char, e.end_char, e.label_) for e in after.ents] == [
        (e.start_char, e.end_char, e.label_) for e in before.ents
    ]
    assert [(t.idx, t.text) for t in after] == [(t.idx, t.text) for t in before]
    assert any(e.text == "Anna Berger" for e in after.ents)
    assert nlp.pipe_names.index("reader_syntax") > nlp.pipe_names.index("reader_ner_rules")
    assert nlp.pipe_names[-1] == "reader_free_tensor"


@pytest.mark.model
def test_a_speech_sentence_gets_its_nominative_subject(nlp: spacy.Language) -> None:
    doc = nlp(TEXT)
    sentences = list(doc.sents)
    assert [is_parsed(s) for s in sentences] == [False, True, True, False, False]
    said = sentences[2]
    verb = said.root
    assert verb.text == "sagte" and verb.pos_ == "VERB"
    (subject,) = [t for t in verb.children if t.dep_ == "nsubj"]
    assert subject.text == "Berger" and subject.morph.to_dict().get("Case") == "Nom"
    sei = next(t for t in said if t.text == "sei")
    assert sei.morph.to_dict().get("Mood") == "Sub"
    # The sentence before is parsed for a later pronoun: its subject is the minister.
    subjects = [t.text for t in sentences[1] if t.dep_ == "nsubj"]
    assert subjects and subjects[0] in ("Ministerin", "Anna", "Berger")


@pytest.mark.model
def test_an_unselected_sentence_stays_flat(nlp: spacy.Language) -> None:
    doc = nlp(TEXT)
    first = next(iter(doc.sents))
    assert not is_parsed(first)
    assert first.root.i == first.start and first.root.dep_ == UNPARSED_ROOT
    assert all(t.head.i == first.start and t.dep_ == FLAT and not t.pos_ for t in first[1:])
    component: Any = nlp.get_pipe("reader_syntax")
    component.select = "all"
    try:
        assert all(is_parsed(s) for s in nlp(TEXT).sents)
    finally:
        component.select = "speech"


@pytest.mark.model
def test_the_sentence_before_may_be_in_the_passage_before(nlp: spacy.Language) -> None:
    passages = ["Der Minister kam nach Berlin.", "Er sagte, das sei gut.", "Es regnete."]
    first, second, third = nlp.pipe(passages)
    assert is_parsed(next(iter(first.sents))) and is_parsed(next(iter(second.sents)))
    assert not is_parsed(next(iter(third.sents)))
    assert not is_parsed(next(iter(nlp(passages[0]).sents)))  # alone it has no cue after it


@pytest.mark.model
def test_the_component_survives_pickling(nlp: spacy.Language) -> None:
    component: Any = nlp.get_pipe("reader_syntax")
    copy = pickle.loads(pickle.dumps(component))
    assert copy.model is not None and copy.select == component.select
    text = "Merkel sagte, das sei gut."
    with nlp.select_pipes(disable=["reader_syntax"]):
        original, copied = nlp(text), nlp(text)
    component(original)
    copy(copied)
    assert copy.defer == component.defer
    assert all(is_parsed(s) for doc in (original, copied) for s in doc.sents)
    assert [(t.dep_, t.head.i, t.pos_) for t in original] == [
        (t.dep_, t.head.i, t.pos_) for t in copied
    ]


@pytest.mark.model
def test_a_deferred_sentence_is_parsed_when_asked_as_it_would_be_at_once(
    nlp: spacy.Language,
) -> None:
    component: Any = nlp.get_pipe("reader_syntax")
    assert component.defer  # the bundled pipeline parses on demand
    deferred = nlp(TEXT)
    # Until asked, every sentence is flat; asked, a selected one gets its parse.
    assert all(t.dep_ in (FLAT, UNPARSED_ROOT) for t in deferred)
    component.defer = False
    try:
        at_once = nlp(TEXT)
    finally:
        component.defer = True
    asked = [is_parsed(s) for s in deferred.sents]
    assert asked == [is_parsed(s) for s in at_once.sents] == [False, True, True, False, False]
    assert [(t.dep_, t.head.i, t.pos_, str(t.morph)) for t in deferred] == [
        (t.dep_, t.head.i, t.pos_, str(t.morph)) for t in at_once
    ]


@pytest.mark.model
def test_the_analysis_runs_without_the_component(tmp_path: Path) -> None:
    from reader.analysis import analyze_text
    from reader.nlp import load_pipeline

    folder = tmp_path / "external"
    spacy.blank("de").to_disk(folder)
    external = load_pipeline(str(folder))
    assert "reader_syntax" not in external.pipe_names
    analysis = analyze_text("date 2024-01-01 Titel\n\n„Gut so“, sagte Merkel.", nlp=external)
    assert analysis.article.title == "Titel"
