"""Searching past nights: full text (any substring), organisation in either script, date range."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from summarizer.schema import (
    ArticleRef,
    EventDate,
    Host,
    Meta,
    Resolution,
    Summary,
    SummaryRecord,
    Usage,
)
from summarizer.search import run_search
from summarizer.state import State


def record(name: str, event: str, date: str | None, hosts: list[str], resolutions: list[str],
           published: str | None = None) -> SummaryRecord:
    return SummaryRecord(
        article=ArticleRef(id=name, path=f"inbox/{name}.html", sha256=name * 8, published=published),
        summary=Summary(
            event=event, date=EventDate(value=date),
            hosts=[Host(name=host, role="organiser", evidence=host, span=(0, len(host))) for host in hosts],
            resolutions=[Resolution(text=text, evidence=text, span=(0, len(text))) for text in resolutions],
        ),
        meta=Meta(model="m", endpoint="e", mode="json_object", prompt_version="v", prompt_sha256="s", attempts=1,
                  usage=Usage(), latency_s=0.0),
    )


RECORDS = [
    record("taipei", "臺北市商業會第十屆理事會議", "2026-03-20", ["臺北市商業會"], ["通過年度預算", "選舉常務理事"]),
    record("canton", "广州市工商联合会年会", "2026-03", ["广州市工商联合会", "广州市商务局"], ["发布年度报告"]),
    record("canton-early", "广州市工商联合会座谈会", "2026-03-05", ["广州市工商联合会"], []),
    record("old", "广州市工商联合会换届大会", "2024-11-02", ["广州市工商联合会"], ["选举新一届领导班子"]),
    record("yearless", "青年企业家协会联谊会", "--04-02", ["青年企业家协会"], [], published="2026-04-03"),
]


@pytest.fixture
def state(tmp_path: Path) -> Path:
    path = tmp_path / "state.sqlite"
    with State(path) as store:
        for index, item in enumerate(RECORDS):
            store.done(f"key-{index}", item)
    return path


def events(state: Path, **query) -> list[str]:
    arguments = {"text": None, "org": None, "since": None, "until": None, "fmt": "json", **query}
    return [item["summary"]["event"] for item in json.loads(run_search(state, **arguments))]


def test_org_in_traditional_script_finds_simplified_hosts_and_the_reverse(state: Path) -> None:
    assert events(state, org="廣州市工商聯合會") == [
        "广州市工商联合会换届大会", "广州市工商联合会座谈会", "广州市工商联合会年会"]
    assert events(state, org="台北市商业会") == ["臺北市商業會第十屆理事會議"]
    assert events(state, org="商務局") == ["广州市工商联合会年会"]


def test_full_text_matches_substrings_in_either_script(state: Path) -> None:
    assert events(state, text="年度預算") == ["臺北市商業會第十屆理事會議"]
    assert events(state, text="领导班子") == ["广州市工商联合会换届大会"]
    assert events(state, text="联谊") == ["青年企业家协会联谊会"]  # two characters: below a trigram
    assert events(state, text="不存在的会议") == []


def test_sorted_by_event_date_partial_after_full_and_bounded(state: Path) -> None:
    assert events(state) == ["广州市工商联合会换届大会", "广州市工商联合会座谈会", "臺北市商業會第十屆理事會議",
                             "广州市工商联合会年会", "青年企业家协会联谊会"]
    assert events(state, since="2026") == ["广州市工商联合会座谈会", "臺北市商業會第十屆理事會議",
                                           "广州市工商联合会年会", "青年企业家协会联谊会"]
    assert events(state, since="2026-03-10", until="2026-03-31") == ["臺北市商業會第十屆理事會議",
                                                                     "广州市工商联合会年会"]
    assert events(state, org="广州市工商联合会", until="2025-12") == ["广州市工商联合会换届大会"]


def test_json_is_contract_records_and_table_and_csv_have_one_row_per_event(state: Path) -> None:
    out = json.loads(run_search(state, text=None, org="臺北市商業會", since=None, until=None, fmt="json"))
    assert [SummaryRecord.model_validate(item) for item in out] == [RECORDS[0]]
    rows = list(csv.DictReader(io.StringIO(run_search(state, text=None, org="广州市工商联合会", since=None,
                                                      until=None, fmt="csv"))))
    assert [(row["date"], row["resolutions"], row["sources"]) for row in rows] == [
        ("2024-11-02", "1", "inbox/old.html"), ("2026-03-05", "0", "inbox/canton-early.html"),
        ("2026-03", "1", "inbox/canton.html")]
    table = run_search(state, text="理事會", org=None, since=None, until=None, fmt="table")
    assert "臺北市商業會第十屆理事會議" in table and "inbox/taipei.html" in table and len(table.splitlines()) == 2


def test_updated_summary_replaces_the_old_one(state: Path) -> None:
    events(state)  # indexes everything once
    changed = RECORDS[0].model_copy(deep=True)
    changed.summary.event = "臺北市商業會臨時理事會議"
    with State(state) as store:
        store.done("key-0", changed)
    assert events(state, org="臺北市商業會") == ["臺北市商業會臨時理事會議"]


def test_bad_input_is_one_clear_error(state: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="--since"):
        run_search(state, text=None, org=None, since="2026/03/01", until=None, fmt="table")
    with pytest.raises(ValueError, match="after"):
        run_search(state, text=None, org=None, since="2026-05", until="2026-04", fmt="table")
    with pytest.raises(ValueError, match="--format"):
        run_search(state, text=None, org=None, since=None, until=None, fmt="xml")
    with pytest.raises(ValueError, match="no digest state"):
        run_search(tmp_path / "missing.sqlite", text=None, org=None, since=None, until=None, fmt="table")
    not_sqlite = tmp_path / "notes.txt"
    not_sqlite.write_text("hello " * 200, encoding="utf-8")
    with pytest.raises(ValueError, match="not a digest state"):
        run_search(not_sqlite, text=None, org=None, since=None, until=None, fmt="table")
