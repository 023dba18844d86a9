from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, router, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from organisations.models import Organisation
from programmes.models import FocusArea, Programme
from publishing.breadcrumbs import from_start
from publishing.models import Publishable, PublishableQuerySet, TimeStampedModel
from redirects.models import KeepsOldAddress
from richtext.fields import RichTextField
from uploads.documents import PdfDetails, language_name, read_pdf_details
from uploads.fields import UploadField
from uploads.filetypes import PDF, identify, size_of
from uploads.names import document_upload_to
from uploads.validators import validate_document

from .choices import Language, PublicationKind

# Addresses under /publikationer/ that are pages of their own (the feed, the printable list),
# not publications.
RESERVED_SLUGS = {"flode", "utskrift"}


# The columns a list of publications shows (templates/includes/publication_item.html and
# publication_result.html), not the summaries and bodies.
LISTED_FIELDS = (
    "id",
    "title",
    "slug",
    "kind",
    "year",
    "file",
    "file_format",
    "file_size",
    "file_page_count",
    "file_language",
)


def listing_prefetches():
    """The related rows a list of publications shows: publishers and published programmes."""
    return [
        models.Prefetch(
            "organisations",
            queryset=Organisation.objects.only("name", "short_name", "slug", "logo"),
        ),
        models.Prefetch(
            "programmes",
            queryset=Programme.objects.published().only("title", "slug", "start_year", "end_year"),
        ),
    ]


class PublicationQuerySet(PublishableQuerySet):
    def for_listing(self):
        """What a list of publications shows, in a fixed number of queries."""
        return self.only(*LISTED_FIELDS).prefetch_related(*listing_prefetches())


class Publication(KeepsOldAddress, Publishable, TimeStampedModel):
    """A report, action plan, analysis or strategy published by one or more organisations,
    often as the output of a programme. It may carry an uploaded file, a link to another
    website, both or neither: a document named on a source page that we do not have is kept as
    a record without a file, and the public page says so."""

    title = models.CharField(_("titel"), max_length=300)
    slug = models.SlugField(_("kortnamn i adressen"), max_length=255, unique=True)
    kind = models.CharField(_("typ"), max_length=20, choices=PublicationKind.choices)
    organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("utgivande organisationer"),
        related_name="publications",
        help_text=_("Den eller de organisationer som ger ut publikationen."),
    )
    programmes = models.ManyToManyField(
        Programme,
        verbose_name=_("program"),
        related_name="publications",
        blank=True,
        help_text=_("Program som publikationen hör till."),
    )
    publication_date = models.DateField(
        _("utgivningsdatum"), null=True, blank=True, help_text=_("Lämna tomt om bara året är känt.")
    )
    year = models.PositiveSmallIntegerField(
        _("utgivningsår"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_(
            "Fylls i från datumet om ett datum är angivet. Lämna tomt om året inte är känt."
        ),
    )
    file = UploadField(
        _("fil"),
        upload_to=document_upload_to,
        content_validator=validate_document,
        blank=True,
        help_text=_("PDF, Word, Excel, PowerPoint eller OpenDocument."),
    )
    file_size = models.PositiveBigIntegerField(_("filstorlek i byte"), null=True, editable=False)
    file_format = models.CharField(_("filformat"), max_length=10, blank=True, editable=False)
    file_page_count = models.PositiveIntegerField(
        _("antal sidor i filen"),
        null=True,
        editable=False,
        help_text=_("Läses ur en PDF-fil när den sparas. Tomt om filen inte anger det."),
    )
    file_language = models.CharField(
        _("filens språk"),
        max_length=35,
        blank=True,
        editable=False,
        help_text=_(
            "Språkkoden som en PDF-fil själv anger (till exempel sv-SE), läst när den sparas."
        ),
    )
    external_url = models.URLField(
        _("länk till annan webbplats"),
        max_length=500,
        blank=True,
        help_text=_("Om publikationen finns hos en annan organisation."),
    )
    language = models.CharField(
        _("språk"), max_length=10, choices=Language.choices, default=Language.SWEDISH
    )
    summary = RichTextField(
        _("sammanfattning"),
        blank=True,
        headings=False,
        help_text=_("Vad publikationen handlar om, i ett eller ett par stycken."),
    )
    focus_areas = models.ManyToManyField(
        FocusArea, verbose_name=_("fokusområden"), related_name="publications", blank=True
    )
    tags = TaggableManager(_("taggar"), blank=True, help_text=_("Kommaseparerade nyckelord."))

    objects = PublicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("publikation")
        verbose_name_plural = _("publikationer")
        ordering = [
            models.F("year").desc(nulls_last=True),
            models.F("publication_date").desc(nulls_last=True),
            "title",
        ]
        indexes = [
            models.Index(fields=["year"]),
            models.Index(fields=["kind"]),
            models.Index(fields=["publish_state", "publish_from"]),
        ]
        # Lets staff export the admin's list without the right to change publications.
        permissions = [("export_publication", _("Kan exportera publikationer"))]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("publications:publication_detail", kwargs={"slug": self.slug})

    @classmethod
    def list_breadcrumbs(cls):
        """Startsida › Publikationer."""
        return from_start((_("Publikationer"), reverse("publications:publication_list")))

    def breadcrumbs(self):
        """Startsida › Publikationer › the publication: where its address is and where a
        visitor finds it. Not under an organisation, as several may publish it together."""
        return [*self.list_breadcrumbs(), (self.title, self.get_absolute_url())]

    def clean(self):
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("Adressen ”%(slug)s” används redan av webbplatsen.") % {
                "slug": self.slug
            }
        if self.publication_date and self.year and self.publication_date.year != self.year:
            errors["year"] = _("Utgivningsåret stämmer inte med utgivningsdatumet.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.publication_date:
            self.year = self.publication_date.year
        if not self.file:
            self.file_format, self.file_size = "", None
            self.file_page_count, self.file_language = None, ""
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            super().save(*args, **kwargs)
            if self.file:
                self._record_file_details(using)

    def _record_file_details(self, using):
        """The format and size of the stored file, read once it is in storage: the format of
        what the file is, not what its name says (uploads/filetypes.py); for a PDF also its
        page count and language as the file states them (uploads/documents.py), so that pages
        never open the file."""
        try:
            with self.file.storage.open(self.file.name, "rb") as stored:
                file_type = identify(stored)
                size = size_of(stored)
                details = read_pdf_details(stored) if file_type is PDF else PdfDetails()
        except OSError:  # a stored file missing from storage: keep what was recorded
            return
        recorded = {
            "file_format": file_type.label if file_type else "",
            "file_size": size,
            "file_page_count": details.page_count,
            "file_language": details.language,
        }
        if any(getattr(self, name) != value for name, value in recorded.items()):
            for name, value in recorded.items():
                setattr(self, name, value)
            type(self)._base_manager.using(using).filter(pk=self.pk).update(**recorded)

    @property
    def file_language_name(self):
        """The language the file states, named in Swedish ("svenska"); empty when unknown."""
        return language_name(self.file_language)

    @property
    def has_file(self):
        return bool(self.file)
