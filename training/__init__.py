"""Training the reader's German NER pipeline (see training/README.md)."""
