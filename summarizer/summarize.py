"""The library entry point: article in, grounded ``SummaryRecord`` out.

One article's trip: load → clean → candidates → prompt → llm → merge →
ground → record. Each stage is its own module; this one only wires them and
owns the backend's lifecycle (the embedded server is started on first use
and stopped by :meth:`Summarizer.close`).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import copy
import inspect
import os
import time
from collections.abc import Callable, Coroutine, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from .candidates import Candidates, collect_candidates
from .clean import clean
from .config import Settings
from .ground import ground
from .llm import ChatClient, ModelError
from .load import InputError, load_article
from .merge import merge
from .prompt import BARE_PROMPT_VERSION, DEFAULT_ARTICLE_CHARS, Prompt, build_prompt, load_template
from .record import Provenance, build_record
from .schema import Article, ModelReply, SummaryRecord

Source = str | Path | bytes | Article
LOCAL_TIMEOUT = 900.0
T = TypeVar("T")


@dataclass
class Failure:
    """One input that could not be summarised, and why; ``skipped``: never started (budget)."""

    source: str
    error: str
    attempts: int = 0
    tokens: int = 0
    skipped: bool = False


class Summarizer:
    """Summarise articles through any OpenAI-compatible endpoint.

    With no ``base_url``/``api_key`` (argument or ``OPENAI_*`` environment),
    the embedded model is served on 127.0.0.1 for the life of this object:
    use it as a (sync or async) context manager, or call :meth:`close`.
    ``rules=False`` is the model alone: no candidates offered, none added.
    """

    def __init__(
        self,
        *,
        model: str | None = None,
        base_url: str | None = None,
        api_key: str | None = None,
        mode: str | None = None,
        timeout: float | None = None,
        strict: bool = False,
        language: str = "source",
        rules: bool = True,
        max_reasks: int | None = None,
        max_requests: int | None = None,
        max_article_chars: int = DEFAULT_ARTICLE_CHARS,
        backoff_max: float | None = None,
        local_model: str | None = None,
        on_status: Callable[[str], None] | None = None,
    ) -> None:
        self.settings = Settings.from_env(
            model=model, base_url=base_url, api_key=api_key, mode=mode, timeout=timeout,
            max_reasks=max_reasks, max_requests=max_requests, backoff_max=backoff_max,
        )
        if language not in ("source", "zh", "en"):
            raise ValueError("language must be source, zh or en")
        self.strict = strict
        self.language = language
        self.rules = rules
        self.max_article_chars = max_article_chars
        self.local_model = local_model
        self.on_status = on_status
        self.template = load_template() if rules else load_template(BARE_PROMPT_VERSION)
        self._local: contextlib.ExitStack | None = None
        self._client: ChatClient | None = None
        self.model_label = self.settings.model

    # -- lifecycle ---------------------------------------------------------------
    def start(self) -> ChatClient:
        """Start the backend if needed (the embedded server) and return its client."""
        if self._client is not None:
            return self._client
        settings = self.settings
        if not settings.uses_remote:
            from .local import local_endpoint

            stack = contextlib.ExitStack()
            base_url, label = stack.enter_context(local_endpoint(self.local_model, self.on_status))
            self._local = stack
            # llama.cpp's server answers one request at a time on a CPU: queued requests must
            # not time out while they wait their turn.
            settings = Settings(**{**settings.__dict__, "base_url": base_url, "model": label.split("@")[0],
                                   "timeout": max(settings.timeout, LOCAL_TIMEOUT)})
            self.settings = settings
            self.model_label = label
        self._client = ChatClient(settings)
        if self._local is not None and settings.mode == "auto":
            # llama.cpp's server answers json_schema with HTTP 500; skip that rung.
            self._client.remember_mode("json_object_schema")
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        if self._local is not None:
            self._local.close()
            self._local = None

    async def aclose(self) -> None:
        """Close the async HTTP client, then everything :meth:`close` closes."""
        if self._client is not None:
            await self._client.aclose()
        self.close()

    def __enter__(self) -> Summarizer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    async def __aenter__(self) -> Summarizer:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    # -- public API --------------------------------------------------------------
    def summarize(self, source: Source | None = None, *, text: str | None = None) -> SummaryRecord:
        """Summarise one article: a path, raw bytes, an ``Article``, or raw ``text=``.

        Safe inside a running event loop (Jupyter, FastAPI): the work then runs in a
        worker thread; prefer :meth:`asummarize` there.
        """
        article = self.prepare(source, text=text)
        return self._run(self.asummarize(article))

    async def asummarize(self, source: Source | None = None, *, text: str | None = None) -> SummaryRecord:
        article = self.prepare(source, text=text)
        candidates = collect_candidates(article) if self.rules else None
        prompt = self._prompt(article, candidates)
        client = self.start()
        started = time.monotonic()
        result = await client.astructured(prompt.messages, ModelReply,
                                          self._validator(article, candidates, prompt), self.settings.max_tokens)
        return self._finish(article, candidates, prompt, result.value, self._provenance(result),
                            time.monotonic() - started)

    def summarize_many(
        self,
        items: Iterable[Source],
        concurrency: int = 4,
        on_done: Callable[[SummaryRecord | Failure], Any] | None = None,
        should_start: Callable[[], bool] | None = None,
    ) -> list[SummaryRecord | Failure]:
        """Summarise many inputs concurrently, results in input order; a failure never loses
        the others. ``should_start`` is asked before each article (False: skip it, e.g. a spent
        token budget); ``on_done`` is called as each one finishes (awaited if it is async)."""
        return self._run(self._amany(list(items), concurrency, on_done, should_start))

    def summarize_reply(self, source: Source, reply: ModelReply, *, model: str = "in-process") -> SummaryRecord:
        """Run a reply obtained without a request (a stand-in or the gold answer) through
        merge, grounding and the record, exactly as a model's reply would go."""
        article = self.prepare(source)
        candidates = collect_candidates(article) if self.rules else None
        prompt = self._prompt(article, candidates)
        provenance = Provenance(model=model, endpoint="in-process", mode="in-process")
        return self._finish(article, candidates, prompt, reply, provenance, 0.0)

    def without_rules(self) -> Summarizer:
        """The same backend and settings with no rule candidates offered or added (the
        ``model`` ablation). Shares this object's client; close this one, not the copy."""
        clone = copy.copy(self)
        clone.rules = False
        clone.template = load_template(BARE_PROMPT_VERSION)
        return clone

    def messages(self, article: Article) -> list[dict[str, str]]:
        """The chat messages for one article (what the Batch API path uploads)."""
        return self._prompt(article, collect_candidates(article) if self.rules else None).messages

    def from_reply(self, article: Article, result: Any, latency: float) -> SummaryRecord:
        """Merge, ground and record a reply obtained elsewhere (a batch output line)."""
        candidates = collect_candidates(article) if self.rules else None
        prompt = self._prompt(article, candidates)
        return self._finish(article, candidates, prompt, result.value, self._provenance(result), latency)

    def max_concurrency(self, wanted: int) -> int:
        """The embedded server is serial: more requests in flight would only queue."""
        return 1 if self._local is not None else max(1, wanted)

    def model_identity(self) -> str:
        """The model as the cache knows it, without starting anything."""
        if self.settings.uses_remote or self._client is not None:
            return self.model_label
        from .local import model_label, resolve_model

        return model_label(resolve_model(self.local_model))

    @staticmethod
    def prepare(source: Source | None = None, *, text: str | None = None) -> Article:
        """Load and clean one input. A string is a path (or ``-``); raw text goes in as ``text=``."""
        if text is not None:
            if not text.strip():
                raise InputError("empty text")
            return clean(text)
        if source is None:
            raise InputError("nothing to summarize: give a path, bytes, an Article or text=")
        if isinstance(source, Article):
            return source
        if isinstance(source, bytes | Path):
            return clean(load_article(source))
        if source == "-" or ("\n" not in source and len(source) < 4096):
            if source != "-" and not os.path.exists(source):
                raise InputError(f"{source}: no such file (pass raw text as text=...)")
            return clean(load_article(source))
        return clean(source)  # many lines: unmistakably text, not a path

    # -- pieces ------------------------------------------------------------------
    def _prompt(self, article: Article, candidates: Candidates | None) -> Prompt:
        return build_prompt(article, candidates, language=self.language,
                            max_article_chars=self.max_article_chars, template=self.template)

    def _finish(self, article: Article, candidates: Candidates | None, prompt: Prompt, reply: ModelReply,
                provenance: Provenance, latency: float) -> SummaryRecord:
        report = ground(article, merge(article, reply, candidates, prompt.offer))
        return build_record(article, report, self.template, provenance, latency)

    def _provenance(self, result: Any) -> Provenance:
        return Provenance(model=self.model_label, endpoint=self.settings.endpoint, mode=result.mode,
                          attempts=result.attempts.requests, usage=result.attempts.usage,
                          log=list(result.attempts.log), problems=list(getattr(result, "problems", []) or []))

    def _validator(self, article: Article, candidates: Candidates | None,
                   prompt: Prompt) -> Callable[[ModelReply], list[str]] | None:
        """Strict mode: what to tell the model instead of silently dropping."""
        if not self.strict:
            return None

        def problems(reply: ModelReply) -> list[str]:
            report = ground(article, merge(article, reply, candidates, prompt.offer))
            return [f"{_describe(d.item)}: {d.reason}" for d in report.dropped if "duplicate" not in d.reason]

        return problems

    def _run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """Run a coroutine to completion from sync code, inside a running loop or not."""
        self.start()

        async def wrapped() -> T:
            try:
                return await coroutine
            finally:
                if self._client is not None:
                    await self._client.aclose()  # the async client is bound to this loop

        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return asyncio.run(wrapped())
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as worker:
            return worker.submit(asyncio.run, wrapped()).result()

    async def _amany(
        self,
        items: list[Source],
        concurrency: int,
        on_done: Callable[[SummaryRecord | Failure], Any] | None,
        should_start: Callable[[], bool] | None,
    ) -> list[SummaryRecord | Failure]:
        gate = asyncio.Semaphore(self.max_concurrency(concurrency))

        async def one(item: Source) -> SummaryRecord | Failure:
            out: SummaryRecord | Failure
            try:
                out = await self.asummarize(item)
            except ModelError as exc:
                out = Failure(_describe(item), str(exc), exc.attempts, exc.usage.total_tokens)
            except InputError as exc:
                out = Failure(_describe(item), str(exc))
            except Exception as exc:  # a bug or an SDK surprise must not sink the batch
                out = Failure(_describe(item), f"{type(exc).__name__}: {exc}")
            finally:
                gate.release()
            await _notify(on_done, out)
            return out

        tasks: list[asyncio.Task[SummaryRecord | Failure] | SummaryRecord | Failure] = []
        for item in items:
            await gate.acquire()
            if should_start is not None and not should_start():
                gate.release()
                skipped = Failure(_describe(item), "skipped: token budget spent", skipped=True)
                await _notify(on_done, skipped)
                tasks.append(skipped)
                continue
            tasks.append(asyncio.create_task(one(item)))
        return [await t if isinstance(t, asyncio.Task) else t for t in tasks]


async def _notify(on_done: Callable[[Any], Any] | None, result: SummaryRecord | Failure) -> None:
    """Call ``on_done``; a coroutine function is awaited (a state write off the event loop)."""
    if on_done is not None:
        outcome = on_done(result)
        if inspect.isawaitable(outcome):
            await outcome


def _describe(item: Any) -> str:
    if isinstance(item, dict):
        return str(item.get("name") or item.get("text") or item.get("evidence") or item)
    if isinstance(item, Article):
        return item.path
    if isinstance(item, bytes):
        return "<bytes>"
    text = str(item)
    return text if len(text) < 200 else text[:60] + "…"

