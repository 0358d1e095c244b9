"""Languages of the interface: the translation catalogues and how a reader's language is chosen."""
