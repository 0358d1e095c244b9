"""Pure content-safety checks: text verdicts, HTML sanitising, link policy, upload inspection.

Nothing here imports Flask, the database or another domain of the project, so every
check can be tested and benchmarked on its own.
"""

from .verdict import Reason, Verdict, SafetyPolicy
from .text import check_text, use_model
from .fields import FIELD_POLICY, check_field
from .html import sanitize_html, linkify
from .uploads import CleanFile, UploadRejected, inspect_upload

__all__ = [
    "use_model",
    "Reason",
    "Verdict",
    "SafetyPolicy",
    "check_text",
    "check_field",
    "FIELD_POLICY",
    "sanitize_html",
    "linkify",
    "CleanFile",
    "UploadRejected",
    "inspect_upload",
]
