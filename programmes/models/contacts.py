from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation
from publishing.breadcrumbs import from_start
from publishing.models import TimeStampedModel


class Contact(TimeStampedModel):
    """A person visitors can turn to about a programme or a page. Holds only what a public
    contact box shows: name, role, organisation and, if the person agreed, e-mail and phone."""

    name = models.CharField(_("namn"), max_length=200)
    role = models.CharField(
        _("roll"),
        max_length=255,
        blank=True,
        help_text=_("T.ex. ”Processtöd för tillväxtprogram”."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="contacts",
    )
    email = models.EmailField(_("e-post"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    programmes = models.ManyToManyField(
        "programmes.Programme",
        verbose_name=_("ansvarar för program"),
        related_name="contacts",
        blank=True,
    )

    class Meta:
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="contact_unique_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.organisation})"

    @classmethod
    def list_breadcrumbs(cls):
        """Startsida › Kontakter, the list of every contact person."""
        return from_start((_("Kontakter"), reverse("programmes:contact_list")))
