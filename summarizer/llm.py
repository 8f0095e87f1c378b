"""Model client: structured output over any OpenAI-compatible endpoint.

* A **mode ladder** picks how to ask for JSON: ``json_schema`` (strict, what
  OpenAI wants) → ``json_object`` with ``schema`` (what llama.cpp's server
  accepts) → plain ``json_object`` → prompt-only. ``auto`` walks down the
  ladder on the first "unsupported" answer and remembers the winner per
  endpoint for the rest of the run.
* **tenacity** retries transient failures (429 honouring Retry-After, 5xx,
  timeouts, connection errors) with exponential backoff and jitter. The SDK's
  own retries are switched off (``max_retries=0``) so the two never multiply.
* **Re-ask**: invalid JSON, a schema violation or ``finish_reason=length``
  is answered with the errors and a request to try again, a bounded number
  of times. Every request counts against one per-article budget, and every
  response's tokens are counted. When only the caller's own checks (grounding)
  still fail after the re-asks, the last schema-valid answer is returned with
  its problems listed, so a paid answer is never thrown away.
* **Parameter fixes**: an endpoint that rejects a request *parameter* (OpenAI's
  reasoning models want ``max_completion_tokens`` instead of ``max_tokens`` and
  accept no ``temperature``) is told apart from one that rejects the
  ``response_format``; the parameter is renamed or dropped, the request is sent
  again, and the fix is remembered per endpoint for the run.
* **Logging**: one line per request attempt on the ``summarizer.llm`` logger
  (endpoint host, mode, status, tokens, seconds, and why it is retried or
  re-asked). The API key is never logged.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import logging
import random
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar
from urllib.parse import urlsplit

from pydantic import BaseModel, ValidationError
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
)

from .config import Settings
from .schema import Usage
from .structured import MODES, parse_json, response_format

T = TypeVar("T", bound=BaseModel)
log = logging.getLogger(__name__)

_UNSUPPORTED = re.compile(r"response_format|json_schema|json_object|schema|not supported|unsupported",
                          re.IGNORECASE)
# "Unsupported parameter: 'max_tokens' …" / "Unsupported value: 'temperature' does not support 0 …"
_UNSUPPORTED_PARAMETER = re.compile(
    r"unsupported (?:parameter|value)s?\W+'?\"?(\w+)|'?(\w+)'? is not supported with this model",
    re.IGNORECASE)
_USE_INSTEAD = re.compile(r"use\W+'?\"?(\w+)'?\"?\s+instead", re.IGNORECASE)
# Parameters a request can go without: the server's own default is then used.
DROPPABLE_PARAMETERS = ("temperature", "top_p", "seed", "presence_penalty", "frequency_penalty")
RENAMED_PARAMETERS = {"max_tokens": "max_completion_tokens"}


class ModelError(RuntimeError):
    """The model could not produce a valid answer within the budget."""

    def __init__(self, message: str, attempts: int = 0, usage: Usage | None = None) -> None:
        super().__init__(message)
        self.attempts = attempts
        self.usage = usage or Usage()  # tokens spent before giving up still cost money


class BudgetExhausted(ModelError):
    pass


class UnsupportedMode(Exception):
    pass


class UnsupportedParameter(Exception):
    """The endpoint rejected one request parameter (not the response format)."""

    def __init__(self, parameter: str, replacement: str | None) -> None:
        super().__init__(parameter)
        self.parameter = parameter
        self.replacement = replacement


@dataclass
class Attempts:
    """Per-article accounting, shared by retries and re-asks."""

    budget: int
    requests: int = 0
    usage: Usage = field(default_factory=Usage)
    log: list[str] = field(default_factory=list)

    def take(self) -> None:
        if self.requests >= self.budget:
            raise BudgetExhausted(f"gave up after {self.requests} requests")
        self.requests += 1


@dataclass
class StructuredResult:
    value: Any
    raw: str
    mode: str
    attempts: Attempts
    # The caller's own checks that still failed after the re-asks (empty when clean).
    problems: list[str] = field(default_factory=list)


# Requests in flight per connection pool before another pool is opened (see ChatClient.apost).
POOL_IN_FLIGHT = 8


@dataclass
class _Pool:
    client: Any
    in_flight: int = 0


class ChatClient:
    """One endpoint, one model; sync and async calls share all the logic."""

    # Remembered across clients for the life of the process: endpoint → mode.
    _mode_memory: ClassVar[dict[str, str]] = {}
    # Endpoint → {parameter: replacement name, or None to leave it out}.
    _parameter_memory: ClassVar[dict[str, dict[str, str | None]]] = {}

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._sync: Any = None
        self._pools: list[_Pool] = []

    # -- clients -----------------------------------------------------------
    def _client_kwargs(self) -> dict[str, Any]:
        return {
            "api_key": self.settings.api_key or "sk-no-key-required",
            "base_url": self.settings.base_url,
            "timeout": self.settings.timeout,
            "max_retries": 0,  # tenacity owns retries
        }

    def sync_client(self) -> Any:
        if self._sync is None:
            from openai import OpenAI

            self._sync = OpenAI(**self._client_kwargs())
        return self._sync

    async def apost(self, body: dict[str, Any]) -> Any:
        """One chat completion on the least busy connection pool.

        A pool checks every idle connection's socket each time a request starts or ends, so
        one pool serving 64 requests in flight spends more CPU on that bookkeeping than on the
        request itself. Requests are spread over pools of about :data:`POOL_IN_FLIGHT` each; a
        serial server (the embedded one) only ever needs the first."""
        pool = min(self._pools, key=lambda p: p.in_flight, default=None)
        if pool is None or pool.in_flight >= POOL_IN_FLIGHT:
            from openai import AsyncOpenAI

            pool = _Pool(AsyncOpenAI(**self._client_kwargs(), **self._async_transport()))
            self._pools.append(pool)
        pool.in_flight += 1
        try:
            return Completion.read(await pool.client.post("/chat/completions", body=body, cast_to=object))
        finally:
            pool.in_flight -= 1

    def _async_transport(self) -> dict[str, Any]:
        """aiohttp under the SDK's HTTP interface: about a third less CPU per request than
        httpcore's connections, which a night of thousands of requests feels. aiohttp refuses
        credentials in the URL beside the key's Authorization header, so such an endpoint
        keeps the SDK's default transport."""
        from urllib.parse import urlsplit

        from openai import DefaultAioHttpClient

        url = urlsplit(self.settings.base_url or "")
        if url.username or url.password:
            return {}
        return {"http_client": DefaultAioHttpClient()}

    @property
    def pools(self) -> int:
        """Connection pools opened by :meth:`apost` so far (until :meth:`aclose`)."""
        return len(self._pools)

    def close(self) -> None:
        if self._sync is not None:
            self._sync.close()
            self._sync = None

    async def aclose(self) -> None:
        pools, self._pools = self._pools, []
        for pool in pools:
            await pool.client.close()

    @property
    def mode(self) -> str:
        if self.settings.mode != "auto":
            return self.settings.mode
        return self._mode_memory.get(self._endpoint_key(), MODES[0])

    def remember_mode(self, mode: str) -> None:
        """Pre-select the ladder rung for this endpoint (known server behaviour)."""
        self._mode_memory[self._endpoint_key()] = mode

    def _endpoint_key(self) -> str:
        return f"{self.settings.base_url}|{self.settings.model}"

    @property
    def host(self) -> str:
        """The endpoint's host (and port), safe to log."""
        return urlsplit(self.settings.endpoint).netloc or self.settings.endpoint

    def request_parameters(self, max_tokens: int) -> dict[str, Any]:
        """Sampling parameters as this endpoint accepts them (after any remembered fix)."""
        params: dict[str, Any] = {"temperature": 0, "max_tokens": max_tokens}
        for name, replacement in self._parameter_memory.get(self._endpoint_key(), {}).items():
            if name not in params:
                continue
            value = params.pop(name)
            if replacement:
                params[replacement] = value
        return params

    def _remember_parameter_fix(self, parameter: str, replacement: str | None) -> bool:
        """Record a fix for a rejected parameter; False when there is nothing left to fix."""
        fixes = self._parameter_memory.setdefault(self._endpoint_key(), {})
        if parameter in fixes:
            return False
        fixes[parameter] = replacement
        return True

    # -- public API ----------------------------------------------------------
    def structured(
        self,
        messages: list[dict[str, str]],
        model: type[T],
        validate: Callable[[T], list[str]] | None = None,
        max_tokens: int = 600,
    ) -> StructuredResult:
        """Blocking call. Inside a running event loop (a notebook, a web app) it runs in a worker
        thread, so it still works; :meth:`astructured` is the better choice there."""

        async def send(**kwargs: Any) -> Any:
            return Completion.read(self.sync_client().post("/chat/completions", body=kwargs, cast_to=object))

        return run_blocking(self._structured(send, messages, model, validate, max_tokens))

    async def astructured(
        self,
        messages: list[dict[str, str]],
        model: type[T],
        validate: Callable[[T], list[str]] | None = None,
        max_tokens: int = 600,
    ) -> StructuredResult:
        async def send(**kwargs: Any) -> Any:
            return await self.apost(kwargs)

        return await self._structured(send, messages, model, validate, max_tokens)

    # -- core ------------------------------------------------------------------
    async def _structured(
        self,
        send: Callable[..., Awaitable[Any]],
        messages: list[dict[str, str]],
        model: type[T],
        validate: Callable[[T], list[str]] | None,
        max_tokens: int,
    ) -> StructuredResult:
        attempts = Attempts(budget=self.settings.max_requests)
        conversation = list(messages)
        problems: list[str] = []
        best: StructuredResult | None = None  # the last schema-valid answer the caller still objects to
        for round_number in range(self.settings.max_reasks + 1):
            try:
                content, finish, mode = await self._complete(send, conversation, model, max_tokens, attempts)
            except ModelError:
                if best is not None:  # the budget ran out during a re-ask: keep what was paid for
                    return best
                raise
            value, problems, valid = self._check(content, finish, model, validate)
            if not problems:
                return StructuredResult(value, content, mode, attempts)
            if valid:
                best = StructuredResult(value, content, mode, attempts, problems=list(problems))
            attempts.log.append("; ".join(problems))
            if round_number < self.settings.max_reasks:
                log.info("%s re-ask %d: %s", self.host, round_number + 1, "; ".join(problems)[:300])
            conversation = [
                *messages,
                {"role": "assistant", "content": content[:4000]},
                {"role": "user", "content": reask_message(problems)},
            ]
        if best is not None:
            log.info("%s keeping the last valid answer with %d problem(s)", self.host, len(best.problems))
            return best
        raise ModelError(
            f"no valid answer after {attempts.requests} requests: {'; '.join(problems)}", attempts.requests,
            attempts.usage,
        )

    def _check(
        self,
        content: str,
        finish: str | None,
        model: type[T],
        validate: Callable[[T], list[str]] | None,
    ) -> tuple[Any, list[str], bool]:
        """(value, problems, schema-valid): the caller's problems do not make a reply invalid."""
        if finish == "length":
            return None, ["the answer was cut off (too long): keep every quote under 40 characters"], False
        try:
            data = parse_json(content)
        except (json.JSONDecodeError, ValueError) as exc:
            return None, [f"not valid JSON ({exc.msg if hasattr(exc, 'msg') else exc})"], False
        try:
            value = model.model_validate(data)
        except ValidationError as exc:
            return None, [
                f"{'.'.join(str(p) for p in err['loc']) or 'root'}: {err['msg']}"
                for err in exc.errors()[:6]
            ], False
        return value, (validate(value) if validate else []), True

    async def _complete(
        self,
        send: Callable[..., Awaitable[Any]],
        messages: list[dict[str, str]],
        model: type[BaseModel],
        max_tokens: int,
        attempts: Attempts,
    ) -> tuple[str, str | None, str]:
        """One logical request: mode ladder outside, transient retries inside."""
        ladder = MODES[MODES.index(self.mode) :] if self.settings.mode == "auto" else (self.mode,)
        last_error: Exception | None = None
        for mode in ladder:
            try:
                response = await self._send_fixing_parameters(send, messages, model, mode, max_tokens, attempts)
            except UnsupportedMode as exc:
                last_error = exc
                attempts.log.append(f"mode {mode} unsupported by endpoint")
                continue
            except BudgetExhausted:
                raise ModelError(
                    f"gave up after {attempts.requests} requests: {attempts.log[-1:]}", attempts.requests,
                    attempts.usage,
                ) from None
            except ModelError:
                raise
            except Exception as exc:  # the SDK's errors, after retries where they are transient
                verb = "gave up after" if is_transient(exc) else "failed on"
                raise ModelError(
                    f"{verb} request {attempts.requests}: {type(exc).__name__}: {str(exc)[:200]}",
                    attempts.requests,
                    attempts.usage,
                ) from None
            if self.settings.mode == "auto":
                self._mode_memory[self._endpoint_key()] = mode
            return response.content or "", response.finish_reason, mode
        raise ModelError(
            f"endpoint accepts none of the structured-output modes ({last_error})", attempts.requests
        )

    async def _send_fixing_parameters(
        self,
        send: Callable[..., Awaitable[Any]],
        messages: list[dict[str, str]],
        model: type[BaseModel],
        mode: str,
        max_tokens: int,
        attempts: Attempts,
    ) -> Any:
        """Send; when the endpoint rejects a parameter, rename or drop it and send again."""
        while True:
            try:
                return await self._send_with_retries(send, messages, model, mode, max_tokens, attempts)
            except UnsupportedParameter as exc:
                if not self._remember_parameter_fix(exc.parameter, exc.replacement):
                    raise ModelError(
                        f"endpoint rejects parameter {exc.parameter!r} even after adjusting it",
                        attempts.requests, attempts.usage,
                    ) from None
                change = f"renamed to {exc.replacement}" if exc.replacement else "left out"
                attempts.log.append(f"parameter {exc.parameter} unsupported by endpoint: {change}")
                log.info("%s rejects parameter %s: %s from now on", self.host, exc.parameter, change)

    async def _send_with_retries(
        self,
        send: Callable[..., Awaitable[Any]],
        messages: list[dict[str, str]],
        model: type[BaseModel],
        mode: str,
        max_tokens: int,
        attempts: Attempts,
    ) -> Any:
        kwargs: dict[str, Any] = {
            "model": self.settings.model,
            "messages": messages,
            **self.request_parameters(max_tokens),
        }
        fmt = response_format(mode, model)
        if fmt is not None:
            kwargs["response_format"] = fmt
        retrying = AsyncRetrying(
            retry=retry_if_exception(is_transient),
            wait=_wait_honouring_retry_after(self.settings.backoff_max),
            stop=stop_after_attempt(self.settings.max_requests),
            reraise=True,
        )
        async for attempt in retrying:
            with attempt:
                attempts.take()
                started = time.monotonic()
                try:
                    response = await send(**kwargs)
                except Exception as exc:
                    seconds = time.monotonic() - started
                    rejected = unsupported_parameter(exc)
                    if rejected is not None:
                        self._log_attempt(mode, exc, 0, seconds, f"unsupported parameter {rejected[0]}")
                        raise UnsupportedParameter(*rejected) from exc
                    if _is_unsupported_mode(exc, mode):
                        self._log_attempt(mode, exc, 0, seconds, "mode unsupported, next rung")
                        raise UnsupportedMode(str(exc)[:200]) from exc
                    attempts.log.append(f"{type(exc).__name__} after {seconds:.1f}s")
                    self._log_attempt(mode, exc, 0, seconds, "retrying" if is_transient(exc) else "giving up")
                    raise
                attempts.usage.add(response.usage)
                self._log_attempt(mode, None, response.usage.total_tokens, time.monotonic() - started, "")
                if response.content is None and response.finish_reason is None:
                    raise ModelError("response has no choices")
                return response
        raise ModelError("unreachable")  # pragma: no cover


    def _log_attempt(self, mode: str, exc: BaseException | None, tokens: int, seconds: float, note: str) -> None:
        """One line per request attempt; the message never holds the key, only the host."""
        status = "200" if exc is None else str(getattr(exc, "status_code", "") or type(exc).__name__)
        level = logging.INFO if exc is None else logging.WARNING
        log.log(level, "request host=%s model=%s mode=%s status=%s tokens=%d seconds=%.2f%s",
                self.host, self.settings.model, mode, status, tokens, seconds, f" ({note})" if note else "")


def run_blocking(coroutine: Awaitable[T]) -> T:
    """``asyncio.run`` that also works when the caller is already inside a running loop:
    the coroutine then runs on its own loop in a worker thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)  # type: ignore[arg-type]
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()  # type: ignore[arg-type]


def unsupported_parameter(exc: BaseException) -> tuple[str, str | None] | None:
    """(parameter, replacement or None) when an HTTP 400 rejects a request parameter.

    A rejected ``response_format`` is not a parameter problem: the mode ladder handles it."""
    import openai

    if not isinstance(exc, openai.APIStatusError) or exc.status_code not in (400, 422):
        return None
    body = exc.body if isinstance(exc.body, dict) else {}
    error = body.get("error", body) if isinstance(body.get("error", body), dict) else {}
    message = str(error.get("message") or exc.message or "")
    parameter = error.get("param")
    match = _UNSUPPORTED_PARAMETER.search(message)
    if not parameter and match:
        parameter = match.group(1) or match.group(2)
    if not parameter or not isinstance(parameter, str) or parameter.startswith("response_format"):
        return None
    if not (match or error.get("code") in ("unsupported_parameter", "unsupported_value")):
        return None
    suggested = _USE_INSTEAD.search(message)
    replacement = suggested.group(1) if suggested else RENAMED_PARAMETERS.get(parameter)
    if replacement is None and parameter not in DROPPABLE_PARAMETERS:
        return None
    return parameter, replacement


def reask_message(problems: list[str]) -> str:
    listed = "\n".join(f"- {p}" for p in problems[:8])
    return (
        "Your answer cannot be used:\n"
        f"{listed}\n"
        "Reply again with only the corrected JSON object. Copy every name, evidence and "
        "date_phrase exactly from the article, or leave the item out."
    )


def is_transient(exc: BaseException) -> bool:
    import openai

    if isinstance(exc, openai.APITimeoutError | openai.APIConnectionError | openai.RateLimitError):
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code >= 500 or exc.status_code in (408, 409, 425)
    return False


def _is_unsupported_mode(exc: Exception, mode: str) -> bool:
    import openai

    if mode == "prompt" or not isinstance(exc, openai.APIStatusError):
        return False
    if exc.status_code not in (400, 404, 415, 422, 500, 501):
        return False
    return bool(_UNSUPPORTED.search(str(exc)))


def _retry_after(exc: BaseException | None) -> float | None:
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if not headers:
        return None
    for key in ("retry-after-ms", "retry-after"):
        value = headers.get(key)
        if value is None:
            continue
        try:
            seconds = float(value)
        except ValueError:
            continue
        return seconds / 1000 if key.endswith("-ms") else seconds
    return None


@dataclass(frozen=True)
class Completion:
    """What a chat completion answers that a summary uses: the first choice's text and why it
    ended, and the tokens spent.

    Requests go through the client's documented ``post`` (the SDK's retries off, its errors and
    status handling kept) rather than ``chat.completions.create``: the body is plain JSON already,
    and ``create`` re-walks every message against its TypedDicts on each request. The answer is
    taken as the JSON the SDK parsed (``cast_to=object``) instead of being built into its
    ``ChatCompletion`` model, a walk over every field that cost a tenth of a night's local CPU."""

    content: str | None
    finish_reason: str | None
    usage: Usage

    @classmethod
    def read(cls, data: Any) -> Completion:
        body = data if isinstance(data, dict) else {}
        choices = body.get("choices")
        choice = choices[0] if isinstance(choices, list) and choices and isinstance(choices[0], dict) else {}
        message = choice.get("message") if isinstance(choice.get("message"), dict) else {}
        content = message.get("content")
        usage = body.get("usage") if isinstance(body.get("usage"), dict) else {}

        def count(key: str) -> int:
            value = usage.get(key)
            return value if isinstance(value, int) and value >= 0 else 0

        return cls(content=content if isinstance(content, str) else None,
                   finish_reason=choice.get("finish_reason") if isinstance(choice.get("finish_reason"), str) else None,
                   usage=Usage(prompt_tokens=count("prompt_tokens"), completion_tokens=count("completion_tokens"),
                               total_tokens=count("total_tokens")))


def backoff(maximum: float) -> Callable[[RetryCallState], float]:
    """Exponential backoff with jitter: 0.5 s, 1 s, 2 s … up to ``maximum``, plus up to 0.5 s
    (never more than ``maximum`` itself, so a small cap really bounds the wait).

    Written out rather than taken from ``wait_exponential_jitter``, whose arguments differ
    between tenacity releases (``initial`` in older ones, ``multiplier`` in newer ones)."""

    def wait(state: RetryCallState) -> float:
        return min(maximum, 0.5 * 2 ** max(0, state.attempt_number - 1)) + random.uniform(0, min(0.5, maximum))

    return wait


def _wait_honouring_retry_after(maximum: float) -> Callable[[RetryCallState], float]:
    exponential = backoff(maximum)

    def wait(state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        hinted = _retry_after(exc)
        if hinted is not None:
            return min(max(hinted, 0.0), max(maximum, 60.0))
        return exponential(state)

    return wait
