"""Reading what a query depends on from its SQL (pagecache/sql.py), on the shapes Django writes
for SQLite and PostgreSQL, and never less than the truth for a shape it does not know."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pagecache import keys
from pagecache.sql import Linked, Loaded, Rows, Whole, dependencies
from programmes.models import FocusArea, Programme
from publications.models import Publication
from tests.factories import FocusAreaFactory, ProgrammeFactory, PublicationFactory

# table: (primary key, key columns, for a link table its foreign keys and their tables)
TABLES = {
    "p": ("id", frozenset({"id", "parent_id", "slug"}), {}),
    "o": ("id", frozenset({"id"}), {}),
    "a": ("id", frozenset({"id"}), {}),
    "p_a": ("id", frozenset({"id", "p_id", "a_id"}), {"p_id": "p", "a_id": "a"}),
    "tagged": ("id", frozenset({"id", "tag_id", "object_id"}), {"tag_id": "a"}),
}


def deps(sql):
    return dependencies(sql, TABLES)


def cols(*names):
    return frozenset(names)


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        # A lookup by primary key, with or without a limit, names one row.
        ('SELECT "p"."id" FROM "p" WHERE "p"."id" = %s LIMIT 21', {Rows("p", "id", 0)}),
        (
            'SELECT "p"."id" FROM "p" WHERE "p"."id" IN (%s, %s)',
            {Rows("p", "id", 0), Rows("p", "id", 1)},
        ),
        # A foreign key or unique column among other ANDed conditions narrows to its value.
        (
            'SELECT "p"."id" FROM "p" WHERE ("p"."state" = %s AND ("p"."parent_id" = %s))',
            {Rows("p", "parent_id", 1)},
        ),
        ('SELECT "p"."id" FROM "p" WHERE "p"."slug" = %s', {Rows("p", "slug", 0)}),
        # A column that is no key, an OR, or no WHERE: any row may matter.
        # Such a dependency names the columns read: only a change of one of them, or a row
        # added or deleted, can change the answer.
        ('SELECT "p"."id" FROM "p" WHERE "p"."title" = %s', {Whole("p", cols("id", "title"))}),
        (
            'SELECT "p"."id" FROM "p" WHERE ("p"."id" = %s OR "p"."parent_id" = %s)',
            {Whole("p", cols("id", "parent_id"))},
        ),
        ('SELECT COUNT(*) AS "__count" FROM "p"', {Whole("p", cols())}),
        (
            'SELECT MIN("p"."start") AS "first" FROM "p" WHERE "p"."state" = %s ORDER BY "first"',
            {Whole("p", cols("start", "state"))},
        ),
        # select_related: the joined rows are loaded, not filtered by.
        (
            'SELECT "p"."id", "o"."id", "o"."name" FROM "p" INNER JOIN "o" ON ("p"."o_id" = "o"."id")',
            {Whole("p", cols("id", "o_id")), Loaded("o", cols("id", "name"))},
        ),
        # A join used to filter, or whose rows are only counted, is a dependency on all its rows.
        (
            'SELECT "p"."id" FROM "p" INNER JOIN "o" ON ("p"."o_id" = "o"."id") WHERE "o"."name" = %s',
            {Whole("p", cols("id", "o_id")), Whole("o", cols("id", "name"))},
        ),
        (
            'SELECT "p"."id", "o"."id", "o"."name" FROM "p" INNER JOIN "o" ON ("p"."o_id" = "o"."id") '
            'WHERE "o"."name" = %s',
            {Whole("p", cols("id", "o_id")), Whole("o", cols("id", "name"))},
        ),
        (
            'SELECT "o"."id", COUNT("p"."id") AS "n" FROM "o" LEFT OUTER JOIN "p" ON ("o"."id" = "p"."o_id") '
            'GROUP BY "o"."id"',
            {Whole("o", cols("id")), Whole("p", cols("id", "o_id"))},
        ),
        # The rows linked to one row through a many-to-many table: that table's key only.
        (
            'SELECT "a"."id", "a"."name" FROM "a" INNER JOIN "p_a" ON ("a"."id" = "p_a"."a_id") '
            'WHERE ("p_a"."p_id" = %s AND "a"."visible")',
            {Rows("p_a", "p_id", 0), Linked("a", cols("id", "name", "visible"), "p_a", "p_id", 0)},
        ),
        # ... but not through a LEFT join, which does not limit them.
        (
            'SELECT "a"."id" FROM "a" LEFT OUTER JOIN "p_a" ON ("a"."id" = "p_a"."a_id") '
            'WHERE "p_a"."p_id" = %s',
            {Whole("a", cols("id")), Rows("p_a", "p_id", 0)},
        ),
        # A generic key narrows the link rows, but does not point: what it links to is read.
        (
            'SELECT "p"."id" FROM "p" INNER JOIN "tagged" ON ("p"."id" = "tagged"."object_id") '
            'WHERE "tagged"."tag_id" = %s',
            {Whole("p", cols("id")), Rows("tagged", "tag_id", 0)},
        ),
        (
            'SELECT "a"."id" FROM "a" INNER JOIN "tagged" ON ("a"."id" = "tagged"."tag_id") '
            'WHERE "tagged"."object_id" = %s',
            {Rows("tagged", "object_id", 0), Linked("a", cols("id"), "tagged", "object_id", 0)},
        ),
        # Subqueries are read too, with their aliases.
        (
            'SELECT "o"."id" FROM "o" WHERE "o"."id" IN (SELECT U0."o_id" FROM "p" U0 WHERE U0."parent_id" = %s)',
            {Whole("o", cols("id")), Rows("p", "parent_id", 0)},
        ),
        (
            'SELECT EXISTS(SELECT 1 AS "a" FROM "p" U0 WHERE U0."id" = %s LIMIT 1) AS "x" FROM "o" '
            'WHERE "o"."id" = %s',
            {Rows("p", "id", 0), Rows("o", "id", 1)},
        ),
        # PostgreSQL's casts and operators do not get in the way.
        (
            'SELECT "p"."id" FROM "p" WHERE ("p"."parent_id" = %s AND "p"."body"::text ILIKE %s)',
            {Rows("p", "parent_id", 0)},
        ),
        # Tables that are not public are left out.
        ('SELECT "x"."id" FROM "x" WHERE "x"."id" = %s', set()),
        # Writes and transaction control give nothing.
        ('UPDATE "p" SET "title" = %s WHERE "p"."id" = %s', set()),
        ('SAVEPOINT "s1"', set()),
    ],
)
def test_what_a_query_depends_on(sql, expected):
    assert deps(sql) == expected


@pytest.mark.parametrize(
    "sql",
    [
        'SELECT "p"."id" FROM "p", "o" WHERE "p"."id" = %s',  # a comma join
        'WITH t AS (SELECT "id" FROM "p") SELECT * FROM t JOIN "o" ON (1 = 1)',
        'SELECT "p"."id" FROM "p" WHERE ("p"."id" = %s',  # unbalanced
        'SELECT "p"."id" FROM "p" NATURAL JOIN "o"',
    ],
)
def test_a_shape_it_does_not_know_depends_on_every_table_it_names(sql):
    assert deps(sql) == {Whole(table) for table in ("p", "o") if f'"{table}"' in sql}


@pytest.mark.parametrize(
    "sql",
    [
        'SELECT * FROM "p" WHERE "p"."title" = %s',
        'SELECT "p".* FROM "p"',
        'SELECT "p"."id" FROM "p" ORDER BY "title"',  # a column without its table
        'SELECT "p"."id" FROM "p" WHERE title = %s',  # hand-written SQL
        'SELECT "p"."id", "p"."a" * 2 AS "b" FROM "p"',
        'SELECT "p"."id" FROM "p" WHERE "q"."x" = %s',  # a table it does not see
    ],
)
def test_where_the_columns_read_are_not_all_named_any_change_of_the_table_counts(sql):
    """``Whole(table)`` without columns: any change of a row of the table may change the
    answer (the page carries the table's list key)."""
    assert deps(sql) == {Whole("p")}


def collected(run):
    """The keys the queries of ``run()`` give, as a page would carry them."""
    with keys.collecting() as collector:
        run()
    return collector.keys | collector.loaded


@pytest.mark.django_db
def test_the_orms_own_sql_on_this_database():
    """What Django writes here (SQLite or PostgreSQL) is read as the shapes above."""
    programme = ProgrammeFactory()
    area = FocusAreaFactory()
    programme.focus_areas.add(area)
    sub = ProgrammeFactory(parent=programme)
    publication = PublicationFactory()
    publication.programmes.add(programme)

    def lookups():
        Programme.objects.get(pk=programme.pk)
        list(Programme.objects.published().filter(parent=programme))
        list(publication.programmes.published())
        programme.focus_areas.visible_of()

    with CaptureQueriesContext(connection) as queries:
        found = collected(lookups)
    assert len(queries) == 4
    linked = {key for key in found if "~" in key}
    assert found - linked == {
        f"programme:{programme.pk}",
        f"programme:{sub.pk}",
        f"programme.parent_id:{programme.pk}",
        f"publication_programmes.publication_id:{publication.pk}",
        f"programme_focus_areas.programme_id:{programme.pk}",
        f"focusarea:{area.pk}",
        f"focusareaset:{area.focus_area_set_id}",
    }
    # The rows read through a link: all columns of the programmes (one key), the columns of
    # the areas that the query names, one key each.
    assert f"publication_programmes.publication_id:{publication.pk}~programme" in linked
    assert f"programme_focus_areas.programme_id:{programme.pk}~focusarea.name" in linked
    assert f"programme_focus_areas.programme_id:{programme.pk}~focusarea" not in linked
    # A count depends on which rows there are; a list also on the columns it reads.
    assert collected(lambda: Programme.objects.count()) == {"set:programme"}
    listed = collected(lambda: list(Publication.objects.published().only("title")))
    assert {"set:publication", "col:publication.title", "col:publication.publish_state"} <= listed
    assert "col:publication.summary" not in listed
    assert "list:publication" not in listed
    # Ordered by its set's name: the sets are read too.
    found = collected(lambda: list(FocusArea.objects.filter(name="x")))
    assert {"set:focusarea", "col:focusarea.name", "set:focusareaset"} <= found
    assert "col:focusareaset.name" in found
    assert not any(key.startswith("list:") for key in found)
