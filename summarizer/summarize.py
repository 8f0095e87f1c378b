"""The library entry point: article in, grounded ``SummaryRecord`` out."""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .clean import clean
from .config import Settings
from .ground import ground, problems_for_reask
from .llm import ChatClient, ModelError
from .load import InputError, load_article
from .prompt import DEFAULT_ARTICLE_CHARS, build_messages, load_template
from .schema import SCHEMA_VERSION, Article, ArticleRef, Meta, ModelSummary, SummaryRecord

Source = str | Path | bytes | Article
LOCAL_TIMEOUT = 900.0


@dataclass
class Failure:
    """One input that could not be summarised, and why."""

    source: str
    error: str
    attempts: int = 0


class Summarizer:
    """Summarise articles through any OpenAI-compatible endpoint.

    With no ``base_url``/``api_key`` (argument or ``OPENAI_*`` environment),
    the embedded model is served on 127.0.0.1 for the life of this object:
    use it as a context manager, or call :meth:`close`.
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
        self.max_article_chars = max_article_chars
        self.local_model = local_model
        self.on_status = on_status
        self.template = load_template()
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
    def summarize(self, source: Source) -> SummaryRecord:
        """Summarise one article (a path, raw bytes, plain text or a cleaned Article)."""
        article, client, messages = self._request(source)
        started = time.monotonic()
        result = client.structured(messages, ModelSummary, self._validator(article), self.settings.max_tokens)
        return self._record(article, result, time.monotonic() - started)

    async def asummarize(self, source: Source) -> SummaryRecord:
        article, result, latency = await self.afetch(source)
        return self.finish(article, result, latency)

    async def afetch(self, source: Source) -> tuple[Article, Any, float]:
        """The network half of :meth:`asummarize`: the model's validated answer."""
        article, client, messages = self._request(source)
        started = time.monotonic()
        result = await client.astructured(
            messages, ModelSummary, self._validator(article), self.settings.max_tokens
        )
        return article, result, time.monotonic() - started

    def finish(self, article: Article, result: Any, latency: float) -> SummaryRecord:
        """The local half: grounding and the record (CPU only, no I/O)."""
        return self._record(article, result, latency)

    def max_concurrency(self, wanted: int) -> int:
        """The embedded server is serial: more requests in flight would only queue."""
        return 1 if self._local is not None else max(1, wanted)

    def model_identity(self) -> str:
        """The model as the cache knows it, without starting anything."""
        if self.settings.uses_remote or self._client is not None:
            return self.model_label
        from .local import model_label, resolve_model

        return model_label(resolve_model(self.local_model))

    def run_async(self, coroutine: Any) -> Any:
        """Run a coroutine that uses :meth:`asummarize`, closing the async client after."""
        self.start()

        async def wrapped() -> Any:
            try:
                return await coroutine
            finally:
                if self._client is not None:
                    await self._client.aclose()

        return asyncio.run(wrapped())

    def summarize_many(
        self,
        items: Iterable[Source],
        concurrency: int = 4,
        on_done: Callable[[SummaryRecord | Failure], None] | None = None,
    ) -> list[SummaryRecord | Failure]:
        """Summarise many inputs concurrently; a failure never loses the others."""
        return self.run_async(self._amany(list(items), concurrency, on_done))

    async def _amany(
        self,
        items: list[Source],
        concurrency: int,
        on_done: Callable[[SummaryRecord | Failure], None] | None,
    ) -> list[SummaryRecord | Failure]:
        gate = asyncio.Semaphore(self.max_concurrency(concurrency))

        async def one(item: Source) -> SummaryRecord | Failure:
            async with gate:
                try:
                    out: SummaryRecord | Failure = await self.asummarize(item)
                except ModelError as exc:
                    out = Failure(_describe(item), str(exc), exc.attempts)
                except InputError as exc:
                    out = Failure(_describe(item), str(exc))
                except Exception as exc:  # a bug or an SDK surprise must not sink the batch
                    out = Failure(_describe(item), f"{type(exc).__name__}: {exc}")
                if on_done:
                    on_done(out)
                return out

        return list(await asyncio.gather(*(one(item) for item in items)))

    # -- pieces ------------------------------------------------------------------
    def _request(self, source: Source) -> tuple[Article, ChatClient, list[dict[str, str]]]:
        article = self.prepare(source)
        return article, self.start(), self.messages(article)

    def messages(self, article: Article) -> list[dict[str, str]]:
        """The chat messages for one article (what the Batch API path uploads)."""
        return build_messages(article, language=self.language,
                              max_article_chars=self.max_article_chars, template=self.template)

    def from_reply(self, article: Article, result: Any, latency: float) -> SummaryRecord:
        """Merge, ground and record a model reply obtained elsewhere (a batch output line)."""
        return self._record(article, result, latency)

    @staticmethod
    def prepare(source: Source) -> Article:
        if isinstance(source, Article):
            return source
        if isinstance(source, bytes | Path):
            return clean(load_article(source))
        if source == "-" or (len(source) < 4096 and "\n" not in source and os.path.exists(source)):
            return clean(load_article(source))
        if not source.strip():
            raise InputError("empty text")
        return clean(source)

    def _validator(self, article: Article) -> Callable[[ModelSummary], list[str]] | None:
        if not self.strict:
            return None
        return lambda proposed: problems_for_reask(article, proposed)

    def _record(self, article: Article, result: Any, latency: float) -> SummaryRecord:
        report = ground(article, result.value)
        meta = Meta(
            model=self.model_label,
            endpoint=self.settings.endpoint,
            mode=result.mode,
            prompt_version=self.template.version,
            prompt_sha256=self.template.sha256,
            schema_version=SCHEMA_VERSION,
            attempts=result.attempts.requests,
            usage=result.attempts.usage,
            latency_s=round(latency, 3),
            warnings=[*article.warnings, *result.attempts.log, *report.warnings],
            dropped=report.dropped,
        )
        ref = ArticleRef(**article.model_dump(include={"id", "path", "sha256", "title", "source", "published"}))
        return SummaryRecord(article=ref, summary=report.summary, meta=meta)


def _describe(item: Source) -> str:
    if isinstance(item, Article):
        return item.path
    if isinstance(item, bytes):
        return "<bytes>"
    text = str(item)
    return text if len(text) < 200 else text[:60] + "…"
