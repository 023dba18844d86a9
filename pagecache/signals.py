"""The page cache's signals."""

from django.dispatch import Signal

# Sent once after each committed change of public content, with ``keys``: a frozenset of the
# cache keys whose pages that change retired (``all`` when every page must go). Receivers
# forward them to whatever else keeps pages: the reverse proxies in front (pagecache/purge.py).
keys_retired = Signal()
