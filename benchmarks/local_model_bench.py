"""Speed of the embedded model on the seed articles, through the product's own path.

Run: python benchmarks/local_model_bench.py [--model NAME_OR_GGUF] [--baseline]

Starts the llama.cpp server on 127.0.0.1 exactly as `summarizer summarize`
does, summarises every seed article in order (so the server's prompt cache
reuses the shared instructions), and prints per article: prompt tokens,
completion tokens, seconds; then the median. `--baseline` also times a naive
prompt (raw article, instructions after it, free-form JSON) in the same run,
so the two medians compare like for like.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from summarizer import Summarizer
from summarizer.load import load_article
from summarizer.local import local_endpoint

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "tests/fixtures/seeds/articles").glob("*.txt"))
NAIVE = (
    "{article}\n\nSummarise the event above as JSON with keys event, date (YYYY-MM-DD), hosts "
    "(list of {{name, role}}) and resolutions (list of strings)."
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=None, help="packaged model name or GGUF path")
    parser.add_argument("--baseline", action="store_true", help="also time a naive prompt")
    args = parser.parse_args()
    with local_endpoint(args.model) as (base_url, label):
        print(f"model {label} at {base_url}")
        summarizer = Summarizer(base_url=base_url, api_key="sk-no-key-required", model=label.split("@")[0])
        rows = []
        print(f"{'article':24} {'prompt_tok':>10} {'compl_tok':>9} {'seconds':>8}")
        for path in SEEDS:
            started = time.perf_counter()
            record = summarizer.summarize(path)
            seconds = time.perf_counter() - started
            usage = record.meta.usage
            rows.append(seconds)
            print(f"{path.stem[:24]:24} {usage.prompt_tokens:10} {usage.completion_tokens:9} {seconds:8.1f}")
        print(f"median seconds per seed article: {statistics.median(rows):.1f} (target <= 30)")
        if args.baseline:
            naive(base_url, label.split("@")[0], statistics.median(rows))


def naive(base_url: str, model: str, product_median: float) -> None:
    from openai import OpenAI

    client = OpenAI(base_url=base_url, api_key="sk-no-key-required", max_retries=0, timeout=600)
    rows = []
    print("naive prompt (raw text, instructions last):")
    import openai

    for path in SEEDS:
        started = time.perf_counter()
        try:
            response = client.chat.completions.create(
                model=model, temperature=0, max_tokens=1024,
                messages=[{"role": "user", "content": NAIVE.format(article=load_article(path).text)}],
            )
        except openai.BadRequestError as exc:  # the raw page does not fit the context window
            print(f"{path.stem[:24]:24} {'-':>10} {'-':>9} {'-':>8}  ({str(exc)[:60]}…)")
            continue
        seconds = time.perf_counter() - started
        rows.append(seconds)
        usage = response.usage
        print(f"{path.stem[:24]:24} {usage.prompt_tokens:10} {usage.completion_tokens:9} {seconds:8.1f}")
    base = statistics.median(rows)
    print(f"naive median {base:.1f} s; product median {product_median:.1f} s; speed-up x{base / product_median:.2f}")


if __name__ == "__main__":
    main()
