"""Failing politely: one line and the right exit code, never a traceback, and nothing paid for
is lost or paid twice. Each case runs the product as a user would (a real process against a
fault-injecting server on 127.0.0.1) and counts the model requests it made."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from summarizer.config import Settings
from summarizer.llm import ChatClient, ModelError
from summarizer.load import InputError, load_article, looks_like_markup
from summarizer.schema import ModelSummary
from summarizer.state import State, StateCorrupt, StateLocked

from .conftest import FIXTURES
from .fakeserver import fake_server

SEED = FIXTURES / "seeds" / "articles" / "000_5edd0876901a432d.txt"
OTHER = FIXTURES / "dev" / "articles" / "009.txt"
SECRET = "sk-test-secret-1a2b3c4d5e6f"


def run(*args: str, env: dict | None = None, umask: int = -1, wait: bool = True):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    full_env.update(env or {})
    command = [sys.executable, "-m", "summarizer.cli", *args]
    if not wait:
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=full_env,
                                umask=umask)
    return subprocess.run(command, capture_output=True, env=full_env, timeout=120, umask=umask)


def remote(server, **extra: str) -> dict:
    return {"OPENAI_BASE_URL": server.base_url, "OPENAI_API_KEY": SECRET, "SUMMARIZER_MODEL": "fake",
            "SUMMARIZER_MODE": "json_object_schema", "SUMMARIZER_BATCH_POLL": "0.05",
            "SUMMARIZER_BACKOFF_MAX": "0.05", **extra}


def chat_requests(server) -> int:
    return sum(1 for r in server.requests if r["path"].endswith("/chat/completions"))


def one_line(stderr: bytes) -> str:
    err = stderr.decode()
    assert "Traceback" not in err, err
    lines = [line for line in err.strip().splitlines() if line.strip()]
    assert len(lines) == 1, err
    return lines[0]


def articles(folder: Path, count: int = 2) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, source in enumerate([SEED, OTHER][:count]):
        (folder / f"a{i}.txt").write_bytes(source.read_bytes())
    return folder


# ------------------------------------------------------------ bad targets, before any request


def _folder_as_summary_out(tmp: Path) -> list[str]:
    (tmp / "outdir").mkdir()
    return ["summarize", str(SEED), "--out", str(tmp / "outdir")]


def _file_as_digest_out(tmp: Path) -> list[str]:
    (tmp / "taken").write_text("x")
    return ["digest", str(articles(tmp / "in")), "--out", str(tmp / "taken")]


def _state_not_a_database(tmp: Path) -> list[str]:
    (tmp / "state.sqlite").write_bytes(b"this is not sqlite, just some text that happens to be here" * 40)
    return ["digest", str(articles(tmp / "in")), "--out", str(tmp / "out"), "--state", str(tmp / "state.sqlite")]


def _state_is_a_folder(tmp: Path) -> list[str]:
    (tmp / "st").mkdir()
    return ["digest", str(articles(tmp / "in")), "--out", str(tmp / "out"), "--state", str(tmp / "st")]


def _no_article_files(tmp: Path) -> list[str]:
    (tmp / "in").mkdir()
    (tmp / "in" / "notes.csv").write_text("a,b\n")
    return ["digest", str(tmp / "in"), "--out", str(tmp / "out")]


def _log_file_in_missing_folder(tmp: Path) -> list[str]:
    return ["--log-file", str(tmp / "no" / "such" / "x.log"), "summarize", str(SEED)]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_folder_as_summary_out, "is a folder"),
        (_file_as_digest_out, "is a file"),
        (_state_not_a_database, "not a usable state database"),
        (_state_is_a_folder, "is a folder"),
        (_no_article_files, "no article files"),
        (_log_file_in_missing_folder, "--log-file"),
    ],
    ids=["summarize-out-folder", "digest-out-file", "state-not-sqlite", "state-folder", "no-articles",
         "log-file"],
)
def test_bad_target_is_one_line_exit_2_and_nothing_is_paid(tmp_path: Path, make, message: str) -> None:
    with fake_server() as server:
        result = run(*make(tmp_path), env=remote(server))
        assert chat_requests(server) == 0
    assert result.returncode == 2
    assert message in one_line(result.stderr)


def test_locked_state_is_one_line_exit_2_and_nothing_is_paid(tmp_path: Path) -> None:
    state_path = tmp_path / "out" / "state.sqlite"
    holder = State(state_path)
    try:
        with fake_server() as server:
            result = run("digest", str(articles(tmp_path / "in")), "--out", str(tmp_path / "out"),
                         env=remote(server))
            assert chat_requests(server) == 0
    finally:
        holder.close()
    assert result.returncode == 2
    line = one_line(result.stderr)
    assert "in use by another digest" in line and "--wait" in line


# ------------------------------------------------------------ paid work survives a failed write


def test_unwritable_output_after_the_run_rescues_the_paid_summaries(tmp_path: Path, monkeypatch) -> None:
    from typer.testing import CliRunner

    import summarizer.files
    from summarizer.cli import app

    def refuse(path, text):
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(summarizer.files, "atomic_write", refuse)
    monkeypatch.chdir(tmp_path)
    with fake_server() as server:
        for key in [k for k in os.environ if k.startswith(("OPENAI_", "SUMMARIZER_"))]:
            monkeypatch.delenv(key)
        for key, value in remote(server).items():
            monkeypatch.setenv(key, value)
        result = CliRunner().invoke(app, ["summarize", str(SEED), str(OTHER), "--out", str(tmp_path / "o.json")])
        paid = chat_requests(server)
    assert result.exit_code == 1 and paid == 2
    rescued = [p for p in tmp_path.iterdir() if p.name.startswith("summarizer-rescued-")]
    assert len(rescued) == 1 and str(rescued[0]) in result.output
    assert [r["article"]["id"] for r in json.loads(rescued[0].read_text(encoding="utf-8"))] == [
        "000_5edd0876901a432d", "009"]


def test_unwritable_digest_keeps_the_paid_summaries_for_the_next_run(tmp_path: Path, monkeypatch) -> None:
    from typer.testing import CliRunner

    import summarizer.digest
    from summarizer.cli import app

    def refuse(path, text):
        raise OSError(28, "No space left on device", str(path))

    folder = articles(tmp_path / "in")
    with fake_server() as server:
        for key in [k for k in os.environ if k.startswith(("OPENAI_", "SUMMARIZER_"))]:
            monkeypatch.delenv(key)
        for key, value in remote(server).items():
            monkeypatch.setenv(key, value)
        with monkeypatch.context() as patched:
            patched.setattr(summarizer.digest, "atomic_write", refuse)
            failed = CliRunner().invoke(app, ["digest", str(folder), "--out", str(tmp_path / "out")])
        paid_first = chat_requests(server)
        again = CliRunner().invoke(app, ["digest", str(folder), "--out", str(tmp_path / "out")])
        paid_in_all = chat_requests(server)
    assert failed.exit_code == 1 and "No space left on device" in failed.output
    assert str(tmp_path / "out" / "state.sqlite") in failed.output
    assert paid_first == 2 and again.exit_code == 0 and paid_in_all == 2  # nothing paid twice


# ------------------------------------------------------------ one writer per state


def test_two_digests_at_once_pay_once_per_article(tmp_path: Path) -> None:
    folder = articles(tmp_path / "in")
    with fake_server(latency=0.3) as server:
        env = remote(server)
        first = run("digest", str(folder), "--out", str(tmp_path / "out"), "--wait", "60", env=env, wait=False)
        second = run("digest", str(folder), "--out", str(tmp_path / "out"), "--wait", "60", env=env, wait=False)
        outcomes = [p.communicate(timeout=120) for p in (first, second)]
        paid = chat_requests(server)
    assert (first.returncode, second.returncode) == (0, 0), outcomes
    assert paid == 2
    summaries = [err.decode() for _, err in outcomes]
    assert sorted("2 cached" in s for s in summaries) == [False, True]


def test_state_lock_waits_then_refuses_and_is_released_with_the_process(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    first = State(path)
    started = time.monotonic()
    with pytest.raises(StateLocked, match="in use"):
        State(path, wait=0.3)
    assert time.monotonic() - started >= 0.3
    # Another connection (search, history) can still read and write the same database meanwhile.
    other = sqlite3.connect(path, timeout=1)
    other.execute("CREATE TABLE IF NOT EXISTS extra (x)")
    other.execute("INSERT INTO extra VALUES (1)")
    other.commit()
    other.close()
    releaser = threading.Timer(0.2, first.close)
    releaser.start()
    second = State(path, wait=5)  # waits for the first to close
    second.close()
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from summarizer.state import State; "
                               f"State(__import__('pathlib').Path({str(path)!r})); print('held', flush=True); "
                               "time.sleep(60)"], stdout=subprocess.PIPE)
    assert holder.stdout.readline().strip() == b"held"
    with pytest.raises(StateLocked):
        State(path)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    State(path).close()  # the kernel dropped the dead holder's lock


def test_a_busy_database_does_not_block_the_event_loop(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    state = State(path)
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock for a moment
    threading.Timer(0.8, lambda: other.execute("COMMIT")).start()

    async def main() -> int:
        ticks = 0

        async def ticker() -> None:
            nonlocal ticks
            while True:
                await asyncio.sleep(0.05)
                ticks += 1

        running = asyncio.create_task(ticker())
        await state.afailed("k1", "sha", "a.txt", "boom", 1)
        running.cancel()
        return ticks

    ticks = asyncio.run(main())
    assert ticks >= 8  # the loop kept running while the write waited
    assert state.get("k1").status == "failed"
    state.close()
    other.close()


def test_corrupt_state_is_a_state_error(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    with pytest.raises(StateCorrupt):
        State(path)
    State(path.with_name("fresh.sqlite")).close()


# ------------------------------------------------------------ batch: never two batches for one night


def test_batch_killed_after_submission_resumes_the_same_batch(tmp_path: Path) -> None:
    folder = articles(tmp_path / "in")
    with fake_server() as server:
        server.batch_polls_before_done = 10**9
        env = remote(server)
        first = run("digest", str(folder), "--out", str(tmp_path / "out"), "--batch", env=env, wait=False)
        deadline = time.monotonic() + 60
        while not any(b["polls"] for b in server.batches.values()) and time.monotonic() < deadline:
            time.sleep(0.05)
        first.send_signal(signal.SIGKILL)
        first.wait()
        assert len(server.batches) == 1
        server.batch_polls_before_done = 1
        second = run("digest", str(folder), "--out", str(tmp_path / "out"), "--batch", env=env)
        batches = len(server.batches)
        paid_lines = chat_requests(server)
    assert second.returncode == 0, second.stderr.decode()
    assert batches == 1 and paid_lines == 2
    digest = json.loads(next((tmp_path / "out").glob("digest-*.json")).read_text(encoding="utf-8"))
    assert digest["stats"]["summarized"] == 2 and not digest["failures"]


def test_batch_deadline_leaves_the_batch_for_the_next_run(tmp_path: Path) -> None:
    folder = articles(tmp_path / "in")
    with fake_server() as server:
        server.batch_polls_before_done = 10**9
        env = remote(server)
        waited = run("digest", str(folder), "--out", str(tmp_path / "out"), "--batch", "--batch-deadline", "1",
                     env=env)
        server.batch_polls_before_done = 1
        resumed = run("digest", str(folder), "--out", str(tmp_path / "out"), "--batch", env=env)
        batches = len(server.batches)
    assert waited.returncode == 1 and "next run collects it" in waited.stderr.decode()
    assert resumed.returncode == 0 and batches == 1


def test_batch_api_calls_are_retried(tmp_path: Path) -> None:
    with fake_server() as server:
        server.batch_api_failures = 2  # the upload fails twice with 503
        result = run("digest", str(articles(tmp_path / "in")), "--out", str(tmp_path / "out"), "--batch",
                     env=remote(server))
        batches = len(server.batches)
    assert result.returncode == 0, result.stderr.decode()
    assert batches == 1


def test_batch_respects_the_token_budget(tmp_path: Path) -> None:
    with fake_server() as server:
        result = run("digest", str(articles(tmp_path / "in")), "--out", str(tmp_path / "out"), "--batch",
                     "--budget-tokens", "50", env=remote(server))
        batches, paid = len(server.batches), chat_requests(server)
    assert result.returncode == 0 and batches == 0 and paid == 0
    assert "2 skipped" in result.stderr.decode()


# ------------------------------------------------------------ output permissions


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640)])
def test_digest_files_honour_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    with fake_server() as server:
        result = run("digest", str(articles(tmp_path / "in", 1)), "--out", str(tmp_path / "out"),
                     "--formats", "json,md", env=remote(server), umask=umask)
    assert result.returncode == 0, result.stderr.decode()
    written = sorted((tmp_path / "out").glob("digest-*"))
    assert len(written) == 2
    assert {stat.S_IMODE(p.stat().st_mode) for p in written} == {mode}


def test_atomic_write_honours_the_umask(tmp_path: Path) -> None:
    from summarizer.files import atomic_write

    old = os.umask(0o002)
    try:
        atomic_write(tmp_path / "x.md", "hello")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "x.md").stat().st_mode) == 0o664


# ------------------------------------------------------------ loading pages


PAGE = ("<div class='nav'>首页 | 新闻</div><div class='content'><h1>行业年会召开</h1>"
        "<p>6月8日，中国某行业协会在北京召开年会，会议审议通过了新一届理事会工作报告。</p>"
        "<p>与会代表围绕行业发展展开讨论，并决定明年继续举办。</p></div>")


@pytest.mark.parametrize("suffix", [".shtml", ".xhtml", ".aspx", ".asp", ".php", ".jsp", ".vue"])
def test_server_page_suffixes_are_html(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"page{suffix}"
    path.write_text(f"<html><body>{PAGE}</body></html>", encoding="utf-8")
    article = load_article(path)
    assert article.format == "html" and "<" not in article.text and "审议通过" in article.text


def test_folder_of_server_pages_is_summarized(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for suffix in (".shtml", ".aspx", ".php"):
        (folder / f"p{suffix}").write_text(f"<html><body>{PAGE}</body></html>", encoding="utf-8")
    with fake_server() as server:
        result = run("digest", str(folder), "--out", str(tmp_path / "out"), env=remote(server))
        paid = chat_requests(server)
    assert result.returncode == 0 and paid == 1  # three copies of one page: one request
    assert "3 articles" in result.stderr.decode()


@pytest.mark.parametrize(
    "raw",
    [
        b"\xef\xbb\xbf" + PAGE.encode("utf-8"),  # UTF-8 BOM, then a div
        b"<?php include('header.php'); ?>\n<!DOCTYPE html><html><body>" + PAGE.encode("utf-8") + b"</body></html>",
        ("\n\n  " + PAGE).encode("utf-8"),  # leading whitespace, no <html>
        PAGE.encode("utf-16"),  # UTF-16 with BOM: invisible to a byte sniffer
        b"<template><section>" + PAGE.encode("gb18030") + b"</section></template>",
    ],
    ids=["bom-div", "php-header", "bare-div", "utf16", "template-gb18030"],
)
def test_markup_is_recognised_on_decoded_text(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "saved.txt"
    path.write_bytes(raw)
    article = load_article(path)
    assert article.format == "html"
    assert "<" not in article.text and "include(" not in article.text and "审议通过" in article.text


@pytest.mark.parametrize("text", ["会议于6月8日召开 <b>注意</b>", "a < b 且 c > d", "<<关于召开年会的通知>>"])
def test_text_with_angle_brackets_stays_text(text: str) -> None:
    assert not looks_like_markup(text)


# ------------------------------------------------------------ library


def test_missing_path_raises_input_error_before_any_request() -> None:
    from summarizer import Summarizer

    with fake_server() as server, Summarizer(base_url=server.base_url, api_key="sk-x", model="fake") as s:
        with pytest.raises(InputError, match="no such file"):
            s.summarize("no/such/file.txt")
        assert chat_requests(server) == 0


def test_sync_summarize_works_inside_a_running_loop() -> None:
    from summarizer import Summarizer

    async def handler(s: Summarizer):
        return s.summarize(SEED)  # a sync call from async code (FastAPI, Jupyter)

    with fake_server() as server, Summarizer(base_url=server.base_url, api_key="sk-x", model="fake",
                                             mode="json_object_schema") as s:
        record = asyncio.run(handler(s))
    assert record.summary.date.value == "2020-06-08"


def test_async_context_manager_and_aclose() -> None:
    from summarizer import Summarizer

    async def main(url: str):
        async with Summarizer(base_url=url, api_key="sk-x", model="fake", mode="json_object_schema") as s:
            first = await s.asummarize(SEED)
        other = Summarizer(base_url=url, api_key="sk-x", model="fake", mode="json_object_schema")
        second = await other.asummarize(OTHER)
        await other.aclose()
        return first, second

    with fake_server() as server:
        first, second = asyncio.run(main(server.base_url))
        assert chat_requests(server) == 2
    assert first.article.id == "000_5edd0876901a432d" and second.article.id == "009"


def test_strict_keeps_the_grounded_part_and_lists_problems() -> None:
    from summarizer import Summarizer

    with fake_server(default="fabricated") as server, Summarizer(
        base_url=server.base_url, api_key="sk-x", model="fake", mode="json_object_schema", strict=True
    ) as s:
        record = s.summarize(SEED)
        paid = chat_requests(server)
    assert paid == 3  # the answer and two re-asks
    assert record.meta.problems and all(isinstance(p, str) for p in record.meta.problems)
    assert "某某科技有限公司" not in [h.name for h in record.summary.hosts]  # the fabricated host is dropped
    assert record.summary.date.value == "2020-06-08" and record.summary.event  # the grounded part is kept


# ------------------------------------------------------------ model client


@pytest.fixture
def messages():
    from summarizer import Summarizer

    summarizer = Summarizer(base_url="http://127.0.0.1:9/v1", api_key="sk-unused", model="fake")
    return summarizer.messages(summarizer.prepare(SEED))


def client_for(server, **overrides) -> ChatClient:
    ChatClient._mode_memory.clear()
    ChatClient._parameter_memory.clear()
    options = {"base_url": server.base_url, "api_key": SECRET, "model": "fake", "mode": "json_object_schema",
               "timeout": 2.0, "backoff_max": 0.2, **overrides}
    return ChatClient(Settings(**options))


def test_validate_problems_after_reasks_return_the_last_valid_answer(messages) -> None:
    with fake_server() as server:
        client = client_for(server)
        calls = []

        def objections(value):
            calls.append(value)
            return [f"objection {len(calls)}"]

        result = client.structured(messages, ModelSummary, objections)
        assert len(server.requests) == client.settings.max_reasks + 1
    assert result.problems == [f"objection {len(calls)}"] and result.value is calls[-1]
    assert "objection 1" in result.attempts.log[0]


def test_invalid_json_after_reasks_still_raises(messages) -> None:
    with fake_server(default="bad_json") as server, pytest.raises(ModelError, match="no valid answer"):
        client_for(server).structured(messages, ModelSummary, lambda v: [])


def test_schema_valid_answer_is_kept_when_a_later_reask_is_invalid(messages) -> None:
    with fake_server(script=["ok", "bad_json", "bad_json"]) as server:
        result = client_for(server).structured(messages, ModelSummary, lambda v: ["not grounded"])
        assert len(server.requests) == 3
    assert result.problems == ["not grounded"] and result.value.event  # the first, valid answer


def test_sync_client_call_inside_a_running_loop(messages) -> None:
    async def inside() -> str:
        return client.structured(messages, ModelSummary).mode

    with fake_server() as server:
        client = client_for(server)
        assert asyncio.run(inside()) == "json_object_schema"


@pytest.mark.parametrize("mode", ["auto", "json_object_schema"])
def test_unsupported_parameters_are_renamed_or_dropped_and_remembered(messages, mode: str) -> None:
    with fake_server(reasoning_model=True) as server:
        client = client_for(server, mode=mode)
        first = client.structured(messages, ModelSummary)
        assert server.rejected == ["max_tokens", "temperature"]
        accepted = server.requests[-1]["body"]
        again = client.structured(messages, ModelSummary)
        assert len(server.requests) == 4  # the second call needs no discovery
    expected_mode = "json_schema" if mode == "auto" else mode
    assert first.mode == again.mode == expected_mode  # the mode ladder was not walked
    assert "max_tokens" not in accepted and "temperature" not in accepted
    assert accepted["max_completion_tokens"] == 600


def test_unsupported_response_format_still_walks_the_ladder(messages) -> None:
    with fake_server(reject_json_schema=True) as server:
        result = client_for(server, mode="auto").structured(messages, ModelSummary)
        assert "max_tokens" in server.requests[-1]["body"]
    assert result.mode == "json_object_schema"


def test_one_log_line_per_attempt_without_the_key(messages, caplog) -> None:
    caplog.set_level(logging.INFO, logger="summarizer")
    with fake_server(script=["503", "ok"]) as server:
        client_for(server).structured(messages, ModelSummary)
        host = server.base_url.split("//")[1].split("/")[0]
    lines = [r.getMessage() for r in caplog.records if r.name == "summarizer.llm"]
    assert len(lines) == 2
    assert f"host={host}" in lines[0] and "status=503" in lines[0] and "retrying" in lines[0]
    assert "status=200" in lines[1] and "tokens=120" in lines[1] and "mode=json_object_schema" in lines[1]
    assert all(SECRET not in line for line in lines)


def test_an_unwritable_log_stream_never_breaks_a_request(messages, monkeypatch) -> None:
    import io

    from summarizer.logs import configure

    closed = io.StringIO()
    closed.close()
    configure(1)
    try:
        monkeypatch.setattr(sys, "stderr", closed)
        with fake_server() as server:
            result = client_for(server).structured(messages, ModelSummary)
    finally:
        monkeypatch.undo()
        configure(0)
    assert result.value.event


def test_verbose_cli_logs_requests_and_never_the_key(tmp_path: Path) -> None:
    log_file = tmp_path / "run.log"
    with fake_server(script=["500"]) as server:
        url = server.base_url.replace("http://", f"http://user:{SECRET}@")
        result = run("-v", "--log-file", str(log_file), "summarize", str(SEED),
                     env={**remote(server), "OPENAI_BASE_URL": url})
    err = result.stderr.decode()
    logged = log_file.read_text(encoding="utf-8")
    assert result.returncode == 0, err
    for text in (err, logged):
        assert "status=500" in text and "status=200" in text and SECRET not in text


# ------------------------------------------------------------ the error boundary


@pytest.mark.parametrize(
    ("make", "code", "fragment"),
    [
        (lambda: sqlite3.OperationalError("database is locked"), 2, "state database: database is locked"),
        (lambda: PermissionError(13, "Permission denied", "/srv/out/digest.json"), 2,
         "/srv/out/digest.json: Permission denied"),
        (lambda: StateCorrupt("state x: not a usable state database"), 2, "not a usable state database"),
        (lambda: ModelSummary.model_validate({"event": 3}), 2, "invalid data"),
        (lambda: ModelError("gave up after 6 requests"), 1, "gave up after 6 requests"),
        (lambda: KeyError("surprise"), 1, "internal error: KeyError"),
    ],
    ids=["sqlite", "oserror", "state", "pydantic", "model", "bug"],
)
def test_error_boundary_maps_each_error_to_one_line(make, code: int, fragment: str) -> None:
    from pydantic import ValidationError

    from summarizer.cli import describe_error

    try:
        exc = make()
    except ValidationError as raised:
        exc = raised
    message, exit_code = describe_error(exc)
    assert exit_code == code and fragment in message


def test_openai_errors_are_mapped() -> None:
    import openai

    try:
        import httpx
    except ImportError:  # SDK releases that ship their own fork of it
        import httpx2 as httpx

    from summarizer.cli import describe_error

    request = httpx.Request("POST", "http://127.0.0.1/v1/chat/completions")
    refused = openai.AuthenticationError("bad key", response=httpx.Response(401, request=request), body=None)
    down = openai.APIConnectionError(request=request)
    assert describe_error(refused)[1] == 2 and describe_error(down)[1] == 1
