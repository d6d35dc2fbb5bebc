"""Grammatical roles of a noun phrase, in the order of their salience: a subject is the
likeliest antecedent of a pronoun and the likeliest speaker, a genitive the least."""

SUBJECT, OTHER, OBJECT, OBLIQUE, GENITIVE = range(5)
