"""Single-line text: a name, a company or a title never holds a line break.

A line break in one would break what puts it on one line: a calendar file's lines, an email's
subject, a CSV row. OneLineField turns each into a space however the text arrives: through a
form or the import (both clean values with to_python) or code that saves it (pre_save).
"""

from django import forms
from django.db import models


def one_line(text: str) -> str:
    """`text` with its line breaks (CR, LF and the others str.splitlines knows), and the spaces
    around them, made single spaces: "Acme\\r\\n Corp" -> "Acme Corp"."""
    lines = text.splitlines()
    if lines == [text]:
        return text
    return " ".join(line.strip() for line in lines if line.strip())


class OneLineFormField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        return one_line(value) if isinstance(value, str) else value


class OneLineField(models.CharField):
    """A CharField whose value never holds a line break."""

    def to_python(self, value):
        value = super().to_python(value)
        return one_line(value) if isinstance(value, str) else value

    def pre_save(self, model_instance: models.Model, add: bool):
        value = self.to_python(super().pre_save(model_instance, add))
        setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": OneLineFormField, **kwargs})

    def deconstruct(self):
        # Stored exactly as a CharField: migrations see one, so changing a field needs none.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs
