"""Knowledge of the languages the reader reads; German lives in ``reader.lang.de``."""
