"""The site search's source of truth: one ``SearchDocument`` per searchable item, kept current
by signals (search/indexing.py), from which each web process builds its index in memory
(search/engine.py), and the removals those indexes catch up with (``SearchRemoval``).

Each document stores from when visitors may see it (``visible_from``: the publish-from time of
a published item, of a focus area's programme, or ALWAYS; empty for drafts), so a search
filters on one indexed column and a scheduled item appears at its time without re-indexing.
It mirrors ``published()`` and ``FocusArea.objects.visible()``; tests/test_search.py checks
that drafts, scheduled items and hidden focus areas are never found."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """The content types visitors can narrow a search to; values are the URL's ``typ``."""

    PROGRAMME = "program", _("Program")
    PUBLICATION = "publikation", _("Publikation")
    PAGE = "sida", _("Sida")
    NEWS = "nyhet", _("Nyhet")
    EVENT = "evenemang", _("Evenemang")
    ORGANISATION = "organisation", _("Organisation")
    FOCUS_AREA = "fokusomrade", _("Fokusområde")


class SearchDocument(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=500)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    tags = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    visible_from = models.DateTimeField(null=True, blank=True, db_index=True)
    # The organisations the item belongs to, as "|3|17|" (the engine's organisation facet).
    organisation_keys = models.CharField(max_length=2000, blank=True)
    # When the document was last written: the search index in memory of every web process
    # catches up with the documents written since its last look (search/engine.py).
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="one_search_document_per_item"
            )
        ]
        indexes = [models.Index(fields=["kind"]), models.Index(fields=["year"])]

    def __str__(self):
        return self.title

    @staticmethod
    def keys_of(organisation_ids):
        ids = sorted({int(pk) for pk in organisation_ids})
        return "|" + "|".join(map(str, ids)) + "|" if ids else ""

    @staticmethod
    def ids_from_keys(keys):
        return [int(pk) for pk in keys.strip("|").split("|") if pk]


class SearchRemoval(models.Model):
    """A search document that was deleted, for the search index in memory of every web process
    (search/engine.py), which catches up with removals as with changes. A row without a
    document means every document was written anew (``rebuild_search_index``, a restore): each
    process then loads the whole index again. Rows older than ``indexing.REMOVALS_KEPT`` are
    deleted."""

    document_id = models.PositiveBigIntegerField(null=True, blank=True)
    removed_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return f"{self.document_id or 'all'} at {self.removed_at:%Y-%m-%d %H:%M:%S}"
