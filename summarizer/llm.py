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
  response's tokens are counted.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel, ValidationError
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential_jitter,
)

from .config import Settings
from .schema import Usage
from .structured import MODES, parse_json, response_format

T = TypeVar("T", bound=BaseModel)

_UNSUPPORTED = re.compile(r"response_format|json_schema|json_object|schema|not supported|unsupported",
                          re.IGNORECASE)


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


class ChatClient:
    """One endpoint, one model; sync and async calls share all the logic."""

    # Remembered across clients for the life of the process: endpoint → mode.
    _mode_memory: ClassVar[dict[str, str]] = {}

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._sync: Any = None
        self._async: Any = None

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

    def async_client(self) -> Any:
        if self._async is None:
            from openai import AsyncOpenAI

            self._async = AsyncOpenAI(**self._client_kwargs())
        return self._async

    def close(self) -> None:
        if self._sync is not None:
            self._sync.close()
            self._sync = None

    async def aclose(self) -> None:
        if self._async is not None:
            await self._async.close()
            self._async = None

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

    # -- public API ----------------------------------------------------------
    def structured(
        self,
        messages: list[dict[str, str]],
        model: type[T],
        validate: Callable[[T], list[str]] | None = None,
        max_tokens: int = 600,
    ) -> StructuredResult:
        """Blocking call; use :meth:`astructured` inside an event loop."""

        async def send(**kwargs: Any) -> Any:
            return self.sync_client().chat.completions.create(**kwargs)

        return asyncio.run(self._structured(send, messages, model, validate, max_tokens))

    async def astructured(
        self,
        messages: list[dict[str, str]],
        model: type[T],
        validate: Callable[[T], list[str]] | None = None,
        max_tokens: int = 600,
    ) -> StructuredResult:
        async def send(**kwargs: Any) -> Any:
            return await self.async_client().chat.completions.create(**kwargs)

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
        for _ in range(self.settings.max_reasks + 1):
            content, finish, mode = await self._complete(send, conversation, model, max_tokens, attempts)
            problems = self._check(content, finish, model, validate)
            if not problems:
                return StructuredResult(model.model_validate(parse_json(content)), content, mode, attempts)
            attempts.log.append("; ".join(problems))
            conversation = [
                *messages,
                {"role": "assistant", "content": content[:4000]},
                {"role": "user", "content": reask_message(problems)},
            ]
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
    ) -> list[str]:
        if finish == "length":
            return ["the answer was cut off (too long): keep every quote under 40 characters"]
        try:
            data = parse_json(content)
        except (json.JSONDecodeError, ValueError) as exc:
            return [f"not valid JSON ({exc.msg if hasattr(exc, 'msg') else exc})"]
        try:
            value = model.model_validate(data)
        except ValidationError as exc:
            return [
                f"{'.'.join(str(p) for p in err['loc']) or 'root'}: {err['msg']}"
                for err in exc.errors()[:6]
            ]
        return validate(value) if validate else []

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
                response = await self._send_with_retries(send, messages, model, mode, max_tokens, attempts)
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
            choice = response.choices[0]
            return choice.message.content or "", choice.finish_reason, mode
        raise ModelError(
            f"endpoint accepts none of the structured-output modes ({last_error})", attempts.requests
        )

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
            "temperature": 0,
            "max_tokens": max_tokens,
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
                    if _is_unsupported_mode(exc, mode):
                        raise UnsupportedMode(str(exc)[:200]) from exc
                    attempts.log.append(f"{type(exc).__name__} after {time.monotonic() - started:.1f}s")
                    raise
                if response.usage is not None:
                    attempts.usage.add(
                        Usage(
                            prompt_tokens=response.usage.prompt_tokens or 0,
                            completion_tokens=response.usage.completion_tokens or 0,
                            total_tokens=response.usage.total_tokens or 0,
                        )
                    )
                if not response.choices:
                    raise ModelError("response has no choices")
                return response
        raise ModelError("unreachable")  # pragma: no cover


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


def _wait_honouring_retry_after(maximum: float) -> Callable[[RetryCallState], float]:
    backoff = wait_exponential_jitter(multiplier=0.5, max=maximum, jitter=0.5)

    def wait(state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        hinted = _retry_after(exc)
        if hinted is not None:
            return min(max(hinted, 0.0), max(maximum, 60.0))
        return backoff(state)

    return wait
