"""The words of a SQL statement, for pagecache/sql.py: its tokens, nested by parentheses, and
whether every column it reads is named with its table."""

import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r"""
      (?P<ident>"(?:[^"]|"")*"|`[^`]*`)
    | (?P<string>'(?:[^']|'')*')
    | (?P<escaped>%%)
    | (?P<param>%s|%\(\w+\)s)
    | (?P<word>[A-Za-z_][A-Za-z0-9_$]*)
    | (?P<number>\d+(?:\.\d*)?)
    | (?P<open>\()
    | (?P<close>\))
    | (?P<other>\S)
    """,
    re.VERBOSE,
)


class Unrecognised(Exception):
    pass


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    param: int = -1  # the parameter's number, for "param" tokens

    @property
    def upper(self):
        return self.text.upper() if self.kind == "word" else ""

    @property
    def name(self):
        """An identifier without its quotes (a bare word as it is)."""
        if self.kind == "ident":
            return self.text[1:-1].replace('""', '"')
        return self.text if self.kind == "word" else None


def tokens(sql):
    found, number = [], 0
    for match in _TOKEN.finditer(sql):
        kind = match.lastgroup
        if kind == "param":
            found.append(Token(kind, match.group(), number))
            number += 1
        else:
            found.append(Token(kind, match.group()))
    return found


def nest(flat):
    """The tokens as nested lists, one per pair of parentheses."""
    stack = [[]]
    for token in flat:
        if token.kind == "open":
            stack.append([])
        elif token.kind == "close":
            if len(stack) == 1:
                raise Unrecognised("unbalanced parentheses")
            group = stack.pop()
            stack[-1].append(group)
        else:
            stack[-1].append(token)
    if len(stack) != 1:
        raise Unrecognised("unbalanced parentheses")
    return stack[0]


# Words of the SQL that Django's ORM writes for SQLite and PostgreSQL that are not names.
_KEYWORD_TEXT = """SELECT FROM WHERE AND OR NOT IN IS NULL LIKE ILIKE GLOB REGEXP SIMILAR TO ESCAPE CASE
    WHEN THEN ELSE END AS ASC DESC NULLS FIRST LAST BETWEEN DISTINCT ALL EXISTS TRUE FALSE
    INNER LEFT RIGHT FULL OUTER CROSS JOIN ON GROUP BY ORDER HAVING LIMIT OFFSET COLLATE
    UNION INTERSECT EXCEPT OVER PARTITION FILTER WITHIN AT TIME ZONE INTERVAL FOR UPDATE OF
    NOWAIT SKIP LOCKED ROWS ROW ONLY FETCH NEXT WINDOW RANGE UNBOUNDED PRECEDING FOLLOWING
    CURRENT INTEGER INT BIGINT SMALLINT TEXT VARCHAR CHAR DATE TIMESTAMP TIMESTAMPTZ NUMERIC
    DECIMAL BOOLEAN DOUBLE PRECISION REAL WITH WITHOUT YEAR MONTH DAY HOUR MINUTE SECOND
    REGCONFIG TSVECTOR TSQUERY JSONB UUID"""
KEYWORDS = frozenset(_KEYWORD_TEXT.split())


def names_only_columns(flat):
    """Whether every column the statement reads is named as ``"table"."column"``: no ``*``
    (but ``COUNT(*)``), and every other name is a table, an alias given in the statement, a
    function or a keyword. Otherwise the columns a table's rows are read for are unknown."""
    defined = set()
    for position, token in enumerate(flat):
        before = flat[position - 1] if position else None
        if before is not None and before.kind == "word" and before.upper in ("AS", "FROM", "JOIN"):
            defined.add(token.name)
        elif (
            before is not None
            and before.kind == "ident"
            and position >= 2
            and flat[position - 2].upper in ("FROM", "JOIN")
        ):
            defined.add(token.name)  # FROM "table" alias
        elif before is not None and before.kind == "close" and token.kind in ("ident", "word"):
            defined.add(token.name)  # FROM (SELECT …) subquery
    for position, token in enumerate(flat):
        before = flat[position - 1] if position else None
        after = flat[position + 1] if position + 1 < len(flat) else None
        if token.text == "*":
            counted = (
                before is not None
                and before.kind == "open"
                and position >= 2
                and flat[position - 2].upper == "COUNT"
                and after is not None
                and after.kind == "close"
            )
            if not counted:
                return False
            continue
        if token.kind not in ("ident", "word"):
            continue
        if token.kind == "word" and token.upper in KEYWORDS:
            continue
        if after is not None and after.kind == "open" and token.kind == "word":
            continue  # a function
        if before is not None and before.text == ".":
            continue  # the column of "table"."column"
        if after is not None and after.text == ".":
            if token.name in defined:
                continue  # the table of "table"."column"
            return False
        if token.name in defined:
            continue
        return False
    return True
