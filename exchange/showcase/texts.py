"""A teacher's words on an exhibition or a resource (a title, a note, a caption): text, within its
length, and through the filter as an adult's words, refused in a sentence that names the field."""

from __future__ import annotations

from flask_babel import gettext as _

from ..errors import Invalid
from ..safety import check_field


def checked_text(value: object, field: str, limit: int, *, required: bool, code: str) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise Invalid(_("%(field)s must be text.", field=field), code=code)
    value = value.strip()
    if required and not value:
        raise Invalid(_("%(field)s is required.", field=field), code=code)
    if len(value) > limit:
        raise Invalid(_("%(field)s may have up to %(n)d characters.", field=field, n=limit), code=code)
    if value and check_field(value, audience="adult").action != "allow":
        raise Invalid(_("%(field)s did not pass the safety check. Please reword it.", field=field), code="unsafe_text")
    return value
