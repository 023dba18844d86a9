from django.conf import settings
from django.db import models
from django.db.models import Exists
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from geography.models import County
from publishing.breadcrumbs import from_start
from publishing.models import TimeStampedModel
from redirects.models import KeepsOldAddress
from richtext.fields import RichTextField
from uploads.fields import UploadField
from uploads.names import logo_upload_to
from uploads.validators import validate_logo

from .choices import OrganisationKind


class Organisation(KeepsOldAddress, TimeStampedModel):
    """An organisation that owns, finances or commissions programmes and publishes content:
    county administrative boards, national agencies, regions, municipalities, networks, the
    government and EU bodies. Editors belong to organisations (``editors``, editors/admin.py);
    everything public hangs off one: programmes, publications, pages, news and contacts point
    at it, and its page lists them through their ``related_name``."""

    name = models.CharField(_("namn"), max_length=200, unique=True)
    short_name = models.CharField(
        _("kort namn"),
        max_length=60,
        blank=True,
        help_text=_("Används i listor och menyer, t.ex. ”Länsstyrelsen Stockholm”."),
    )
    slug = models.SlugField(_("kortnamn i adressen"), max_length=200, unique=True)
    kind = models.CharField(_("typ"), max_length=30, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("överordnad organisation"),
        on_delete=models.PROTECT,
        related_name="children",
        null=True,
        blank=True,
    )
    county = models.ForeignKey(
        County,
        verbose_name=_("län"),
        on_delete=models.PROTECT,
        related_name="organisations",
        null=True,
        blank=True,
        help_text=_("Det län organisationen verkar i, om den är regional."),
    )
    website = models.URLField(_("webbplats"), blank=True)
    description = RichTextField(
        _("beskrivning"),
        blank=True,
        help_text=_(
            "Visas på organisationens sida. Rubriker, stycken, listor, länkar, fetstil och "
            "kursiv; annan formatering tas bort när du sparar."
        ),
    )
    logo = UploadField(
        _("logotyp"),
        upload_to=logo_upload_to,
        content_validator=validate_logo,
        blank=True,
        help_text=_(
            "PNG, JPEG eller SVG. Visas bredvid organisationens namn på dess sidor och i "
            "listor; utan logotyp visas organisationens initialer."
        ),
    )
    email = models.EmailField(
        _("e-post"),
        blank=True,
        help_text=_("Organisationens allmänna e-postadress, t.ex. registrator. Visas i sidfoten."),
    )
    phone = models.CharField(
        _("telefon"),
        max_length=40,
        blank=True,
        help_text=_("Växelns nummer, t.ex. 08-123 456 00. Visas i sidfoten."),
    )
    address = models.TextField(
        _("postadress"),
        max_length=300,
        blank=True,
        help_text=_("Skriv adressen som på ett kuvert, en rad i taget. Visas i sidfoten."),
    )
    accepts_questions = models.BooleanField(
        _("ta emot frågor från besökare"),
        default=False,
        help_text=_(
            "Visar formuläret ”Ställ en fråga” på organisationens sida och dess sidor. "
            "Frågorna kommer till organisationens redaktörer under Frågor från besökare."
        ),
    )
    personal_data_url = models.URLField(
        _("sida om personuppgifter"),
        blank=True,
        help_text=_(
            "Adressen till organisationens egen sida om hur den behandlar personuppgifter, "
            "t.ex. https://tillvaxtverket.se/personuppgifter. Länkas bredvid frågeformuläret; "
            "utan adress länkas webbplatsens sida om personuppgifter."
        ),
    )
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("redaktörer"),
        related_name="editor_organisations",
        blank=True,
        help_text=_(
            "Användare som får skapa, ändra, publicera och ta bort organisationens innehåll."
        ),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]
        indexes = [models.Index(fields=["kind"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisations:organisation_detail", kwargs={"slug": self.slug})

    @property
    def display_name(self):
        return self.short_name or self.name

    @property
    def initials(self):
        """The mark shown where the organisation has no logo: an abbreviation that is the
        whole short name ("SKL", "EU"), or else the first letters of up to three of its
        words that begin with a capital ("LS" for "Länsstyrelsen Stockholm")."""
        name = self.display_name
        if name.isupper() and len(name) <= 4:
            return name
        capitals = [word[0] for word in name.split() if word[:1].isupper()]
        return "".join(capitals[:3]) or name[:1].upper()

    @property
    def has_contact_details(self):
        return bool(self.address or self.phone or self.email or self.website)

    def menu(self):
        """What the organisation's own menu links to: its top-level published pages (title
        and address, in their order) and whether it has published programmes, published
        publications and contact persons. Read through the reverse relations, so this app
        needs none of the apps that point at it."""
        pages = self.pages.published().filter(parent__isnull=True).order_by("position", "title")
        has = Organisation.objects.filter(pk=self.pk).values(
            has_programmes=Exists(self.programmes.published()),
            has_publications=Exists(self.publications.published()),
            has_contacts=Exists(self.contacts.all()),
        )
        found = has.get()
        return {
            "pages": [{"title": page.title, "url": page.get_absolute_url()} for page in pages],
            "programmes": found["has_programmes"],
            "publications": found["has_publications"],
            "contacts": found["has_contacts"],
        }

    @classmethod
    def list_breadcrumbs(cls):
        """Startsida › Organisationer."""
        return from_start((_("Organisationer"), reverse("organisations:organisation_list")))

    def breadcrumbs(self):
        """Startsida › Organisationer › the organisation, by the name lists use. The list is
        flat (a parent organisation is a fact about the organisation, not a place on the
        site), so the trail is too."""
        return [*self.list_breadcrumbs(), (self.display_name, self.get_absolute_url())]
