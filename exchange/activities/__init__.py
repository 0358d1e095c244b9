"""The activity library (issue 20): prepare → exchange → reflect activities teachers find, attach to a
room, rate and write; a platform editor reviews what teachers submit. The shipped activities are
data (`library/*.json`); the rules that read, check and search them are pure (`catalog.py`)."""
