"""Continuity across nights: which event every report belongs to, and when it was first seen.

Lives in the digest's SQLite state file, on its own connection (WAL, with a
busy timeout), in tables of its own:

``events``   one row per event: stable id, the night it was first seen, the
             night it last changed, and its latest digest item (for the
             rolling feed).
``sources``  one row per report (article sha256): its event, the night it
             arrived, and its grouping fingerprint, so that a reprint arriving
             weeks later still finds the event it repeats.
``source_bands_YYYYMMDD``  one table per night: the LSH bucket keys of that
             night's reports. Tonight's reports find their earlier look-alikes
             by an indexed lookup of their own keys, at a cost that grows with
             tonight's reports, not with the history; a night that leaves the
             look-back window is one DROP TABLE, and a night's keys are written
             in index order into a fresh table (a quarter of the cost of
             inserting them into one ever-growing index).
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from .group import Fingerprint
from .schema import DigestItem

LOOKBACK_DAYS = 30  # how far back a new report is compared with earlier ones
FEED_NIGHTS = 14

_SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    event_id TEXT PRIMARY KEY,
    first_seen TEXT NOT NULL,
    updated TEXT NOT NULL,
    item TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_updated ON events (updated);
CREATE TABLE IF NOT EXISTS sources (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    event_id TEXT NOT NULL,
    night TEXT NOT NULL,
    event_date TEXT,
    name_grams BLOB NOT NULL,
    text_minhash BLOB NOT NULL,
    text_size INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sources_night ON sources (night);
CREATE INDEX IF NOT EXISTS sources_event ON sources (event_id);
"""
_BANDS_PREFIX = "source_bands_"


def _bands_table(night: str) -> str:
    """The table of one night's bucket keys (the name is built from a parsed date: safe to splice)."""
    return _BANDS_PREFIX + date.fromisoformat(night).strftime("%Y%m%d")


@dataclass
class KnownSource:
    sha256: str
    event_id: str
    night: str
    fingerprint: Fingerprint


@dataclass
class KnownEvent:
    event_id: str
    first_seen: str
    updated: str


def new_event_id(member_sha256s: Iterable[str]) -> str:
    """An id that names the event by its reports, so a re-run of the same night gives the same id."""
    return "ev-" + hashlib.sha256(min(member_sha256s).encode("ascii")).hexdigest()[:16]


def date_sort_key(value: str | None) -> str:
    """Chronological order with partial dates after the full ones they contain:
    2024-05-03 < 2024-05 < 2024-06-01 < 2024 < --05-03 (year unknown) < unknown."""
    if not value:
        return "~~"
    if not value[0].isdigit():
        return "~" + value
    return value + "~" if len(value) < 10 else value


class History:
    def __init__(self, path: Path, *, wait: float = 0.0) -> None:
        self.db = sqlite3.connect(path, timeout=max(30.0, wait), isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA temp_store=MEMORY")
        self.db.executescript(_SCHEMA)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def recent_sources(self, night: str, keys: Iterable[int], exclude: set[str]) -> list[KnownSource]:
        """Reports of the look-back window before ``night`` that share an LSH bucket key with
        tonight's (``keys``), minus those seen again tonight."""
        since = (date.fromisoformat(night) - timedelta(days=LOOKBACK_DAYS)).isoformat()
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS tonight_keys (key INTEGER PRIMARY KEY) WITHOUT ROWID")
        tables = [table for table in self._band_tables() if _bands_table(since) <= table < _bands_table(night)]
        if not tables:
            return []
        self.db.execute("DELETE FROM tonight_keys")
        self.db.executemany("INSERT OR IGNORE INTO tonight_keys (key) VALUES (?)", ((key,) for key in sorted(keys)))
        matches = " UNION ".join(f"SELECT source FROM tonight_keys JOIN {table} USING (key)" for table in tables)
        rows = self.db.execute(
            "SELECT sha256, event_id, night, event_date, name_grams, text_minhash, text_size FROM sources"
            f" WHERE id IN ({matches}) AND night >= ? AND night < ?", (since, night)
        ).fetchall()
        self.db.execute("DELETE FROM tonight_keys")
        return [
            KnownSource(sha256, event_id, seen, Fingerprint(
                date=event_date, name_grams=np.frombuffer(names, dtype=np.uint32),
                text_minhash=np.frombuffer(minhash, dtype=np.uint32), text_size=size))
            for sha256, event_id, seen, event_date, names, minhash, size in rows if sha256 not in exclude
        ]

    def _band_tables(self) -> list[str]:
        rows = self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB ?",
                               (_BANDS_PREFIX + "*",))
        return sorted(name for (name,) in rows if name[len(_BANDS_PREFIX):].isdigit())

    def sources_of(self, sha256s: Sequence[str]) -> dict[str, tuple[str, str]]:
        """sha256 → (event_id, night it arrived) for the reports already known."""
        known: dict[str, tuple[str, str]] = {}
        for start in range(0, len(sha256s), 500):
            chunk = list(sha256s[start : start + 500])
            marks = ",".join("?" * len(chunk))
            for sha256, event_id, night in self.db.execute(
                f"SELECT sha256, event_id, night FROM sources WHERE sha256 IN ({marks})", chunk
            ):
                known[sha256] = (event_id, night)
        return known

    def events(self, event_ids: Iterable[str]) -> dict[str, KnownEvent]:
        ids = sorted(set(event_ids))
        found: dict[str, KnownEvent] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for event_id, first_seen, updated in self.db.execute(
                f"SELECT event_id, first_seen, updated FROM events WHERE event_id IN ({marks})", chunk
            ):
                found[event_id] = KnownEvent(event_id, first_seen, updated)
        return found

    def record(self, night: str, items: Sequence[DigestItem],
               members: Sequence[Sequence[tuple[str, Fingerprint, list[int]]]]) -> None:
        """Remember tonight's items and their reports, in one transaction; forget the bucket keys
        of reports that have left the look-back window."""
        since = (date.fromisoformat(night) - timedelta(days=LOOKBACK_DAYS)).isoformat()
        keys: list[int] = []
        owners: list[int] = []
        with self.db:
            self.db.execute("BEGIN")
            for item, reports in zip(items, members, strict=True):
                if item.status == "seen":
                    self.db.execute("UPDATE events SET item = ? WHERE event_id = ? AND updated = ?",
                                    (item.model_dump_json(), item.event_id, night))
                else:
                    self.db.execute(
                        "INSERT INTO events (event_id, first_seen, updated, item) VALUES (?, ?, ?, ?)"
                        " ON CONFLICT (event_id) DO UPDATE SET updated = excluded.updated, item = excluded.item",
                        (item.event_id, item.first_seen, night, item.model_dump_json()),
                    )
                for sha256, fp, report_keys in reports:
                    cursor = self.db.execute(
                        "INSERT INTO sources (sha256, event_id, night, event_date, name_grams, text_minhash,"
                        " text_size) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
                        (sha256, item.event_id, night, fp.date, fp.name_grams.astype(np.uint32).tobytes(),
                         fp.text_minhash.astype(np.uint32).tobytes(), fp.text_size),
                    )
                    if cursor.rowcount == 1:  # a report seen before keeps its first night's keys
                        keys += report_keys
                        owners += [cursor.lastrowid] * len(report_keys)
            tonight = _bands_table(night)
            self.db.execute(f"CREATE TABLE IF NOT EXISTS {tonight} (key INTEGER NOT NULL, source INTEGER NOT NULL,"
                            " PRIMARY KEY (key, source)) WITHOUT ROWID")
            # In index order: each page of the index is written once, not once per report (sorted
            # as arrays: a night of 10,000 reports has most of a million keys).
            key_array, owner_array = np.array(keys, dtype=np.int64), np.array(owners, dtype=np.int64)
            order = np.lexsort((owner_array, key_array))
            self.db.executemany(f"INSERT OR IGNORE INTO {tonight} (key, source) VALUES (?, ?)",
                                zip(key_array[order].tolist(), owner_array[order].tolist(), strict=True))
            for table in self._band_tables():
                if table < _bands_table(since):
                    self.db.execute(f"DROP TABLE {table}")

    def feed_items(self, night: str, nights: int = FEED_NIGHTS) -> list[tuple[str, DigestItem]]:
        """(night it last changed, item) of every event new or updated in the last ``nights`` nights."""
        since = (date.fromisoformat(night) - timedelta(days=nights - 1)).isoformat()
        rows = self.db.execute(
            "SELECT updated, item FROM events WHERE updated >= ? AND updated <= ? ORDER BY updated DESC, event_id",
            (since, night),
        )
        return [(updated, DigestItem.model_validate_json(item)) for updated, item in rows]
