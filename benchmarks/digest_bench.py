"""Digest throughput against a local latency-simulating OpenAI-compatible server.

Run: python benchmarks/digest_bench.py [--articles 96] [--concurrency 16] [--latency 0.3]

Prints, from one run: efficiency (ideal / actual wall time, ideal being
articles / concurrency × latency), the most requests the server saw in
flight, the requests sent on an immediate re-run (target 0), and the local
overhead per article (a zero-latency run's wall time / articles; target ≤ 20 ms).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer import Summarizer  # noqa: E402
from summarizer.digest import DigestOptions, run_digest  # noqa: E402
from tests.fakeserver import FakeServer  # noqa: E402

SOURCES = sorted((ROOT / "tests/fixtures").glob("*/articles/*.txt"))


def make_inbox(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    for index in range(count):
        text = SOURCES[index % len(SOURCES)].read_text(encoding="utf-8")
        (folder / f"article-{index:03d}.txt").write_text(f"{text}\n编号{index}", encoding="utf-8")


def one_run(server: FakeServer, inbox: Path, out: Path, concurrency: int) -> tuple[float, object]:
    summarizer = Summarizer(base_url=server.base_url, api_key="sk-bench", model="bench",
                            mode="json_object_schema", timeout=30)
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
        with FakeServer(latency=args.latency) as server:
            wall, digest = one_run(server, root / "inbox", root / "out", args.concurrency)
            ideal = args.articles / args.concurrency * args.latency
            first_requests = len(server.requests)
            rerun_wall, rerun = one_run(server, root / "inbox", root / "out", args.concurrency)
            rerun_requests = len(server.requests) - first_requests
            print(f"articles {args.articles}, concurrency {args.concurrency}, server latency {args.latency:.3f} s")
            print(f"wall {wall:.2f} s, ideal {ideal:.2f} s, efficiency (ideal/actual) {ideal / wall:.2f}"
                  f" (target >= 0.75)")
            print(f"max requests in flight at the server: {server.max_in_flight} (target >= 12)")
            print(f"summarized {digest.stats.summarized}, requests {first_requests}")
            print(f"re-run: {rerun_requests} requests (target 0), {rerun.stats.cached} cached, {rerun_wall:.2f} s")
        with FakeServer(latency=0.0) as server:
            wall, digest = one_run(server, root / "inbox", root / "fresh", args.concurrency)
            print(f"local overhead per article (zero-latency server): {1000 * wall / args.articles:.1f} ms"
                  f" (target <= 20 ms)")


if __name__ == "__main__":
    main()
