"""What a change of content retires (the keys are explained in keys.py).

A save or delete of a row of a public model retires its object key, its model's list key, the
``<model>.<column>:<value>`` keys of its old and new values and the keys of the many-to-many
links that point at it; a new or deleted row its model's ``set:`` key, a changed row the
``col:`` keys of the columns whose values it changes (read before the save); a relation change
(``m2m_changed``) the keys of both ends and of the rows of the table that links them. A save
whose columns are not known (a fixture loaded) retires every key of the model. With
``PAGE_CACHE_INVALIDATION = "global"`` every change retires ``all`` instead.
"""

import functools
import logging
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
    ignored,
    instance_loaded,
    is_link_table,
    is_public_model,
    key_fields,
    retire,
    schema,
)
from .names import (
    ALL,
    column_key,
    linked_key,
    list_key,
    model_keys,
    object_key,
    rows_key,
    set_key,
)

logger = logging.getLogger(__name__)

# More links than this from one row (an organisation behind thousands of publications) retire
# every page instead of one key per link.
MAX_LINKED_KEYS = 2000


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


_saving = threading.local()


def _before_save():
    """What each save under way in this thread retires besides the row's own keys, from
    pre_save to post_save, by the instance's id."""
    if not hasattr(_saving, "keys"):
        _saving.keys = {}
    return _saving.keys


def _changed(field, old, new):
    """Whether the value ``new`` about to be written differs from ``old``, the stored one."""
    if getattr(field, "auto_now", False):
        return True  # set as the row is written
    try:
        return field.get_prep_value(old) != field.get_prep_value(new)
    except Exception:  # a value a field cannot compare: count it as changed
        return True


def _model_saving(sender, instance, raw=False, using=None, update_fields=None, **kwargs):
    """Before a row is written: the keys of the values it has now, which it is about to
    leave (a programme moved under another parent leaves the old parent's list), and of the
    columns whose values change. Retired with the rest after the write (``_model_changed``):
    a page built in between from the old row must not be kept as if it were new."""
    if raw or instance.pk is None or _global():
        return
    meta = sender._meta
    fields = [
        field
        for field in meta.concrete_fields
        if not field.primary_key
        and field.attname in instance.__dict__  # a deferred field is not written
        and (update_fields is None or field.name in update_fields or field.attname in update_fields)
    ]
    with ignored():
        old = (
            sender._base_manager.using(using)
            .filter(pk=instance.pk)
            .values(*(field.attname for field in fields))
            .first()
        )
    if old is None:
        return  # a new row after all: post_save says so
    changed = [
        field
        for field in fields
        if _changed(field, old[field.attname], instance.__dict__[field.attname])
    ]
    columns = frozenset(field.column for field in changed)
    keys = {column_key(sender, column) for column in columns}
    keys |= row_keys(sender, old) - row_keys(sender, instance.__dict__)
    _before_save()[id(instance)] = (keys, columns)


def _model_changed(sender, instance, using=None, created=False, raw=False, **kwargs):
    if _global():
        retire({ALL}, using)
        return
    keys = _instance_keys(sender, instance)
    before, columns = _before_save().pop(id(instance), (None, None))
    if created:
        keys.add(set_key(sender))
    elif raw or before is None:
        keys |= model_keys(sender)  # what changed is not known
    else:
        keys |= before
    if not created and not raw:
        keys |= linked_keys(sender, instance.pk, using, columns)
    retire(keys, using)


def _model_deleting(sender, instance, using=None, **kwargs):
    """Before a row is deleted: the keys of the many-to-many links that point at it, which
    are deleted with it without signals, and of the key columns an instance loaded without
    them (``only()``) does not know."""
    if _global():
        return
    keys = linked_keys(sender, instance.pk, using)
    missing = [
        field.attname for field in key_fields(sender) if field.attname not in instance.__dict__
    ]
    if missing:
        with ignored():
            stored = (
                sender._base_manager.using(using).filter(pk=instance.pk).values(*missing).first()
            )
        if stored is not None:
            keys |= row_keys(sender, stored)
    retire(keys, using)


def _model_deleted(sender, instance, using=None, **kwargs):
    if _global():
        retire({ALL}, using)
        return
    keys = _instance_keys(sender, instance)
    keys.add(set_key(sender))
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


def linked_keys(model, pk, using=None, columns=None):
    """The keys of the many-to-many links of the row ``pk`` of ``model``, from both ends: a
    page that lists the rows linked to something (the focus areas of a programme) carries the
    link table's key of that something with each column it read of them (names.linked_key), and
    is retired by a change of one of those ``columns`` of any of them, shown or not
    (pagecache/sql.py). ``columns`` None: what changed is not known (a delete), and the
    link table's own keys go, which such a page carries too."""
    if columns is not None and not columns:
        return set()
    keys = set()
    with ignored():
        for through, mine, others in _link_tables(model._meta.concrete_model):
            keys.add(rows_key(through, mine.column, pk))
            if columns is None:
                # A page with too many of the link table's keys carries its list key instead.
                keys.add(list_key(through))
            rows = through._base_manager.using(using).filter(**{mine.attname: pk})
            values = rows.values_list(*(field.attname for field in others))
            found = list(values[: MAX_LINKED_KEYS + 1])
            if len(found) > MAX_LINKED_KEYS:
                logger.info(
                    "page cache: %s %s has more than %d links in %s; every page is retired",
                    model._meta.label,
                    pk,
                    MAX_LINKED_KEYS,
                    through._meta.label,
                )
                return {ALL}
            for row in found:
                for field, value in zip(others, row, strict=True):
                    if columns is None:
                        keys.add(rows_key(through, field.column, value))
                    else:
                        keys.add(linked_key(through, field.column, value, model))
                        keys |= {
                            linked_key(through, field.column, value, model, column)
                            for column in columns
                        }
    return keys


def _through_keys(through, instance, model, pk_set):
    """The keys of the rows of an automatic many-to-many table that link ``instance`` with
    the rows ``pk_set`` of ``model``."""
    keys = {list_key(through), set_key(through)}
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
        retire({ALL} if _global() else model_keys(sender) | {object_key(sender, pk) for pk in pks})
