"""The nightly digest: cache, resume, concurrency, budgets, grouping, continuity, feeds, safe outputs."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import feedparser
import pytest

from summarizer import Summarizer
from summarizer.digest import DigestOptions, run_digest
from summarizer.schema import Digest

from .conftest import gold_pairs
from .fakeserver import fake_server

ARTICLES = [path for path, _ in gold_pairs()]


def make(server, **options) -> Summarizer:
    defaults = {"base_url": server.base_url, "api_key": "sk-test-key", "model": "fake",
                "mode": "json_object_schema", "timeout": 0.5, "backoff_max": 0.05}
    return Summarizer(**{**defaults, **options})


def inbox(tmp_path: Path, count: int | None = None) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir(exist_ok=True)
    for path in ARTICLES[:count]:
        shutil.copy(path, folder / path.name)
    return folder


def digest(server, inputs, out: Path, **options):
    summarizer_options = {k: options.pop(k) for k in list(options) if k in ("model", "strict")}
    return run_digest(make(server, **summarizer_options), inputs,
                      DigestOptions(out_dir=out, date="2026-11-23", **options))


def test_writes_three_formats_and_a_valid_json(tmp_path: Path) -> None:
    folder = inbox(tmp_path)
    (folder / "empty.txt").write_bytes(b"")
    with fake_server() as server:
        result = digest(server, [folder], tmp_path / "out")
    names = sorted(p.name for p in result.written)
    assert names == ["digest-2026-11-23.html", "digest-2026-11-23.json", "digest-2026-11-23.md"]
    data = Digest.model_validate_json((tmp_path / "out" / "digest-2026-11-23.json").read_text(encoding="utf-8"))
    count = len(ARTICLES)
    assert data.stats.articles == count + 1 and data.stats.summarized == count and data.stats.failed == 1
    assert data.failures[0].article.id == "empty" and "empty file" in data.failures[0].error
    assert sum(len(item.sources) for item in data.items) == count
    assert result.exit_code == 1
    assert not list((tmp_path / "out").glob(".*.tmp"))


def test_the_collector_settings_are_put_back_after_a_night(tmp_path: Path) -> None:
    """A library user's process keeps its own garbage-collector settings, even after a failure."""
    import gc

    before = gc.get_threshold()
    folder = inbox(tmp_path, 3)
    with fake_server() as server:
        result = digest(server, [folder], tmp_path / "out")
        assert result.digest.stats.summarized == 3
        assert (gc.get_threshold(), gc.get_freeze_count()) == (before, 0)
        (tmp_path / "out" / "state.sqlite").unlink()
        (tmp_path / "out" / "state.sqlite").mkdir()  # an unusable state: the night fails
        with pytest.raises(Exception, match="state"):
            digest(server, [folder], tmp_path / "out")
    assert (gc.get_threshold(), gc.get_freeze_count()) == (before, 0)


def test_rerun_sends_nothing(tmp_path: Path) -> None:
    folder = inbox(tmp_path, 6)
    with fake_server() as server:
        digest(server, [folder], tmp_path / "out")
        sent = len(server.requests)
        again = digest(server, [folder], tmp_path / "out")
    assert sent == 6 and len(server.requests) == sent
    assert again.digest.stats.cached == 6 and again.digest.stats.summarized == 0


def test_changed_model_or_prompt_resummarizes(tmp_path: Path, monkeypatch) -> None:
    folder = inbox(tmp_path, 3)
    with fake_server() as server:
        digest(server, [folder], tmp_path / "out")
        digest(server, [folder], tmp_path / "out", model="another-model")
        assert len(server.requests) == 6
        from summarizer import prompt

        template = prompt.load_template()
        monkeypatch.setattr(prompt, "load_template", lambda *a: type(template)(
            version=template.version + "-next", system=template.system, user=template.user))
        import summarizer.summarize as summarize_module

        monkeypatch.setattr(summarize_module, "load_template", prompt.load_template)
        digest(server, [folder], tmp_path / "out")
        assert len(server.requests) == 9


def test_failures_are_retried_next_run_and_only_they(tmp_path: Path) -> None:
    folder = inbox(tmp_path, 8)
    with fake_server(default="500") as server:
        first = digest(server, [folder], tmp_path / "out", concurrency=1)
    assert first.digest.stats.failed == 8 and first.exit_code == 1
    with fake_server(script=["ok"] * 5, default="500") as server:
        second = digest(server, [folder], tmp_path / "out", concurrency=1)
    done_after_second = second.digest.stats.summarized
    assert done_after_second >= 1
    with fake_server() as server:
        third = digest(server, [folder], tmp_path / "out")
        assert len(server.requests) == 8 - done_after_second
    assert third.digest.stats.failed == 0 and third.exit_code == 0


def test_forty_percent_faults_every_article_accounted_for(tmp_path: Path) -> None:
    folder = inbox(tmp_path)
    rng = random.Random(3)
    script = [rng.choice(["500", "hang", "bad_json", "429"]) if rng.random() < 0.4 else "ok" for _ in range(200)]
    with fake_server(script=script, hang_seconds=1.0) as server:
        result = digest(server, [folder], tmp_path / "out", concurrency=6)
    data = result.digest
    covered = {s.id for item in data.items for s in item.sources} | {f.article.id for f in data.failures}
    assert covered == {p.stem for p in ARTICLES}
    assert all(f.error for f in data.failures)
    failed = {f.article.id for f in data.failures}
    with fake_server() as server:
        digest(server, [folder], tmp_path / "out")
        assert len(server.requests) == len(failed)


def test_concurrency_reaches_the_server(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    base = ARTICLES[0].read_text(encoding="utf-8")
    for index in range(32):
        (folder / f"a{index:02d}.txt").write_text(base + f"\n编号{index}", encoding="utf-8")
    with fake_server(latency=0.3) as server:
        result = digest(server, [folder], tmp_path / "out", concurrency=16)
    assert result.digest.stats.summarized == 32
    assert server.max_in_flight >= 12


def test_budget_stops_starting_new_articles(tmp_path: Path) -> None:
    folder = inbox(tmp_path, 5)
    with fake_server() as server:
        first = digest(server, [folder], tmp_path / "out", concurrency=1, budget_tokens=200)
        assert len(server.requests) == 2  # 120 tokens each: the second crosses the budget
        assert first.digest.stats.skipped == 3 and len(first.digest.skipped) == 3
        second = digest(server, [folder], tmp_path / "out", concurrency=1)
        assert len(server.requests) == 5 and second.digest.stats.cached == 2


def test_syndicated_copies_become_one_item(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    seed = ARTICLES[0].read_text(encoding="utf-8")
    (folder / "a.txt").write_text(seed, encoding="utf-8")
    (folder / "b-reprint.txt").write_text("转载自某网站\n" + seed.replace("回页顶部", "返回首页"), encoding="utf-8")
    shutil.copy(ARTICLES[6], folder / "c.txt")
    with fake_server() as server:
        result = digest(server, [folder], tmp_path / "out")
    sources = sorted(len(item.sources) for item in result.digest.items)
    assert sources == [1, 2]


def test_markdown_grouped_by_event_date(tmp_path: Path) -> None:
    folder = inbox(tmp_path)
    with fake_server() as server:
        digest(server, [folder], tmp_path / "out", formats=("md",))
    text = (tmp_path / "out" / "digest-2026-11-23.md").read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if line.startswith("## ")] == [f"## New ({text.count('#### ')})"]
    headings = [line[4:] for line in text.splitlines() if line.startswith("### ")]
    dated = [h for h in headings if re.fullmatch(r"\d{4}-\d{2}-\d{2}", h)]
    assert dated == sorted(dated) and "2020-06-08" in dated and headings[-1] == "Date unknown"


def reprint(text: str) -> str:
    """What a syndicating site does to a page: its own header and footer around the same story."""
    return "转载自本地新闻网\n" + text + "\n（责任编辑：王五）"


def test_two_nights_on_a_growing_folder(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in ARTICLES[:4]:
        shutil.copy(path, folder / path.name)
    out = tmp_path / "out"
    with fake_server() as server:
        first = run_digest(make(server), [folder], DigestOptions(out_dir=out, date="2026-11-22",
                                                                 formats=("json", "md", "atom", "csv")))
        (folder / "zz-reprint.txt").write_text(reprint(ARTICLES[0].read_text(encoding="utf-8")), encoding="utf-8")
        shutil.copy(ARTICLES[5], folder / ARTICLES[5].name)
        second = run_digest(make(server), [folder], DigestOptions(out_dir=out, date="2026-11-23",
                                                                  formats=("json", "md", "atom", "csv")))
        sent = len(server.requests)
    assert sent == 6  # four the first night, two new pages the second
    night1 = {s.path: item for item in first.digest.items for s in item.sources}
    night2 = {s.path: item for item in second.digest.items for s in item.sources}
    assert {item.status for item in night1.values()} == {"new"}
    original = str(folder / ARTICLES[0].name)
    assert night2[str(folder / "zz-reprint.txt")] is night2[original]
    assert night2[original].status == "update" and night2[original].event_id == night1[original].event_id
    assert night2[original].first_seen == "2026-11-22"
    assert night2[str(folder / ARTICLES[5].name)].status == "new"
    unchanged = [night2[str(folder / p.name)] for p in ARTICLES[1:4]]
    assert {item.status for item in unchanged} == {"seen"}
    assert [item.event_id for item in unchanged] == [night1[str(folder / p.name)].event_id for p in ARTICLES[1:4]]
    assert [item.status for item in second.digest.items] == sorted(
        (item.status for item in second.digest.items), key=["new", "update", "seen"].index)

    markdown = (out / "digest-2026-11-23.md").read_text(encoding="utf-8")
    sections = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert sections == ["## New (1)", "## Updates (1)", "## Nothing new (3)"]
    assert "<details>" in markdown.split("## Nothing new")[1]

    nightly = feedparser.parse((out / "digest-2026-11-23.atom").read_bytes())
    rolling = feedparser.parse((out / "feed.atom").read_bytes())
    assert not nightly.bozo and not rolling.bozo
    assert len(nightly.entries) == 2 and len(rolling.entries) == 5
    assert {e.id for e in rolling.entries} == {f"urn:summarizer:event:{item.event_id}" for item in
                                               [*first.digest.items, *second.digest.items]}
    rows = (out / "digest-2026-11-23.csv").read_bytes()
    assert rows.startswith(b"\xef\xbb\xbf") and len(list(csv.reader(io.StringIO(rows.decode("utf-8-sig"))))) == 6


def test_new_only_shows_only_tonights_events(tmp_path: Path) -> None:
    folder = inbox(tmp_path, 3)
    out = tmp_path / "out"
    with fake_server() as server:
        digest(server, [folder], out, formats=("md",))
        shutil.copy(ARTICLES[4], folder / ARTICLES[4].name)
        run_digest(make(server), [folder], DigestOptions(out_dir=out, date="2026-11-24", formats=("md", "html"),
                                                         new_only=True))
    markdown = (out / "digest-2026-11-24.md").read_text(encoding="utf-8")
    assert [line for line in markdown.splitlines() if line.startswith("## ")] == ["## New (1)"]
    assert markdown.count("#### ") == 1
    assert "Nothing new" not in (out / "digest-2026-11-24.html").read_text(encoding="utf-8")


def test_a_url_line_links_the_source(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    text = ARTICLES[2].read_text(encoding="utf-8")
    (folder / "page.txt").write_text(text + "\n原文链接：https://news.example.org/2026/11/page.html", encoding="utf-8")
    with fake_server() as server:
        result = digest(server, [folder], tmp_path / "out", formats=("atom",))
    assert result.digest.items[0].sources[0].url == "https://news.example.org/2026/11/page.html"
    feed = feedparser.parse((tmp_path / "out" / "digest-2026-11-23.atom").read_bytes())
    assert feed.entries[0].link == "https://news.example.org/2026/11/page.html"


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


HOSTILE = (
    "协会召开<script>document.body.setAttribute('data-pwned','script')</script>年会\n"
    "2020年6月8日,某市协会召开年会。会议由会长<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">"
    "李明主持。会议选举产生了新一届理事会。"
)


def test_article_markup_is_escaped_in_html(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    with fake_server() as server:
        digest(server, [folder], tmp_path / "out", formats=("html",))
    page = (tmp_path / "out" / "digest-2026-11-23.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "<img" not in page and "&lt;script&gt;" in page
    assert "onerror=" not in page.replace("onerror=&quot;", "")
    assert "http://" not in page and "https://" not in page  # self-contained


@pytest.mark.skipif(chromium() is None, reason="needs Debian's chromium (.ci/run installs it)")
def test_headless_chromium_runs_no_article_script(tmp_path: Path) -> None:
    browser = chromium()
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    with fake_server() as server:
        digest(server, [folder], tmp_path / "out", formats=("html",))
    page = tmp_path / "out" / "digest-2026-11-23.html"
    dom = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
         "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    ).stdout
    assert "<body" in dom and "&lt;script&gt;" in dom  # the markup is there, as text
    body_tag = dom[dom.index("<body") : dom.index(">", dom.index("<body"))]
    assert "data-pwned" not in body_tag


def test_batch_api_path(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SUMMARIZER_BATCH_POLL", "0.01")
    folder = inbox(tmp_path, 5)
    with fake_server(script=["ok", "bad_json"]) as server:
        server.batch_polls_before_done = 3
        result = digest(server, [folder], tmp_path / "out", batch=True)
        assert len(server.batches) == 1 and server.batches["batch-1"]["status"] == "completed"
        lines = server.files["file-1"].decode("utf-8").splitlines()
        assert len(lines) == 5 and all(json.loads(x)["url"] == "/v1/chat/completions" for x in lines)
    data = result.digest
    assert data.stats.summarized == 4 and data.stats.failed == 1
    assert "invalid answer" in data.failures[0].error
    with fake_server() as server:
        again = digest(server, [folder], tmp_path / "out", batch=True)
        assert again.digest.stats.cached == 4 and again.digest.stats.summarized == 1


def test_kill_9_mid_run_then_rerun_completes(tmp_path: Path) -> None:
    folder = inbox(tmp_path, 12)
    out = tmp_path / "out"
    with fake_server(latency=0.4) as server:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
        env.update(OPENAI_BASE_URL=server.base_url, OPENAI_API_KEY="sk-test", SUMMARIZER_MODEL="fake",
                   SUMMARIZER_MODE="json_object_schema", SUMMARIZER_BACKOFF_MAX="0.05")
        command = [sys.executable, "-m", "summarizer.cli", "digest", str(folder), "--out", str(out),
                   "--concurrency", "2", "--date", "2026-11-23"]
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        done = 0
        while time.monotonic() < deadline and done < 3:
            time.sleep(0.1)
            if (out / "state.sqlite").exists():
                try:
                    with sqlite3.connect(out / "state.sqlite") as db:
                        done = db.execute("SELECT COUNT(*) FROM articles WHERE status='done'").fetchone()[0]
                except sqlite3.OperationalError:
                    pass
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert 3 <= done < 12
        assert not (out / "digest-2026-11-23.json").exists()
        before = len(server.requests)
        rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
        sent_again = len(server.requests) - before
    assert rerun.returncode == 0, rerun.stderr
    data = Digest.model_validate_json((out / "digest-2026-11-23.json").read_text(encoding="utf-8"))
    assert data.stats.articles == 12 and data.stats.failed == 0
    assert data.stats.cached >= done and sent_again <= 12 - done
    assert not list(out.glob(".*.tmp"))


def test_cli_usage_errors(tmp_path: Path) -> None:
    base = [sys.executable, "-m", "summarizer.cli", "digest"]
    for extra in (["--out", str(tmp_path)], [str(tmp_path), "--out", str(tmp_path), "--date", "23/11/2026"],
                  [str(tmp_path), "--out", str(tmp_path), "--formats", "pdf"],
                  [str(tmp_path / "nope"), "--out", str(tmp_path)]):
        result = subprocess.run(base + extra, capture_output=True, text=True)
        assert result.returncode == 2 and "Traceback" not in result.stderr


def test_non_tty_prints_one_summary_line(tmp_path: Path) -> None:
    folder = inbox(tmp_path, 2)
    with fake_server() as server:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
        env.update(OPENAI_BASE_URL=server.base_url, OPENAI_API_KEY="sk-test", SUMMARIZER_MODEL="fake",
                   SUMMARIZER_MODE="json_object_schema", SUMMARIZER_BACKOFF_MAX="0.05")
        result = subprocess.run([sys.executable, "-m", "summarizer.cli", "digest", str(folder), "--out",
                                 str(tmp_path / "out")], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout == "" and len(result.stderr.strip().splitlines()) == 1
    assert "2 articles" in result.stderr and "2 summarized" in result.stderr


def test_tokens_of_failed_articles_count_against_the_budget(tmp_path: Path) -> None:
    folder = inbox(tmp_path, 3)
    with fake_server(default="bad_json") as server:  # 97 tokens per answer, never valid
        result = digest(server, [folder], tmp_path / "out", concurrency=1, budget_tokens=250)
    assert len(server.requests) == 3  # one article: first answer + 2 re-asks = 291 tokens
    assert result.digest.stats.tokens == 291 and result.digest.stats.skipped == 2
