"""The digest for feed readers and spreadsheets: Atom 1.0 (``feedgen``) and CSV.

One Atom entry per event, identified by the event's stable id so a feed
reader shows an update of a known event in place instead of a duplicate. The
CSV is UTF-8 with a byte-order mark: without it Excel reads the file in the
locale's code page and every Chinese character comes out garbled.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import UTC, datetime, time
from html import escape

from feedgen.feed import FeedGenerator

from .schema import Digest, DigestItem

FEED_ID = "urn:summarizer:digest"
CSV_COLUMNS = ("event_id", "status", "first_seen", "event", "date", "date_phrase", "hosts", "resolutions",
               "sources", "urls")


def digest_atom(digest: Digest) -> str:
    """One night: every event new or updated tonight (events with nothing new are not news)."""
    entries = [(digest.date, item) for item in digest.items if item.status != "seen"]
    return _atom(f"{FEED_ID}:{digest.date}", f"Event digest {digest.date}", entries, digest.date, digest.model)


def rolling_atom(entries: Sequence[tuple[str, DigestItem]], night: str, model: str) -> str:
    """The last nights' events, each once, as of the night it last changed."""
    return _atom(FEED_ID, "Event digest", entries, night, model)


def _atom(feed_id: str, title: str, entries: Sequence[tuple[str, DigestItem]], night: str, model: str) -> str:
    feed = FeedGenerator()
    feed.id(feed_id)
    feed.title(title)
    feed.author({"name": "summarizer"})
    feed.generator("summarizer", uri=None)
    feed.subtitle(f"Events, dates, hosts and resolutions, quoted from the articles (model {model})")
    feed.updated(_night_time(max([night, *(updated for updated, _ in entries)])))
    for updated, item in reversed(entries):  # feedgen prepends: reversed keeps the given order
        entry = feed.add_entry()
        entry.id(f"urn:summarizer:event:{item.event_id}")
        entry.title(item.summary.event)
        entry.updated(_night_time(updated))
        entry.published(_night_time(item.first_seen or updated))
        entry.content(_entry_html(item), type="html")
        urls = [source.url for source in item.sources if _is_web(source.url)]
        for index, url in enumerate(dict.fromkeys(urls)):
            entry.link(href=url, rel="alternate" if index == 0 else "related")
    return feed.atom_str(pretty=True).decode("utf-8")


def _night_time(night: str) -> datetime:
    return datetime.combine(datetime.fromisoformat(night).date(), time(0, 0), tzinfo=UTC)


def _entry_html(item: DigestItem) -> str:
    """The event as a small HTML fragment; every piece of article text escaped."""
    e = _escape
    summary = item.summary
    parts = [f"<p><b>Status:</b> {e(item.status)} · first seen {e(item.first_seen)}</p>"]
    if summary.date.value or summary.date.phrase:
        parts.append(f"<p><b>When:</b> {e(summary.date.value or 'unknown')}"
                     + (f" <q>{e(summary.date.phrase)}</q>" if summary.date.phrase else "") + "</p>")
    if summary.hosts:
        hosts = "".join(f"<li>{e(host.name)} ({e(host.role)}) <q>{e(host.evidence)}</q></li>"
                        for host in summary.hosts)
        parts.append(f"<p><b>Hosts:</b></p><ul>{hosts}</ul>")
    if summary.resolutions:
        decided = "".join(f"<li>{e(r.text)} <q>{e(r.evidence)}</q></li>" for r in summary.resolutions)
        parts.append(f"<p><b>Resolutions:</b></p><ul>{decided}</ul>")
    sources = "".join(
        f'<li><a href="{e(s.url)}">{e(s.title or s.id)}</a></li>' if _is_web(s.url)
        else f"<li>{e(s.title or s.id)}</li>"
        for s in item.sources
    )
    parts.append(f"<p><b>Sources:</b></p><ul>{sources}</ul>")
    return "".join(parts)


def _is_web(url: str | None) -> bool:
    """Only web addresses become links: a ``javascript:`` URL stated by a page stays out."""
    return bool(url) and url.lower().startswith(("http://", "https://"))


def _escape(value: object) -> str:
    return escape(str(value), quote=True)


def digest_csv(digest: Digest, *, new_only: bool = False) -> str:
    """One row per item; lists inside a cell are one per line."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for item in digest.items:
        if new_only and item.status != "new":
            continue
        summary = item.summary
        writer.writerow([
            item.event_id, item.status, item.first_seen, summary.event, summary.date.value or "",
            summary.date.phrase or "",
            "\n".join(f"{host.name} ({host.role})" for host in summary.hosts),
            "\n".join(resolution.text for resolution in summary.resolutions),
            "\n".join(source.path for source in item.sources),
            "\n".join(source.url for source in item.sources if source.url),
        ])
    return "\ufeff" + buffer.getvalue()
