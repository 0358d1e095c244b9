"""A partnership's shared resources and its exhibitions of student work (issue 20).

A partnership is a room whose accepted classes come from more than one school: its teachers
share links and documents by topic, and curate approved work into exhibitions for the
partnership, the school's families, or the public (only with the guardians' consent to it).
"""
