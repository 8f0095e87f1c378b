"""The nightly digest: many articles in, one readable digest out.

Cheap (a SQLite cache means an unchanged article is never sent twice), fast
(bounded concurrency; grouping in near-linear time), safe (each outcome is
committed as it arrives; outputs are written to a temp file and renamed),
continuous (every event keeps its id across nights and is marked new, update
or seen) and readable (JSON, Markdown, one self-contained HTML page, Atom
feeds, CSV for spreadsheets).
"""

from __future__ import annotations

import gc
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from .clean import clean
from .files import atomic_write
from .group import band_keys, fingerprint, group
from .history import History, date_sort_key, new_event_id
from .load import load_all
from .schema import (
    SCHEMA_VERSION,
    Article,
    Digest,
    DigestFailure,
    DigestItem,
    DigestSource,
    DigestStats,
    FailedArticle,
    SummaryRecord,
)
from .state import State, StateError, cache_key
from .summarize import Failure

FORMATS = ("json", "md", "html", "atom", "csv")
DEFAULT_FORMATS = ("json", "md", "html")


@dataclass
class DigestOptions:
    out_dir: Path
    state_path: Path | None = None
    concurrency: int = 8
    date: str | None = None
    formats: tuple[str, ...] = DEFAULT_FORMATS
    budget_tokens: int | None = None
    batch: bool = False
    max_bytes: int = 2_000_000
    wait: float = 0.0  # seconds to wait for another digest holding the state
    new_only: bool = False  # Markdown, HTML and CSV show only the events first seen tonight
    batch_deadline: float | None = None  # seconds to wait for a batch; the next run resumes it

    @property
    def state_file(self) -> Path:
        return self.state_path or self.out_dir / "state.sqlite"

    @property
    def digest_date(self) -> str:
        return self.date or date.today().isoformat()


class Progress(DigestStats):
    """Running counts, handed to the display after every article."""

    last: str = ""


@dataclass
class _Job:
    key: str
    articles: list[Article]
    record: SummaryRecord | None = None
    error: str | None = None
    attempts: int = 0
    skipped: bool = False


@dataclass
class DigestResult:
    digest: Digest
    written: list[Path] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.digest.failures else 0


def run_digest(
    summarizer,
    inputs: Iterable[str | Path],
    options: DigestOptions,
    on_progress: Callable[[Progress], None] | None = None,
) -> DigestResult:
    """Summarise what is new, reuse what is cached, write the digest files."""
    with _fewer_collections():
        return _run(summarizer, inputs, options, on_progress)


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """A night allocates millions of short-lived objects around a large, long-lived heap (the
    loaded articles, the records): at the default thresholds the cycle collector runs
    thousands of times and rescans that heap, about a fifth of the night's local CPU. What
    exists before the night starts is frozen out of the scans, and the youngest generation
    is collected less often. Both are put back afterwards; cycles are still collected."""
    thresholds = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(*_NIGHT_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


# Young objects collected every 50,000 allocations instead of 700; older generations as rarely.
_NIGHT_THRESHOLDS = (50_000, 20, 100)


def _run(summarizer, inputs: Iterable[str | Path], options: DigestOptions,
         on_progress: Callable[[Progress], None] | None) -> DigestResult:
    started = time.monotonic()
    progress = Progress()
    state = State(options.state_file, wait=options.wait)
    try:
        articles, input_failures = load_inputs(inputs, options.max_bytes)
        model = summarizer.model_identity()
        template = summarizer.template
        jobs: dict[str, _Job] = {}
        for article in articles:
            key = cache_key(article.sha256, template.version, template.sha256, SCHEMA_VERSION, model)
            jobs.setdefault(key, _Job(key, [])).articles.append(article)
        progress.articles = len(articles) + len(input_failures)
        progress.failed = len(input_failures)
        pending = []
        for job in jobs.values():
            entry = state.get(job.key)
            if entry and entry.status == "done" and entry.record:
                job.record = entry.record
                progress.cached += len(job.articles)
            else:
                pending.append(job)
        _notify(on_progress, progress)
        if pending:
            if options.batch:
                from .batch import run_batch

                run_batch(summarizer, pending, state, progress, options, on_progress)
            else:
                summarize_pending(summarizer, pending, state, progress, options, on_progress)
        try:
            with History(options.state_file, wait=options.wait) as history:
                digest = _assemble(list(jobs.values()), input_failures, model, options, progress, started,
                                   history)
                written = write_outputs(digest, options, history)
        except sqlite3.Error as exc:  # the summaries are committed; the next run only regroups
            raise StateError(f"state {options.state_file}: event history: {exc}") from None
        return DigestResult(digest, written)
    finally:
        state.close()


def load_inputs(inputs: Iterable[str | Path], max_bytes: int) -> tuple[list[Article], list[DigestFailure]]:
    """Load and clean every input; one that cannot be read is a failure of its own, never the night's."""
    loaded, bad = load_all(inputs, max_bytes=max_bytes)
    failures = [DigestFailure(article=FailedArticle(path=path, id=Path(path).stem), error=f"input: {error}",
                              attempts=0) for path, error in bad]
    return [clean(raw) for raw in loaded], failures


def summarize_pending(summarizer, pending: list[_Job], state: State, progress: Progress,
                   options: DigestOptions, on_progress) -> None:
    """Send what is not cached; commit each outcome the moment it arrives (a kill -9 loses only
    the requests in flight); stop starting articles once the token budget is spent."""
    by_path = {job.articles[0].path: job for job in pending}

    def should_start() -> bool:
        return options.budget_tokens is None or progress.tokens < options.budget_tokens

    async def on_done(result: SummaryRecord | Failure) -> None:
        if isinstance(result, SummaryRecord):
            job = by_path[result.article.path]
            job.record = result
            progress.tokens += result.meta.usage.total_tokens
            await state.adone(job.key, result)
            progress.summarized += len(job.articles)
        else:
            job = by_path[result.source]
            progress.tokens += result.tokens
            if result.skipped:
                job.skipped = True
                progress.skipped += len(job.articles)
            else:
                job.error, job.attempts = result.error or "unknown error", result.attempts
                article = job.articles[0]
                await state.afailed(job.key, article.sha256, article.path, job.error, job.attempts)
                progress.failed += len(job.articles)
        progress.last = job.articles[0].id
        _notify(on_progress, progress)

    summarizer.summarize_many([job.articles[0] for job in pending], concurrency=options.concurrency,
                              on_done=on_done, should_start=should_start)
    _notify(on_progress, progress)


def _notify(callback, progress: Progress) -> None:
    if callback:
        callback(progress)


# --------------------------------------------------------------- events


def _assemble(jobs: list[_Job], input_failures: list[DigestFailure], model: str, options: DigestOptions,
              progress: Progress, started: float, history: History) -> Digest:
    done = [(job.record, article) for job in jobs if job.record for article in job.articles]
    failures = list(input_failures) + [
        DigestFailure(article=FailedArticle(path=a.path, id=a.id), error=job.error or "", attempts=job.attempts)
        for job in jobs if job.error is not None for a in job.articles
    ]
    skipped = [FailedArticle(path=a.path, id=a.id) for job in jobs if job.skipped for a in job.articles]
    items = link_events(done, options.digest_date, history)
    stats = DigestStats(**progress.model_dump(exclude={"last"}))
    stats.failed, stats.skipped = len(failures), len(skipped)
    stats.seconds = round(time.monotonic() - started, 3)
    return Digest(generated_at=datetime.now(UTC).isoformat(timespec="seconds"), date=options.digest_date,
                  model=model, items=items, failures=failures, skipped=skipped, stats=stats)


def group_events(done: list[tuple[SummaryRecord, Article]]) -> list[DigestItem]:
    """One item per event among ``done`` alone (no history): see :mod:`summarizer.group` for the rule."""
    prints = [fingerprint(record.summary.event, record.summary.date.value, article.text) for record, article in done]
    items = [_item(done, members) for members in group(prints)]
    return sorted(items, key=_item_order)


def link_events(done: list[tuple[SummaryRecord, Article]], night: str, history: History) -> list[DigestItem]:
    """Group tonight's reports into events, give each its stable id and status, and remember them.

    Tonight's reports are grouped together with the fingerprints of earlier
    nights' reports, so a reprint arriving tonight joins the event it repeats.
    An event takes the id of the earliest known event among its reports; an
    event with no known report is ``new``; a known event with a report not
    seen before tonight is an ``update``; the rest is ``seen``.
    """
    prints = [fingerprint(record.summary.event, record.summary.date.value, article.text) for record, article in done]
    keys = [band_keys(item) for item in prints]
    tonight_sha256s = sorted({article.sha256 for _, article in done})
    earlier = history.recent_sources(night, {key for item_keys in keys for key in item_keys},
                                     exclude=set(tonight_sha256s))
    known = history.sources_of(tonight_sha256s)
    events = history.events({event for event, _ in known.values()} | {source.event_id for source in earlier})
    items, reports = [], []
    for members in group(prints + [source.fingerprint for source in earlier]):
        tonight = [i for i in members if i < len(done)]
        if not tonight:
            continue
        sha256s = [done[i][1].sha256 for i in tonight]
        linked = {known[sha][0] for sha in sha256s if sha in known}
        linked |= {earlier[i - len(done)].event_id for i in members if i >= len(done)}
        candidates = [events[event] for event in linked if event in events]
        if candidates:
            event = min(candidates, key=lambda e: (e.first_seen, e.event_id))
            event_id, first_seen = event.event_id, event.first_seen
        else:
            event_id, first_seen = new_event_id(sha256s), night
        if first_seen >= night:
            status = "new"
        elif any(sha not in known or known[sha][1] >= night for sha in sha256s):
            status = "update"
        else:
            status = "seen"
        item = _item(done, tonight)
        item.event_id, item.first_seen, item.status = event_id, first_seen, status
        items.append(item)
        reports.append([(done[i][1].sha256, prints[i], keys[i]) for i in tonight])
    history.record(night, items, reports)
    return sorted(items, key=_item_order)


def _item(done: list[tuple[SummaryRecord, Article]], members: list[int]) -> DigestItem:
    members = sorted(members, key=lambda i: done[i][1].path)
    richness = [len(done[i][0].summary.hosts) + len(done[i][0].summary.resolutions) for i in members]
    best = members[richness.index(max(richness))]  # the richest summary; the first path among equals
    sources = [DigestSource(path=done[i][1].path, id=done[i][1].id, title=done[i][1].title,
                            source=done[i][1].source, url=done[i][1].url) for i in members]
    return DigestItem(summary=done[best][0].summary, sources=sources)


_STATUS_ORDER = {"new": 0, "update": 1, "seen": 2}


def _item_order(item: DigestItem) -> tuple[int, str, str]:
    return _STATUS_ORDER[item.status], date_sort_key(item.summary.date.value), item.sources[0].path


# --------------------------------------------------------------- outputs


def write_outputs(digest: Digest, options: DigestOptions, history: History | None = None) -> list[Path]:
    from .feed import digest_atom, digest_csv, rolling_atom
    from .report import digest_html, digest_markdown

    renderers = {
        "json": lambda: digest.model_dump_json(indent=2) + "\n",
        "md": lambda: digest_markdown(digest, new_only=options.new_only),
        "html": lambda: digest_html(digest, new_only=options.new_only),
        "atom": lambda: digest_atom(digest),
        "csv": lambda: digest_csv(digest, new_only=options.new_only),
    }
    written = []
    for fmt in options.formats:
        path = options.out_dir / f"digest-{digest.date}.{fmt}"
        atomic_write(path, renderers[fmt]())
        written.append(path)
        if fmt == "atom" and history is not None:
            feed = options.out_dir / "feed.atom"
            atomic_write(feed, rolling_atom(history.feed_items(digest.date), digest.date, digest.model))
            written.append(feed)
    return written
