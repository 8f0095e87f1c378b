"""The OpenAI Batch API path for large nightly runs: half the price, hours of latency.

JSONL upload → batch create → **record the batch in the state** → poll →
download → map each line back to its article by ``custom_id`` (the cache key)
→ validate and ground exactly as the online path does. A line that fails is
recorded as failed in the state and is retried on the next run; nothing is
re-asked inside a batch.

Paid work is never bought twice: the batch id is saved before the first poll,
so a run that is killed (or gives up at its deadline) while waiting resumes
the *same* batch next time. Files and Batches calls are retried on transient
errors like chat requests are. With a token budget, articles are admitted by
an upper-bound estimate (prompt characters + the answer cap) and the rest are
skipped, since a batch cannot be stopped half-way once submitted.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import ValidationError
from tenacity import Retrying, retry_if_exception, stop_after_attempt

from .llm import Attempts, StructuredResult, backoff, is_transient
from .schema import ModelSummary, Usage
from .structured import parse_json, response_format

TERMINAL = {"completed", "failed", "expired", "cancelled"}
DEFAULT_DEADLINE_SECONDS = 24 * 3600.0
log = logging.getLogger(__name__)
R = TypeVar("R")


def batch_mode(mode: str) -> str:
    """Batches cannot walk the mode ladder; ``auto`` means OpenAI's strict json_schema."""
    return "json_schema" if mode == "auto" else mode


def request_line(summarizer, job) -> dict[str, Any]:
    """One JSONL line: the same messages and parameters the online path sends."""
    settings = summarizer.settings
    fmt = response_format(batch_mode(settings.mode), ModelSummary)
    body: dict[str, Any] = {
        "model": settings.model,
        "messages": summarizer.messages(job.articles[0]),
        # With any parameter fix this endpoint needed online (max_completion_tokens, no temperature).
        **summarizer.start().request_parameters(settings.max_tokens),
    }
    if fmt is not None:
        body["response_format"] = fmt
    return {"custom_id": job.key, "method": "POST", "url": "/v1/chat/completions", "body": body}


def build_lines(summarizer, jobs: list) -> str:
    return "".join(json.dumps(request_line(summarizer, job), ensure_ascii=False) + "\n" for job in jobs)


def estimated_tokens(line: dict[str, Any]) -> int:
    """An upper bound on what a line can cost: one token per prompt character, plus the answer cap.
    (CJK text is close to one token per character; Latin text is well under.)"""
    body = line["body"]
    prompt = sum(len(m.get("content") or "") for m in body["messages"])
    return prompt + int(body.get("max_tokens") or body.get("max_completion_tokens") or 0)


def run_batch(summarizer, jobs: list, state, progress, options, on_progress) -> None:
    client = summarizer.start().sync_client()
    poll = float(os.environ.get("SUMMARIZER_BATCH_POLL", "30"))
    deadline_seconds = options.batch_deadline or float(
        os.environ.get("SUMMARIZER_BATCH_DEADLINE", DEFAULT_DEADLINE_SECONDS))
    started = time.monotonic()
    deadline = started + deadline_seconds
    by_key = {job.key: job for job in jobs}
    mode = batch_mode(summarizer.settings.mode)
    cap = summarizer.settings.backoff_max

    def collect(batch: Any) -> None:
        outputs = _download(client, batch, cap)
        for key in _batch_keys(state, batch.id):
            job = by_key.pop(key, None)
            if job is not None:
                _settle(summarizer, job, outputs.get(key), mode, batch.status, state, progress, started,
                        on_progress)
        state.set_batch_status(batch.id, "collected" if batch.status == "completed" else batch.status)

    # 1. Batches an earlier run submitted and never collected: resume them first.
    for entry in state.open_batches():
        if not by_key.keys() & set(entry.keys):
            continue
        log.info("resuming batch %s (%d articles)", entry.id, len(entry.keys))
        batch = _wait_for(client, entry.id, state, poll, deadline, cap)
        if batch is None:
            _still_running(by_key, entry.keys, entry.id, progress, on_progress)
            return
        collect(batch)

    # 2. What is left goes into one new batch, within the token budget.
    lines, spent = [], progress.tokens
    for job in list(by_key.values()):
        line = request_line(summarizer, job)
        cost = estimated_tokens(line)
        if options.budget_tokens is not None and spent + cost > options.budget_tokens:
            job.skipped = True
            progress.skipped += len(job.articles)
            del by_key[job.key]
            continue
        spent += cost
        lines.append(line)
    if not lines:
        _notify(on_progress, progress)
        return
    payload = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines).encode("utf-8")
    uploaded = _retry(lambda: client.files.create(file=("digest.jsonl", payload), purpose="batch"), cap)
    batch = _retry(lambda: client.batches.create(input_file_id=uploaded.id, endpoint="/v1/chat/completions",
                                                 completion_window="24h"), cap)
    keys = [line["custom_id"] for line in lines]
    state.save_batch(batch.id, uploaded.id, keys, batch.status)
    log.info("submitted batch %s (%d articles, input file %s)", batch.id, len(keys), uploaded.id)
    submitted = batch.id
    batch = _wait_for(client, submitted, state, poll, deadline, cap, first=batch)
    if batch is None:
        _still_running(by_key, keys, submitted, progress, on_progress)
        return
    collect(batch)


def _batch_keys(state, batch_id: str) -> list[str]:
    for entry in state.open_batches():
        if entry.id == batch_id:
            return entry.keys
    return []


def _wait_for(client, batch_id: str, state, poll: float, deadline: float, cap: float,
              first: Any = None) -> Any | None:
    """Poll until the batch is terminal; None when the deadline passes first (it stays open in the state)."""
    batch = first if first is not None else _retry(lambda: client.batches.retrieve(batch_id), cap)
    while batch.status not in TERMINAL:
        state.set_batch_status(batch_id, batch.status)
        if time.monotonic() + poll > deadline:
            log.warning("batch %s still %s at the deadline; the next run resumes it", batch_id, batch.status)
            return None
        time.sleep(poll)
        batch = _retry(lambda: client.batches.retrieve(batch_id), cap)
    return batch


def _download(client, batch: Any, cap: float) -> dict[str, dict]:
    outputs: dict[str, dict] = {}
    for file_id in (batch.output_file_id, batch.error_file_id):
        if file_id:
            text = _retry(lambda file_id=file_id: client.files.content(file_id).text, cap)
            for line in text.splitlines():
                if line.strip():
                    entry = json.loads(line)
                    outputs[entry["custom_id"]] = entry
    return outputs


def _settle(summarizer, job, entry, mode, batch_status, state, progress, started, on_progress) -> None:
    article = job.articles[0]
    result, error = _result(entry, mode, batch_status)
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
    _notify(on_progress, progress)


def _still_running(by_key: dict, keys: list[str], batch_id: str, progress, on_progress) -> None:
    """Past the deadline: the articles are reported as failed for tonight, not as lost —
    the batch stays recorded and the next run collects it without paying again."""
    for key in keys:
        job = by_key.pop(key, None)
        if job is not None:
            job.error = f"batch {batch_id} still running at the deadline; the next run collects it"
            progress.failed += len(job.articles)
    for job in by_key.values():
        job.skipped = True
        progress.skipped += len(job.articles)
    by_key.clear()
    _notify(on_progress, progress)


def _retry(call: Callable[[], R], cap: float) -> R:
    """Files and Batches calls get the chat path's treatment of transient errors (and its
    longest wait, ``backoff_max``)."""
    for attempt in Retrying(retry=retry_if_exception(is_transient), stop=stop_after_attempt(5),
                            wait=backoff(cap), reraise=True):
        with attempt:
            return call()
    raise RuntimeError("unreachable")  # pragma: no cover


def _notify(callback, progress) -> None:
    if callback:
        callback(progress)


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
