"""Word lists of the text filter, one TSV per language (see ``exchange.safety.lexicon``)."""
