"""Signals of the page cache."""

from django.dispatch import Signal

# Sent once after the transaction that changed content commits (at once when there is no
# transaction), with ``keys``: a frozenset of the retired keys (pagecache/keys.py). Receivers
# such as a reverse proxy's purge must not raise: the editor's change is already committed.
keys_retired = Signal()
