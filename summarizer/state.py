"""Digest state: a SQLite (WAL) cache of every article's outcome.

Each article is keyed by the sha256 of its raw bytes plus prompt version and
hash, schema version and model, so an unchanged article is never sent twice,
and a new prompt or model re-summarises everything. Every outcome is
committed as soon as it is known: a crash (even ``kill -9``) loses at most
the requests in flight.

**One writer at a time.** Two digests on the same state would both see an
article as new and both pay for it, so opening a :class:`State` takes an
exclusive lock on a file beside the database (``state.sqlite.lock``). The
lock belongs to the open file description, so the kernel releases it when the
process dies, however it dies: a stale lock cannot block the next night. A
second opener waits up to ``wait`` seconds and then gets :class:`StateLocked`.
Other readers and writers in the same process (search, history) open their
own connections; WAL and a short busy timeout keep them working.

**Batch bookkeeping.** A Batch API job is recorded (batch id, input file id,
the articles it covers) *before* it is polled, so a run killed while waiting
resumes the same batch instead of paying for a second one.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .schema import SummaryRecord

# A writer holds the database only for one small INSERT; anything longer is another
# process misbehaving, and the event loop must not stall behind it.
BUSY_TIMEOUT_SECONDS = 2.0
LOCK_POLL_SECONDS = 0.1

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
CREATE TABLE IF NOT EXISTS batches (
    id TEXT PRIMARY KEY,
    input_file_id TEXT NOT NULL,
    keys TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
"""

# Batch statuses after which nothing more will come back from the API.
BATCH_FINISHED = ("collected", "failed", "expired", "cancelled")


class StateError(RuntimeError):
    """The state database cannot be used; the message is one line for the user."""


class StateLocked(StateError):
    """Another process is writing this state."""


class StateCorrupt(StateError):
    """The file is not a SQLite database, or a damaged one."""


def cache_key(sha256: str, prompt_version: str, prompt_sha256: str, schema_version: str, model: str) -> str:
    material = "\0".join((sha256, prompt_version, prompt_sha256, schema_version, model))
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


@dataclass
class Entry:
    status: str
    record: SummaryRecord | None
    error: str | None
    attempts: int


@dataclass
class BatchEntry:
    """A submitted Batch API job, as recorded before polling."""

    id: str
    input_file_id: str
    keys: list[str]
    status: str


class _WriterLock:
    """An exclusive advisory lock on ``path`` (flock), polled until ``wait`` seconds pass."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self, wait: float) -> bool:
        import fcntl

        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
        deadline = time.monotonic() + max(0.0, wait)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    return False
                time.sleep(LOCK_POLL_SECONDS)
                continue
            self._fd = fd
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
            return True

    def holder(self) -> str:
        try:
            pid = self.path.read_text(encoding="ascii").strip()
        except OSError:
            return ""
        return f" (pid {pid})" if pid.isdigit() else ""

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the flock
            self._fd = None


class State:
    def __init__(self, path: Path, wait: float = 0.0) -> None:
        path = Path(path)
        if path.is_dir():
            raise StateError(f"state {path}: is a folder, not a state file")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StateError(f"state {path}: cannot create its folder ({exc.strerror or exc})") from None
        self.path = path
        self._serial = threading.Lock()  # one statement at a time when writes run in worker threads
        self._queued: list[tuple[Callable[[], tuple], asyncio.Future[None]]] = []
        self._writer: asyncio.Future[None] | None = None
        self._lock = _WriterLock(path.with_name(path.name + ".lock"))
        try:
            acquired = self._lock.acquire(wait)
        except OSError as exc:
            raise StateError(f"state {path}: cannot lock ({exc.strerror or exc})") from None
        if not acquired:
            raise StateLocked(
                f"state {path} is in use by another digest{self._lock.holder()}; "
                f"waited {wait:g}s (use --wait SECONDS to wait longer)"
            )
        try:
            # Not tied to the opening thread: a caller may move writes off its event loop.
            self.db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None,
                                      check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(_SCHEMA)
            self.db.execute("SELECT COUNT(*) FROM articles").fetchone()
        except sqlite3.DatabaseError as exc:
            self._lock.release()
            raise _state_error(path, exc) from None

    def get(self, key: str) -> Entry | None:
        row = self._query("SELECT status, record, error, attempts FROM articles WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        record = SummaryRecord.model_validate_json(row[1]) if row[1] else None
        return Entry(status=row[0], record=record, error=row[2], attempts=row[3])

    def done(self, key: str, record: SummaryRecord) -> None:
        self._put([_done_row(key, record)])

    def failed(self, key: str, sha256: str, path: str, error: str, attempts: int) -> None:
        self._put([_failed_row(key, sha256, path, error, attempts)])

    async def adone(self, key: str, record: SummaryRecord) -> None:
        """:meth:`done` from a coroutine; returns once the outcome is committed."""
        await self._commit(lambda: _done_row(key, record))

    async def afailed(self, key: str, sha256: str, path: str, error: str, attempts: int) -> None:
        await self._commit(lambda: _failed_row(key, sha256, path, error, attempts))

    async def _commit(self, row: Callable[[], tuple]) -> None:
        """Group commit: outcomes that arrive while a write is under way share the next
        transaction. Each caller still returns only after its own row is committed, so a crash
        loses no more than before, but a night of many requests in flight pays for a few
        hundred transactions instead of one per article. The writes run in a worker thread: a
        busy database waits there, not in the event loop."""
        done = asyncio.get_running_loop().create_future()
        self._queued.append((row, done))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.ensure_future(self._write_queued())
        await done

    async def _write_queued(self) -> None:
        while self._queued:
            batch, self._queued = self._queued, []
            try:
                await asyncio.to_thread(self._put_built, [row for row, _ in batch])
            except Exception as exc:  # every waiter of this batch learns of it
                for _, done in batch:
                    if not done.done():
                        done.set_exception(exc)
            except BaseException:  # cancelled with the loop: so are the waiters
                for _, done in batch:
                    done.cancel()
                raise
            else:
                for _, done in batch:
                    if not done.done():
                        done.set_result(None)

    def _put_built(self, builders: list[Callable[[], tuple]]) -> None:
        self._put([build() for build in builders])  # the records are serialised off the loop

    def _put(self, rows: list[tuple]) -> None:
        """Rows of (key, sha256, path, status, record, error, attempts, tokens), one transaction."""
        now = time.time()
        try:
            with self._serial:
                self.db.execute("BEGIN IMMEDIATE")
                try:
                    self.db.executemany(
                        "INSERT OR REPLACE INTO articles (key, sha256, path, status, record, error, attempts,"
                        " tokens, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [(*row, now) for row in rows],
                    )
                except BaseException:
                    self.db.execute("ROLLBACK")
                    raise
                self.db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            raise _state_error(self.path, exc) from None

    # -- batches -----------------------------------------------------------------
    def save_batch(self, batch_id: str, input_file_id: str, keys: list[str], status: str) -> None:
        """Record a submitted batch; call this before polling it."""
        now = time.time()
        self._query(
            "INSERT OR REPLACE INTO batches (id, input_file_id, keys, status, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, COALESCE((SELECT created_at FROM batches WHERE id = ?), ?), ?)",
            (batch_id, input_file_id, json.dumps(keys), status, batch_id, now, now),
        )

    def set_batch_status(self, batch_id: str, status: str) -> None:
        self._query("UPDATE batches SET status = ?, updated_at = ? WHERE id = ?", (status, time.time(), batch_id))

    def open_batches(self) -> list[BatchEntry]:
        """Batches submitted by an earlier run whose results were never collected."""
        marks = ", ".join("?" for _ in BATCH_FINISHED)
        rows = self._query(
            f"SELECT id, input_file_id, keys, status FROM batches WHERE status NOT IN ({marks})"
            " ORDER BY created_at", BATCH_FINISHED,
        ).fetchall()
        return [BatchEntry(id=r[0], input_file_id=r[1], keys=json.loads(r[2]), status=r[3]) for r in rows]

    def counts(self) -> dict[str, int]:
        return dict(self._query("SELECT status, COUNT(*) FROM articles GROUP BY status").fetchall())

    def _query(self, sql: str, params: tuple = ()) -> sqlite3.Cursor:
        try:
            with self._serial:
                return self.db.execute(sql, params)
        except sqlite3.DatabaseError as exc:
            raise _state_error(self.path, exc) from None

    def close(self) -> None:
        try:
            self.db.close()
        finally:
            self._lock.release()

    def __enter__(self) -> State:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _state_error(path: Path, exc: sqlite3.Error) -> StateError:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return StateLocked(f"state {path}: database is locked by another program ({text})")
    if isinstance(exc, sqlite3.DatabaseError) and ("not a database" in text or "malformed" in text
                                                   or "corrupt" in text):
        return StateCorrupt(f"state {path}: not a usable state database ({text}); move it aside or pick "
                            "another --state")
    return StateError(f"state {path}: {text}")


def _done_row(key: str, record: SummaryRecord) -> tuple:
    return (key, record.article.sha256, record.article.path, "done", record.model_dump_json(), None,
            record.meta.attempts, record.meta.usage.total_tokens)


def _failed_row(key: str, sha256: str, path: str, error: str, attempts: int) -> tuple:
    return (key, sha256, path, "failed", None, error, attempts, 0)
