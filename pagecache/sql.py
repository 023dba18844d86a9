"""Which rows of which tables a SELECT statement depends on, read from the SQL text that
Django's ORM sends (pagecache/keys.py records it for every query a cached page runs).

The reading is deliberately shallow and conservative. It understands the shape the ORM writes:
``SELECT <columns> FROM "table" [alias] [[INNER|LEFT OUTER] JOIN "table" [alias] ON (…)]…
[WHERE …] [GROUP BY …] [HAVING …] [ORDER BY …] [LIMIT n]``, with subqueries in parentheses
anywhere. For each table it says one of:

* ``Rows(table, column, param)``: only rows whose ``column`` (the primary key, a foreign key or
  a unique column) equals the query's parameter number ``param`` can be in the result (a
  top-level ``AND`` term ``"t"."column" = %s``, or ``IN (%s, …)``), so only a change of a row
  that has or had that value can change the answer;
* ``Linked(table, columns, link, link_column, param)``, for a table whose rows are limited to
  those that the narrowed rows of a link table point at with a foreign key (``FROM "area"
  INNER JOIN "programme_areas" ON ("area"."id" = "programme_areas"."area_id") WHERE
  "programme_areas"."programme_id" = %s``): one per value the link table is narrowed to
  (``link``'s ``link_column`` equal to parameter ``param``), with the columns of ``table``
  read. The ``Rows`` of the link table cover links added and removed; a change of one of
  ``columns`` of a linked row retires the keys of its links that pagecache/changes.py names;
* ``Loaded(table, columns)``: a joined table whose primary key and other columns are selected
  and which no condition uses (``select_related``): its rows come with the rows of another
  table, and only a change of one of ``columns`` (or a row deleted) can change the answer;
* ``Whole(table, columns)``: the answer may depend on any row of the table (a list, a count, a
  join used to filter or to order), but only on the values of ``columns``, the table's columns
  that the statement names anywhere (in what it selects, joins on, filters, groups or orders
  by), and on which rows exist. ``columns`` is None when the statement may read columns it does
  not name (``*``, a name that is not ``"table"."column"``, SQL the ORM does not write): then
  any change of the table may change the answer.

Anything it does not recognise (a comma join, a ``WITH``, unbalanced parentheses) gives
``Whole(table, None)`` for every table named anywhere in the statement, never less. Statements that write
(``INSERT``, ``UPDATE``, ``DELETE``) and transaction control give nothing: a page does not
depend on what it writes.
"""

from dataclasses import dataclass

from .sqltokens import Token, Unrecognised, names_only_columns, nest, tokens

WRITES = frozenset({"INSERT", "UPDATE", "DELETE", "REPLACE"})
CONTROL = frozenset({"SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT", "SET", "PRAGMA"})
JOIN_WORDS = frozenset({"INNER", "LEFT", "RIGHT", "FULL", "OUTER", "CROSS", "NATURAL"})
# Words that end the FROM clause's table list.
CLAUSE_WORDS = frozenset(
    {"WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "WINDOW", "FOR", "FETCH"}
)
SET_OPERATIONS = frozenset({"UNION", "INTERSECT", "EXCEPT"})


@dataclass(frozen=True)
class Whole:
    table: str
    columns: frozenset | None = None


@dataclass(frozen=True)
class Rows:
    table: str
    column: str
    param: int


@dataclass(frozen=True)
class Loaded:
    table: str
    columns: frozenset | None = None


@dataclass(frozen=True)
class Linked:
    table: str
    columns: frozenset | None = None
    link: str | None = None
    link_column: str | None = None
    param: int = -1


def named_tables(flat, tables):
    return {token.name for token in flat if token.name in tables}


def dependencies(sql, tables):
    """What the statement ``sql`` depends on, as a frozenset of ``Whole``, ``Rows``,
    ``Linked`` and ``Loaded``. ``tables`` maps the name of each table to consider (others are ignored) to
    (its primary key's column, the columns whose equality to a parameter counts as narrowing:
    the primary key and the foreign keys)."""
    flat = tokens(sql)
    first = next((token.upper for token in flat if token.kind == "word"), "")
    if first in WRITES or first in CONTROL:
        return frozenset()
    try:
        if first != "SELECT":
            raise Unrecognised(first)
        found = set()
        _statement(nest(flat), tables, found)
    except (Unrecognised, IndexError):
        return frozenset(Whole(table) for table in named_tables(flat, tables))
    if not names_only_columns(flat):
        found = {
            Whole(item.table)
            if isinstance(item, Whole | Loaded)
            else Linked(item.table, None, item.link, item.link_column, item.param)
            if isinstance(item, Linked)
            else item
            for item in found
        }
    return frozenset(found)


def _is_word(item, *words):
    return isinstance(item, Token) and item.upper in words


def _statement(items, tables, found):
    """A statement or subquery: one SELECT, or several joined by UNION and the like."""
    parts, current = [], []
    for item in items:
        if _is_word(item, *SET_OPERATIONS):
            parts.append(current)
            current = []
        elif not current and _is_word(item, "ALL", "DISTINCT") and parts:
            continue  # UNION ALL
        else:
            current.append(item)
    parts.append(current)
    for part in parts:
        if len(part) == 1 and isinstance(part[0], list):
            _statement(part[0], tables, found)  # (SELECT …) UNION (SELECT …)
        elif part and _is_word(part[0], "SELECT"):
            _select(part, tables, found)
        else:
            raise Unrecognised("not a SELECT")


def _subqueries(items, tables, found):
    """Every parenthesised SELECT inside ``items``, however deep."""
    for item in items:
        if isinstance(item, list):
            if item and _is_word(item[0], "SELECT", "WITH"):
                _statement(item, tables, found)
            else:
                _subqueries(item, tables, found)


@dataclass
class Source:
    """A table (None for a subquery) in a FROM clause, with how it is joined."""

    table: str | None
    alias: str | None
    joined: bool = False
    inner: bool = True
    pairs: tuple = ()  # ((alias, column), (alias, column)) of each equality of its ON clause
    plain: bool = True  # its ON clause holds only such equalities


def _sources(rest, tables, found):
    """The FROM clause's sources and the position where the clause ends."""
    sources, position = [], 0
    while position < len(rest):
        item = rest[position]
        if _is_word(item, *CLAUSE_WORDS) or _is_word(item, *SET_OPERATIONS):
            break
        source = Source(None, None, joined=bool(sources))
        if source.joined:
            if isinstance(item, Token) and item.text == ",":
                raise Unrecognised("comma join")
            kind = []
            while _is_word(rest[position], *JOIN_WORDS):
                kind.append(rest[position].upper)
                position += 1
            if not _is_word(rest[position], "JOIN") or not set(kind) <= {"INNER", "LEFT", "OUTER"}:
                raise Unrecognised(f"unexpected {rest[position]!r}")
            source.inner = "LEFT" not in kind
            position += 1
        named = rest[position]
        position += 1
        if position < len(rest) and _is_word(rest[position], "AS"):
            position += 1
        if (
            position < len(rest)
            and isinstance(rest[position], Token)
            and rest[position].kind in ("ident", "word")
            and not _is_word(rest[position], "ON", "JOIN", *JOIN_WORDS, *CLAUSE_WORDS)
            and not _is_word(rest[position], *SET_OPERATIONS)
        ):
            source.alias = rest[position].name
            position += 1
        if isinstance(named, list):
            _statement(named, tables, found)
        elif isinstance(named, Token) and named.kind in ("ident", "word"):
            source.table = named.name
            source.alias = source.alias or named.name
        else:
            raise Unrecognised(f"unexpected source {named!r}")
        if position < len(rest) and _is_word(rest[position], "ON"):
            position += 1
            if position >= len(rest) or not isinstance(rest[position], list):
                raise Unrecognised("ON without parentheses")
            condition = rest[position]
            _subqueries([condition], tables, found)
            terms = _conjuncts(condition)
            pairs = [_equality(term) for term in terms]
            source.pairs = tuple(pair for pair in pairs if pair)
            source.plain = bool(terms) and all(pairs)
            position += 1
        sources.append(source)
    return sources, position


def _equality(term):
    """((alias, column), (alias, column)) if ``term`` is ``a.c = b.d``."""
    if len(term) == 7 and isinstance(term[3], Token) and term[3].text == "=":
        left, right = _column(term, 0), _column(term, 4)
        if left and right:
            return left, right
    return None


def _aliases(items):
    """The aliases of every column reference in ``items``, however deep."""
    found = set()
    for position, item in enumerate(items):
        if isinstance(item, list):
            found |= _aliases(item)
        else:
            column = _column(items, position)
            if column:
                found.add(column[0])
    return found


def _named_columns(items):
    """The columns named as ``"alias"."column"`` anywhere in ``items`` (subqueries too, where an
    alias of the outer query may be named), per alias."""
    found = {}
    for position, item in enumerate(items):
        if isinstance(item, list):
            for alias, columns in _named_columns(item).items():
                found[alias] = found.get(alias, frozenset()) | columns
        else:
            column = _column(items, position)
            if column:
                found[column[0]] = found.get(column[0], frozenset()) | {column[1]}
    return found


def _links(source, narrowed, sources, tables):
    """The link table that limits ``source``'s rows to those that its narrowed rows point at
    with a foreign key (``… JOIN link ON (t.id = link.t_id) WHERE link.other_id = %s``), or
    None. A change of a row of ``source``'s table retires the keys of the rows of the link
    table that point at it (pagecache/changes.py)."""
    own = (source.alias, tables[source.table][0])
    for other in sources:
        pointers = tables[other.table][2]
        if other is source or other.alias not in narrowed or not pointers:
            continue
        # The link table must limit the rows: it comes first, or it is joined with INNER.
        if other.joined and not other.inner:
            continue
        for pair in other.pairs + source.pairs:
            if own not in pair:
                continue
            alias, column = pair[1] if pair[0] == own else pair[0]
            if alias == other.alias and pointers.get(column) == source.table:
                return other
    return None


def _select(items, tables, found):
    from_at = next((i for i, item in enumerate(items) if _is_word(item, "FROM")), None)
    if from_at is None:
        _subqueries(items, tables, found)  # SELECT 1, or SELECT (subquery)
        return
    columns = items[1:from_at]
    rest = items[from_at + 1 :]
    sources, position = _sources(rest, tables, found)
    clauses = rest[position:]
    _subqueries(columns, tables, found)
    _subqueries(clauses, tables, found)
    where = _where(clauses)
    filtering = _aliases(where) | _aliases(_having(clauses))
    selected = _selected_columns(columns)
    named = _named_columns(items)
    public = [source for source in sources if source.table in tables]
    narrowed = {}
    for source in public:
        terms = _narrowing_terms(where, source.alias, tables[source.table][1])
        if terms:
            narrowed[source.alias] = terms
    for source in public:
        primary_key = tables[source.table][0]
        if source.alias in narrowed:
            found.update(Rows(source.table, column, n) for column, n in narrowed[source.alias])
        elif link := _links(source, narrowed, public, tables):
            read = named.get(source.alias, frozenset())
            found.update(
                Linked(source.table, read, link.table, column, n)
                for column, n in narrowed[link.alias]
            )
        elif (
            source.joined
            and source.plain
            and source.alias not in filtering
            and (source.alias, primary_key) in selected
            and any(alias == source.alias and column != primary_key for alias, column in selected)
        ):
            # select_related: its rows come with the rows of another table.
            found.add(Loaded(source.table, named.get(source.alias, frozenset())))
        else:
            found.add(Whole(source.table, named.get(source.alias, frozenset())))


def _having(clauses):
    start = next((i for i, item in enumerate(clauses) if _is_word(item, "HAVING")), None)
    if start is None:
        return []
    end = next(
        (i for i in range(start + 1, len(clauses)) if _is_word(clauses[i], "ORDER", "LIMIT")),
        len(clauses),
    )
    return clauses[start + 1 : end]


def _where(clauses):
    """The WHERE clause's items, up to the next clause."""
    start = next((i for i, item in enumerate(clauses) if _is_word(item, "WHERE")), None)
    if start is None:
        return []
    end = next(
        (
            i
            for i in range(start + 1, len(clauses))
            if _is_word(clauses[i], *CLAUSE_WORDS, *SET_OPERATIONS)
        ),
        len(clauses),
    )
    return clauses[start + 1 : end]


def _split(items, separator):
    parts, current = [], []
    for item in items:
        if (isinstance(item, Token) and item.text == separator) or _is_word(item, separator):
            parts.append(current)
            current = []
        else:
            current.append(item)
    parts.append(current)
    return parts


def _conjuncts(items):
    """The terms joined by AND at the top of a condition, looking into parentheses that hold
    only an AND of terms. A condition with an OR at its top gives no terms."""
    if any(_is_word(item, "OR") for item in items):
        return []
    terms = []
    for part in _split(items, "AND"):
        if (
            len(part) == 1
            and isinstance(part[0], list)
            and part[0]
            and not _is_word(part[0][0], "SELECT")
        ):
            terms.extend(_conjuncts(part[0]))
        else:
            terms.append(part)
    return terms


def _column(items, position):
    """``"alias"."column"`` at ``position``: (alias, column), or None."""
    if (
        position + 2 < len(items)
        and all(isinstance(item, Token) for item in items[position : position + 3])
        and items[position].kind in ("ident", "word")
        and items[position + 1].text == "."
        and items[position + 2].kind in ("ident", "word")
    ):
        return items[position].name, items[position + 2].name
    return None


def _narrowing_terms(where, alias, key_columns):
    """(column, parameter number) of each value the WHERE clause allows for one of
    ``alias``'s ``key_columns``; one such term is enough (the terms are ANDed)."""
    for term in _conjuncts(where):
        if len(term) != 5:
            continue
        column = _column(term, 0)
        if column is None or column[0] != alias or column[1] not in key_columns:
            continue
        operator, value = term[3], term[4]
        if not isinstance(operator, Token):
            continue
        if operator.text == "=" and isinstance(value, Token) and value.kind == "param":
            return [(column[1], term[4].param)]
        if (
            _is_word(operator, "IN")
            and isinstance(value, list)
            and value
            and all(
                len(part) == 1 and isinstance(part[0], Token) and part[0].kind == "param"
                for part in _split(value, ",")
            )
        ):
            return [(column[1], part[0].param) for part in _split(value, ",")]
    return []


def _selected_columns(columns):
    """(alias, column) of each plain column reference in the select list (functions and
    expressions do not count: their rows are not loaded)."""
    items = list(columns)
    while items and _is_word(items[0], "DISTINCT", "ALL"):
        items = items[1:]
        if items and _is_word(items[0], "ON") and isinstance(items[1], list):
            items = items[2:]
    selected = set()
    for part in _split(items, ","):
        if len(part) >= 3:
            column = _column(part, 0)
            if column is not None and (len(part) == 3 or _is_word(part[3], "AS")):
                selected.add(column)
    return selected
