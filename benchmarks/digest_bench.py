"""Digest throughput against a local latency-simulating OpenAI-compatible server.

Run: python benchmarks/digest_bench.py [--articles 96] [--concurrency 16] [--latency 0.3]

The server (tests/fakeserver.py) runs in its own process on 127.0.0.1 and
sleeps `latency` seconds per request. Prints, from one run: efficiency (ideal
/ actual wall time, ideal = articles / concurrency × latency), the most
requests the server saw in flight, the requests sent by an immediate re-run
(target 0), and the local overhead per article: wall time of a run against a
zero-latency server / articles (target ≤ 20 ms), measured after a warm-up so
that one-off start-up (importing the SDK) is reported on its own.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from summarizer import Summarizer  # noqa: E402
from summarizer.digest import DigestOptions, run_digest  # noqa: E402

SOURCES = sorted(p for part in ("seeds", "dev") for p in (ROOT / "tests/fixtures" / part / "articles").glob("*.txt"))


@contextmanager
def server(latency: float):
    proc = subprocess.Popen([sys.executable, "-m", "tests.fakeserver", str(latency)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    try:
        yield proc.stdout.readline().strip()
    finally:
        proc.terminate()
        proc.wait()


def stats(base_url: str) -> dict:
    with urllib.request.urlopen(base_url.removesuffix("/v1") + "/stats") as response:
        return json.load(response)


def make_inbox(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    for index in range(count):
        text = SOURCES[index % len(SOURCES)].read_text(encoding="utf-8")
        (folder / f"article-{index:03d}.txt").write_text(f"{text}\n编号{index}", encoding="utf-8")


def one_run(base_url: str, inbox: Path, out: Path, concurrency: int):
    summarizer = Summarizer(base_url=base_url, api_key="sk-bench", model="bench", mode="json_object_schema",
                            timeout=30)
    started = time.perf_counter()
    result = run_digest(summarizer, [inbox], DigestOptions(out_dir=out, concurrency=concurrency,
                                                           date="2026-01-01"))
    return time.perf_counter() - started, result.digest


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=96)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--latency", type=float, default=0.3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_inbox(root / "inbox", args.articles)
        make_inbox(root / "warm", 1)
        with server(0.0) as url:
            startup, _ = one_run(url, root / "warm", root / "warm-out", 1)
            wall, _ = one_run(url, root / "inbox", root / "fresh", args.concurrency)
        with server(args.latency) as url:
            timed, digest = one_run(url, root / "inbox", root / "out", args.concurrency)
            first = stats(url)
            rerun_wall, rerun = one_run(url, root / "inbox", root / "out", args.concurrency)
            rerun_requests = stats(url)["requests"] - first["requests"]
    ideal = args.articles / args.concurrency * args.latency
    print(f"articles {args.articles}, concurrency {args.concurrency}, server latency {args.latency:.3f} s")
    print(f"wall {timed:.2f} s, ideal {ideal:.2f} s, efficiency (ideal/actual) {ideal / timed:.2f} (target >= 0.75)")
    print(f"max requests in flight at the server: {first['max_in_flight']} (target >= 12)")
    print(f"summarized {digest.stats.summarized} with {first['requests']} requests; {len(digest.items)} events")
    print(f"re-run: {rerun_requests} requests (target 0), {rerun.stats.cached} cached, {rerun_wall:.2f} s")
    print(f"local overhead per article (zero-latency server): {1000 * wall / args.articles:.1f} ms"
          f" (target <= 20 ms); one-off start-up {1000 * startup:.0f} ms")


if __name__ == "__main__":
    main()
