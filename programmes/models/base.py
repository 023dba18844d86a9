from django.db import models
from django.utils.translation import gettext_lazy as _


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
