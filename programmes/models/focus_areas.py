from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation
from publishing.breadcrumbs import from_start
from publishing.choices import PublishState
from publishing.models import TimeStampedModel
from redirects.models import KeepsOldAddress

from ..choices import FocusAreaSetKind


def _programme_is_public(prefix, now=None):
    """Sets of focus areas may belong to a programme; while that programme is not public,
    neither are the set and its areas. Written as lookups, as this module comes before the
    programme model. ``now`` as in ``PublishableQuerySet.published``."""
    return Q(**{f"{prefix}programme__isnull": True}) | Q(
        **{
            f"{prefix}programme__publish_state": PublishState.PUBLISHED,
            f"{prefix}programme__publish_from__lte": now or timezone.now(),
        }
    )


class FocusAreaSetQuerySet(models.QuerySet):
    def visible(self, now=None):
        """What visitors may see: sets of no programme or of a published one."""
        return self.filter(_programme_is_public("", now))


class FocusAreaQuerySet(models.QuerySet):
    def visible(self, now=None):
        """What visitors may see: areas of sets that are visible (see FocusAreaSetQuerySet)."""
        return self.filter(_programme_is_public("focus_area_set__", now))

    def visible_of(self, now=None):
        """The areas of a relation (``programme.focus_areas``) that visitors may see, read with
        every linked area, its set and its programme and chosen here (``is_visible``): the
        page cache then knows the programmes that decide, so that publishing one of them
        retires the page, and a change of any other programme does not
        (pagecache/keys.py)."""
        return [
            area
            for area in self.select_related("focus_area_set__programme")
            if area.is_visible(now)
        ]


class FocusAreaSet(models.Model):
    """A named group of focus areas: an organisation's work areas, a strategy's priority areas
    or goals, or the areas a single programme works in. Focus areas only make sense in their
    set, so the set is what editors pick first."""

    name = models.CharField(_("namn"), max_length=255, unique=True)
    slug = models.SlugField(_("kortnamn i adressen"), max_length=255, unique=True)
    kind = models.CharField(_("typ av indelning"), max_length=20, choices=FocusAreaSetKind.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="focus_area_sets",
        null=True,
        blank=True,
        help_text=_("Organisationen vars arbetsområden eller strategi det gäller."),
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="own_focus_area_sets",
        null=True,
        blank=True,
        help_text=_("Fyll i när indelningen är ett enskilt programs fokusområden."),
    )
    description = models.TextField(_("beskrivning"), blank=True)

    objects = FocusAreaSetQuerySet.as_manager()

    class Meta:
        verbose_name = _("indelning i fokusområden")
        verbose_name_plural = _("indelningar i fokusområden")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.kind == FocusAreaSetKind.PROGRAMME and not self.programme_id:
            raise ValidationError({"programme": _("Ange vilket program fokusområdena hör till.")})
        if self.kind == FocusAreaSetKind.WORK_AREAS and not self.organisation_id:
            raise ValidationError(
                {"organisation": _("Ange vilken organisations arbetsområden det gäller.")}
            )


class FocusArea(KeepsOldAddress, TimeStampedModel):
    """A theme that programmes, publications and pages are tagged with, such as a county board's
    work area (landsbygd), one of the national strategy's priority areas or one of a programme's
    focus areas. Visitors can see everything tagged with it, and when its page last changed."""

    name = models.CharField(_("namn"), max_length=255)
    slug = models.SlugField(_("kortnamn i adressen"), max_length=255, unique=True)
    focus_area_set = models.ForeignKey(
        FocusAreaSet,
        verbose_name=_("indelning"),
        on_delete=models.CASCADE,
        related_name="focus_areas",
    )
    description = models.TextField(_("beskrivning"), blank=True)
    position = models.PositiveSmallIntegerField(
        _("ordning"), default=0, help_text=_("Lägre tal visas först inom indelningen.")
    )
    fund_programmes = models.ManyToManyField(
        "programmes.FundProgramme",
        verbose_name=_("fondprogram"),
        related_name="focus_areas",
        blank=True,
        help_text=_("Fondprogram som fokusområdet handlar om, t.ex. regionalfondsprogrammen."),
    )

    objects = FocusAreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("fokusområde")
        verbose_name_plural = _("fokusområden")
        ordering = ["focus_area_set__name", "position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["focus_area_set", "name"], name="focus_area_name_unique_in_set"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programmes:focus_area_detail", kwargs={"slug": self.slug})

    def is_visible(self, now=None):
        """Whether visitors may see it, as ``FocusAreaQuerySet.visible``."""
        programme = self.focus_area_set.programme
        return programme is None or programme.is_public(now)

    def breadcrumbs(self):
        """Under the programme whose own focus areas these are, or else under the organisation
        whose work areas or strategy they are; a strategy of no one organisation's (the
        national strategy) hangs off the start page. The area's set has no page of its own."""
        area_set = self.focus_area_set
        if area_set.programme_id is not None and area_set.programme.is_public():
            trail = area_set.programme.breadcrumbs()
        elif area_set.organisation_id is not None:
            trail = area_set.organisation.breadcrumbs()
        else:
            trail = from_start()
        return [*trail, (self.name, self.get_absolute_url())]
