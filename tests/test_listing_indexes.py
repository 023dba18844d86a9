"""PostgreSQL: the lists' results queries can be answered from their covering indexes alone
(programmes 0006, publications 0008; benchmarks/README.md): each index holds every column of
its table that the query reads, filters or sorts on. A column added to the listed or filtered
ones without adding it to its index fails here."""

import re

import pytest
from django.db import connection
from django.utils import timezone

from programmes.models import Programme
from publications.filters import published_publications
from publications.views import LISTED_COLUMNS

from .factories import FocusAreaFactory, OrganisationFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's indexes"),
]


def index_columns(index):
    """The key and INCLUDE columns of ``index``."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_indexdef(%s::regclass)", [index])
        definition = cursor.fetchone()[0]
    lists = re.findall(r"\(([^()]*)\)", definition)
    return {column.strip().strip('"') for part in lists for column in part.split(",")}


def columns_read(queryset, table):
    sql = str(queryset.query)
    return set(re.findall(rf'"{table}"\."(\w+)"', sql))


def test_the_programme_lists_results_query_reads_only_its_covering_index():
    results = (
        Programme.objects.published(timezone.now())
        .active_in(2018)
        .filter(focus_areas=FocusAreaFactory())
        .values_list("pk", "organisation_id")
    )
    read = columns_read(results, "programmes_programme")
    assert {"id", "start_year", "end_year", "publish_state", "title"} <= read
    assert read <= index_columns("programme_listing_cover")


def test_the_publication_lists_results_query_reads_only_its_covering_index():
    results = (
        published_publications(timezone.now())
        .filter(organisations=OrganisationFactory(), year__gte=2016, year__lte=2020)
        .values_list(*LISTED_COLUMNS)
    )
    read = columns_read(results, "publications_publication")
    assert {"id", "title", "year", "publication_date", "publish_from"} <= read
    assert read <= index_columns("publication_listing_cover")
