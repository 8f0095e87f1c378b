"""Digest state: a SQLite (WAL) cache of every article's outcome.

Each article is keyed by the sha256 of its raw bytes plus prompt version and
hash, schema version and model, so an unchanged article is never sent twice,
and a new prompt or model re-summarises everything. Every outcome is
committed as soon as it is known: a crash (even ``kill -9``) loses at most
the requests in flight.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from .schema import SummaryRecord

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    key TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    path TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('done', 'failed')),
    record TEXT,
    error TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    tokens INTEGER NOT NULL DEFAULT 0,
    updated_at REAL NOT NULL
);
"""


def cache_key(sha256: str, prompt_version: str, prompt_sha256: str, schema_version: str, model: str) -> str:
    material = "\0".join((sha256, prompt_version, prompt_sha256, schema_version, model))
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


@dataclass
class Entry:
    status: str
    record: SummaryRecord | None
    error: str | None
    attempts: int


class State:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(path, timeout=30, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(_SCHEMA)

    def get(self, key: str) -> Entry | None:
        row = self.db.execute(
            "SELECT status, record, error, attempts FROM articles WHERE key = ?", (key,)
        ).fetchone()
        if row is None:
            return None
        record = SummaryRecord.model_validate_json(row[1]) if row[1] else None
        return Entry(status=row[0], record=record, error=row[2], attempts=row[3])

    def done(self, key: str, record: SummaryRecord) -> None:
        self._put(key, record.article.sha256, record.article.path, "done", record.model_dump_json(), None,
                  record.meta.attempts, record.meta.usage.total_tokens)

    def failed(self, key: str, sha256: str, path: str, error: str, attempts: int) -> None:
        self._put(key, sha256, path, "failed", None, error, attempts, 0)

    def _put(self, key, sha256, path, status, record, error, attempts, tokens) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO articles (key, sha256, path, status, record, error, attempts, tokens,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (key, sha256, path, status, record, error, attempts, tokens, time.time()),
        )

    def counts(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT status, COUNT(*) FROM articles GROUP BY status").fetchall())

    def close(self) -> None:
        self.db.close()
