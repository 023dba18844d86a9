"""A file input that keeps the editor's chosen file when the form is refused for another
reason (see ``uploads/kept.py``), for the admin's upload fields.

``KeptFileInput`` shows the admin's file input and, when a file is kept, a hidden token and
a note naming the file; ``KeptFileField`` says so plainly when a kept file can no longer be
found. ``keep_chosen_files`` keeps the new uploads of a refused form; the admin mixin in
``uploads/admin.py`` puts the pieces together.
"""

from django import forms
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from . import kept

# What the widget hands the field when the form carried a token but its file is gone (too
# old, or kept for someone else): the field turns it into a message, not a silent loss.
KEPT_FILE_LOST = object()


class KeptFileInput(AdminFileWidget):
    template_name = "uploads/widgets/kept_file_input.html"

    def __init__(self, owner, taken_files=None, attrs=None):
        self.owner = owner
        self.kept = None  # the kept file this form offers again, set by keep_chosen_files
        self.taken = None  # the file taken back from the folder in this request
        # Where taken files are listed, so that the view closes them once it has answered.
        self.taken_files = [] if taken_files is None else taken_files
        super().__init__(attrs)

    @staticmethod
    def kept_name(name):
        return f"{name}-kept"

    def value_from_datadict(self, data, files, name):
        upload = super().value_from_datadict(data, files, name)
        signed = data.get(self.kept_name(name))
        if upload is not None or not signed:
            return upload
        # The form reads the value more than once (cleaning, changed data); the kept file is
        # taken from the folder once.
        if self.taken is None:
            upload = kept.take(signed, self.owner)
            if upload is not None:
                self.taken_files.append(upload)
            self.taken = upload or KEPT_FILE_LOST
        return self.taken

    def value_omitted_from_data(self, data, files, name):
        return (
            super().value_omitted_from_data(data, files, name) and self.kept_name(name) not in data
        )

    def use_required_attribute(self, initial):
        # A kept file counts as chosen: the browser must not ask for one again.
        return super().use_required_attribute(initial) and self.kept is None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["kept"] = self.kept
        context["widget"]["kept_name"] = self.kept_name(name)
        if self.kept is not None and context["widget"]["attrs"].get("id"):
            note = f"{context['widget']['attrs']['id']}_kept"
            described = context["widget"]["attrs"].get("aria-describedby")
            context["widget"]["kept_note_id"] = note
            context["widget"]["attrs"]["aria-describedby"] = f"{described} {note}".strip()
        return context


class KeptFileField(forms.FileField):
    """A file field that tells the editor when a kept file could not be found again."""

    default_error_messages = {
        "kept_file_lost": _(
            "Filen du valde tidigare finns inte längre kvar på servern (den sparas i ett dygn). "
            "Välj den igen."
        ),
    }

    def clean(self, data, initial=None):
        if data is KEPT_FILE_LOST:
            raise ValidationError(self.error_messages["kept_file_lost"], code="kept_file_lost")
        return super().clean(data, initial)


def keep_chosen_files(form):
    """Keeps each new upload of a refused ``form`` that passed its own field's checks, so that
    the form shows it again and the next submit saves it without choosing it again."""
    cleaned = getattr(form, "cleaned_data", None)
    if not form.is_bound or cleaned is None:
        return
    for name, field in form.fields.items():
        widget = field.widget
        if isinstance(widget, KeptFileInput) and isinstance(cleaned.get(name), UploadedFile):
            widget.kept = kept.keep(cleaned[name], widget.owner)
