"""Query every summary the digest state holds: text, organisation, date range.

The state's summaries are indexed, on first use and then incrementally, into
an SQLite FTS5 table with the ``trigram`` tokenizer: it matches any substring
of three characters or more, which is what Chinese (written without spaces)
needs; shorter queries fall back to a substring scan. Text and host names are
indexed in simplified script (:func:`summarizer.script.fold`), so a query in
either script finds a summary written in the other.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .history import date_sort_key
from .schema import SummaryRecord
from .script import fold

FORMATS = ("table", "json", "csv")
_BOUND = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS search_summaries (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    updated_at REAL NOT NULL,
    record TEXT NOT NULL,
    hosts TEXT NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS search_text USING fts5(body, tokenize = 'trigram');
CREATE TABLE IF NOT EXISTS search_synced (id INTEGER PRIMARY KEY CHECK (id = 1), updated_at REAL NOT NULL);
"""


@dataclass
class Found:
    record: SummaryRecord
    event_id: str


def run_search(state_path: Path, *, text: str | None, org: str | None, since: str | None, until: str | None,
               fmt: str) -> str:
    """The matching summaries, one row per event, sorted by event date, rendered as ``fmt``."""
    if fmt not in FORMATS:
        raise ValueError(f"--format takes one of {', '.join(FORMATS)}")
    for name, bound in (("--since", since), ("--until", until)):
        if bound is not None and not _BOUND.match(bound):
            raise ValueError(f"{name} takes a date: YYYY, YYYY-MM or YYYY-MM-DD (got {bound!r})")
    if since and until and _lower(since) > _upper(until):
        raise ValueError("--since is after --until")
    if not state_path.is_file():
        raise ValueError(f"no digest state at {state_path} (run `summarizer digest` first, or pass --state)")
    index = SearchIndex(state_path)
    try:
        index.sync()
        found = index.find(text=text, org=org, since=since, until=until)
    finally:
        index.close()
    if fmt == "json":
        return json.dumps([f.record.model_dump(mode="json") for f in found], ensure_ascii=False, indent=2) + "\n"
    rows = _event_rows(found)
    return _csv(rows) if fmt == "csv" else _table(rows)


class SearchIndex:
    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path, timeout=30, isolation_level=None)
        try:
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise ValueError(f"{path} is not a digest state ({exc})") from None

    def close(self) -> None:
        self.db.close()

    def sync(self) -> None:
        """Index the summaries committed since the last search (the newest per article wins)."""
        if not self._has_table("articles"):
            return
        row = self.db.execute("SELECT updated_at FROM search_synced").fetchone()
        synced = row[0] if row else 0.0
        rows = self.db.execute(
            "SELECT record, updated_at FROM articles WHERE status = 'done' AND record IS NOT NULL"
            " AND updated_at > ? ORDER BY updated_at", (synced,)
        ).fetchall()
        if not rows:
            return
        with self.db:
            self.db.execute("BEGIN")
            for raw, updated_at in rows:
                self._put(SummaryRecord.model_validate_json(raw), raw, updated_at)
            self.db.execute("INSERT OR REPLACE INTO search_synced (id, updated_at) VALUES (1, ?)", (rows[-1][1],))

    def _put(self, record: SummaryRecord, raw: str, updated_at: float) -> None:
        summary = record.summary
        hosts = "\n".join(fold(host.name) for host in summary.hosts)
        body = "\n".join([summary.event, summary.date.phrase or "", record.article.title or "",
                          *(host.name for host in summary.hosts),
                          *(part for r in summary.resolutions for part in (r.text, r.evidence))])
        old = self.db.execute("SELECT id FROM search_summaries WHERE sha256 = ?", (record.article.sha256,)).fetchone()
        if old:
            self.db.execute("DELETE FROM search_text WHERE rowid = ?", old)
            self.db.execute("DELETE FROM search_summaries WHERE id = ?", old)
        cursor = self.db.execute(
            "INSERT INTO search_summaries (sha256, updated_at, record, hosts) VALUES (?, ?, ?, ?)",
            (record.article.sha256, updated_at, raw, hosts),
        )
        self.db.execute("INSERT INTO search_text (rowid, body) VALUES (?, ?)", (cursor.lastrowid, fold(body)))

    def find(self, *, text: str | None, org: str | None, since: str | None, until: str | None) -> list[Found]:
        where, params = [], []
        if text and text.strip():
            folded = fold(text.strip())
            if len(folded) >= 3:
                where.append("id IN (SELECT rowid FROM search_text WHERE search_text MATCH ?)")
                params.append('"' + folded.replace('"', '""') + '"')
            else:  # trigrams cannot match one or two characters
                where.append("id IN (SELECT rowid FROM search_text WHERE body LIKE ? ESCAPE '\\')")
                params.append(f"%{_like(folded)}%")
        if org and org.strip():
            where.append("hosts LIKE ? ESCAPE '\\'")
            params.append(f"%{_like(fold(org.strip()))}%")
        query = "SELECT sha256, record FROM search_summaries"
        if where:
            query += " WHERE " + " AND ".join(where)
        matched = [(sha256, SummaryRecord.model_validate_json(raw)) for sha256, raw in self.db.execute(query, params)]
        matched = [(sha256, record) for sha256, record in matched if _in_range(record, since, until)]
        events = self._events([sha256 for sha256, _ in matched])
        found = [Found(record, events.get(sha256, sha256)) for sha256, record in matched]
        return sorted(found, key=lambda f: (date_sort_key(f.record.summary.date.value), f.record.summary.event,
                                            f.record.article.path))

    def _events(self, sha256s: list[str]) -> dict[str, str]:
        if not self._has_table("sources"):
            return {}
        out: dict[str, str] = {}
        for start in range(0, len(sha256s), 500):
            chunk = sha256s[start : start + 500]
            marks = ",".join("?" * len(chunk))
            out.update(self.db.execute(f"SELECT sha256, event_id FROM sources WHERE sha256 IN ({marks})", chunk))
        return out

    def _has_table(self, name: str) -> bool:
        return self.db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() \
            is not None


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _lower(value: str) -> str:
    return value + "-00-00"[len(value) - 4 :] if len(value) < 10 else value


def _upper(value: str) -> str:
    return value + "-99-99"[len(value) - 4 :] if len(value) < 10 else value


def _in_range(record: SummaryRecord, since: str | None, until: str | None) -> bool:
    """A partial date is in range when the period it names overlaps the range; a date without a
    year takes the publication year; with no year at all it is out of any bounded range."""
    if since is None and until is None:
        return True
    value = record.summary.date.value
    if value and value.startswith("--"):
        published = record.article.published or ""
        year = published[:4] if published[:4].isdigit() else None
        value = f"{year}{value[1:]}" if year and not value.startswith("---") else None
    if not value:
        return False
    return (since is None or _upper(value) >= _lower(since)) and (until is None or _lower(value) <= _upper(until))


@dataclass
class _Row:
    event_id: str
    date: str
    event: str
    hosts: str
    resolutions: int
    sources: list[str]


def _event_rows(found: list[Found]) -> list[_Row]:
    """One row per event: the richest summary of its matching reports, and all their paths."""
    rows: dict[str, _Row] = {}
    richness: dict[str, int] = {}
    for item in found:
        summary = item.record.summary
        score = len(summary.hosts) + len(summary.resolutions)
        row = rows.get(item.event_id)
        if row is None or score > richness[item.event_id]:
            sources = row.sources if row else []
            rows[item.event_id] = row = _Row(item.event_id, summary.date.value or "", summary.event,
                                             "、".join(host.name for host in summary.hosts),
                                             len(summary.resolutions), sources)
            richness[item.event_id] = score
        row.sources.append(item.record.article.path)
    return list(rows.values())


_COLUMNS = ("date", "event", "hosts", "resolutions", "sources")


def _cells(row: _Row) -> list[str]:
    return [row.date or "?", row.event, row.hosts, str(row.resolutions), ", ".join(row.sources)]


def _csv(rows: list[_Row]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_COLUMNS)
    writer.writerows(_cells(row) for row in rows)
    return buffer.getvalue()


def _table(rows: list[_Row]) -> str:
    if not rows:
        return "no matching summaries\n"
    table = [list(_COLUMNS)] + [_cells(row) for row in rows]
    widths = [max(_width(line[column]) for line in table) for column in range(len(_COLUMNS) - 1)]
    out = []
    for line in table:
        padded = [cell + " " * (width - _width(cell)) for cell, width in zip(line, widths, strict=False)]
        out.append("  ".join([*padded, line[-1]]).rstrip())
    return "\n".join(out) + "\n"


def _width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
