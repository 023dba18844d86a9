import functools

from django.db.models import DateTimeField, Expression
from django.utils import timezone


class QueryTime(Expression):
    """The time at which the query is compiled, ``timezone.now()`` then, as a parameter.

    ``published(now=QueryTime())`` in a queryset that is built once and cloned for every request
    (``built_once``) still decides visibility at the time each query runs, so a scheduled item
    appears on time. It must not go into a query compiled once and kept (programmes.prepared
    refuses the time it would freeze; those take a ``Param``)."""

    def __init__(self):
        super().__init__(output_field=DateTimeField())

    def __repr__(self):
        return "QueryTime()"

    def as_sql(self, compiler, connection):
        return "%s", [self.output_field.get_db_prep_value(timezone.now(), connection)]


def built_once(build):
    """``build()`` (a queryset that takes its time from ``QueryTime``) called once per process;
    each call of the result, with or without django-filter's request, returns a clone of it.
    Building a queryset with subqueries costs Django far more than cloning it: the filter
    options of the public lists took several milliseconds per request to build
    (benchmarks/README.md)."""
    built = functools.cache(build)

    @functools.wraps(build)
    def clone(request=None):
        return built().all()

    clone.built = built
    return clone
