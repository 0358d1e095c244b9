"""Guardians: consent per student (online and on paper), family updates, data rights and retention."""
