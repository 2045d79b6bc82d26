#!/usr/bin/env python3
"""Convert the public sample databases in upstream/ into one portable SQL file each.

    python3 tests/public/convert.py            # reads tests/public/upstream/, writes tests/public/*.sql

The output loads into SQLite, PostgreSQL and MariaDB alike: only INTEGER, BIGINT, VARCHAR(n),
TEXT, DATE, NUMERIC(p,s) and the placeholders {{TIMESTAMP}}, {{BOOL}} and {{BLOB}}, which
tests/public_samples.rs replaces per engine. Multi-row INSERTs, each statement ending with `;` at
a line end, strings with doubled single quotes, backslashes literal (MariaDB loads with
NO_BACKSLASH_ESCAPES), no identifier quoted.

Data values are kept exactly as upstream wrote them, with these exceptions (see README.md):
  * at most MAX_ROWS rows per table (the first ones in upstream's file order);
  * Chinook: timestamps written '1962/2/18' are written '1962-02-18 00:00:00', the form
    Chinook's own SQLite script uses;
  * Northwind: the bytea columns categories.picture and employees.photo are dropped (every value
    upstream is the empty byte string);
  * booleans are written TRUE / FALSE;
  * Sakila: film.fulltext (a tsvector) is renamed fulltext_tsvector, FULLTEXT being reserved in
    MariaDB; its text form is kept as TEXT.
Types are mapped as faithfully as the portable dialect allows; README.md lists the mapping.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
MAX_ROWS = 3000
BATCH = 200


class Raw(str):
    """A literal written as is (a number, TRUE, FALSE)."""


@dataclass
class Table:
    name: str
    columns: list[tuple[str, str]]  # (name, portable type)
    primary_key: list[str] = field(default_factory=list)
    rows: list[list[object]] = field(default_factory=list)
    total_rows: int = 0  # upstream row count, before MAX_ROWS

    def col_names(self) -> list[str]:
        return [c for c, _ in self.columns]


# ---------------------------------------------------------------- type mapping


def portable_type(pg_type: str) -> str:
    t = pg_type.strip().lower()
    m = re.fullmatch(r"(?:character varying|varchar|nvarchar)\((\d+)\)", t)
    if m:
        return f"VARCHAR({m.group(1)})"
    m = re.fullmatch(r"(?:character|char)\((\d+)\)", t)
    if m:
        return f"VARCHAR({m.group(1)})"  # CHAR(n): values keep their padding from upstream
    m = re.fullmatch(r"numeric\((\d+),\s*(\d+)\)", t)
    if m:
        return f"NUMERIC({m.group(1)},{m.group(2)})"
    return {
        "integer": "INTEGER",
        "int": "INTEGER",
        "smallint": "INTEGER",
        "bigint": "BIGINT",
        "text": "TEXT",
        "date": "DATE",
        "timestamp": "{{TIMESTAMP}}",
        "timestamp without time zone": "{{TIMESTAMP}}",
        "boolean": "{{BOOL}}",
        "bytea": "{{BLOB}}",
        "real": "REAL",  # Northwind only: replaced by a NUMERIC wide enough for its values
        # Sakila's own types
        "year": "INTEGER",  # DOMAIN year AS integer CHECK 1901..2155
        "mpaa_rating": "VARCHAR(5)",  # ENUM ('G','PG','PG-13','R','NC-17')
        "text[]": "TEXT",  # PostgreSQL array literal kept as text: {Trailers,"Deleted Scenes"}
        "tsvector": "TEXT",  # the tsvector's text form kept as text
    }[t]


# ---------------------------------------------------------------- SQL literal parsing


def parse_tuples(text: str, pos: int) -> tuple[list[list[object]], int]:
    """Parse `(v, v, ...), (v, ...)` from pos up to the terminating `;`."""
    rows: list[list[object]] = []
    n = len(text)
    while True:
        while text[pos] in " \t\r\n,":
            pos += 1
        if text[pos] == ";":
            return rows, pos + 1
        assert text[pos] == "(", text[pos : pos + 40]
        pos += 1
        row: list[object] = []
        while True:
            while text[pos] in " \t\r\n":
                pos += 1
            c = text[pos]
            if c in "Nn" and text[pos + 1] == "'":
                pos += 1  # N'...' national string: the same string
                c = "'"
            if c == "'":
                pos += 1
                buf = []
                while True:
                    q = text.index("'", pos)
                    buf.append(text[pos:q])
                    if q + 1 < n and text[q + 1] == "'":
                        buf.append("'")
                        pos = q + 2
                    else:
                        pos = q + 1
                        break
                row.append("".join(buf))
            else:
                m = re.compile(r"NULL|-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|true|false", re.I).match(
                    text, pos
                )
                assert m, text[pos : pos + 40]
                tok = m.group(0)
                pos = m.end()
                row.append(None if tok.upper() == "NULL" else Raw(tok.upper() if tok.isalpha() else tok))
            while text[pos] in " \t\r\n":
                pos += 1
            if text[pos] == ",":
                pos += 1
                continue
            assert text[pos] == ")", text[pos : pos + 40]
            pos += 1
            break
        rows.append(row)


def parse_create_tables(text: str) -> dict[str, Table]:
    """CREATE TABLE name ( col type ..., CONSTRAINT ... PRIMARY KEY (...) );"""
    tables: dict[str, Table] = {}
    for m in re.finditer(r"CREATE TABLE (\w+)\s*\(\n((?:[^\n]*\n)*?)\);", text):
        name, body = m.group(1), m.group(2)
        cols: list[tuple[str, str]] = []
        pk: list[str] = []
        for line in body.split("\n"):
            line = line.strip().rstrip(",")
            if not line:
                continue
            pkm = re.search(r"PRIMARY KEY\s*\(([^)]*)\)", line)
            if line.upper().startswith("CONSTRAINT"):
                if pkm:
                    pk = [c.strip() for c in pkm.group(1).split(",")]
                continue
            cm = re.match(r"(\w+)\s+(.+)$", line)
            assert cm, line
            ctype = re.sub(r"\s+DEFAULT\s+.*$", "", cm.group(2), flags=re.I)
            ctype = re.sub(r"\s+NOT NULL$", "", ctype, flags=re.I)
            ptype = portable_type(ctype)
            if re.search(r"\bNOT NULL\b", line, re.I):
                ptype += " NOT NULL"
            cols.append((cm.group(1), ptype))
        tables[name] = Table(name, cols, pk)
    for m in re.finditer(
        r"ALTER TABLE (?:ONLY )?(?:public\.)?(\w+)\s+ADD CONSTRAINT \w+ PRIMARY KEY \(([^)]*)\)", text
    ):
        if m.group(1) in tables:
            tables[m.group(1)].primary_key = [c.strip() for c in m.group(2).split(",")]
    return tables


def add_rows(t: Table, rows: list[list[object]]) -> None:
    for r in rows:
        assert len(r) == len(t.columns), (t.name, r)
        t.total_rows += 1
        if len(t.rows) < MAX_ROWS:
            t.rows.append(r)


# ---------------------------------------------------------------- the three databases


def chinook(up: Path) -> list[Table]:
    text = (up / "chinook" / "Chinook_PostgreSql.sql").read_text(encoding="utf-8-sig")
    tables = parse_create_tables(text)
    for m in re.finditer(r"INSERT INTO (\w+) \(([^)]*)\) VALUES", text):
        t = tables[m.group(1)]
        assert [c.strip() for c in m.group(2).split(",")] == t.col_names(), t.name
        rows, _ = parse_tuples(text, m.end())
        add_rows(t, rows)
    slash = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")
    for t in tables.values():
        for i, (_, ty) in enumerate(t.columns):
            if ty.removesuffix(" NOT NULL") == "{{TIMESTAMP}}":
                for r in t.rows:
                    v = r[i]
                    if isinstance(v, str) and not isinstance(v, Raw):
                        d = slash.fullmatch(v)
                        assert d, v
                        r[i] = f"{int(d[1]):04d}-{int(d[2]):02d}-{int(d[3]):02d} 00:00:00"
    return list(tables.values())


COPY_ESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\"}


def copy_field(s: str) -> object:
    if s == r"\N":
        return None
    if "\\" not in s:
        return s
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            out.append(COPY_ESCAPES.get(s[i + 1], s[i + 1]))
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def sakila(up: Path) -> list[Table]:
    schema = (up / "sakila" / "postgres-sakila-schema.sql").read_text(encoding="utf-8")
    tables = parse_create_tables(schema)
    data = (up / "sakila" / "postgres-sakila-insert-data-using-copy.sql").read_text(encoding="utf-8")
    order = []
    for m in re.finditer(r"^COPY public\.(\w+) \(([^)]*)\) FROM stdin;\n(.*?)^\\\.$", data, re.S | re.M):
        t = tables[m.group(1)]
        order.append(t)
        assert [c.strip() for c in m.group(2).split(",")] == t.col_names(), t.name
        rows = []
        for line in m.group(3).split("\n"):
            if not line:
                continue
            row: list[object] = []
            for (cname, ty), f in zip(t.columns, line.split("\t"), strict=True):
                ty = ty.removesuffix(" NOT NULL")
                v = copy_field(f)
                if v is None:
                    row.append(None)
                elif ty == "{{BOOL}}":
                    row.append(Raw({"t": "TRUE", "f": "FALSE"}[v]))
                elif ty in ("INTEGER", "BIGINT") or ty.startswith("NUMERIC"):
                    assert re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", v), (cname, v)
                    row.append(Raw(v))
                elif ty == "{{BLOB}}":
                    raise AssertionError(f"{t.name}.{cname}: binary values are not expected")
                else:
                    row.append(v)
            rows.append(row)
        add_rows(t, rows)
    # FULLTEXT is reserved in MariaDB/MySQL: the one renamed column.
    film = tables["film"]
    film.columns = [("fulltext_tsvector" if c == "fulltext" else c, ty) for c, ty in film.columns]
    # The tables filled upstream, in load order (the payment_p2007_* partitions stay empty there).
    return order


def northwind(up: Path) -> list[Table]:
    text = (up / "northwind" / "northwind.sql").read_text(encoding="utf-8")
    tables = parse_create_tables(text)
    dropped = {("categories", "picture"), ("employees", "photo")}
    for m in re.finditer(r"^INSERT INTO (\w+) VALUES ", text, re.M):
        t = tables[m.group(1)]
        rows, _ = parse_tuples(text, m.end())
        add_rows(t, rows)
    out = []
    for t in tables.values():
        keep = [i for i, (c, _) in enumerate(t.columns) if (t.name, c) not in dropped]
        for i, (c, _) in enumerate(t.columns):
            if (t.name, c) in dropped:
                assert all(r[i] == "\\x" for r in t.rows), (t.name, c)
        t.columns = [t.columns[i] for i in keep]
        t.rows = [[r[i] for i in keep] for r in t.rows]
        # real: NUMERIC wide enough to hold every upstream value digit for digit
        for i, (c, ty) in enumerate(t.columns):
            if ty.removesuffix(" NOT NULL") == "REAL":
                vals = [str(r[i]) for r in t.rows if r[i] is not None]
                scale = max((len(v.split(".")[1]) if "." in v else 0) for v in vals)
                ints = max(len(v.split(".")[0].lstrip("-")) for v in vals)
                t.columns[i] = (c, f"NUMERIC({ints + scale},{scale})" + ty.removeprefix("REAL"))
        out.append(t)
    return out


# ---------------------------------------------------------------- output


def literal(v: object) -> str:
    if v is None:
        return "NULL"
    if isinstance(v, Raw):
        return str(v)
    assert isinstance(v, str), v
    return "'" + v.replace("'", "''") + "'"


def write(name: str, source: str, tables: list[Table]) -> None:
    lines = [
        f"-- {name}: generated by tests/public/convert.py from {source}; do not edit.",
        "-- Licence and source: tests/public/README.md and tests/public/upstream/.",
    ]
    for t in tables:
        cols = [f"  {c} {ty}" for c, ty in t.columns]
        if t.primary_key:
            cols.append(f"  PRIMARY KEY ({', '.join(t.primary_key)})")
        lines.append("")
        kept = f"{len(t.rows)} of {t.total_rows} rows" if t.total_rows > len(t.rows) else f"{len(t.rows)} rows"
        lines.append(f"-- {t.name}: {kept}")
        lines.append(f"CREATE TABLE {t.name} (\n" + ",\n".join(cols) + "\n);")
        for b in range(0, len(t.rows), BATCH):
            chunk = t.rows[b : b + BATCH]
            body = ",\n".join("(" + ", ".join(literal(v) for v in r) + ")" for r in chunk)
            lines.append(f"INSERT INTO {t.name} ({', '.join(t.col_names())}) VALUES\n{body};")
    sql = "\n".join(lines) + "\n"
    # The loaders split at `;` at a line end: no line inside a string may end that way.
    check_statements(sql)
    (HERE / f"{name}.sql").write_text(sql, encoding="utf-8")
    print(f"{name}.sql: {len(tables)} tables, {sum(len(t.rows) for t in tables)} rows, {len(sql)} bytes")


def check_statements(sql: str) -> None:
    """Every line that ends with `;` must end a statement (not sit inside a string)."""
    in_str = False
    for line in sql.split("\n"):
        if not in_str and line.startswith("--"):
            continue
        for ch in line:
            if ch == "'":
                in_str = not in_str
        if line.rstrip().endswith(";") and in_str:
            raise SystemExit(f"a string line ends with ';': {line[:80]}")
    assert not in_str


def main() -> None:
    up = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "upstream"
    write("chinook", "upstream/chinook/Chinook_PostgreSql.sql", chinook(up))
    write(
        "sakila",
        "upstream/sakila/postgres-sakila-schema.sql and postgres-sakila-insert-data-using-copy.sql",
        sakila(up),
    )
    write("northwind", "upstream/northwind/northwind.sql", northwind(up))


if __name__ == "__main__":
    main()
