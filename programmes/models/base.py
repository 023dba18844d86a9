import functools

from django.db import models
from django.db.models import DateTimeField, Expression
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import PublishState


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


class QueryTime(Expression):
    """The time at which the query is compiled, ``timezone.now()`` then, as a parameter.

    ``published(now=QueryTime())`` in a queryset that is built once and cloned for every request
    (``built_once``) still decides visibility at the time each query runs, so a scheduled item
    appears on time. It must not go into a query compiled once and kept (programmes.prepared
    refuses the time it would freeze; those take a ``Param``)."""

    def __init__(self):
        super().__init__(output_field=DateTimeField())

    def __repr__(self):
        return "QueryTime()"

    def as_sql(self, compiler, connection):
        return "%s", [self.output_field.get_db_prep_value(timezone.now(), connection)]


def built_once(build):
    """``build()`` (a queryset that takes its time from ``QueryTime``) called once per process;
    each call of the result, with or without django-filter's request, returns a clone of it.
    Building a queryset with subqueries costs Django far more than cloning it: the filter
    options of the public lists took several milliseconds per request to build
    (benchmarks/README.md)."""
    built = functools.cache(build)

    @functools.wraps(build)
    def clone(request=None):
        return built().all()

    clone.built = built
    return clone


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
