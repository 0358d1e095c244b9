"""Every CSV the application writes goes through here, so that no cell can run as a formula.

A spreadsheet opens a cell that starts with =, +, -, @ (or a tab or carriage return before
one) as a formula: a student's chat line `=HYPERLINK(...)` would become a live link in a
teacher's transcript. Such cells get a leading apostrophe, which spreadsheets show as text.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def safe_cell(value) -> str:
    """One value as spreadsheet-safe text (None empty, booleans true/false, mappings as JSON)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    else:
        text = str(value)
    return "'" + text if text.lstrip(" ")[:1] in FORMULA_STARTS else text


def csv_text(header: Sequence[str], rows: Iterable[Sequence]) -> str:
    """A whole CSV document: the header, then each row with every cell made safe."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return out.getvalue()
