"""Which of the site's pages rich text may link to by reference, and how a reference is written.

A link that an editor chose from the site's pages (rather than typed) carries, besides its
``href``, a ``data-page`` attribute naming what it points at, so that the link can follow the
page when its address changes (richtext/links.py):

* ``data-page="programmes.programme:12"``: an item, as its model's label and primary key;
* ``data-page="publications:publication_list"``: a list page, as its URL name.

This app sits at the bottom of the layers and knows no domain app: the project registers the
models and list pages (growth_portal/links.py) when it starts. Only references to what is
registered pass the sanitizer; anything else in ``data-page`` is dropped.
"""

import re

from django.urls import reverse

_ITEM = re.compile(r"(?P<label>[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*):(?P<pk>[1-9][0-9]{0,18})")


class LinkTargets:
    """The models whose items, and the list pages, that editors may link to by reference."""

    def __init__(self):
        self._models = {}
        self._lists = {}

    def register_model(self, model):
        """Items of ``model`` (which has ``get_absolute_url``) can be linked to."""
        self._models[model._meta.label_lower] = model

    def register_list(self, url_name, title):
        """The list page at ``url_name`` (no arguments), called ``title``, can be linked to."""
        self._lists[url_name] = title

    @property
    def models(self):
        return list(self._models.values())

    @property
    def lists(self):
        """``(url_name, title)`` of each list page, in the order they were registered."""
        return list(self._lists.items())

    def is_reference(self, value):
        """Whether ``value`` is a well-formed reference to something registered."""
        match = _ITEM.fullmatch(value)
        if match:
            return match["label"] in self._models
        return value in self._lists

    def parse(self, value):
        """``(model, pk)`` for an item, ``(None, url_name)`` for a list page, or None."""
        match = _ITEM.fullmatch(value)
        if match:
            model = self._models.get(match["label"])
            return (model, int(match["pk"])) if model else None
        return (None, value) if value in self._lists else None

    def list_url(self, url_name):
        return reverse(url_name)

    def is_registered(self, model):
        return model._meta.label_lower in self._models


def reference(obj):
    """The reference of an item: its model's label and its primary key."""
    return f"{obj._meta.label_lower}:{obj.pk}"


link_targets = LinkTargets()
