"""Themes: the tags (keywords) that editors put on publications and programmes, such as J+,
each with a public page listing everything visitors may see that carries it."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag, TaggedItem

from programmes.models import Programme
from publications.models import Publication
from publishing.breadcrumbs import from_start


def _tagged_public(model, now=None):
    """Tagged items that link a tag (the outer row) to a published item of ``model``."""
    return TaggedItem.objects.filter(
        tag=OuterRef("pk"),
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=model.objects.published(now).values("pk"),
    )


class ThemeQuerySet(models.QuerySet):
    def in_use(self, now=None):
        """Themes visitors can see: tags on at least one published publication or programme,
        not tags used only on drafts. ``now`` as in ``PublishableQuerySet.published``."""
        return self.filter(
            Exists(_tagged_public(Publication, now)) | Exists(_tagged_public(Programme, now))
        )


class Theme(Tag):
    """A tag seen as a theme: editors tag publications and programmes in their forms (the
    field "Taggar"); visitors browse each tag's page. Nothing is stored beyond the tag."""

    objects = ThemeQuerySet.as_manager()

    class Meta:
        proxy = True
        verbose_name = _("tema")
        verbose_name_plural = _("teman")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("themes:theme_detail", kwargs={"slug": self.slug})

    @classmethod
    def list_breadcrumbs(cls):
        """Startsida › Teman."""
        return from_start((_("Teman"), reverse("themes:theme_list")))

    def breadcrumbs(self):
        """Startsida › Teman › the theme."""
        return [*self.list_breadcrumbs(), (self.name, self.get_absolute_url())]

    def publications(self):
        """The published publications tagged with the theme, with their publishers."""
        return (
            Publication.objects.published()
            .filter(tags__pk=self.pk)
            .prefetch_related("organisations")
        )

    def programmes(self):
        """The published programmes tagged with the theme, as the programme list shows them."""
        return Programme.objects.listed().filter(tags__pk=self.pk)
