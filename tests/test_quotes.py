"""Quote detection and attribution on made-up German news text (no trained model needed)."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.analysis import Entity, Mention
from reader.article import parse_article
from reader.quotes import (
    KONJUNKTIV,
    REPORTING_VERBS,
    Name,
    find_quotes,
    paragraph_spans,
    quotes_in_text,
    scan_quotes,
)


def names_for(text: str, *people: tuple[str, str, str]) -> list[Name]:
    """Name spans for every occurrence of each (surface, entity id, canonical name)."""
    found = []
    for surface, entity, name in people:
        first = name.split()[0]
        gender = {"Angela": "female", "Anna": "female", "Petra": "female"}.get(first, "male")
        for match in re.finditer(re.escape(surface), text):
            found.append(Name(match.start(), match.end(), entity, name, gender))
    return found


def direct(text: str, names: list[Name] | None = None):
    return [q for q in quotes_in_text(text, names=names or []) if q.kind == "direct"]


def indirect(text: str, names: list[Name] | None = None):
    return [q for q in quotes_in_text(text, names=names or []) if q.kind == "indirect"]


# --- quotation marks ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ("Er sagte: «Wir bleiben hier, komme was wolle.»", "Wir bleiben hier, komme was wolle."),
        ("Er sagte: „Wir bleiben hier, komme was wolle.“", "Wir bleiben hier, komme was wolle."),
        ("Er sagte: »Wir bleiben hier, komme was wolle.«", "Wir bleiben hier, komme was wolle."),
        ('Er sagte: "Wir bleiben hier, komme was wolle."', "Wir bleiben hier, komme was wolle."),
    ],
)
def test_every_quotation_style(text: str, inner: str) -> None:
    quotes = direct(text)
    assert [q.text for q in quotes] == [inner]
    assert text[quotes[0].start : quotes[0].end] == inner


def test_nested_inner_quotes_stay_inside_the_outer_quote() -> None:
    text = "Sie sagte: «Das Wort ‹Krise› hören wir nicht gern.» Dann ging sie."
    spans = scan_quotes(text, paragraph_spans(text))
    assert [(text[s.start : s.end], s.depth) for s in spans] == [
        ("Das Wort ‹Krise› hören wir nicht gern.", 0),
        ("Krise", 1),
    ]
    assert [q.text for q in direct(text)] == ["Das Wort ‹Krise› hören wir nicht gern."]
    german = "Er sagte: „Der ‚Deal‘ ist tot, das wissen wir alle.“"
    assert [q.text for q in direct(german)] == ["Der ‚Deal‘ ist tot, das wissen wir alle."]


def test_apostrophes_do_not_open_quotes() -> None:
    text = "Trump's Plan geht's an. Er sagte: „Das ist Merz' Sache, nicht meine.“"
    assert [q.text for q in direct(text)] == ["Das ist Merz' Sache, nicht meine."]
    assert direct("Rock 'n' Roll am Ku'damm, Rock'n'Roll im Club.") == []


def test_unclosed_quote_ends_with_its_paragraph() -> None:
    text = (
        "Der Minister sagte: „Wir werden das Gesetz ändern, und zwar bald.\n\n"
        "Im Bundestag fand die Debatte am Abend statt. Die Opposition stimmte dagegen."
    )
    quotes = direct(text)
    assert len(quotes) == 1
    assert quotes[0].text == "Wir werden das Gesetz ändern, und zwar bald."
    assert "\n" not in quotes[0].text


def test_quote_continues_into_the_next_paragraph() -> None:
    text = (
        "Müller sagte: „Wir haben lange verhandelt. Es war nicht leicht.\n\n"
        "„Am Ende haben wir eine Lösung gefunden, die alle tragen.“\n\n"
        "Danach reiste er ab."
    )
    spans = [s for s in scan_quotes(text, paragraph_spans(text)) if s.depth == 0]
    assert len(spans) == 1
    assert text[spans[0].start : spans[0].end].endswith("die alle tragen.")


def test_deep_nesting_and_mark_soup_never_raise() -> None:
    text = "„" * 500 + "Wort" + "“" * 300 + " «‹»›„“‚‘\"'" * 200
    quotes_in_text(text)
    article = parse_article("date 2024-01-01 Titel\n\n" + text)
    assert isinstance(find_quotes(article, [], []), list)


def test_long_text_is_fast() -> None:
    paragraph = "Er sagte: „Das ist gut, sagt er.“ Sie meinte, es sei „gut“. " * 200
    text = "\n\n".join([paragraph] * 100)  # about 1.2 MB
    import time

    started = time.perf_counter()
    scan_quotes(text, paragraph_spans(text))
    assert time.perf_counter() - started < 5


# --- real quotes versus names, titles and scare quotes -----------------------------------


def test_names_and_titles_are_not_quotes() -> None:
    text = (
        "Die „Financial Times“ berichtete über die Sonde „Cassini“. Das Buch „Krieg und "
        "Frieden“ liegt auf dem Tisch, die Zeitung „Die Zeit“ daneben."
    )
    assert direct(text) == []


def test_scare_quote_with_a_cue_is_a_quote() -> None:
    text = "Der Minister nannte den Plan einen „Wortbruch“. Er sprach von einer „Zumutung“."
    assert [q.text for q in direct(text)] == ["Wortbruch", "Zumutung"]


def test_partial_quote_in_reported_speech_is_a_quote() -> None:
    text = "Die Regierung erklärte, die Lage sei „völlig unter Kontrolle“."
    assert [q.text for q in direct(text)] == ["völlig unter Kontrolle"]


# --- speakers ------------------------------------------------------------------------------


def test_speaker_before_colon() -> None:
    text = "Angela Merkel sagte: „Wir schaffen das, davon bin ich überzeugt.“"
    names = names_for(text, ("Angela Merkel", "e1", "Angela Merkel"))
    [quote] = direct(text, names)
    assert (quote.speaker, quote.cue) == ("e1", "sagte")


def test_speaker_after_quote_sagt_and_so() -> None:
    text = (
        "«Die Verhandlungen sind gescheitert», sagt Peter Huber. "
        "«Wir müssen neu anfangen», so Huber."
    )
    names = names_for(text, ("Peter Huber", "e1", "Peter Huber"), ("Huber.", "e1", "Peter Huber"))
    quotes = direct(text, names)
    assert [(q.speaker, q.cue) for q in quotes] == [("e1", "sagt"), ("e1", "so")]


def test_laut_and_gemaess() -> None:
    text = "Laut Anna Berg ist der Schaden „größer als befürchtet und kaum zu reparieren“."
    names = names_for(text, ("Anna Berg", "e1", "Anna Berg"))
    [quote] = direct(text, names)
    assert quote.speaker == "e1"


def test_inverted_order_with_addressee() -> None:
    text = "Dazu sagte Olaf Scholz der Zeitung: „Das ist ein guter Tag für Europa.“"
    names = names_for(text, ("Olaf Scholz", "e2", "Olaf Scholz"))
    [quote] = direct(text, names)
    assert quote.speaker == "e2"


def test_role_noun_without_name_gives_the_phrase() -> None:
    text = "„Wir ermitteln in alle Richtungen“, sagte der Staatsanwalt am Montag."
    [quote] = direct(text)
    assert quote.speaker is None
    assert quote.speaker_name == "der Staatsanwalt"


def test_pronoun_resolves_to_the_last_matching_person() -> None:
    text = (
        "Petra Lang traf Thomas Weber in Bern. Die Gespräche dauerten lange.\n\n"
        "„Wir sind uns in vielem einig geworden“, sagte sie danach. "
        "„Das bleibt abzuwarten“, kommentierte er."
    )
    names = names_for(
        text, ("Petra Lang", "e1", "Petra Lang"), ("Thomas Weber", "e2", "Thomas Weber")
    )
    quotes = direct(text, names)
    assert [q.speaker for q in quotes] == ["e1", "e2"]
    assert quotes[1].cue == "kommentierte"


def test_paragraph_continuation_keeps_the_speaker() -> None:
    text = (
        "„Die Lage ist ernst“, sagte Innenminister Klaus Roth.\n\n"
        "„Wir brauchen mehr Polizisten auf der Straße und schnellere Verfahren.“"
    )
    names = names_for(text, ("Klaus Roth", "e1", "Klaus Roth"))
    quotes = direct(text, names)
    assert [q.speaker for q in quotes] == ["e1", "e1"]


def org_names(text: str, *orgs: tuple[str, str, str]) -> list[Name]:
    """Organisation name spans for every occurrence of each (surface, entity id, name)."""
    return [
        Name(m.start(), m.end(), entity, name, None, "ORG")
        for surface, entity, name in orgs
        for m in re.finditer(re.escape(surface), text)
    ]


def test_organisation_entity_speaks() -> None:
    text = "„Die Ermittlungen dauern an“, teilte die Kantonspolizei Zürich am Abend mit."
    names = org_names(text, ("Kantonspolizei Zürich", "e4", "Kantonspolizei Zürich"))
    [quote] = direct(text, names)
    assert quote.speaker == "e4"


def test_quoted_medium_after_the_verb() -> None:
    text = "Der Test lief gut. „Das Update ist das größte seit Jahren“, schreibt die „Netzwelt“."
    [quote] = direct(text)
    assert quote.speaker_name == "die Netzwelt"


def test_heisst_es_in_a_document() -> None:
    after = "„Wir fordern eine sofortige Untersuchung“, heißt es in der Erklärung des Verbandes."
    [quote] = direct(after)
    assert quote.speaker_name is not None and "Erklärung" in quote.speaker_name
    assert quote.cue == "heißt es"
    before = "In dem Antrag heißt es wörtlich: „Die Stadt muss die Kosten übernehmen.“"
    [quote] = direct(before)
    assert quote.speaker_name is not None and "Antrag" in quote.speaker_name


def test_quote_inside_reported_clause_belongs_to_the_reporter() -> None:
    text = "Die Kanadier hingegen sagen, der Pilot trage die „volle Verantwortung“ für die Landung."
    [quote] = direct(text)
    assert quote.speaker_name == "Die Kanadier"


def test_zitieren_gives_the_person_quoted() -> None:
    text = "„Die Lage ist ernst“, zitiert die „Rundschau“ den Landrat Georg Huber."
    names = names_for(text, ("Georg Huber", "e2", "Georg Huber"))
    [quote] = direct(text, names)
    assert quote.speaker == "e2"


def test_subject_before_the_verb_beats_the_addressee() -> None:
    text = (
        "Kristina Berger (SPD) sagte hierzu der Süddeutschen Zeitung: "
        "„Wir werden das Gesetz ändern.“"
    )
    names = names_for(text, ("Kristina Berger", "e1", "Kristina Berger")) + org_names(
        text, ("Süddeutschen Zeitung", "e2", "Süddeutsche Zeitung"), ("SPD", "e3", "SPD")
    )
    [quote] = direct(text, names)
    assert quote.speaker == "e1"


def test_names_after_prepositions_are_addressees() -> None:
    text = "Halima Jouini sagte dazu gegenüber der ARD: „Wir wollen Vorbilder sein.“"
    names = names_for(text, ("Halima Jouini", "e1", "Halima Jouini")) + org_names(
        text, ("ARD", "e2", "ARD")
    )
    [quote] = direct(text, names)
    assert quote.speaker == "e1"
    text = "„Wir schaffen das“, sagte Ursula von der Leyen am Montag."
    names = names_for(text, ("Ursula von der Leyen", "e3", "Ursula von der Leyen"))
    [quote] = direct(text, names)
    assert quote.speaker == "e3"


def test_full_stop_after_the_quote_ends_its_frame() -> None:
    text = "Sie nannte den Plan „verfehlt“. Der Minister sagte dazu nichts."
    names = names_for(text, ("Sie", "e1", "Anna Berg"))
    [quote] = direct(text, names)
    assert quote.speaker_name != "der Minister"
    assert quote.cue != "sagte"


def test_konjunktiv_quote_carries_on_the_report() -> None:
    text = (
        "Die Ministerin erklärte, die Reform sei notwendig. "
        "Jede Schule habe „keine andere Wahl“, die Kosten würden steigen."
    )
    quotes = direct(text)
    assert [q.speaker_name for q in quotes] == ["Die Ministerin"]


def test_a_quote_without_frame_goes_on_with_the_last_reported_speaker() -> None:
    text = (
        "„Das reicht nicht“, sagte Karl Brandt am Morgen.\n\n"
        "Am Abend erklärte Anna Berg, die Reform sei dringend notwendig.\n\n"
        "„Wir haben keine Zeit mehr zu verlieren.“"
    )
    names = names_for(text, ("Karl Brandt", "e1", "Karl Brandt"), ("Anna Berg", "e2", "Anna Berg"))
    quotes = direct(text, names)
    assert [q.speaker for q in quotes] == ["e1", "e2"]


# --- indirect speech -----------------------------------------------------------------------


def test_konjunktiv_after_reporting_verb() -> None:
    text = "Peskow meldete, Russland rücke weiter vor und habe die Stadt eingenommen."
    names = names_for(text, ("Peskow", "e1", "Dmitri Peskow"))
    [quote] = indirect(text, names)
    assert quote.text == "Russland rücke weiter vor und habe die Stadt eingenommen"
    assert (quote.speaker, quote.cue) == ("e1", "meldete")


def test_konjunktiv_of_a_verb_not_in_the_list() -> None:
    text = "Weber meldete nach langem Zögern, Russland rüste weiter auf."
    names = names_for(text, ("Weber", "e1", "Jan Weber"))
    [quote] = indirect(text, names)
    assert quote.text == "Russland rüste weiter auf"
    assert quote.speaker == "e1"


def test_dass_clause_and_pronoun_subject() -> None:
    text = "Anna Berg kam spät. Sie sagte, sie sei müde. Sie erklärte, dass der Zug ausfiel."
    names = names_for(text, ("Anna Berg", "e1", "Anna Berg"))
    quotes = indirect(text, names)
    assert [q.text for q in quotes] == ["sie sei müde", "dass der Zug ausfiel"]
    assert [q.speaker for q in quotes] == ["e1", "e1"]


def test_nach_angaben_von() -> None:
    text = "Nach Angaben der Polizei wurden drei Menschen verletzt."
    [quote] = indirect(text)
    assert quote.cue == "Nach Angaben"
    assert "drei Menschen verletzt" in quote.text


def test_clause_before_the_verb() -> None:
    text = "Die Lage sei unter Kontrolle, sagte der Sprecher."
    [quote] = indirect(text)
    assert quote.text == "Die Lage sei unter Kontrolle"
    assert quote.speaker_name == "der Sprecher"


def test_plain_report_is_not_indirect_speech() -> None:
    assert indirect("Der Zug fuhr um acht Uhr ab. Es regnete den ganzen Tag.") == []
    assert indirect("Im Saal war es laut. Die Kinder spielten lange draußen.") == []


def test_lexicon_covers_inflections() -> None:
    for form in (
        "sagte",
        "erklärt",
        "betonten",
        "gewarnt",
        "kritisierte",
        "mitgeteilt",
        "bezeichnete",
        "bezeichnet",
    ):
        assert form in REPORTING_VERBS
    for form in ("sei", "habe", "werde", "könne", "müsse", "gebe"):
        assert form in KONJUNKTIV


# --- the article-level entry point ---------------------------------------------------------


def test_find_quotes_on_an_article_with_blank_spacy() -> None:
    spacy = pytest.importorskip("spacy")
    from reader.nlp import process

    text = (
        "date 2025-03-01 Streit um das Budget\n\n"
        "Finanzminister Karl Brandt hat den Entwurf verteidigt. „Wir sparen, wo es geht“, "
        "sagte Brandt am Freitag. Die Opposition nannte den Plan „unsozial“.\n\n"
        "Brandt erklärte, die Schulden würden sinken."
    )
    article = parse_article(text)
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    passages = process(nlp, article)
    mentions = [Mention(m.start(), m.end(), m.group(0)) for m in re.finditer("Brandt", text)]
    mentions[0] = Mention(mentions[0].start - 5, mentions[0].end, "Karl Brandt")
    entities = [Entity("e1", "Karl Brandt", "PER", mentions=mentions)]
    quotes = find_quotes(article, passages, entities)
    assert quotes == sorted(quotes, key=lambda q: q.start)
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
    said = [q for q in quotes if q.kind == "direct"]
    assert [q.text for q in said] == ["Wir sparen, wo es geht", "unsozial"]
    assert said[0].speaker == "e1"
    assert any(q.kind == "indirect" and q.speaker == "e1" for q in quotes)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("ab Er sagte,.:\n«»„“”‚‘’‹›\"'")), max_size=300))
def test_never_raises_on_random_text(text: str) -> None:
    quotes = quotes_in_text(text)
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
        assert quote.start <= quote.end
    article = parse_article(text)
    find_quotes(article, [], [])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                "Die",
                "Der",
                "der",
                "den",
                "Firma",
                "Sprecher",
                "(",
                ")",
                "(SPD)",
                ",",
                ":",
                ".",
                "„Wir",
                "bleiben“,",
                "„Zeit“",
                "heißt",
                "hieß",
                "es",
                "in",
                "zitiert",
                "zitierte",
                "einen",
                "Für",
                "sei",
                "nennt",
                "Weiter",
                "Codenamen",
                "wie",
                "Parolen",
                "2.",
                "beim",
                "sagte",
                "Anna",
                "Berg",
                "SPD",
                "\n\n",
            ]
        ),
        max_size=80,
    )
)
def test_never_raises_on_frames_and_names(words: list[str]) -> None:
    text = " ".join(words)
    names = [
        Name(m.start(), m.end(), "e1", "Anna Berg", "female") for m in re.finditer("Anna", text)
    ] + [Name(m.start(), m.end(), "e2", "SPD", None, "ORG") for m in re.finditer("SPD", text)]
    for quote in quotes_in_text(text, names=names):
        assert text[quote.start : quote.end] == quote.text


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                "Er sagte:",
                "„Wir",
                "bleiben“,",
                "so",
                "Anna",
                "Berg.",
                "«Nein»",
                "sie",
                "sei",
                "laut",
                "‚",
                "’s",
                "\n\n",
                "»",
                "dass",
                "Müller",
                "meinte,",
                '"',
                "'",
            ]
        ),
        max_size=60,
    )
)
def test_never_raises_with_spacy_passages(words: list[str]) -> None:
    spacy = pytest.importorskip("spacy")
    from reader.nlp import process

    text = "date 2025-01-01 Titel\n\n" + " ".join(words)
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    article = parse_article(text)
    mentions = [Mention(m.start(), m.end(), m.group(0)) for m in re.finditer("Anna Berg", text)]
    entities = [Entity("e1", "Anna Berg", "PER", mentions=mentions)] if mentions else []
    for quote in find_quotes(article, process(nlp, article), entities):
        assert text[quote.start : quote.end] == quote.text


@pytest.mark.model
def test_bundled_model_attributes_a_quote() -> None:
    from reader.analysis import analyze_text
    from reader.nlp import BUNDLED_MODEL

    if not BUNDLED_MODEL.exists():
        pytest.skip("no bundled model")
    analysis = analyze_text(
        "date 2025-01-01 Test\n\n„Wir bleiben dabei“, sagte Bundeskanzler Friedrich Merz "
        "am Montag in Berlin."
    )
    [quote] = [q for q in analysis.quotes if q.kind == "direct"]
    assert quote.speaker is not None
    assert "Merz" in (analysis.entity(quote.speaker).name)


def test_inverted_sie_after_a_preposition_is_no_subject() -> None:
    # "für sie" is an object: the subject phrase of the sentence stays the speaker.
    text = (
        "Petra Lang kam am Morgen.\n\n"
        "Der Bürgermeister Jan Ott hatte für sie nur ein Wort übrig: „Das war ein schwerer Fehler.“"
    )
    names = names_for(text, ("Petra Lang", "e1", "Petra Lang"), ("Jan Ott", "e2", "Jan Ott"))
    (quote,) = direct(text, names)
    assert quote.speaker != "e1"


def test_plural_sie_is_an_organisation() -> None:
    # "sagten sie": a plural verb, so "sie" are the group, not the last woman named.
    text = (
        "Anna Roth traf am Montag die Gewerkschaft Verdi. Die Gespräche dauerten lange.\n\n"
        "„Wir bleiben bei unserer Forderung“, sagten sie danach."
    )
    names = names_for(text, ("Anna Roth", "e1", "Anna Roth"))
    names.append(Name(text.index("Verdi"), text.index("Verdi") + 5, "e2", "Verdi", None, "ORG"))
    names.sort(key=lambda n: n.start)
    (quote,) = direct(text, names)
    assert quote.speaker == "e2"


def test_singular_sie_is_a_woman() -> None:
    text = (
        "Anna Roth traf am Montag die Gewerkschaft Verdi. Die Gespräche dauerten lange.\n\n"
        "„Wir bleiben bei unserer Forderung“, sagte sie danach."
    )
    names = names_for(text, ("Anna Roth", "e1", "Anna Roth"))
    names.append(Name(text.index("Verdi"), text.index("Verdi") + 5, "e2", "Verdi", None, "ORG"))
    names.sort(key=lambda n: n.start)
    (quote,) = direct(text, names)
    assert quote.speaker == "e1"


def test_quote_in_brackets_after_a_name() -> None:
    text = (
        "Gratuliert haben viele, etwa der Bürgermeister Jan Ott („Das ist ein großer Tag für "
        "die Stadt“) und die Ministerin Anna Roth."
    )
    names = names_for(text, ("Jan Ott", "e1", "Jan Ott"), ("Anna Roth", "e2", "Anna Roth"))
    (quote,) = direct(text, names)
    assert quote.speaker == "e1"


def test_relative_clause_subject_speaks() -> None:
    # ", der die Pläne als „…“ bezeichnet": the noun before the relative clause said it.
    text = (
        "Kritik kommt vom Fahrgastverband Pro Bahn, der die Pläne als „teuren Unsinn ohne "
        "jeden Nutzen“ bezeichnet."
    )
    names = [
        Name(text.index("Pro Bahn"), text.index("Pro Bahn") + 8, "e1", "Pro Bahn", None, "ORG")
    ]
    (quote,) = direct(text, names)
    assert quote.speaker == "e1"


def test_fronted_object_with_preposition_is_no_subject() -> None:
    # "Jede Schuld an … weist Ott von sich": the opening phrase is the object.
    text = "Jede Schuld an dem Unfall weist Jan Ott von sich: „Ich habe alles richtig gemacht.“"
    names = names_for(text, ("Jan Ott", "e1", "Jan Ott"))
    (quote,) = direct(text, names)
    assert quote.speaker == "e1"


def test_capitalised_word_after_von_needs_a_reporting_verb() -> None:
    plain = "Die Polizei veröffentlicht nicht die Namen von „Steuersündern“ im Land."
    assert direct(plain) == []
    said = "Der Minister sprach am Montag von „Verrat“ an den Wählern."
    assert [q.text for q in direct(said)] == ["Verrat"]


def test_riet_is_a_reporting_verb() -> None:
    assert "riet" in REPORTING_VERBS and "rät" in REPORTING_VERBS
    assert "geraten" not in REPORTING_VERBS


def test_ordinal_full_stop_does_not_make_a_sentence() -> None:
    text = "Der Verband spielt künftig in der „XX. Kategorie“ der Weltrangliste mit."
    assert direct(text) == []


def test_second_verb_after_und_shares_the_subject() -> None:
    text = (
        "Die Stadtverwaltung bestätigte die Angaben der Gewerkschaft nicht und nannte sie "
        "„reine Spekulation“."
    )
    [quote] = direct(text)
    assert quote.speaker_name == "Die Stadtverwaltung"


def test_laut_right_before_the_quote_wins_over_a_later_verb() -> None:
    text = (
        "Nachdem man laut Klinikdirektor Prof. Dr. Hans W. Brenner „jetzt vielen Paaren helfen "
        "kann“, suchen die Forscher nach neuen Wegen."
    )
    names = names_for(text, ("Hans W. Brenner", "e1", "Hans W. Brenner"))
    [quote] = direct(text, names)
    assert quote.speaker == "e1"


def test_label_with_a_genitive_after_an_indefinite_article_is_a_quote() -> None:
    text = "Den Wahlbetrug bezeichnete er als einen „Akt der politischen Willkür“ im Land."
    assert [q.text for q in direct(text)] == ["Akt der politischen Willkür"]


def test_unresolved_sagte_er_goes_on_with_the_reported_speaker() -> None:
    text = (
        "Der Sprecher des Verbandes sagte der Zeitung, es sei schwierig, das zu bestätigen. "
        "„Natürlich sind die Leute wütend“, sagte er."
    )
    [quote] = direct(text)
    assert quote.speaker_name == "Der Sprecher des Verbandes"
    assert quote.cue == "sagte"


def test_quote_after_a_sentence_about_an_organisation_is_theirs() -> None:
    text = "Die Umweltpartei will am Kohleausstieg festhalten. „Wir bleiben bei unserem Plan.“"
    names = [Name(4, 15, "e1", "Umweltpartei", None, "ORG")]
    [quote] = direct(text, names)
    assert quote.speaker == "e1"


def test_a_genitive_phrase_does_not_speak() -> None:
    text = (
        "Nach Gerüchten über eine Festnahme teilte dessen Stellvertreter über die Sicherheit "
        "seines Chefs mit: „Er ruft uns an, wenn er zurückkommt.“"
    )
    [quote] = direct(text)
    assert quote.speaker_name == "dessen Stellvertreter"


def test_a_sentence_split_after_a_roman_numeral_gives_no_speaker_phrase() -> None:
    text = (
        "Es sei schwierig, dass wegen der durch Benedikt XVI. betriebenen Berufung vieler "
        "Kardinäle jemand gefunden werde, „der die Kirche aus der Krise führen könnte.“"
    )
    [quote] = direct(text)
    assert quote.speaker_name is None or "betriebenen" not in quote.speaker_name


def test_beschwoeren_is_a_reporting_verb() -> None:
    text = "Die Veteranen beschwören die Gefahr einer „Invasion unseres Landes“ seit Wochen."
    assert [q.text for q in direct(text)] == ["Invasion unseres Landes"]


def test_er_prefers_the_last_quoted_speaker_over_the_last_name() -> None:
    text = (
        "„Wir bleiben bei unserem Plan“, sagte Jonas Wendt. Am Abend traf er Paul Kern. "
        "Dessen Vorschlag bezeichnete er als „völlig verfehlt“."
    )
    names = names_for(text, ("Jonas Wendt", "e1", "Jonas Wendt"), ("Paul Kern", "e2", "Paul Kern"))
    quotes = direct(text, names)
    assert [q.speaker for q in quotes] == ["e1", "e1"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Nach Polizeiangaben seien drei Menschen verletzt worden.", "Polizeiangaben"),
        ("Laut ai-Bericht seien die Gefangenen gefoltert worden.", "ai-Bericht"),
        ("Nach Angaben der Feuerwehr sei das Feuer gelöscht.", "der Feuerwehr"),
    ],
)
def test_source_cues_name_their_source(text: str, speaker: str) -> None:
    [quote] = indirect(text)
    assert quote.speaker_name == speaker


@pytest.mark.parametrize(
    "text",
    [
        "Nach Angaben seien drei Menschen verletzt worden.",
        "Nach ersten Angaben seien drei Menschen verletzt worden.",
        "Laut Medienberichten seien drei Menschen verletzt worden.",
    ],
)
def test_a_source_that_names_nobody_is_no_speaker(text: str) -> None:
    # A speaker is an entity or a noun phrase with a noun head that names someone.
    [quote] = indirect(text)
    assert quote.speaker_name is None


def test_sie_after_a_sentence_end_is_no_plural() -> None:
    text = "Anna Roth will weiter schreiben. Sie sagte: „Ich habe noch viel vor.“"
    names = names_for(text, ("Anna Roth", "e1", "Anna Roth"))
    [quote] = direct(text, names)
    assert quote.speaker == "e1"


def test_roman_numeral_ordinal_does_not_end_the_sentence() -> None:
    from reader.quotes.clauses import clause_before

    text = "Später sagte die Kanzlerin vor der Presse, Benedikt XVI. „"
    assert clause_before(text, len(text) - 1, 0).startswith("Später sagte")
    text = "Das sagte der Papst.Der Bruder des Papstes meinte: „"
    assert clause_before(text, len(text) - 1, 0).startswith("Der Bruder")


def test_a_person_after_the_verb_is_its_object_when_a_role_opens_the_sentence() -> None:
    text = "Der Minister kritisierte Peter Müller scharf: „Das ist ein Skandal.“"
    names = names_for(text, ("Peter Müller", "e1", "Peter Müller"))
    [quote] = direct(text, names)
    assert quote.speaker is None and quote.speaker_name == "Der Minister"


def test_a_list_of_names_before_the_verb_does_not_speak() -> None:
    text = "Zu den Gästen gehörten Anna Berg, Paul Kern, berichtete die Zeitung „Bild“ am Montag."
    names = names_for(text, ("Anna Berg", "e1", "Anna Berg"), ("Paul Kern", "e2", "Paul Kern"))
    for quote in quotes_in_text(text, names=names):
        assert quote.speaker != "e2"


def test_a_quote_ending_in_a_number_still_ends_its_sentence() -> None:
    text = (
        "Die Inflation lag bei 2,5 Prozent. „Die Inflation liegt bei 2,5.“ Das sagte der Minister."
    )
    assert [q.text for q in direct(text)] == ["Die Inflation liegt bei 2,5."]


def test_nach_eigenen_angaben_is_the_subjects_word() -> None:
    [quote] = indirect("Die Firma Wendt hat nach eigenen Angaben keine Schulden mehr.")
    assert quote.speaker_name == "Die Firma Wendt"


def test_a_role_phrase_speaker_is_the_one_person_with_that_role() -> None:
    text = (
        "Bundesfinanzministerin Katrin Weber legte den Haushalt vor. Die Ministerin sagte, man "
        "werde im Frühjahr nachsteuern. Ein Sprecher sagte, das sei zu spät."
    )
    names = names_for(text, ("Katrin Weber", "e1", "Katrin Weber"))
    entities = [Entity("e1", "Katrin Weber", "PER", [], "Bundesfinanzministerin", [])]
    quotes = quotes_in_text(text, names=names, entities=entities)
    assert [q.speaker for q in quotes if q.kind == "indirect"] == ["e1", None]


def test_konjunktiv_after_a_direct_quote_goes_on_with_its_speaker() -> None:
    text = "„Wir geben nicht auf“, sagte Anna Berg am Abend. Die Lage sei aber ernst."
    names = names_for(text, ("Anna Berg", "e1", "Anna Berg"))
    [quote] = indirect(text, names)
    assert quote.text == "Die Lage sei aber ernst"
    assert quote.speaker == "e1"


def test_konjunktiv_after_a_plain_sentence_is_its_subjects() -> None:
    text = "Die Regierung sieht keine Gefahr. Es gebe keine Hinweise auf eine Seuche."
    [quote] = indirect(text)
    assert quote.speaker_name == "Die Regierung"
    text = (
        "„Wir sind vorsichtig“, sagte Anna Berg. Die Behörde sieht das anders. "
        "Es gebe keine Hinweise auf eine Seuche."
    )
    names = names_for(text, ("Anna Berg", "e1", "Anna Berg"))
    [quote] = indirect(text, names)
    assert quote.speaker_name == "Die Behörde"


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        ("Der Minister verwies darauf, dass die Kassen leer seien.", "dass die Kassen leer seien"),
        (
            "Die Partei hat den Bürgermeister aufgefordert, sein Amt abzugeben.",
            "sein Amt abzugeben",
        ),
    ],
)
def test_pointing_and_calling_on_report(text: str, clause: str) -> None:
    [quote] = indirect(text)
    assert quote.text == clause


@pytest.mark.parametrize(
    "text",
    [
        "Der Stadtrat beschloss am Montag, die Brücke zu sanieren.",
        "Das Gericht entschied, dass die Klage abgewiesen wird.",
        "Die Opposition bezweifelt, dass die Kassen leer seien.",
        "Viele Anwohner befürchten, dass die Mieten steigen.",
    ],
)
def test_deciding_fearing_and_doubting_report_no_words(text: str) -> None:
    # "X bezweifelt, dass …" does not credit X with the claim X doubts.
    assert indirect(text) == []


def test_heisst_es_reports_the_document_in_any_mood() -> None:
    [quote] = indirect("In dem Bericht der Kommission heißt es, die Zahl der Fälle steigt.")
    assert quote.text == "die Zahl der Fälle steigt"
    assert quote.speaker_name == "dem Bericht der Kommission"
    [quote] = indirect("Bisher hieß es, die Phase solle erst später beginnen.")
    assert quote.text == "die Phase solle erst später beginnen"
    assert indirect("Das heißt, wir bleiben hier und arbeiten weiter.") == []


@pytest.mark.parametrize(
    ("text", "clause", "speaker"),
    [
        ("Die Lage ist ernst, so der Sprecher weiter.", "Die Lage ist ernst", "der Sprecher"),
        (
            "Viele Verfahren sind wirkungslos, so das Ergebnis einer Studie.",
            "Viele Verfahren sind wirkungslos",
            "das Ergebnis einer Studie",
        ),
    ],
)
def test_a_closing_so_names_the_source_of_the_clause(text: str, clause: str, speaker: str) -> None:
    [quote] = indirect(text)
    assert (quote.text, quote.speaker_name, quote.cue) == (clause, speaker, "so")
    assert indirect("Er kam spät nach Hause, so dass alle warteten.") == []


@pytest.mark.parametrize(
    ("text", "clause", "speaker"),
    [
        (
            "Wie die Polizei mitteilte, wurden drei Menschen verletzt.",
            "wurden drei Menschen verletzt",
            "die Polizei",
        ),
        (
            "Die Wahlbeteiligung lag bei 41 Prozent, wie der Wahlleiter mitteilte.",
            "Die Wahlbeteiligung lag bei 41 Prozent",
            "der Wahlleiter",
        ),
        (
            "Denn wie der Sprecher am Montag bekanntgab, bleibt das Werk geschlossen.",
            "bleibt das Werk geschlossen",
            "der Sprecher",
        ),
    ],
)
def test_a_wie_clause_of_saying_frames_the_sentence(text: str, clause: str, speaker: str) -> None:
    [quote] = indirect(text)
    assert (quote.text, quote.speaker_name) == (clause, speaker)
    assert indirect("Das Haus ist so groß, wie es der Plan vorsah.") == []


def test_a_separable_verb_at_the_clause_end_keeps_its_particle() -> None:
    for form in ("mitteilte", "ankündigte", "einräumte", "hinzufügte", "vorwarf", "zugab"):
        assert form in REPORTING_VERBS
    assert "geantwortet" in REPORTING_VERBS and "angetwortet" not in REPORTING_VERBS


def test_a_sentence_pointing_back_makes_the_one_before_a_report() -> None:
    text = "Die Firma schließt das Werk in Bremen. Das teilte ein Sprecher am Montag mit."
    first = indirect(text)[0]
    assert (first.text, first.speaker_name) == (
        "Die Firma schließt das Werk in Bremen",
        "ein Sprecher",
    )
    text = (
        "Die Zahl der Arbeitslosen ist gestiegen. Dies geht aus einem Bericht der Agentur hervor."
    )
    [quote] = indirect(text)
    assert (quote.text, quote.speaker_name) == (
        "Die Zahl der Arbeitslosen ist gestiegen",
        "einem Bericht der Agentur",
    )
    assert indirect("Die Firma schließt das Werk. Das Werk war alt und marode.") == []


def test_wonach_reports_what_the_noun_before_says() -> None:
    [quote] = indirect("Es gab Meldungen der Agentur, wonach drei Menschen starben.")
    assert (quote.text, quote.speaker_name) == ("drei Menschen starben", "Meldungen der Agentur")


def test_demnach_reports_the_source_just_named() -> None:
    text = "Die Wahlkommission legte ein Ergebnis vor. Demnach hat die Koalition die Mehrheit."
    [quote] = indirect(text)
    assert quote.text == "Demnach hat die Koalition die Mehrheit"
    assert quote.speaker_name == "Die Wahlkommission"


def test_a_konjunktiv_sentence_opening_with_er_is_that_persons() -> None:
    text = "Am Montag trat Minister Paul Kern zurück. Er werde aber im Parlament bleiben."
    names = names_for(text, ("Paul Kern", "e1", "Paul Kern"))
    [quote] = indirect(text, names)
    assert quote.speaker == "e1"


@pytest.mark.parametrize(
    "sentence",
    [
        "Der Sprecher der Opposition, Jonas Wendt, widersprach heftig.",
        "Jonas Wendt, der Sprecher der Opposition, widersprach heftig.",
    ],
)
def test_a_person_set_off_by_commas_in_the_sentence_before_speaks(sentence: str) -> None:
    text = f"„Wir sind zufrieden“, sagte Petra Lang. {sentence} „Das ist schlicht falsch.“"
    names = names_for(
        text, ("Petra Lang", "e1", "Petra Lang"), ("Jonas Wendt", "e2", "Jonas Wendt")
    )
    first, second = direct(text, names)
    assert (first.speaker, second.speaker) == ("e1", "e2")


def test_a_person_in_a_genitive_after_a_role_does_not_speak() -> None:
    text = (
        "Im Landtag hatte sich Paul Kern während einer Rede der Abgeordneten Anna Kolb zu "
        "einem Zwischenruf hinreißen lassen: „Das glauben Sie doch selbst nicht.“"
    )
    names = names_for(text, ("Paul Kern", "e1", "Paul Kern"), ("Anna Kolb", "e2", "Anna Kolb"))
    [quote] = direct(text, names)
    assert quote.speaker == "e1"


def test_words_of_another_quote_name_no_speaker() -> None:
    text = (
        "Die Demonstranten riefen Parolen wie „Weg mit dem Gesetz“ oder „Freiheit statt Angst "
        "für alle Menschen“."
    )
    assert {q.speaker_name for q in direct(text)} == {"Die Demonstranten"}
    text = (
        "Am Abend skandierten sie dabei Parolen wie zum Beispiel „Stoppt den Unsinn“ oder "
        "„Freiheit statt Angst für alle Menschen“."
    )
    assert "Stoppt" not in {q.speaker_name for q in direct(text)}


def test_a_conjunction_after_the_quote_opens_a_new_clause() -> None:
    text = (
        "Der Anwalt Paul Kern hatte betont, sein Mandant sei „nie zuvor aufgefallen“, doch "
        "die Richterin Anna Kolb ließ sich nicht beirren."
    )
    names = names_for(text, ("Paul Kern", "e1", "Paul Kern"), ("Anna Kolb", "e2", "Anna Kolb"))
    [quote] = direct(text, names)
    assert quote.speaker == "e1"


def test_a_report_after_a_role_and_name_set_off_after_the_verb_is_theirs() -> None:
    text = (
        "„Wir sind zufrieden“, sagte Petra Lang. Am Abend nahm auch der Ministerpräsident des "
        "Landes, Paul Kern (SPD), zu der Frage Stellung. Jeder Lehrer könne „selbst "
        "entscheiden, was er tun will“."
    )
    names = names_for(text, ("Petra Lang", "e1", "Petra Lang"), ("Paul Kern", "e2", "Paul Kern"))
    quotes = quotes_in_text(text, names=names)
    [report] = [q for q in quotes if q.kind == "indirect" and q.text.startswith("Jeder")]
    assert report.speaker == "e2"


def test_davon_ausgehen_frames_a_clause_and_gehen_alone_does_not() -> None:
    found = indirect("Die Polizei geht davon aus, dass der Täter floh.")
    assert [(q.text, q.cue) for q in found] == [("dass der Täter floh", "geht")]
    assert indirect("Hinter den Kulissen dürfte es um eines gehen, ob es wirkt.") == []


@pytest.mark.parametrize(
    ("sentence", "clause", "holder"),
    [
        (
            "Die Kommission kam zu dem Ergebnis, dass die Brücke sicher ist.",
            "dass die",
            "Die Kommission",
        ),
        (
            "Der Bürgermeister ist der Meinung, dass die Steuer zu hoch ist.",
            "dass die",
            "Der Bürgermeister",
        ),
        (
            "Der Verband vertrat die Ansicht, der Markt werde sich erholen.",
            "der Markt",
            "Der Verband",
        ),
        (
            "Die Gewerkschaft erhob die Forderung, die Löhne zu erhöhen.",
            "die Löhne",
            "Die Gewerkschaft",
        ),
    ],
)
def test_a_noun_of_saying_after_a_verb_frames_the_clause(
    sentence: str, clause: str, holder: str
) -> None:
    quotes = indirect(sentence)
    assert len(quotes) == 1
    assert quotes[0].text.startswith(clause)
    assert quotes[0].speaker_name == holder


@pytest.mark.parametrize(
    "sentence",
    [
        "Von dem alten Kraftwerk geht keine Gefahr mehr aus.",
        "Die Feuerwehr geht am Abend nach Hause.",
        "Der Bürgermeister begrüßte die Gäste am Eingang.",
    ],
)
def test_going_out_and_greeting_are_no_speech_acts(sentence: str) -> None:
    assert indirect(sentence) == []


def test_a_verb_particle_is_a_cue_only_before_the_comma() -> None:
    # "Ein" opening the sentence is an article, not the particle of "räumte … ein".
    assert (
        indirect("Ein Forscherteam der Universität hat herausgefunden, dass Schnecken schlafen.")
        == []
    )
    quotes = indirect("Der Minister räumte ein, dass Fehler gemacht wurden.")
    assert [q.text for q in quotes] == ["dass Fehler gemacht wurden"]
    quotes = indirect("Bei der Prüfung stellte sich heraus, dass das Dach undicht war.")
    assert [q.text for q in quotes] == ["dass das Dach undicht war"]


def test_mit_der_hoffnung_frames_the_clause() -> None:
    quotes = indirect("Der Bericht endet mit der Hoffnung, dass der Krieg bald endet.")
    assert [q.text for q in quotes] == ["dass der Krieg bald endet"]
