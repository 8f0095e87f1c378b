"""Model client over real HTTP: mode ladder, retries, re-asks, budgets, usage."""

from __future__ import annotations

import json
import time

import pytest

from summarizer.config import Settings
from summarizer.llm import ChatClient, ModelError
from summarizer.schema import ModelSummary
from summarizer.structured import parse_json, strict_schema

from .conftest import FIXTURES
from .fakeserver import fake_server

SEED = FIXTURES / "seeds" / "articles" / "000_5edd0876901a432d.txt"


@pytest.fixture
def messages():
    from summarizer import Summarizer

    summarizer = Summarizer(base_url="http://127.0.0.1:9/v1", api_key="sk-unused", model="fake")
    return summarizer.messages(summarizer.prepare(SEED))


def client_for(server, **overrides) -> ChatClient:
    ChatClient._mode_memory.clear()
    ChatClient._parameter_memory.clear()
    options = {"base_url": server.base_url, "api_key": "sk-test-key", "model": "fake", "mode": "json_object_schema",
               "timeout": 1.0, "backoff_max": 0.2, **overrides}
    return ChatClient(Settings(**options))


def test_mode_ladder_falls_back_and_remembers(messages) -> None:
    with fake_server(reject_json_schema=True) as server:
        client = client_for(server, mode="auto")
        first = client.structured(messages, ModelSummary)
        assert first.mode == "json_object_schema"
        assert [r["body"]["response_format"]["type"] for r in server.requests] == ["json_schema", "json_object"]
        assert "schema" in server.requests[1]["body"]["response_format"]
        second = client.structured(messages, ModelSummary)
        assert second.mode == "json_object_schema" and len(server.requests) == 3


def test_json_schema_mode_sends_strict_schema(messages) -> None:
    with fake_server() as server:
        client_for(server, mode="json_schema").structured(messages, ModelSummary)
        fmt = server.requests[0]["body"]["response_format"]
        assert fmt["type"] == "json_schema" and fmt["json_schema"]["strict"] is True
        schema = fmt["json_schema"]["schema"]
        assert schema["additionalProperties"] is False
        assert set(schema["required"]) == set(schema["properties"])


def test_prompt_mode_sends_no_response_format(messages) -> None:
    with fake_server() as server:
        result = client_for(server, mode="prompt").structured(messages, ModelSummary)
        assert "response_format" not in server.requests[0]["body"] and result.value.event


def test_429_honours_retry_after(messages) -> None:
    with fake_server(script=["429"]) as server:
        started = time.monotonic()
        result = client_for(server, backoff_max=0.01).structured(messages, ModelSummary)
        assert time.monotonic() - started >= 0.2  # Retry-After: 0.2, not the 0.01 s backoff cap
        assert result.attempts.requests == 2 and len(server.requests) == 2


@pytest.mark.parametrize("fault", ["500", "503", "hang"])
def test_transient_faults_are_retried(messages, fault) -> None:
    with fake_server(script=[fault], hang_seconds=2.0) as server:
        result = client_for(server, timeout=0.5).structured(messages, ModelSummary)
        assert result.attempts.requests == 2 == len(server.requests)
        # only the answered request has usage
        assert result.attempts.usage.total_tokens == 120


@pytest.mark.parametrize("fault", ["bad_json", "truncated", "schema_violation"])
def test_broken_outputs_are_reasked_with_the_errors(messages, fault) -> None:
    with fake_server(script=[fault]) as server:
        result = client_for(server).structured(messages, ModelSummary)
        assert result.attempts.requests == 2
        reask = server.requests[1]["body"]["messages"]
        assert reask[-2]["role"] == "assistant" and reask[-1]["role"] == "user"
        assert "cannot be used" in reask[-1]["content"]
        first_usage = {"bad_json": 97, "truncated": 700, "schema_violation": 120}[fault]
        assert result.attempts.usage.total_tokens == first_usage + 120  # summed over all attempts


def test_schema_errors_are_fed_back(messages) -> None:
    with fake_server(script=["schema_violation"]) as server:
        client_for(server).structured(messages, ModelSummary)
        feedback = server.requests[1]["body"]["messages"][-1]["content"]
        assert "hosts.0.role" in feedback and "hosts.0.evidence" in feedback


def test_request_budget_bounds_everything(messages) -> None:
    with fake_server(default="500") as server:
        client = client_for(server)
        with pytest.raises(ModelError, match="after request 6"):
            client.structured(messages, ModelSummary)
        assert len(server.requests) == 6  # the SDK's own retries are off


def test_reasks_are_bounded(messages) -> None:
    with fake_server(default="bad_json") as server:
        with pytest.raises(ModelError, match="no valid answer"):
            client_for(server).structured(messages, ModelSummary)
        assert len(server.requests) == 3  # first answer + 2 re-asks


def test_async_path_shares_the_logic(messages) -> None:
    import asyncio

    with fake_server(script=["500", "bad_json"]) as server:
        client = client_for(server)
        result = asyncio.run(client.astructured(messages, ModelSummary))
        assert result.attempts.requests == 3 and result.value.event


def test_parse_json_tolerates_fences_and_chatter() -> None:
    assert parse_json('```json\n{"a": 1}\n```') == {"a": 1}
    assert parse_json('Here you go: {"a": {"b": 2}} hope it helps') == {"a": {"b": 2}}
    with pytest.raises(json.JSONDecodeError):
        parse_json("no json here")


def test_strict_schema_requires_every_property() -> None:
    schema = strict_schema(ModelSummary.model_json_schema())
    host = schema["$defs"]["ModelHost"]
    assert host["additionalProperties"] is False and set(host["required"]) == {"name", "role", "evidence"}
    assert "default" not in json.dumps(schema)


def test_settings_never_show_the_key() -> None:
    settings = Settings(base_url="http://user:pw@127.0.0.1:9/v1?key=x", api_key="sk-secret-123456")
    assert "sk-secret" not in repr(settings)
    assert settings.endpoint == "http://127.0.0.1:9/v1"



def test_backoff_cap_bounds_every_wait(monkeypatch) -> None:
    """SUMMARIZER_BACKOFF_MAX bounds the wait between retries, jitter included (a 0.05 s cap
    means at most 0.1 s), and without it the waits grow 0.5 s, 1 s, 2 s … to 8 s."""
    from types import SimpleNamespace

    from summarizer.llm import backoff

    monkeypatch.setenv("SUMMARIZER_BACKOFF_MAX", "0.05")
    capped = backoff(Settings.from_env().backoff_max)
    assert max(capped(SimpleNamespace(attempt_number=n)) for n in range(1, 8) for _ in range(50)) <= 0.1
    monkeypatch.delenv("SUMMARIZER_BACKOFF_MAX")
    default = backoff(Settings.from_env().backoff_max)
    assert 0.5 <= default(SimpleNamespace(attempt_number=1)) <= 1.0
    assert 1.0 <= default(SimpleNamespace(attempt_number=2)) <= 1.5
    assert 8.0 <= default(SimpleNamespace(attempt_number=9)) <= 8.5


def test_many_requests_in_flight_are_spread_over_small_pools(messages) -> None:
    """A pool probes each idle connection whenever a request starts or ends; with 24 in flight
    the client opens pools of about eight, and none of the 24 waits for a connection."""
    import asyncio

    from summarizer.llm import POOL_IN_FLIGHT

    with fake_server(latency=0.3) as server:
        client = client_for(server, timeout=10.0)

        async def night() -> tuple[int, int]:
            results = await asyncio.gather(*[client.astructured(messages, ModelSummary) for _ in range(24)])
            assert all(r.value.event for r in results)
            pools = client.pools
            await client.aclose()
            return pools, client.pools

        pools, after_close = asyncio.run(night())
        assert server.max_in_flight == 24
        assert pools == 24 // POOL_IN_FLIGHT
        assert after_close == 0


def test_one_request_at_a_time_uses_one_pool(messages) -> None:
    import asyncio

    with fake_server() as server:
        client = client_for(server)

        async def serial() -> int:
            for _ in range(5):
                await client.astructured(messages, ModelSummary)
            pools = client.pools
            await client.aclose()
            return pools

        assert asyncio.run(serial()) == 1
        assert len(server.requests) == 5


@pytest.mark.parametrize(("data", "content", "finish", "tokens"), [
    ({"choices": [{"message": {"content": "{}"}, "finish_reason": "stop"}],
      "usage": {"prompt_tokens": 7, "completion_tokens": 2, "total_tokens": 9}}, "{}", "stop", (7, 2, 9)),
    ({"choices": [{"message": {"content": None}, "finish_reason": "length"}]}, None, "length", (0, 0, 0)),
    ({"choices": [], "usage": {"total_tokens": "many"}}, None, None, (0, 0, 0)),  # nothing usable, no crash
    ({"choices": ["not an object"], "usage": None}, None, None, (0, 0, 0)),
    (["a list, not an object"], None, None, (0, 0, 0)),
    (None, None, None, (0, 0, 0)),
])
def test_a_completion_is_read_from_the_json_whatever_its_shape(data, content, finish, tokens) -> None:
    from summarizer.llm import Completion

    read = Completion.read(data)
    assert (read.content, read.finish_reason) == (content, finish)
    assert (read.usage.prompt_tokens, read.usage.completion_tokens, read.usage.total_tokens) == tokens
