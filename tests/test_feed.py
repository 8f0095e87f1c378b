"""Atom 1.0 for feed readers (checked with feedparser) and CSV for spreadsheets (UTF-8 with BOM)."""

from __future__ import annotations

import csv
import io

import feedparser

from summarizer.feed import digest_atom, digest_csv, rolling_atom
from summarizer.schema import Digest, DigestItem, DigestSource, EventDate, Host, Resolution, Summary


def item(event_id: str, event: str, status: str = "new", url: str | None = None, **summary) -> DigestItem:
    return DigestItem(
        event_id=event_id, first_seen="2026-11-22", status=status,
        summary=Summary(event=event, date=EventDate(value="2026-11-20", precision="day", phrase="11月20日"),
                        **summary),
        sources=[DigestSource(path=f"in/{event_id}.html", id=event_id, title=event, url=url)],
    )


HOSTILE = "協會<script>alert(1)</script>年會 & “晚宴”"
ITEMS = [
    item("ev-1", "龍潭商會換屆大會", url="https://news.example.org/a/1.html?x=1&y=2",
         hosts=[Host(name="龍潭商會", role="organiser", evidence="龍潭商會主辦", span=(0, 6))],
         resolutions=[Resolution(text="選舉新一屆理事會", evidence="選舉產生新一屆理事會", span=(7, 17))]),
    item("ev-2", HOSTILE, status="update"),
    item("ev-3", "已报道的活动", status="seen"),
]
DIGEST = Digest(generated_at="2026-11-23T01:00:00+00:00", date="2026-11-23", model="m", items=ITEMS)


def test_nightly_atom_is_valid_and_has_one_entry_per_changed_event() -> None:
    parsed = feedparser.parse(digest_atom(DIGEST))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    ids = [entry.id for entry in parsed.entries]
    assert ids == ["urn:summarizer:event:ev-1", "urn:summarizer:event:ev-2"]  # nothing new about ev-3
    first = parsed.entries[0]
    assert first.title == "龍潭商會換屆大會" and first.link == "https://news.example.org/a/1.html?x=1&y=2"
    assert first.updated.startswith("2026-11-23") and first.published.startswith("2026-11-22")
    content = first.content[0].value
    assert "龍潭商會" in content and "選舉產生新一屆理事會" in content and "11月20日" in content


def test_article_markup_stays_text_in_the_feed() -> None:
    parsed = feedparser.parse(digest_atom(DIGEST))
    hostile = parsed.entries[1]
    assert hostile.title == HOSTILE  # a title is text: the markup comes back as the characters it was
    assert "<script>" not in hostile.content[0].value and "&lt;script&gt;" in hostile.content[0].value


def test_rolling_feed_lists_each_event_once_as_of_its_last_change() -> None:
    entries = [("2026-11-23", ITEMS[1]), ("2026-11-20", ITEMS[0])]
    parsed = feedparser.parse(rolling_atom(entries, "2026-11-23", "m"))
    assert not parsed.bozo
    assert [(e.id, e.updated[:10]) for e in parsed.entries] == [
        ("urn:summarizer:event:ev-2", "2026-11-23"), ("urn:summarizer:event:ev-1", "2026-11-20")]
    assert parsed.feed.updated.startswith("2026-11-23")


def test_csv_has_a_bom_and_keeps_every_cjk_character() -> None:
    text = digest_csv(DIGEST)
    data = text.encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")  # what makes Excel read UTF-8
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [row["event_id"] for row in rows] == ["ev-1", "ev-2", "ev-3"]
    assert rows[0]["event"] == "龍潭商會換屆大會" and rows[0]["hosts"] == "龍潭商會 (organiser)"
    assert rows[0]["resolutions"] == "選舉新一屆理事會" and rows[1]["event"] == HOSTILE
    assert rows[0]["urls"] == "https://news.example.org/a/1.html?x=1&y=2"
    assert [row["event_id"] for row in csv.DictReader(io.StringIO(digest_csv(DIGEST, new_only=True)[1:]))] == [
        "ev-1"]
