"""Form fields shared by every domain's forms (kernel layer: any domain may import it).

`CheckboxesField` is a multiple choice drawn as a group of checkboxes, one per choice, instead of a
`<select multiple>` that needs Ctrl-click. `templates/_form.html` draws it as a fieldset whose
legend is the field's label.
"""

from __future__ import annotations

from wtforms import SelectMultipleField
from wtforms.widgets import CheckboxInput, ListWidget


class CheckboxesField(SelectMultipleField):
    """A `SelectMultipleField` shown as checkboxes: the same data, validation and defaults."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()
