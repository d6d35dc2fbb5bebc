"""German word knowledge, kept once, as spaCy keeps ``spacy/lang/de``.

``words``: closed word classes (determiners with their cases, pronouns, prepositions,
conjunctions, clause-opening adverbs). ``verbs``: the verbs of saying, thinking and naming in
one table with every form generated. The open classes (first names, nouns, places,
frequencies) come from the packaged word lists of ``reader.lexicons``.
"""
