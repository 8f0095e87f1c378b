"""The OpenAI Batch API path for large nightly runs: half the price, hours of latency.

JSONL upload → batch create → poll → download → map each line back to its
article by ``custom_id`` (the cache key) → validate and ground exactly as the
online path does. A line that fails is recorded as failed in the state and is
retried on the next run; nothing is re-asked inside a batch.
"""

from __future__ import annotations

import json
import os
import time
from typing import Any

from pydantic import ValidationError

from .llm import Attempts, StructuredResult
from .prompt import build_messages
from .schema import ModelSummary, Usage
from .structured import parse_json, response_format

TERMINAL = {"completed", "failed", "expired", "cancelled"}


def batch_mode(mode: str) -> str:
    """Batches cannot walk the mode ladder; ``auto`` means OpenAI's strict json_schema."""
    return "json_schema" if mode == "auto" else mode


def build_lines(summarizer, jobs: list) -> str:
    settings = summarizer.settings
    fmt = response_format(batch_mode(settings.mode), ModelSummary)
    lines = []
    for job in jobs:
        body: dict[str, Any] = {
            "model": settings.model,
            "messages": build_messages(job.articles[0], language=summarizer.language,
                                       max_article_chars=summarizer.max_article_chars,
                                       template=summarizer.template),
            "temperature": 0,
            "max_tokens": settings.max_tokens,
        }
        if fmt is not None:
            body["response_format"] = fmt
        lines.append(json.dumps({"custom_id": job.key, "method": "POST", "url": "/v1/chat/completions",
                                 "body": body}, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def run_batch(summarizer, jobs: list, state, progress, options, on_progress) -> None:
    client = summarizer.start().sync_client()
    poll = float(os.environ.get("SUMMARIZER_BATCH_POLL", "30"))
    uploaded = client.files.create(file=("digest.jsonl", build_lines(summarizer, jobs).encode("utf-8")),
                                   purpose="batch")
    batch = client.batches.create(input_file_id=uploaded.id, endpoint="/v1/chat/completions",
                                  completion_window="24h")
    started = time.monotonic()
    while batch.status not in TERMINAL:
        time.sleep(poll)
        batch = client.batches.retrieve(batch.id)
    outputs: dict[str, dict] = {}
    for file_id in (batch.output_file_id, batch.error_file_id):
        if file_id:
            for line in client.files.content(file_id).text.splitlines():
                if line.strip():
                    entry = json.loads(line)
                    outputs[entry["custom_id"]] = entry
    mode = batch_mode(summarizer.settings.mode)
    for job in jobs:
        article = job.articles[0]
        entry = outputs.get(job.key)
        result, error = _result(entry, mode, batch.status)
        if result is not None:
            job.record = summarizer.from_reply(article, result, time.monotonic() - started)
            state.done(job.key, job.record)
            progress.summarized += len(job.articles)
            progress.tokens += job.record.meta.usage.total_tokens
        else:
            job.error, job.attempts = error, 1
            state.failed(job.key, article.sha256, article.path, error or "no result", 1)
            progress.failed += len(job.articles)
        progress.last = article.id
        if on_progress:
            on_progress(progress)


def _result(entry: dict | None, mode: str, batch_status: str) -> tuple[StructuredResult | None, str | None]:
    if entry is None:
        return None, f"batch {batch_status}: no result for this article"
    response = entry.get("response") or {}
    if entry.get("error") or response.get("status_code", 200) >= 400:
        detail = entry.get("error") or response.get("body", {}).get("error") or response.get("status_code")
        return None, f"batch request failed: {detail}"
    body = response.get("body") or {}
    usage = body.get("usage") or {}
    attempts = Attempts(budget=1, requests=1, usage=Usage(
        prompt_tokens=usage.get("prompt_tokens", 0), completion_tokens=usage.get("completion_tokens", 0),
        total_tokens=usage.get("total_tokens", 0)))
    try:
        choice = body["choices"][0]
        content = choice["message"]["content"] or ""
        if choice.get("finish_reason") == "length":
            return None, "answer cut off (finish_reason=length); retried next run"
        value = ModelSummary.model_validate(parse_json(content))
    except (KeyError, IndexError, ValueError, ValidationError) as exc:
        return None, f"invalid answer in batch output: {str(exc)[:200]}"
    return StructuredResult(value=value, raw=content, mode=f"batch:{mode}", attempts=attempts), None
