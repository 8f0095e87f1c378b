"""Continuity across nights: stable event ids, first-seen nights, new / update / seen."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

from summarizer.clean import clean
from summarizer.digest import link_events
from summarizer.history import History
from summarizer.schema import (
    Article,
    ArticleRef,
    EventDate,
    Meta,
    Summary,
    SummaryRecord,
    Usage,
)


def page(seed: int, sentences: int = 20) -> str:
    rng = random.Random(seed)
    places = ["东湖", "西山", "南岸", "北城", "中山", "新港", "青石", "白沙"]
    bodies = ["行业协会", "商会", "研究会", "促进会", "联合会"]
    topics = ["年度预算", "会员章程", "人才计划", "交流项目", "标准草案", "评审办法"]
    return "".join(f"{rng.choice(places)}{rng.choice(bodies)}第{rng.randint(1, 500)}次会议审议{rng.choice(topics)}"
                   f"并形成{rng.randint(2, 40)}项意见。" for _ in range(sentences))


def report(path: str, text: str, event: str, date: str | None = None) -> tuple[SummaryRecord, Article]:
    sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    article = clean(text).model_copy(update={"path": path, "id": Path(path).stem, "sha256": sha256})
    record = SummaryRecord(
        article=ArticleRef(id=article.id, path=path, sha256=sha256),
        summary=Summary(event=event, date=EventDate(value=date, precision="day" if date else "unknown")),
        meta=Meta(model="m", endpoint="e", mode="json_object", prompt_version="v", prompt_sha256="s",
                  attempts=1, usage=Usage(), latency_s=0.0),
    )
    return record, article


A = report("in/a.txt", page(1), "东湖行业协会年会", "2026-11-20")
A_REPRINT = report("in/a-reprint.txt", "转载：" + page(1) + "（责任编辑：王五）", "年会召开", "2026-11-20")
A_SECOND_REPRINT = report("in/a-again.txt", page(1)[: len(page(1)) // 2], "协会消息")
B = report("in/b.txt", page(2), "西山商会理事会", "2026-11-21")
C = report("in/c.txt", page(3), "南岸研究会成立大会", None)


def by_path(items) -> dict[str, object]:
    return {source.path: item for item in items for source in item.sources}


def run(state: Path, night: str, reports) -> dict:
    with History(state) as history:
        return by_path(link_events(list(reports), night, history))


def test_two_nights_on_a_growing_folder(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite"
    first = run(state, "2026-11-22", [A, B])
    assert {first[p].status for p in ("in/a.txt", "in/b.txt")} == {"new"}
    assert first["in/a.txt"].event_id != first["in/b.txt"].event_id
    assert first["in/a.txt"].first_seen == "2026-11-22"

    second = run(state, "2026-11-23", [A, B, A_REPRINT, C])
    a_item = second["in/a.txt"]
    assert a_item is second["in/a-reprint.txt"]  # the reprint joined its event
    assert a_item.status == "update" and a_item.event_id == first["in/a.txt"].event_id
    assert a_item.first_seen == "2026-11-22"
    assert second["in/b.txt"].status == "seen" and second["in/b.txt"].event_id == first["in/b.txt"].event_id
    assert second["in/c.txt"].status == "new" and second["in/c.txt"].first_seen == "2026-11-23"

    again = run(state, "2026-11-23", [A, B, A_REPRINT, C])  # the same night re-run: same answer
    assert {p: (i.event_id, i.status) for p, i in again.items()} == {
        p: (i.event_id, i.status) for p, i in second.items()}


def test_a_reprint_arriving_alone_finds_the_earlier_event(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite"
    first = run(state, "2026-11-22", [A, B])
    later = run(state, "2026-12-05", [A_SECOND_REPRINT, C])
    assert later["in/a-again.txt"].status == "update"
    assert later["in/a-again.txt"].event_id == first["in/a.txt"].event_id
    assert later["in/a-again.txt"].first_seen == "2026-11-22"
    assert later["in/c.txt"].status == "new"


def test_feed_window_keeps_the_nights_an_event_changed(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite"
    run(state, "2026-11-01", [B])
    run(state, "2026-11-22", [A, B])
    run(state, "2026-11-23", [A, A_REPRINT, B, C])
    with History(state) as history:
        feed = history.feed_items("2026-11-23")
    changed = {source.path: night for night, item in feed for source in item.sources}
    assert changed == {"in/a.txt": "2026-11-23", "in/a-reprint.txt": "2026-11-23", "in/c.txt": "2026-11-23"}
    # B was new on 11-01 and has not changed since: outside the last 14 nights
    assert [night for night, _ in feed] == sorted((night for night, _ in feed), reverse=True)


def test_reports_older_than_the_look_back_are_forgotten(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite"
    first = run(state, "2026-10-01", [A])
    later = run(state, "2026-11-23", [A_SECOND_REPRINT])  # 53 nights later: outside the look-back window
    assert later["in/a-again.txt"].status == "new"
    assert later["in/a-again.txt"].event_id != first["in/a.txt"].event_id
    with History(state) as history:
        kept = history.db.execute("SELECT name FROM sqlite_master WHERE name GLOB 'source_bands_*'").fetchall()
    assert kept == [("source_bands_20261123",)]  # the keys of nights past the look-back are gone
