"""The names of the keys a page carries (explained in pagecache/keys.py), and ``compact``,
which keeps a page's keys few enough for a response header without ever covering less."""

import re
from collections import defaultdict
from urllib.parse import quote

ALL = "all"
# More object keys of one model than this on one page become the model's list key.
MAX_OBJECT_KEYS = 20
# Linked rows read for more columns than this get one key for any change of them.
MAX_LINKED_COLUMNS = 8
# And a page's keys are kept short enough that its whole header block fits nginx's default
# proxy_buffer_size of 4 kB, with the site's other headers (README, "Header size").
MAX_HEADER_LENGTH = 2800
_SAFE = re.compile(r"[A-Za-z0-9_.-]+")  # not "~", which joins a linked key's parts


def _value(value):
    text = str(value)
    return text if _SAFE.fullmatch(text) else quote(text, safe="")


def model_name(model):
    return model._meta.concrete_model._meta.model_name


def object_key(model, pk):
    return f"{model_name(model)}:{_value(pk)}"


def list_key(model):
    return f"list:{model_name(model)}"


def set_key(model):
    return f"set:{model_name(model)}"


def column_key(model, column):
    return f"col:{model_name(model)}.{column}"


def model_keys(model):
    """Every key about the rows of ``model`` as a whole: for a change whose columns are not
    known (a bulk change, a fixture loaded)."""
    keys = {list_key(model), set_key(model)}
    keys |= {column_key(model, field.column) for field in model._meta.concrete_fields}
    return keys


def rows_key(model, column, value):
    return f"{model_name(model)}.{column}:{_value(value)}"


def linked_key(link, column, value, model, read=None):
    """Of the rows of ``model`` linked through the rows of ``link`` whose ``column`` is
    ``value`` (the focus areas of one programme), the column ``read`` (None: any column)."""
    base = f"{rows_key(link, column, value)}~{model_name(model)}"
    return base if read is None else f"{base}.{read}"


def _widened(key):
    """What covers a ``linked_key`` for any value: its model's column key or list key."""
    read = key.split("~", 1)[1]
    return f"col:{read}" if "." in read else f"list:{read}"


def day_key(day):
    return f"day:{day.isoformat()}"


def model_of_key(key):
    """The model name a key is about (None for ``all`` and day keys)."""
    if key == ALL or key.startswith("day:"):
        return None
    if key.startswith(("list:", "set:")):
        return key.split(":", 1)[1]
    if key.startswith("col:"):
        return key[4:].split(".", 1)[0]
    return key.split(":", 1)[0].split(".", 1)[0]


def _is_row_key(key):
    """An object key or a ``<model>.<column>:<value>`` key."""
    return not key.startswith(("list:", "set:", "col:", "day:")) and key != ALL


def compact(keys, loaded=(), joined=None):
    """The keys to keep for something built from ``keys`` (from its queries), ``loaded`` (the
    object keys of the rows it loaded) and ``joined`` (model name → the ``set:`` and ``col:``
    keys of the rows it loaded with the rows of another table, ``select_related``): without
    what a list key covers, with a model's row keys replaced by its list key where there are
    too many, and short enough for a header.

    A row loaded with another table's rows is covered by its object key. Where one model has
    too many of those, or where the page also read a list of the model, its ``joined`` keys
    cover them instead (a change of one of the columns read); the object keys of rows read by
    the page's own queries add nothing to those queries' keys. Only rows of a model that no
    query was seen to read make its list key."""
    keys = set(keys)
    joined = joined or {}
    # The columns of linked rows: of too many links, the columns of all rows of the model.
    linked = {key for key in keys if "~" in key}
    keys -= linked
    per_link = defaultdict(set)
    for key in linked:
        per_link[key.split(":", 1)[0]].add(key.split("~", 1)[0])
    widened = {name for name, found in per_link.items() if len(found) > MAX_OBJECT_KEYS}
    for key in list(linked):
        if key.split(":", 1)[0] in widened:
            keys.add(_widened(key))
            linked.discard(key)
    read = {model_of_key(key) for key in keys} | set(joined)
    listed = {model_of_key(key) for key in keys if key.startswith(("set:", "col:"))}
    through_links = {key.split("~", 1)[1].split(".", 1)[0] for key in linked}
    per_model = defaultdict(set)
    for key in loaded:
        per_model[model_of_key(key)].add(key)
    for name, found in per_model.items():
        if name in listed:
            # A list of the model was read: object keys would retire it for a change of a
            # column it does not show.
            keys |= joined.get(name, set())
        elif name in joined:
            keys |= found if len(found) <= MAX_OBJECT_KEYS else joined[name]
        elif name in through_links:
            continue  # read through links, whose keys name the columns read
        elif len(found) <= MAX_OBJECT_KEYS:
            keys |= found
        elif name not in read:
            keys.add(f"list:{name}")
    listed = {key[5:] for key in keys if key.startswith("list:")}
    per_model = defaultdict(set)
    result = set()
    for key in keys:
        name = model_of_key(key)
        if name is None or key.startswith("list:"):
            result.add(key)
        elif name in listed:
            continue  # every change of the model retires its list key
        elif _is_row_key(key):
            per_model[name].add(key)
        else:
            result.add(key)
    for name, found in per_model.items():
        if len(found) > MAX_OBJECT_KEYS:
            result = {key for key in result if model_of_key(key) != name}
            result.add(f"list:{name}")
        else:
            result |= found
    if len(" ".join(result | linked)) > MAX_HEADER_LENGTH:
        result |= {_widened(key) for key in linked}
    else:
        result |= linked
    while len(" ".join(result)) > MAX_HEADER_LENGTH:
        counts = defaultdict(int)
        for key in result:
            if not key.startswith("list:") and model_of_key(key):
                counts[model_of_key(key)] += 1
        if not counts:
            break
        name = max(counts, key=counts.get)
        result = {key for key in result if model_of_key(key) != name or key.startswith("list:")}
        result.add(f"list:{name}")
    return frozenset(result)
