"""Building blocks of everything visitors read: drafts and published states with a
publish-from time (``Publishable``), when a record was created and changed
(``TimeStampedModel``) and links to other websites (``ExternalLink``)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import PublishState


class TimeStampedModel(models.Model):
    """Adds when a record was created and last changed; pages show both to visitors."""

    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("senast ändrad"), auto_now=True)

    class Meta:
        abstract = True


class ExternalLink(models.Model):
    """A link to another website, in the order the editor gives; subclasses add the owner."""

    title = models.CharField(_("länktext"), max_length=255)
    url = models.URLField(_("adress"), max_length=500)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        abstract = True
        verbose_name = _("extern länk")
        verbose_name_plural = _("externa länkar")

    def __str__(self):
        return self.title


class PublishableQuerySet(models.QuerySet):
    def published(self, now=None):
        """What visitors may see: published, and the publish-from time has come. Decided at
        query time, so scheduled items appear without any job having to run."""
        return self.filter(
            publish_state=PublishState.PUBLISHED, publish_from__lte=now or timezone.now()
        )


class Publishable(models.Model):
    """Draft and published states with a publish-from time, for everything editors prepare
    before visitors may see it: programmes, publications, content pages and news."""

    publish_state = models.CharField(
        _("publiceringsstatus"),
        max_length=10,
        choices=PublishState.choices,
        default=PublishState.DRAFT,
        help_text=_(
            "Ett utkast syns bara i administrationen. Välj ”Utkast” igen för att avpublicera."
        ),
    )
    publish_from = models.DateTimeField(
        _("publiceras från"),
        null=True,
        blank=True,
        help_text=_(
            "Svensk tid. Innehållet blir synligt först då, om det är publicerat. "
            "Lämna tomt för att publicera direkt när du sparar."
        ),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.publish_state == PublishState.PUBLISHED and self.publish_from is None:
            self.publish_from = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "publish_from"}
        super().save(*args, **kwargs)

    def is_public(self, now=None):
        return (
            self.publish_state == PublishState.PUBLISHED
            and self.publish_from is not None
            and self.publish_from <= (now or timezone.now())
        )

    @property
    def publishing_display(self):
        """Utkast, Schemalagd or Publicerad, for the admin."""
        if self.publish_state != PublishState.PUBLISHED:
            return PublishState.DRAFT.label
        if not self.is_public():
            return _("Schemalagd")
        return PublishState.PUBLISHED.label
