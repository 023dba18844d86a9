"""What a change of content retires (the keys are explained in keys.py).

A save or delete of a row of a public model retires its object key, its model's list key and
the ``<model>.<column>:<value>`` keys of its old and new values, and the keys of the
many-to-many links that point at it; a relation change (``m2m_changed``) the keys of both
ends and of the rows of the table that links them. With ``PAGE_CACHE_INVALIDATION = "global"``
every change retires ``all`` instead.
"""

import functools
import threading

from django.apps import apps
from django.conf import settings
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_init,
    post_save,
    pre_delete,
    pre_save,
)

from richtext.links import texts_rewritten

from .keys import (
    ALL,
    ignored,
    instance_loaded,
    is_link_table,
    is_public_model,
    key_fields,
    list_key,
    object_key,
    retire,
    rows_key,
    schema,
)


def _global():
    return settings.PAGE_CACHE_INVALIDATION == "global"


def row_keys(model, values):
    """The keys of a row of ``model`` with ``values`` (attname → value)."""
    keys = {list_key(model)}
    for field in key_fields(model):
        value = values.get(field.attname)
        if value is not None:
            keys.add(rows_key(model, field.column, value))
    return keys


def _instance_keys(model, instance):
    keys = row_keys(model, instance.__dict__)
    keys.add(object_key(model, instance.pk))
    return keys


def _model_saving(sender, instance, raw=False, using=None, **kwargs):
    """Before a row is written: the keys of the values it has now, which it is about to
    leave (a programme moved under another parent leaves the old parent's list)."""
    if raw or instance.pk is None or _global():
        return
    fields = key_fields(sender)
    if not fields:
        return
    with ignored():
        old = (
            sender._base_manager.using(using)
            .filter(pk=instance.pk)
            .values(*(field.attname for field in fields))
            .first()
        )
    if old is not None:
        keys = row_keys(sender, old) - row_keys(sender, instance.__dict__)
        retire(keys, using)


def _model_changed(sender, instance, using=None, created=False, raw=False, **kwargs):
    if _global():
        retire({ALL}, using)
        return
    keys = _instance_keys(sender, instance)
    if not created and not raw:
        keys |= linked_keys(sender, instance.pk, using)
    retire(keys, using)


def _model_deleting(sender, instance, using=None, **kwargs):
    """Before a row is deleted: the keys of the many-to-many links that point at it, which
    are deleted with it without signals."""
    if not _global():
        retire(linked_keys(sender, instance.pk, using), using)


def _model_deleted(sender, instance, using=None, **kwargs):
    if _global():
        retire({ALL}, using)
        return
    keys = _instance_keys(sender, instance)
    # Rows that pointed at it may have been changed without signals (on_delete=SET_NULL).
    for model, column in referencing(sender):
        keys.add(rows_key(model, column, instance.pk))
    retire(keys, using)


@functools.cache
def _referencing(target):
    found = []
    for model in schema()[0].values():
        for field in key_fields(model):
            related = field.related_model
            if related is not None and related._meta.concrete_model is target:
                found.append((model, field.column))
    return tuple(found)


def referencing(model):
    """(model, column) of each public foreign key to ``model``."""
    return _referencing(model._meta.concrete_model)


@functools.cache
def _link_tables(target):
    """(link model, its foreign key to ``target``, its other key fields) of each public
    link table (keys.is_link_table) that points at ``target``."""
    found = []
    for model, column in _referencing(target):
        if is_link_table(model):
            fields = key_fields(model)
            mine = next(field for field in fields if field.column == column)
            others = tuple(field for field in fields if field is not mine)
            found.append((model, mine, others))
    return tuple(found)


def linked_keys(model, pk, using=None):
    """The keys of the many-to-many links of the row ``pk`` of ``model``, from both ends: a
    page that lists the rows linked to something (the focus areas of a programme) carries the
    link table's key of that something and is retired by a change of any of them, shown or
    not (pagecache/sql.py)."""
    keys = set()
    with ignored():
        for through, mine, others in _link_tables(model._meta.concrete_model):
            keys.add(rows_key(through, mine.column, pk))
            rows = through._base_manager.using(using).filter(**{mine.attname: pk})
            for row in rows.values_list(*(field.attname for field in others)):
                keys |= {
                    rows_key(through, field.column, value)
                    for field, value in zip(others, row, strict=True)
                }
    return keys


def _through_keys(through, instance, model, pk_set):
    """The keys of the rows of an automatic many-to-many table that link ``instance`` with
    the rows ``pk_set`` of ``model``."""
    keys = {list_key(through)}
    own = type(instance)._meta.concrete_model
    other = model._meta.concrete_model
    for field in key_fields(through):
        if field.related_model is None:
            continue
        related = field.related_model._meta.concrete_model
        values = set()
        if related is own:
            values.add(instance.pk)
        if related is other:
            values |= set(pk_set)
        keys |= {rows_key(through, field.column, value) for value in values}
    return keys


def _linked(through, instance):
    """The pks of what ``instance`` is linked to through ``through``, before a clear."""
    own = type(instance)._meta.concrete_model
    fields = [field for field in key_fields(through) if field.related_model is not None]
    mine = [field for field in fields if field.related_model._meta.concrete_model is own]
    others = [field for field in fields if field not in mine] or mine
    found = set()
    with ignored():
        for field in mine:
            rows = through._base_manager.filter(**{field.attname: instance.pk})
            found |= set(rows.values_list(*(other.attname for other in others)))
    return {pk for row in found for pk in row}


_clearing = threading.local()


def _cleared():
    """What each relation being cleared in this thread linked to, from pre_clear to
    post_clear."""
    if not hasattr(_clearing, "links"):
        _clearing.links = {}
    return _clearing.links


def _relation_changed(sender, instance, action, model, pk_set=None, using=None, **kwargs):
    if not (is_public_model(type(instance)) or is_public_model(model) or is_public_model(sender)):
        return
    if action == "pre_clear":
        if not _global() and sender._meta.auto_created:
            _cleared()[(id(instance), sender)] = _linked(sender, instance)
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if action == "post_clear":
        pk_set = _cleared().pop((id(instance), sender), None)
    elif not pk_set:
        return  # nothing was added or removed
    if _global():
        retire({ALL}, using)
        return
    keys = {object_key(type(instance), instance.pk), list_key(type(instance)), list_key(model)}
    keys |= {object_key(model, pk) for pk in pk_set or ()}
    if sender._meta.auto_created:
        keys |= _through_keys(sender, instance, model, pk_set or ())
    else:
        keys.add(list_key(sender))  # its own rows' signals give the finer keys
    retire(keys, using)


# The search index's rows change only with the items they describe (whose own signals retire
# the pages) or in bulk (a rebuild, which calls content_changed() itself). Listening to their
# deletes would also make every bulk delete of them load each row first (Django's fast delete is
# off for a model with delete listeners).
NO_DELETE_LISTENER = frozenset({"search.searchdocument", "search.searchremoval"})


def connect_signals():
    """Receivers per public model, not for every model: a delete listener on all models would
    turn off Django's fast delete for sessions and the like."""
    dispatch = "pagecache"
    for model in apps.get_models(include_auto_created=True):
        if not is_public_model(model):
            continue
        label = model._meta.label_lower
        post_init.connect(instance_loaded, sender=model, dispatch_uid=f"{dispatch}.init.{label}")
        if model._meta.auto_created:
            continue  # changed through m2m_changed
        pre_save.connect(_model_saving, sender=model, dispatch_uid=f"{dispatch}.pre.{label}")
        post_save.connect(_model_changed, sender=model, dispatch_uid=f"{dispatch}.save.{label}")
        if label not in NO_DELETE_LISTENER:
            pre_delete.connect(
                _model_deleting, sender=model, dispatch_uid=f"{dispatch}.predelete.{label}"
            )
            post_delete.connect(
                _model_deleted, sender=model, dispatch_uid=f"{dispatch}.delete.{label}"
            )
    m2m_changed.connect(_relation_changed, dispatch_uid=f"{dispatch}.m2m")
    texts_rewritten.connect(_texts_rewritten, dispatch_uid=f"{dispatch}.richtext")


def _texts_rewritten(sender, pks, **kwargs):
    """Links in the rich text of these rows now point at a moved page's new address."""
    if is_public_model(sender):
        retire({ALL} if _global() else {list_key(sender)} | {object_key(sender, pk) for pk in pks})
