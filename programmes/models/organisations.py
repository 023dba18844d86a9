from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..addresses import slug_url
from ..choices import OrganisationKind
from ..richtext import RichTextField
from ..uploads import logo_upload_to, validate_logo
from .base import TimeStampedModel
from .geography import County
from .redirects import KeepsOldAddress


class Organisation(KeepsOldAddress, TimeStampedModel):
    """An organisation that owns, finances or commissions programmes and publishes content:
    county administrative boards, national agencies, regions, municipalities, networks, the
    government and EU bodies. Editors belong to organisations; everything public hangs off one."""

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
    logo = models.FileField(
        _("logotyp"),
        upload_to=logo_upload_to,
        validators=[validate_logo],
        blank=True,
        help_text=_("PNG eller JPEG."),
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
        return slug_url("programmes:organisation_detail", self.slug)

    @property
    def display_name(self):
        return self.short_name or self.name
