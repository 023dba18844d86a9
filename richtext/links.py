"""Links in rich text that follow the page they point at.

When an item that rich text may link to is saved (its slug edited, a version reverted, a deleted
item recovered), every link that refers to it (``data-page``, see richtext/references.py) gets
the item's current address as its ``href``; and when rich text is saved, its links get the
current addresses of their pages (a text restored from the history keeps no old address). This is done at write time, once per change of
address, rather than when the text is shown: pages are then read without a query per link.
The texts are rewritten with ``QuerySet.update()``, so their ``updated_at`` stays as it was:
their editors changed nothing; ``texts_rewritten`` tells the page cache which rows changed.

A link whose target was deleted, is a draft or is not published yet is left as it is, and
:func:`links_to_hidden_pages` lists it for the admin's page of such links.
"""

import re
from collections import defaultdict
from functools import cache

from django.apps import apps
from django.db.models import Q
from django.dispatch import Signal
from django.utils.html import escape

from .fields import RichTextField
from .references import link_targets, reference

# Sent with ``pks`` after rows of ``sender`` (a model) had links in their text rewritten, which
# ``update()`` does without the model's own signals.
texts_rewritten = Signal()

# Sanitized HTML writes every attribute with double quotes and escapes '"' inside values.
_OPENING_A = re.compile(r"<a\s[^>]*>")
_HREF = re.compile(r'\shref="[^"]*"')
_DATA_PAGE = re.compile(r'\sdata-page="([^"]*)"')


def references_in(value):
    """The references of the links in a piece of sanitized rich text, in order."""
    found = []
    for tag in _OPENING_A.findall(value or ""):
        match = _DATA_PAGE.search(tag)
        if match:
            found.append(match[1])
    return found


def point_links(value, ref, href):
    """``value`` with the ``href`` of every link that refers to ``ref`` set to ``href``."""
    new_href = f' href="{escape(href)}"'

    def repoint(match):
        tag = match[0]
        found = _DATA_PAGE.search(tag)
        if not found or found[1] != ref:
            return tag
        if _HREF.search(tag):
            return _HREF.sub(lambda _: new_href, tag, count=1)
        return tag.replace("<a", "<a" + new_href, 1)

    return _OPENING_A.sub(repoint, value)


@cache
def _rich_text_field_names(model):
    return [
        field.name
        for field in model._meta.get_fields()
        if isinstance(field, RichTextField) and not field.auto_created
    ]


def rich_text_fields():
    """``(model, [field names])`` for every model with rich text."""
    for model in apps.get_models():
        names = _rich_text_field_names(model)
        if names:
            yield model, names


def _containing(model, names, needle):
    condition = Q()
    for name in names:
        condition |= Q(**{f"{name}__contains": needle})
    return model._base_manager.filter(condition).order_by("pk")


def follow_address(item):
    """Point every link to ``item`` in the site's rich text at its current address."""
    ref = reference(item)
    href = item.get_absolute_url()
    needle = f'data-page="{ref}"'
    for model, names in rich_text_fields():
        rewritten = []
        for row in _containing(model, names, needle).only("pk", *names):
            changed = {}
            for name in names:
                old = getattr(row, name)
                new = point_links(old, ref, href) if needle in (old or "") else old
                if new != old:
                    changed[name] = new
            if changed:
                model._base_manager.filter(pk=row.pk).update(**changed)
                rewritten.append(row.pk)
        if rewritten:
            texts_rewritten.send(sender=model, pks=rewritten)


def current_addresses(references):
    """The current address of each reference that names an existing page, one query per kind
    of item."""
    wanted = defaultdict(set)
    addresses = {}
    for ref in references:
        parsed = link_targets.parse(ref)
        if parsed is None:
            continue
        model, key = parsed
        if model is None:
            addresses[ref] = link_targets.list_url(key)
        else:
            wanted[model].add(key)
    for model, pks in wanted.items():
        for item in model._base_manager.filter(pk__in=pks):
            addresses[reference(item)] = item.get_absolute_url()
    return addresses


# --- Signal receivers (connected in richtext/apps.py) ---------------------------------------


def point_links_of_text(sender, instance, **kwargs):
    """Before rich text is saved: its links to the site's pages get the pages' current
    addresses, so that a text saved with an old one (an earlier version restored from the
    history, a link copied from an old page) does not keep it."""
    names = _rich_text_field_names(sender)
    values = {name: getattr(instance, name) or "" for name in names}
    references = {ref for value in values.values() for ref in references_in(value)}
    if not references:
        return
    addresses = current_addresses(references)
    for name, value in values.items():
        new = value
        for ref in references_in(value):
            if ref in addresses:
                new = point_links(new, ref, addresses[ref])
        if new != value:
            setattr(instance, name, new)


def remember_address(sender, instance, raw=False, **kwargs):
    """Before an item is saved: the address it had, to see afterwards whether it moved."""
    if not link_targets.is_registered(sender):
        return
    stored = sender._base_manager.filter(pk=instance.pk).first() if instance.pk else None
    instance.address_before_save = stored.get_absolute_url() if stored else None


def follow_moved_address(sender, instance, created=False, raw=False, **kwargs):
    """After an item is saved: if its address is new, the links to it follow. A new item has
    no links to it yet, unless it is a deleted one recovered from the history (a raw save
    with its old primary key), whose links may have been written to an older address."""
    if not link_targets.is_registered(sender):
        return
    before = getattr(instance, "address_before_save", None)
    instance.address_before_save = None
    if created and not raw:
        return
    if before != instance.get_absolute_url():
        follow_address(instance)


# --- Links to pages visitors cannot see ------------------------------------------------------


def is_public(item):
    """Whether visitors can see ``item`` now (items without drafts always)."""
    check = getattr(item, "is_public", None)
    return check() if check is not None else True


def links_to_hidden_pages():
    """Every link in rich text whose target visitors cannot see: deleted, a draft, or not
    published yet. A list of dicts: the text's ``item`` and ``field`` (its verbose name), the
    link's ``reference``, and ``target`` (None when it no longer exists)."""
    found = []
    wanted = defaultdict(set)
    for model, names in rich_text_fields():
        for row in _containing(model, names, 'data-page="'):
            for name in names:
                for ref in references_in(getattr(row, name)):
                    parsed = link_targets.parse(ref)
                    if parsed and parsed[0] is not None:
                        wanted[parsed[0]].add(parsed[1])
                        found.append((row, model._meta.get_field(name).verbose_name, parsed))
    targets = {
        (target_model, item.pk): item
        for target_model, pks in wanted.items()
        for item in target_model._base_manager.filter(pk__in=pks)
    }
    hidden = []
    for row, field, (target_model, pk) in found:
        target = targets.get((target_model, pk))
        if target is None or not is_public(target):
            hidden.append(
                {
                    "item": row,
                    "field": field,
                    "reference": f"{target_model._meta.label_lower}:{pk}",
                    "target_type": target_model._meta.verbose_name,
                    "target": target,
                }
            )
    return hidden
