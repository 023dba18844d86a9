"""Images on pages: a photograph or illustration that content pages, news, events and
programmes show at their top, with the alternative text that makes it accessible."""

from functools import partial
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from uploads.fields import UploadField
from uploads.names import image_upload_to
from uploads.validators import validate_image

from .renditions import delete_files, make_renditions

# The help text of the ``image`` field of the models that show one.
IMAGE_FIELD_HELP = _(
    "Visas överst på sidan, under rubriken. Sök bland bilderna som redan finns, eller ladda "
    "upp en ny med plustecknet. Lämna tomt för en sida utan bild."
)


class Image(models.Model):
    """An uploaded image, shared by whatever shows it: one photo may illustrate an
    organisation's page and a programme's.

    Visitors never get the original, but resized versions of it (``renditions``) that are
    made once, when a new file is saved, and removed with it (images/renditions.py). Their
    names and sizes are kept on the image itself, in a JSON list: they are always read
    together with the image and never on their own, so a page that shows an image gets
    everything it needs from the one query (``select_related("image")``) and opens no file.

    Every image has alternative text for those who cannot see it, unless an editor says it is
    decorative; the database refuses an image with neither."""

    file = UploadField(
        _("bildfil"),
        upload_to=image_upload_to,
        content_validator=validate_image,
        max_length=255,
        help_text=_(
            "JPEG, PNG eller WebP. Ladda upp bilden i så hög upplösning du har (gärna minst "
            "1 200 bildpunkter bred); webbplatsen gör själv mindre versioner och tar bort "
            "kamerans metadata, till exempel var bilden togs."
        ),
    )
    alt_text = models.CharField(
        _("alternativtext"),
        max_length=250,
        blank=True,
        help_text=_(
            "Beskriv det som bilden visar och som är viktigt på sidan, för den som inte kan se "
            "bilden (skärmläsare läser upp texten). En eller två korta meningar, till exempel "
            "”Deltagare i en workshop om kompetensförsörjning i Flen”. Börja inte med ”Bild "
            "av” och upprepa inte bildtexten."
        ),
    )
    decorative = models.BooleanField(
        _("dekorativ bild"),
        default=False,
        help_text=_(
            "Bocka bara i om bilden är ren utsmyckning och inte säger något som sidan behöver. "
            "Då hoppar skärmläsare över den och ingen alternativtext behövs."
        ),
    )
    caption = models.CharField(
        _("bildtext"),
        max_length=300,
        blank=True,
        help_text=_("Visas under bilden för alla besökare. Frivillig."),
    )
    credit = models.CharField(
        _("fotograf"),
        max_length=200,
        blank=True,
        help_text=_(
            "Den som tog bilden eller äger rättigheterna, till exempel ”Anna Berg” eller "
            "”Länsstyrelsen”. Visas som ”Foto: …” under bilden."
        ),
    )
    width = models.PositiveIntegerField(_("bredd"), default=0, editable=False)
    height = models.PositiveIntegerField(_("höjd"), default=0, editable=False)
    renditions = models.JSONField(_("storlekar"), default=list, editable=False)
    uploaded_at = models.DateTimeField(_("uppladdad"), auto_now_add=True)

    # The files in storage when the image was loaded or last saved, removed once replaced:
    # none for a new image, None when the file was not loaded (``only()``/``defer()``).
    _stored_names = ()

    class Meta:
        verbose_name = _("bild")
        verbose_name_plural = _("bilder")
        ordering = ["-uploaded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decorative=True) | ~Q(alt_text=""),
                name="image_alt_text_unless_decorative",
                violation_error_message=_(
                    "Skriv en alternativtext, eller markera bilden som dekorativ."
                ),
            )
        ]

    def __str__(self):
        if self.alt_text:
            return self.alt_text
        if self.caption:
            return self.caption
        name = PurePosixPath(self.file.name or "").name
        return _("Dekorativ bild %(name)s") % {"name": name} if self.decorative else name

    def save(self, *args, **kwargs):
        """Make the renditions when the file is new (a new image or a replaced file), before
        the row is written; remove the old files once the change is committed."""
        previous = self._stored_names
        new_file = (
            previous is not None
            and bool(self.file)
            and (not previous or self.file.name != previous[0])
        )
        if new_file:
            self.file.open("rb")
            self.width, self.height, self.renditions = make_renditions(
                self.file, self.file.name, self.file.storage
            )
        try:
            super().save(*args, **kwargs)
        except BaseException:
            if new_file:
                delete_files(self.file.storage, [r["name"] for r in self.renditions])
            raise
        if new_file and previous:
            transaction.on_commit(partial(delete_files, self.file.storage, previous))
        self.remember_stored_files()

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance.remember_stored_files()
        return instance

    def remember_stored_files(self):
        deferred = self.get_deferred_fields()
        if "file" in deferred or "renditions" in deferred:
            self._stored_names = None
        else:
            self._stored_names = self.file_names()

    def file_names(self):
        """The original's and every rendition's name in storage."""
        return (self.file.name, *(rendition["name"] for rendition in self.renditions))

    def clean(self):
        super().clean()
        if not self.decorative and not self.alt_text.strip():
            raise ValidationError(
                {
                    "alt_text": _(
                        "Skriv en alternativtext som beskriver bilden, eller markera bilden som "
                        "dekorativ om den inte tillför något till sidan."
                    )
                }
            )

    # --- What the template shows (templates/includes/image.html); no file is opened. ---

    @property
    def alt(self):
        """The ``alt`` attribute: empty for a decorative image, so screen readers skip it."""
        return "" if self.decorative else self.alt_text

    @property
    def sources(self):
        """The renditions, smallest first, with their addresses, for ``srcset``."""
        storage = self.file.storage
        return [
            {**rendition, "url": storage.url(rendition["name"])} for rendition in self.renditions
        ]

    @property
    def largest(self):
        """The largest rendition (``src``, ``width`` and ``height``), or None."""
        return self.sources[-1] if self.renditions else None


def remove_files_of_deleted_image(sender, instance, using, **kwargs):
    """After an image is deleted (alone or in a bulk delete), remove its original and its
    renditions once the deletion is committed; a rollback keeps them."""
    names = instance.file_names()
    transaction.on_commit(partial(delete_files, instance.file.storage, names), using=using)


def page_image_field():
    """The optional image at the top of a page (content pages, news, events, programmes): a
    link to a shared ``Image`` that is cleared, not cascaded, when the image is deleted."""
    return models.ForeignKey(
        Image,
        verbose_name=_("bild"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        help_text=IMAGE_FIELD_HELP,
    )
