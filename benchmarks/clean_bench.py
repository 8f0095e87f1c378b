"""Cleaning benchmark: compression per article and time per ~3 KB article.

Run: python benchmarks/clean_bench.py [ARTICLES_DIR ...]
Prints chars in/out for every article, the overall ratio, and the time to
clean 1,000 articles of about 3 KB each (target: <= 2 ms per article).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from summarizer.clean import clean
from summarizer.load import iter_article_paths, load_article

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIRS = [ROOT / "tests/fixtures/seeds/articles", ROOT / "tests/fixtures/dev/articles"]


def main(dirs: list[str]) -> None:
    raws = [load_article(path) for path in iter_article_paths(dirs or DEFAULT_DIRS)]
    total_in = total_out = 0
    print(f"{'article':28} {'chars_in':>8} {'chars_out':>9} {'ratio':>6}")
    for raw in raws:
        article = clean(raw)
        total_in += article.chars_in
        total_out += article.chars_out
        ratio = article.chars_out / article.chars_in
        print(f"{article.id:28} {article.chars_in:8} {article.chars_out:9} {ratio:6.2f}")
    print(f"{'overall':28} {total_in:8} {total_out:9} {total_out / total_in:6.2f}")

    # 1,000 articles of ~3 KB (UTF-8 bytes), cut from the real ones so the
    # rules see real noise, pinyin artefacts and duplicates.
    corpus = "\n".join(raw.text for raw in raws)
    size = 1200  # characters; about 3 KB of UTF-8 (mostly CJK, some ASCII)
    samples = [corpus[(i * 977) % (len(corpus) - size):][:size] for i in range(1000)]
    timings = []
    start = time.perf_counter()
    for sample in samples:
        t0 = time.perf_counter()
        clean(sample)
        timings.append(time.perf_counter() - t0)
    elapsed = time.perf_counter() - start
    mean_kb = statistics.mean(len(s.encode("utf-8")) for s in samples) / 1024
    print(
        f"cleaned 1000 articles of {mean_kb:.1f} KB in {elapsed:.2f} s: "
        f"mean {1000 * elapsed / 1000:.2f} ms, median {1000 * statistics.median(timings):.2f} ms, "
        f"p95 {1000 * sorted(timings)[949]:.2f} ms per article (target <= 2 ms)"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
