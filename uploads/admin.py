"""The admin side of kept uploads (``uploads/kept.py``, ``uploads/forms.py``)."""

from django.db import models

from .forms import KeptFileField, KeptFileInput, keep_chosen_files


def taken_files(request):
    """The kept files taken back in this request (``KeptFileInput``), to be closed."""
    if not hasattr(request, "taken_uploads"):
        request.taken_uploads = []
    return request.taken_uploads


class KeepsChosenFilesAdmin:
    """For a ``ModelAdmin``: a file an editor chose survives a submit that is refused for
    another field (of the form or of an inline), bound to that editor, and is saved with the
    next submit that succeeds."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.FileField) and not isinstance(db_field, models.ImageField):
            kwargs["form_class"] = KeptFileField
            kwargs["widget"] = KeptFileInput(
                owner=request.user.pk, taken_files=taken_files(request)
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def changeform_view(self, request, *args, **kwargs):
        try:
            return super().changeform_view(request, *args, **kwargs)
        finally:
            # As Django closes the uploads of a request: a saved file was moved into storage.
            for upload in taken_files(request):
                upload.close()

    def render_change_form(self, request, context, *args, **kwargs):
        if request.method == "POST":
            keep_chosen_files(context["adminform"].form)
            for inline in context.get("inline_admin_formsets", ()):
                for form in inline.formset.forms:
                    keep_chosen_files(form)
        return super().render_change_form(request, context, *args, **kwargs)
