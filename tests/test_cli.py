"""The CLI as a user runs it: a real process, real exit codes, stderr kept clean."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES
from .fakeserver import fake_server

SEED = FIXTURES / "seeds" / "articles" / "000_5edd0876901a432d.txt"
SECRET = "sk-test-secret-9f8e7d6c5b4a"


def run(*args: str, env: dict | None = None, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "summarizer.cli", *args], capture_output=True, env=full_env, input=stdin,
        timeout=120,
    )


def remote(server) -> dict:
    return {"OPENAI_BASE_URL": server.base_url, "OPENAI_API_KEY": SECRET, "SUMMARIZER_MODEL": "fake",
            "SUMMARIZER_MODE": "json_object_schema", "SUMMARIZER_BACKOFF_MAX": "0.05"}


def test_clean_json_fields() -> None:
    result = run("clean", "--json", str(SEED))
    assert result.returncode == 0
    record = json.loads(result.stdout)
    assert {"id", "path", "sha256", "title", "source", "published", "text", "removed", "warnings",
            "chars_in", "chars_out"} <= set(record)
    assert record["published"] == "2020-06-08 22:23:59" and record["chars_out"] < record["chars_in"]


def test_clean_reads_stdin() -> None:
    result = run("clean", "-", stdin=SEED.read_bytes())
    assert result.returncode == 0 and "中国铸造协会" in result.stdout.decode()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: ((d / "e.txt").write_bytes(b"") and d / "e.txt") or d / "e.txt", "empty file"),
        (lambda d: (d / "b.txt").write_bytes(bytes(range(256)) * 4) and d / "b.txt", "binary"),
    ],
)
def test_bad_input_is_one_line_exit_2(tmp_path: Path, make, message: str) -> None:
    path = make(tmp_path)
    result = run("clean", str(path))
    err = result.stderr.decode()
    assert result.returncode == 2 and message in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_size_cap_is_configurable(tmp_path: Path) -> None:
    assert run("clean", "--max-bytes", "100", str(SEED)).returncode == 2


def test_directory_with_one_bad_file_exits_1(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "bad.txt").write_bytes(b"   ")
    result = run("clean", "--json", str(tmp_path))
    assert result.returncode == 1
    assert len(result.stdout.decode().strip().splitlines()) == 1
    assert "bad.txt" in result.stderr.decode()


def test_summarize_json_array_jsonl_markdown(tmp_path: Path) -> None:
    other = FIXTURES / "dev" / "articles" / "009.txt"
    with fake_server() as server:
        one = run("summarize", str(SEED), env=remote(server))
        many = run("summarize", str(SEED), str(other), env=remote(server))
        lines = run("summarize", "--format", "jsonl", str(SEED), str(other), env=remote(server))
        md = run("summarize", "--format", "markdown", "--out", str(tmp_path / "o.md"), str(SEED), env=remote(server))
    assert one.returncode == 0 and json.loads(one.stdout)["summary"]["date"]["value"] == "2020-06-08"
    assert [r["article"]["id"] for r in json.loads(many.stdout)] == ["000_5edd0876901a432d", "009"]
    assert len(lines.stdout.decode().strip().splitlines()) == 2
    assert md.returncode == 0 and "**When:** 2020-06-08" in (tmp_path / "o.md").read_text(encoding="utf-8")


def test_key_is_never_printed() -> None:
    with fake_server(default="500") as server:
        failed = run("summarize", str(SEED), env=remote(server))
    with fake_server() as server:
        ok = run("summarize", str(SEED), env=remote(server))
    assert failed.returncode == 1
    for result in (failed, ok):
        assert SECRET not in (result.stdout + result.stderr).decode()
    assert "Traceback" not in failed.stderr.decode()


def test_partial_failure_prints_the_rest_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "empty.txt").write_bytes(b"")
    with fake_server() as server:
        result = run("summarize", str(tmp_path), env=remote(server))
    assert result.returncode == 1
    assert json.loads(result.stdout)["article"]["id"] == "a"
    assert "empty.txt" in result.stderr.decode()


def test_model_failure_reports_reason() -> None:
    with fake_server(default="bad_json") as server:
        result = run("summarize", str(SEED), env=remote(server))
    err = result.stderr.decode()
    assert result.returncode == 1 and "failed" in err and "no valid answer" in err


def test_usage_errors_exit_2() -> None:
    assert run("summarize").returncode == 2
    assert run("summarize", "--format", "xml", str(SEED)).returncode == 2


def test_schema_command_prints_all_models() -> None:
    result = run("schema")
    assert set(json.loads(result.stdout)) == {"article", "model_reply", "summary_record", "digest"}


def test_help_does_not_import_the_sdk() -> None:
    probe = "import sys, summarizer.cli; print('openai' in sys.modules, 'trafilatura' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout
    assert out.strip() == "False False"


def test_version_and_stdin_summary() -> None:
    version = run("--version")
    assert version.returncode == 0 and version.stdout.decode().startswith("summarizer ")
    with fake_server() as server:
        result = run("summarize", "-", env=remote(server), stdin=SEED.read_bytes())
    record = json.loads(result.stdout)
    assert result.returncode == 0 and record["article"]["id"] == "stdin"
    assert record["summary"]["date"]["value"] == "2020-06-08"


def test_date_command_resolves_or_exits_2() -> None:
    found = run("date", "6月8日上午", "--published", "2020-06-09 10:00")
    assert found.returncode == 0
    assert json.loads(found.stdout)["value"] == "2020-06-08"
    missing = run("date", "明天见")
    err = missing.stderr.decode()
    assert missing.returncode == 2 and "no date" in err and len(err.strip().splitlines()) == 1


def test_search_needs_an_existing_state(tmp_path: Path) -> None:
    result = run("search", "会议", "--state", str(tmp_path / "none.sqlite"))
    err = result.stderr.decode()
    assert result.returncode == 2 and "no such state file" in err and "Traceback" not in err


def test_eval_rules_ablation_starts_no_model() -> None:
    seeds = FIXTURES / "seeds"
    result = run("eval", str(seeds / "gold"), str(seeds / "articles"), "--ablation", "rules", "--json",
                 env={"OPENAI_BASE_URL": "http://127.0.0.1:9/v1", "OPENAI_API_KEY": SECRET})
    assert result.returncode == 0, result.stderr.decode()
    row = json.loads(result.stdout)["rows"]["rules"]
    assert row["n"] == len(list((seeds / "gold").glob("*.json"))) and row["ungrounded"] == 0
