"""The nightly digest: many articles in, one readable digest out.

Cheap (a SQLite cache means an unchanged article is never sent twice), fast
(bounded concurrency over AsyncOpenAI), safe (each outcome is committed as it
arrives; outputs are written to a temp file and renamed) and readable
(JSON, Markdown grouped by event date, one self-contained HTML page).
"""

from __future__ import annotations

import asyncio
import os
import re
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from .clean import clean
from .llm import ModelError
from .load import InputError, iter_article_paths, load_article
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
from .state import State, cache_key

FORMATS = ("json", "md", "html")


@dataclass
class DigestOptions:
    out_dir: Path
    state_path: Path | None = None
    concurrency: int = 8
    date: str | None = None
    formats: tuple[str, ...] = FORMATS
    budget_tokens: int | None = None
    batch: bool = False
    max_bytes: int = 2_000_000

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
    started = time.monotonic()
    progress = Progress()
    state = State(options.state_file)
    try:
        articles, input_failures = _load(inputs, options.max_bytes)
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
                summarizer.run_async(_summarize_all(summarizer, pending, state, progress, options, on_progress))
        digest = _assemble(list(jobs.values()), input_failures, model, options, progress, started)
        written = write_outputs(digest, options)
        return DigestResult(digest, written)
    finally:
        state.close()


def _load(inputs: Iterable[str | Path], max_bytes: int) -> tuple[list[Article], list[DigestFailure]]:
    articles, failures = [], []
    for path in iter_article_paths(inputs):
        try:
            articles.append(clean(load_article(path, max_bytes=max_bytes)))
        except InputError as exc:
            failures.append(DigestFailure(article=FailedArticle(path=str(path), id=Path(str(path)).stem),
                                          error=f"input: {exc}", attempts=0))
    return articles, failures


async def _summarize_all(summarizer, pending: list[_Job], state: State, progress: Progress,
                         options: DigestOptions, on_progress) -> None:
    gate = asyncio.Semaphore(summarizer.max_concurrency(options.concurrency))

    async def one(job: _Job) -> None:
        article = job.articles[0]
        fetched = None
        try:
            fetched = await summarizer.afetch(article)
            progress.tokens += fetched[1].attempts.usage.total_tokens  # before the budget check sees it
        except ModelError as exc:
            job.error, job.attempts = str(exc), exc.attempts
            progress.tokens += exc.usage.total_tokens
        except Exception as exc:  # one article's surprise must not sink the night
            job.error = f"{type(exc).__name__}: {exc}"
        finally:
            gate.release()
        if fetched is not None:
            await asyncio.sleep(0)  # let the next request leave before grounding this answer
            try:
                job.record = summarizer.finish(*fetched)
            except Exception as exc:
                job.error = f"{type(exc).__name__}: {exc}"
        if job.record is not None:
            state.done(job.key, job.record)
            progress.summarized += len(job.articles)
        else:
            state.failed(job.key, article.sha256, article.path, job.error or "unknown error", job.attempts)
            progress.failed += len(job.articles)
        progress.last = article.id
        _notify(on_progress, progress)

    tasks = []
    for job in pending:
        await gate.acquire()
        if options.budget_tokens is not None and progress.tokens >= options.budget_tokens:
            gate.release()
            job.skipped = True
            progress.skipped += len(job.articles)
            continue
        tasks.append(asyncio.create_task(one(job)))
    await asyncio.gather(*tasks)
    _notify(on_progress, progress)


def _notify(callback, progress: Progress) -> None:
    if callback:
        callback(progress)


# --------------------------------------------------------------- grouping


def _assemble(jobs: list[_Job], input_failures: list[DigestFailure], model: str, options: DigestOptions,
              progress: Progress, started: float) -> Digest:
    done = [(job.record, article) for job in jobs if job.record for article in job.articles]
    failures = list(input_failures) + [
        DigestFailure(article=FailedArticle(path=a.path, id=a.id), error=job.error or "", attempts=job.attempts)
        for job in jobs if job.error is not None for a in job.articles
    ]
    skipped = [FailedArticle(path=a.path, id=a.id) for job in jobs if job.skipped for a in job.articles]
    items = group_events(done)
    stats = DigestStats(**progress.model_dump(exclude={"last"}))
    stats.failed, stats.skipped = len(failures), len(skipped)
    stats.seconds = round(time.monotonic() - started, 3)
    return Digest(generated_at=datetime.now(UTC).isoformat(timespec="seconds"), date=options.digest_date,
                  model=model, items=items, failures=failures, skipped=skipped, stats=stats)


def group_events(done: list[tuple[SummaryRecord, Article]]) -> list[DigestItem]:
    """One item per event. Two articles report the same event when their cleaned
    texts are near-copies (4-gram Jaccard ≥ 0.5), or when they share a known
    date and their event names are alike (bigram Jaccard ≥ 0.5)."""
    parent = list(range(len(done)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    shingles = [_grams(article.text, 4) for _, article in done]
    names = [_grams(record.summary.event, 2) for record, _ in done]
    for i in range(len(done)):
        for j in range(i + 1, len(done)):
            if find(i) == find(j):
                continue
            di, dj = done[i][0].summary.date.value, done[j][0].summary.date.value
            same_event = di is not None and di == dj and _jaccard(names[i], names[j]) >= 0.5
            if same_event or _jaccard(shingles[i], shingles[j]) >= 0.5:
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(done)):
        groups.setdefault(find(i), []).append(i)
    items = []
    for members in groups.values():
        members.sort(key=lambda i: done[i][1].path)
        best = max(members, key=lambda i: (len(done[i][0].summary.hosts) + len(done[i][0].summary.resolutions),
                                           -members.index(i)))
        sources = [DigestSource(path=done[i][1].path, id=done[i][1].id, title=done[i][1].title,
                                source=done[i][1].source) for i in members]
        items.append(DigestItem(summary=done[best][0].summary, sources=sources))
    return sorted(items, key=lambda item: (_date_sort_key(item.summary.date.value), item.sources[0].path))


def _date_sort_key(value: str | None) -> str:
    return value if value and value[0].isdigit() else "~" + (value or "~")


def _grams(text: str, n: int) -> set[str]:
    text = re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text))
    return {text[i : i + n] for i in range(max(1, len(text) - n + 1))} if text else set()


def _jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b or min(len(a), len(b)) < 0.5 * max(len(a), len(b)):
        return 0.0  # sizes this far apart cannot reach 0.5
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


# --------------------------------------------------------------- outputs


def write_outputs(digest: Digest, options: DigestOptions) -> list[Path]:
    from .report import digest_html, digest_markdown

    renderers = {
        "json": lambda: digest.model_dump_json(indent=2) + "\n",
        "md": lambda: digest_markdown(digest),
        "html": lambda: digest_html(digest),
    }
    written = []
    for fmt in options.formats:
        path = options.out_dir / f"digest-{digest.date}.{fmt}"
        atomic_write(path, renderers[fmt]())
        written.append(path)
    return written


def atomic_write(path: Path, text: str) -> None:
    """Write beside the target, fsync, rename: readers see the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
