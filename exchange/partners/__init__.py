"""Community partners (issue 21): organisations verified by the district, the opportunities they
offer learners, partnership agreements (memoranda of understanding) and each partnership's
steering view.

It sits above the domains it reads (guardians for consent, directory for classes, rooms and
scheduling for a partnership's sessions, evaluation for its results); nothing below imports it.
"""
