"""``UploadField``: a file field whose uploads are checked by their content."""

from django.db import models


class UploadField(models.FileField):
    """A ``FileField`` whose form field runs ``content_validator`` (``validate_document``,
    ``validate_logo``) on each new upload, where the upload arrives: Django's form field
    hands an unchanged file back without validating it, so a stored file is never read
    again to save the other fields of its record. In migrations it is a plain ``FileField``:
    the check belongs to forms, not to the database."""

    def __init__(self, *args, content_validator=None, **kwargs):
        self.content_validator = content_validator
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.FileField", args, kwargs

    def formfield(self, **kwargs):
        if self.content_validator is not None:
            kwargs["validators"] = [*kwargs.get("validators", ()), self.content_validator]
        return super().formfield(**kwargs)
