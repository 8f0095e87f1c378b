"""Digest state: outcomes committed as they arrive, many in flight sharing transactions."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

import pytest

from summarizer import Summarizer
from summarizer.schema import ModelReply
from summarizer.state import State, StateError

from .conftest import FIXTURES

SEED = FIXTURES / "seeds" / "articles" / "000_5edd0876901a432d.txt"


@pytest.fixture(scope="module")
def record():
    summarizer = Summarizer(base_url="http://127.0.0.1:9/v1", api_key="sk-unused", model="fake")
    return summarizer.summarize_reply(SEED, ModelReply(event="年会"))


def committed(path: Path, key: str) -> bool:
    """What another connection (another process after a crash) would find."""
    with sqlite3.connect(path) as other:
        return other.execute("SELECT 1 FROM articles WHERE key = ?", (key,)).fetchone() is not None


def test_each_outcome_is_committed_before_its_caller_goes_on(tmp_path: Path, record) -> None:
    path = tmp_path / "state.sqlite"
    state = State(path)
    seen_after_await: list[bool] = []

    async def on_done(index: int) -> None:
        await asyncio.sleep(0.001 * (index % 5))
        if index % 7 == 3:
            await state.afailed(f"k{index}", "sha", f"{index}.txt", "boom", 2)
        else:
            await state.adone(f"k{index}", record)
        seen_after_await.append(committed(path, f"k{index}"))

    async def night() -> None:
        await asyncio.gather(*[on_done(i) for i in range(40)])

    asyncio.run(night())
    assert seen_after_await == [True] * 40
    assert state.counts() == {"done": 34, "failed": 6}
    assert state.get("k3").error == "boom" and state.get("k3").attempts == 2
    assert state.get("k0").record == record
    state.close()


def test_outcomes_arriving_together_share_a_transaction(tmp_path: Path, record) -> None:
    state = State(tmp_path / "state.sqlite")
    commits: list[str] = []
    state.db.set_trace_callback(lambda sql: commits.append(sql) if sql == "COMMIT" else None)

    async def night() -> None:
        await asyncio.gather(*[state.adone(f"k{i}", record) for i in range(30)])

    asyncio.run(night())
    assert state.counts() == {"done": 30}
    assert 1 <= len(commits) <= 3  # the first write, then everything that queued behind it
    state.close()


def test_a_failed_write_reaches_every_caller_in_its_transaction(tmp_path: Path, record) -> None:
    path = tmp_path / "state.sqlite"
    state = State(path)
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another program keeps the write lock too long
    state.db.execute("PRAGMA busy_timeout = 200")

    async def night() -> list[BaseException | None]:
        return await asyncio.gather(*[state.adone(f"k{i}", record) for i in range(5)], return_exceptions=True)

    outcomes = asyncio.run(night())
    assert all(isinstance(o, StateError) and "locked" in str(o) for o in outcomes)
    other.execute("ROLLBACK")
    asyncio.run(night())  # the next night writes normally
    assert state.counts() == {"done": 5}
    state.close()
    other.close()


def test_writes_wait_in_a_worker_thread_not_in_the_event_loop(tmp_path: Path, record) -> None:
    path = tmp_path / "state.sqlite"
    state = State(path)
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    threading.Timer(0.6, lambda: other.execute("COMMIT")).start()

    async def night() -> int:
        ticks = 0

        async def ticker() -> None:
            nonlocal ticks
            while True:
                await asyncio.sleep(0.05)
                ticks += 1

        running = asyncio.create_task(ticker())
        await asyncio.gather(*[state.adone(f"k{i}", record) for i in range(10)])
        running.cancel()
        return ticks

    assert asyncio.run(night()) >= 6
    assert state.counts() == {"done": 10}
    state.close()
    other.close()
