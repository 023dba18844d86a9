"""Page queries compiled once per process and read in one round trip.

A detail page reads many short lists: a programme's funders, goals, focus areas, contacts and
so on. Each list is a plain queryset, but Django builds and compiles each queryset again on
every request, and on PostgreSQL sends each in a round trip of its own. For lists of a few
rows that overhead was most of the page's time (benchmarks/README.md).

:class:`PageQueries` keeps the querysets, so the site's rules stay where they are
(``published()``, ``visible()``), but it builds them once, with :class:`Param` where a value
differs per request. The compiled SQL is kept per database. Each request binds the values,
sends every list in one round trip (PostgreSQL takes several statements in one call with
client-side binding, as Django's backend uses; SQLite, in the process, runs them one by one)
and turns the rows into model instances the way Django's own iterator does, with
``select_related`` and annotations.

On PostgreSQL each statement is also prepared on the server, once per database connection
(``PREPARE``, sent in the same call as the first ``EXECUTE``), so PostgreSQL neither parses
nor plans it again on every request: for a page of a dozen short lists, parsing and planning
took several times as long as running them (benchmarks/README.md). Prepared statements belong
to the database session, so a connection pooler must keep sessions (PgBouncer's session mode,
not transaction mode).

A value that changes with time must be a :class:`Param`: a ``timezone.now()`` written into a
kept statement would never move on. Compiling refuses any date or time that is not a Param,
and builds the querysets twice to refuse any value that differs between the two builds (on
SQLite a time is already text when compiled).
"""

import datetime
import itertools
import re
import threading

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import (
    BooleanField,
    DateTimeField,
    Expression,
    F,
    Func,
    IntegerField,
    Model,
    Subquery,
    Value,
    signals,
)
from django.db.models.base import ModelState
from django.db.models.fields.files import FileDescriptor
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query import ModelIterable, ValuesListIterable, get_related_populators
from django.db.models.query_utils import DeferredAttribute
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _


class Param(Expression):
    """A value bound when the query runs: ``filter(programmes=Param("programme"))``."""

    def __init__(self, name, output_field=None):
        super().__init__(output_field=output_field or IntegerField())
        self.name = name

    def __repr__(self):
        return f"Param({self.name!r})"

    def resolve_expression(self, *args, **kwargs):
        return self

    def as_sql(self, compiler, connection):
        return "%s", (self,)

    def bind(self, values, connection):
        try:
            value = values[self.name]
        except KeyError:
            raise TypeError(f"no value given for the parameter {self.name!r}") from None
        return self.output_field.get_db_prep_value(value, connection)


class IdsParam(Param):
    """A list of integers bound when the query runs, for :class:`InIds`: the text of an
    array on PostgreSQL (``{1,2,3}``, cast in the statement), a JSON array elsewhere (SQLite
    reads it with ``json_each``). Written as text here rather than adapted by psycopg, which
    dumps a list element by element in Python: the publication list binds the same few
    hundred ids in three statements."""

    def bind(self, values, connection):
        try:
            ids = ",".join(map(str, map(int, values[self.name])))
        except KeyError:
            raise TypeError(f"no value given for the parameter {self.name!r}") from None
        return f"{{{ids}}}" if connection.vendor == "postgresql" else f"[{ids}]"


class InIds(Func):
    """``column`` is one of the integers bound to ``IdsParam(name)``, as a condition for
    ``filter()`` in a kept query: the statement is the same however many there are, where
    ``__in`` compiles one placeholder per value. An empty list matches nothing."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, column, name):
        super().__init__(F(column))
        self.param = IdsParam(name)

    def as_sql(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        if connection.vendor == "postgresql":
            return f"{column} = ANY(%s::bigint[])", (*params, self.param)
        return f"{column} IN (SELECT value FROM json_each(%s))", (*params, self.param)


class AmongValues(Func):
    """``column`` is one of the values of the one-column ``queryset``, as a condition for
    ``filter()``: the same rows as ``Exists(queryset.filter(other=OuterRef(column)))``.

    On PostgreSQL the values are read once into an array, ``column = ANY(ARRAY(SELECT
    DISTINCT …))``, which the planner answers with an index scan by ``column``. Given the same
    condition as an ``EXISTS`` or an ``IN``, it estimated a few hundred links and read the
    whole table of options to hash-join them (the publication list's programme options:
    7.7 ms against 0.8 ms, benchmarks/README.md). Elsewhere it is ``column IN (SELECT …)``."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, column, queryset):
        super().__init__(F(column), Subquery(queryset.order_by().distinct()))

    def as_sql(self, compiler, connection, **extra_context):
        column, column_params = compiler.compile(self.source_expressions[0])
        values, values_params = compiler.compile(self.source_expressions[1])
        # ``values`` is the subquery in its parentheses.
        template = "{} = ANY(ARRAY{})" if connection.vendor == "postgresql" else "{} IN {}"
        return template.format(column, values), (*column_params, *values_params)


class HasRow(Func):
    """``queryset`` (correlated by ``OuterRef``) has a row, as a condition for ``filter()``:
    ``(SELECT 1 … LIMIT 1) IS NOT NULL``. The rows are those of ``Exists(queryset)``, but
    PostgreSQL turns an ``EXISTS`` into a join it plans as a whole: for the focus areas of a
    list of 51 280 publications it hashed every result and every link (59 ms), where looking
    for each area's first link of a result takes 1.8 ms (benchmarks/README.md). A scalar
    subquery with a LIMIT stays a subplan that stops at its first row."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, queryset):
        first = queryset.order_by().annotate(found=Value(1)).values("found")[:1]
        super().__init__(Subquery(first, output_field=IntegerField()))

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"{sql} IS NOT NULL", params


def now_param():
    """The time visibility is decided at, as a Param (bound to the time of the request)."""
    return Param("now", DateTimeField())


# A placeholder of Django's SQL (psycopg's client-side binding: %s, and %% for a percent sign).
_PLACEHOLDER = re.compile(r"%[s%]")


def numbered_placeholders(sql):
    """``sql`` with its ``%s`` numbered ``$1``, ``$2``… as PREPARE wants them; ``%%`` stays, as
    the text still goes through psycopg's binding."""
    numbers = itertools.count(1)
    return _PLACEHOLDER.sub(lambda m: "%%" if m[0] == "%%" else f"${next(numbers)}", sql)


class CompiledQuery:
    """One queryset's SQL, its parameters and how its rows become model instances; ``name``
    is its prepared statement's on PostgreSQL."""

    def __init__(self, queryset, connection, name, prepare=True):
        compiler = queryset.query.get_compiler(connection=connection)
        self.sql, params = compiler.as_sql()
        self.name = name
        self.prepare = prepare
        if connection.vendor == "postgresql":
            self.prepare_sql = f'PREPARE "{name}" AS {numbered_placeholders(self.sql)}'
            placeholders = ", ".join(["%s"] * len(params))
            self.execute_sql = f'EXECUTE "{name}"' + (f"({placeholders})" if params else "")
        for value in params:
            if isinstance(value, (datetime.date, datetime.time)):
                raise ValueError(
                    f"{queryset.model.__name__}: a date or time in a kept query must be a Param "
                    f"(found {value!r}); a kept query would never change it."
                )
        self.params = tuple(params)
        self.compiler = compiler
        self.col_count = compiler.col_count
        # What results_iter() looks up for every call: the backend's and the fields' converters
        # of the selected columns (dates, decimals, …), the same for every execution.
        self.converters = compiler.get_converters(
            [column[0] for column in compiler.select[: self.col_count]]
        )
        if queryset._iterable_class is ValuesListIterable:  # values_list(): rows stay tuples
            self.model = None
            return
        if queryset._iterable_class is not ModelIterable:
            raise ValueError("a kept query reads model instances or values_list() tuples")
        klass_info = compiler.klass_info
        self.model = klass_info["model"]
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        self.model_slice = slice(start, end)
        self.init_list = [column[0].target.attname for column in compiler.select[start:end]]
        self.populators = get_related_populators(klass_info, compiler.select, connection.alias)
        self.annotations = dict(compiler.annotation_col_map or {})

    def bind(self, values, connection):
        return [
            value.bind(values, connection) if isinstance(value, Param) else value
            for value in self.params
        ]

    def values(self):
        """The parameters, each Param as its name."""
        return [(Param, v.name) if isinstance(v, Param) else v for v in self.params]

    def objects(self, rows, alias):
        rows = [row[: self.col_count] for row in rows]
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        if self.model is None:
            return [tuple(row) for row in rows]
        instances = []
        model, names = self.model, self.init_list
        plain = plain_instances(model, names)
        # Asked once for each execution, not once for each row: listeners can come and go.
        plain_related = plain_populators(self.populators)
        for row in rows:
            if plain:
                instance = new_instance(model, alias, names, row[self.model_slice])
            else:
                instance = model.from_db(alias, names, row[self.model_slice])
            for populator in self.populators:
                populate(populator, row, instance, plain_related)
            for name, position in self.annotations.items():
                setattr(instance, name, row[position])
            instances.append(instance)
        return instances


# The descriptors of the columns that a plain attribute write sets as Model.__init__ does:
# each keeps the value in the instance's __dict__, and for a new instance does nothing else.
_PLAIN_DESCRIPTORS = (DeferredAttribute, ForeignKeyDeferredAttribute, FileDescriptor)


def plain_instances(model, attnames):
    """Whether ``model.from_db(db, attnames, values)`` can be replaced by writing the values
    into a new instance's ``__dict__`` (``new_instance``): the model keeps Django's
    ``__init__`` and ``from_db``, nothing listens to its ``pre_init`` and ``post_init``, and
    each column's descriptor only stores the value. Django's ``__init__`` walks every field
    of the model, and sends both signals, for each of the hundred or so instances of a list
    page."""
    if model.__init__ is not Model.__init__ or model.from_db.__func__ is not Model.from_db.__func__:
        return False
    if signals.pre_init.has_listeners(model) or signals.post_init.has_listeners(model):
        return False
    return all(type(getattr(model, name, None)) in _PLAIN_DESCRIPTORS for name in attnames)


def new_instance(model, db, attnames, values):
    """What ``model.from_db(db, attnames, values)`` returns, for a model where
    ``plain_instances(model, attnames)`` holds: the columns not selected stay deferred."""
    instance = model.__new__(model)
    state = ModelState()
    state.adding = False
    state.db = db
    attributes = instance.__dict__
    attributes.update(zip(attnames, values, strict=True))
    attributes["_state"] = state
    return instance


def plain_populators(populators):
    """``plain_instances`` for each ``select_related`` populator, and those below it, by id."""
    plain = {}
    for populator in populators:
        plain[id(populator)] = plain_instances(populator.model_cls, populator.init_list)
        plain.update(plain_populators(populator.related_populators))
    return plain


def populate(populator, row, from_obj, plain):
    """``RelatedPopulator.populate`` (a ``select_related`` object and those below it), with
    ``new_instance`` where ``plain_populators`` says ``plain_instances`` holds."""
    if populator.reorder_for_init:
        data = populator.reorder_for_init(row)
    else:
        data = row[populator.cols_start : populator.cols_end]
    if data[populator.pk_idx] is None:
        obj = None
    else:
        model, names = populator.model_cls, populator.init_list
        if plain[id(populator)]:
            obj = new_instance(model, populator.db, names, data)
        else:
            obj = model.from_db(populator.db, names, data)
        for child in populator.related_populators:
            populate(child, row, obj, plain)
    populator.local_setter(from_obj, obj)
    if obj is not None:
        populator.remote_setter(obj, from_obj)


# PostgreSQL's SQLSTATE for "prepared statement does not exist" (invalid_sql_statement_name).
STATEMENT_NOT_FOUND = "26000"

# Numbers the PageQueries of the process, for the names of their prepared statements.
_page_numbers = itertools.count(1)


def prepared_in(connection, cursor):
    """The names of the statements prepared in the connection's current PostgreSQL session,
    kept on Django's connection object, which is the thread's own. A new session (a new
    psycopg connection) starts with none. After a call that failed, which may have prepared
    some statements and not others or failed because one was gone (DISCARD ALL), they are
    read back from pg_prepared_statements."""
    raw = connection.connection
    session, names = getattr(connection, "page_queries_prepared", (None, None))
    if session is not raw:
        names = set()
    elif names is None:
        cursor.execute("SELECT name FROM pg_prepared_statements")
        names = {name for (name,) in cursor.fetchall()}
    connection.page_queries_prepared = (raw, names)
    return names


class PageQueries:
    """The lists one kind of page reads, by name.

    ``build`` returns a dict of querysets written with :class:`Param` (and
    :func:`now_param`); it is called twice per database, when first used.
    ``fetch(**values)`` returns a dict of lists of model instances (of tuples for a
    ``values_list()`` queryset), read in one round trip on PostgreSQL.

    With ``prepare=False`` the statements are not prepared on PostgreSQL: each is sent with
    its values, so it is planned for them every time. After five executions PostgreSQL may
    run a prepared statement with a generic plan, one for any values; for a query whose best
    plan depends on the values (which organisation, how many years) that plan can be many
    times slower than the query it replaced (the publication list's results:
    benchmarks/README.md)."""

    def __init__(self, build, prepare=True):
        self.build = build
        self.prepare = prepare
        self.prefix = f"page_queries_{next(_page_numbers)}"
        self._compiled = {}
        self._lock = threading.Lock()

    def compiled(self, alias):
        found = self._compiled.get(alias)
        if found is None:
            with self._lock:
                found = self._compiled.get(alias)
                if found is None:
                    found = self._compile(connections[alias])
                    self._compiled[alias] = found
        return found

    def _compile(self, connection):
        first, second = (
            {
                name: CompiledQuery(queryset, connection, f"{self.prefix}_{name}", self.prepare)
                for name, queryset in self.build().items()
            }
            for _ in range(2)
        )
        for name, query in first.items():
            changing = [
                a for a, b in zip(query.values(), second[name].values(), strict=True) if a != b
            ]
            if changing:
                raise ValueError(
                    f"{name}: a value that changes between builds must be a Param "
                    f"(found {changing!r}); a kept query would never change it."
                )
        return first

    def fetch(self, using=DEFAULT_DB_ALIAS, **values):
        values.setdefault("now", timezone.now())
        connection = connections[using]
        queries = self.compiled(using)
        statements = [(query, query.bind(values, connection)) for query in queries.values()]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                rows = self._read_prepared(connection, cursor, statements)
            else:
                rows = []
                for query, params in statements:
                    cursor.execute(query.sql, params)
                    rows.append(cursor.fetchall())
        return {
            name: query.objects(found, using)
            for (name, query), found in zip(queries.items(), rows, strict=True)
        }

    @classmethod
    def _read_prepared(cls, connection, cursor, statements, retry=True):
        """Every statement in one call: ``EXECUTE`` of the prepared statement, preceded by its
        ``PREPARE`` where this session has not prepared it yet. psycopg takes several
        statements in one call with client-side binding, which Django's backend uses; each
        result follows the one before.

        A statement the session no longer has (DISCARD ALL behind Django's back) fails the
        call; outside a transaction the statements are read back and the call made once more,
        inside one the error stands (the transaction is aborted)."""
        prepared = prepared_in(connection, cursor)
        sql, params, preparing, has_rows = [], [], [], []
        for query, values in statements:
            if not query.prepare:
                sql.append(query.sql)
                params += values
                has_rows.append(True)
                continue
            if query.name not in prepared:
                sql.append(query.prepare_sql)  # numbered placeholders: binds nothing
                preparing.append(query.name)
                has_rows.append(False)
            sql.append(query.execute_sql)
            params += values
            has_rows.append(True)
        try:
            cursor.execute(";\n".join(sql), params)
        except Exception as error:
            connection.page_queries_prepared = (connection.connection, None)
            gone = getattr(error.__cause__, "sqlstate", None) == STATEMENT_NOT_FOUND
            if retry and gone and not connection.in_atomic_block:
                return cls._read_prepared(connection, cursor, statements, retry=False)
            raise
        prepared.update(preparing)
        rows = []
        for number, with_rows in enumerate(has_rows):
            if number and not cursor.nextset():
                raise RuntimeError(f"PostgreSQL sent {number} of {len(sql)} results")
            if with_rows:
                rows.append(cursor.fetchall())
        return rows


_kept = {}
_kept_lock = threading.Lock()


def kept(key, build, **options):
    """The :class:`PageQueries` of ``build`` (and ``options``) kept under ``key``, made the
    first time the key is asked for: for queries of which there is one per combination of
    something (filters, a field), each made once per process. Keys are never dropped, so they
    must come from a bounded set: each adds its prepared statements to every connection."""
    found = _kept.get(key)
    if found is None:
        with _kept_lock:
            found = _kept.get(key)
            if found is None:
                found = _kept[key] = PageQueries(build, **options)
    return found


def related_to(model, name, param):
    """The rows of ``model``'s relation ``name`` for the one ``model`` row whose primary key
    is ``param``: what ``instance.<name>.all()`` reads, written from the other side so that
    the key can be a Param. The related model's own manager and ordering apply."""
    field = model._meta.get_field(name)
    if field.auto_created and not field.concrete:  # a reverse relation: the other side's field
        lookup = field.field.name
    else:
        lookup = field.related_query_name()
    return field.related_model._default_manager.filter(**{lookup: param})


class KeptObjectMixin:
    """For a DetailView: visitors' object comes from a kept query. ``object_queries`` is a
    :class:`PageQueries` whose ``"object"`` query selects the visible object by
    ``Param("slug")``; it must select what ``get_queryset`` does for visitors. Other requests
    (the editors' preview, a queryset given by the caller) go through Django's own lookup."""

    object_queries = None

    def get_object(self, queryset=None):
        if queryset is not None or getattr(self, "preview", False):
            return super().get_object(queryset)
        found = self.object_queries.fetch(slug=self.kwargs[self.slug_url_kwarg])["object"]
        if not found:
            raise Http404(
                _("No %(verbose_name)s found matching the query")
                % {"verbose_name": self.get_queryset().model._meta.verbose_name}
            )
        return found[0]
