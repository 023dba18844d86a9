"""What each kind of content contributes to the search index, and the signals that keep the
index current: every save, delete and change of a many-to-many relation (tags, publishers,
organisers) rewrites the item's ``SearchDocument``; a change to an inline part (a programme's
goals, a page's sections) rewrites its parent's. ``manage.py rebuild_search_index`` writes the
whole index again, for data loaded without signals. Each web process's index in memory
(search/engine.py) catches up with the documents written and removed here."""

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from content.models import ContentPage, Event, KeyFigure, NewsItem, PageSection
from organisations.models import Organisation
from pagecache.keys import content_changed, retire
from pagecache.names import model_keys
from programmes.models import FocusArea, FocusAreaSet, Programme, ProgrammeFocusPoint, ProgrammeGoal
from publications.models import Publication
from publishing.choices import PublishState
from richtext.html import html_to_text

from .models import Kind, SearchDocument, SearchRemoval

# How long a removal is remembered. A web process that has not looked for longer loads its
# search index in memory again (search/engine.py).
REMOVALS_KEPT = datetime.timedelta(days=1)
# How far back each look of a web process's search index reads again, for documents written
# before its previous look but committed after it (search/engine.py).
CATCH_UP_MARGIN = datetime.timedelta(minutes=5)


def _lines(*parts):
    return "\n".join(part for part in parts if part)


def _tags(obj):
    return ", ".join(sorted(tag.name for tag in obj.tags.all()))


# Items visitors may always see (organisations, events): visible from the earliest time.
ALWAYS = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)


def _published_from(item):
    """Mirrors ``PublishableQuerySet.published()``: from the publish-from time of a published
    item; never for a draft."""
    if item.publish_state == PublishState.PUBLISHED and item.publish_from is not None:
        return item.publish_from
    return None


def _always(item):
    return ALWAYS


def _focus_area_from(area):
    """Mirrors ``FocusArea.objects.visible()``: always, unless the set is a programme's own;
    then from when the programme is public."""
    focus_set = area.focus_area_set
    if focus_set.programme_id is None:
        return ALWAYS
    try:
        return _published_from(focus_set.programme)
    except ObjectDoesNotExist:
        # Loaded (loaddata) before its programme: hidden until the programme's own save
        # indexes its focus areas again.
        return None


@dataclass(frozen=True)
class Source:
    """A searchable model: its kind, what its document holds, from when visitors may see it,
    and what to load in bulk when the whole index is built."""

    model: type
    kind: str
    document: object
    visible_from: object = _published_from
    prefetch: tuple = field(default=())


def _programme(p):
    goals = [goal.text for goal in p.goals.all()]
    points = [point.text for point in p.focus_points.all()]
    return {
        "title": p.title,
        "summary": html_to_text(p.summary),
        "body": _lines(html_to_text(p.body), *goals, *points),
        "tags": _tags(p),
        "year": p.start_year,
        "organisations": [p.organisation_id] if p.organisation_id else [],
    }


def _publication(p):
    return {
        "title": p.title,
        "summary": html_to_text(p.summary),
        "body": "",
        "tags": _tags(p),
        "year": p.year,
        "organisations": [org.pk for org in p.organisations.all()],
    }


def _page(p):
    sections = [_lines(s.heading, html_to_text(s.body)) for s in p.sections.all()]
    figures = [f"{figure.value} {figure.label}" for figure in p.key_figures.all()]
    return {
        "title": p.title,
        "summary": html_to_text(p.intro),
        "body": _lines(*sections, *figures),
        "tags": "",
        "year": None,
        "organisations": [p.organisation_id] if p.organisation_id else [],
    }


def _news(n):
    return {
        "title": n.title,
        "summary": html_to_text(n.summary),
        "body": html_to_text(n.body),
        "tags": "",
        "year": n.date.year if n.date else None,
        "organisations": [n.organisation_id] if n.organisation_id else [],
    }


def _event(e):
    return {
        "title": e.title,
        "summary": html_to_text(e.summary),
        "body": _lines(html_to_text(e.body), e.venue),
        "tags": "",
        "year": e.start_date.year,
        "organisations": [org.pk for org in e.organisers.all()],
    }


def _organisation(o):
    return {
        "title": o.name,
        "summary": html_to_text(o.description),
        "body": o.short_name,
        "tags": "",
        "year": None,
        "organisations": [o.pk],
    }


def _focus_area(a):
    focus_set = a.focus_area_set
    return {
        "title": a.name,
        "summary": a.description,
        "body": focus_set.name,
        "tags": "",
        "year": None,
        "organisations": [focus_set.organisation_id] if focus_set.organisation_id else [],
    }


SOURCES = {
    source.model: source
    for source in [
        Source(Programme, Kind.PROGRAMME, _programme, prefetch=("goals", "focus_points", "tags")),
        Source(Publication, Kind.PUBLICATION, _publication, prefetch=("organisations", "tags")),
        Source(ContentPage, Kind.PAGE, _page, prefetch=("sections", "key_figures")),
        Source(NewsItem, Kind.NEWS, _news),
        Source(Event, Kind.EVENT, _event, _always, prefetch=("organisers",)),
        Source(Organisation, Kind.ORGANISATION, _organisation, _always),
        Source(
            FocusArea,
            Kind.FOCUS_AREA,
            _focus_area,
            _focus_area_from,
            prefetch=("focus_area_set__programme",),
        ),
    ]
}
# Inline parts and the parent whose document shows them.
PARENTS = {
    ProgrammeGoal: "programme",
    ProgrammeFocusPoint: "programme",
    PageSection: "page",
    KeyFigure: "page",
}


# Control characters: never shown.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _text(value):
    return unicodedata.normalize("NFC", CONTROL.sub("", value or ""))


def _values(obj, data):
    source = SOURCES[type(obj)]
    title, summary = _text(data["title"])[:500], _text(data["summary"])
    return {
        "kind": source.kind,
        "visible_from": source.visible_from(obj),
        "title": title,
        "summary": summary,
        "body": _text(data["body"]),
        "tags": _text(data["tags"]),
        "url": obj.get_absolute_url(),
        "year": data["year"],
        "organisation_keys": SearchDocument.keys_of(data["organisations"]),
    }


def index(obj):
    """Writes ``obj``'s search document."""
    SearchDocument.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=obj.pk,
        defaults=_values(obj, SOURCES[type(obj)].document(obj)),
    )


def remove(obj):
    documents = SearchDocument.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
    )
    removed = list(documents.values_list("pk", flat=True))
    if removed:
        documents.delete()
        record_removals(removed)


def record_removals(document_ids):
    """Tells the search index in memory of every web process (search/engine.py) that these
    documents are gone; None for "every document was written anew". Forgets old records."""
    now = timezone.now()
    SearchRemoval.objects.bulk_create(
        [SearchRemoval(document_id=pk, removed_at=now) for pk in document_ids]
    )
    SearchRemoval.objects.filter(removed_at__lt=now - REMOVALS_KEPT).delete()
    # Bulk writes send no signals: the search pages that read these tables are retired here.
    retire(model_keys(SearchDocument) | model_keys(SearchRemoval))


def rebuild(batch_size=2000):
    """Writes the whole index again; returns the number of documents.

    A reload mark tells every web process to load its index in memory again. The documents
    are dated CATCH_UP_MARGIN before the rebuild began (``updated_at``), so that each process's
    looks for recent writes do not read all of them again for minutes afterwards."""
    written_at = timezone.now() - CATCH_UP_MARGIN
    SearchDocument.objects.all().delete()
    total = 0
    for model, source in SOURCES.items():
        content_type = ContentType.objects.get_for_model(model)
        objects = model._default_manager.prefetch_related(*source.prefetch).order_by("pk")
        batch = []
        for obj in objects.iterator(chunk_size=batch_size):
            batch.append((obj, source.document(obj)))
            if len(batch) == batch_size:
                total += _write_batch(content_type, batch)
                batch = []
        if batch:
            total += _write_batch(content_type, batch)
    SearchDocument.objects.update(updated_at=written_at)
    record_removals([None])
    # Bulk writes send no signals: the pages cached before the rebuild are retired here.
    content_changed()
    return total


def _write_batch(content_type, batch):
    documents = SearchDocument.objects.bulk_create(
        [
            SearchDocument(content_type=content_type, object_id=obj.pk, **_values(obj, data))
            for obj, data in batch
        ]
    )
    return len(documents)


# --- signals -----------------------------------------------------------------------------


def _saved(sender, instance, **kwargs):
    index(instance)
    if sender is Programme:
        # Its own focus areas are visible while it is.
        for area in FocusArea.objects.filter(focus_area_set__programme=instance):
            index(area)


def _deleted(sender, instance, **kwargs):
    remove(instance)


def _part_changed(sender, instance, **kwargs):
    parent = getattr(instance, PARENTS[sender], None)
    if parent is not None and parent.pk is not None:
        index(parent)


def _set_changed(sender, instance, **kwargs):
    for focus_area in instance.focus_areas.all():
        index(focus_area)


def _relation_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """Tags, publishers, organisers: the item whose relation changed is indexed again, and
    when it was changed from the other side (``organisation.publications.add(…)``), each
    item on that side too. A clear names no items, so they are read before it."""
    if action == "pre_clear" and reverse and model in SOURCES:
        field = next(
            (f for f in model._meta.many_to_many if f.remote_field.through is sender), None
        )
        if field is not None:
            instance.search_ids_before_clear = list(
                model._default_manager.filter(**{field.name: instance}).values_list("pk", flat=True)
            )
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if type(instance) in SOURCES and not reverse:
        index(instance)
    if reverse and model in SOURCES:
        if action == "post_clear":
            pk_set = getattr(instance, "search_ids_before_clear", [])
        for item in model._default_manager.filter(pk__in=pk_set or []):
            index(item)


def connect_signals():
    for model in SOURCES:
        post_save.connect(_saved, sender=model, dispatch_uid=f"search-save-{model.__name__}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-delete-{model.__name__}")
    for model in PARENTS:
        for signal in (post_save, post_delete):
            signal.connect(
                _part_changed, sender=model, dispatch_uid=f"search-part-{model.__name__}"
            )
    post_save.connect(_set_changed, sender=FocusAreaSet, dispatch_uid="search-focus-area-set")
    m2m_changed.connect(_relation_changed, dispatch_uid="search-relations")
