"""Speed of the embedded model, this configuration against the previous one, in one run.

Run: python benchmarks/local_model_bench.py [--baseline REV] [--only ID ...] [--model GGUF]

Starts the llama.cpp server on 127.0.0.1 exactly as `summarizer summarize` does,
then summarises the seed + dev articles twice through the product's own path:
with the code at ``--baseline`` (default: the last commit before the
numbered-candidate prompt, checked out in a temporary git worktree and run in
a subprocess) and with this tree (first). Each configuration runs as one block, as
the product does: alternating would change the system prompt on every request
and defeat llama.cpp's reuse of the shared prefix. Per article it prints prompt tokens,
the tokens shared with the previous request's prompt (the prefix llama.cpp
reuses instead of recomputing), reply tokens and seconds; then both medians,
their ratio, and each configuration's quality (the `full` evaluation row)
so speed is never bought with quality.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
DEFAULT_BASELINE = "b72561e"  # summarize-v1: hints as JSON lists, quotes re-typed in the reply

# Runs inside the baseline worktree. The editable install's import hook would map the package's
# prompts to this tree's folder, so it is removed: the baseline reads its own prompts. Its messages
# come from its private request builder: the old code had no public one.
_BASELINE_RUNNER = r"""
import json, sys, time
sys.meta_path = [f for f in sys.meta_path if "editable" not in repr(f).lower()]
from summarizer import Summarizer
from summarizer.prompt import _prompt_dir
print("# baseline prompts from", _prompt_dir(), file=sys.stderr)
base_url, model = sys.argv[1:]
summarizer = Summarizer(base_url=base_url, api_key="sk-no-key-required", model=model,
                        mode="json_object_schema", timeout=900)
for line in sys.stdin:
    path = line.strip()
    article = summarizer.prepare(path)
    started = time.perf_counter()
    record = summarizer.summarize(article)
    seconds = time.perf_counter() - started
    print(json.dumps({"path": path, "seconds": seconds, "record": record.model_dump(mode="json"),
                      "messages": summarizer._request(article)[2]}, ensure_ascii=False), flush=True)
"""


def articles(only: list[str]) -> list[Path]:
    paths = [*sorted((FIXTURES / "seeds" / "articles").glob("*.txt")),
             *sorted((FIXTURES / "dev" / "articles").glob("*.txt"))]
    return [p for p in paths if not only or any(p.stem.startswith(o) for o in only)]


def gold_for(path: Path) -> dict:
    return json.loads((path.parent.parent / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))


def tokenizer(base_url: str):
    """Token counts from the server's own tokenizer (llama-cpp-python's /extras/tokenize)."""
    import urllib.request

    root = base_url.rsplit("/v1", 1)[0]

    def count(text: str) -> int:
        request = urllib.request.Request(f"{root}/extras/tokenize", data=json.dumps({"input": text}).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            return len(json.loads(response.read())["tokens"])

    return count


def shared_prefix(previous: list[dict] | None, current: list[dict]) -> str:
    """The leading text two consecutive prompts have in common (what the server reuses)."""
    if previous is None:
        return ""
    a = "\n".join(m["content"] for m in previous)
    b = "\n".join(m["content"] for m in current)
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return b[:n]


class Baseline:
    """The previous configuration in its own worktree and process, one article per request."""

    def __init__(self, rev: str, base_url: str, model: str) -> None:
        self.folder = tempfile.TemporaryDirectory(prefix="summarizer-baseline-")
        self.tree = Path(self.folder.name) / "tree"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(self.tree), rev], check=True,
                       capture_output=True)
        env = {**os.environ, "PYTHONPATH": str(self.tree)}
        self.process = subprocess.Popen([sys.executable, "-c", _BASELINE_RUNNER, base_url, model], cwd=self.tree,
                                        env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def summarize(self, path: Path) -> dict:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(f"{path}\n")
        self.process.stdin.flush()
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError("the baseline process stopped")
            if line.startswith("{"):
                return json.loads(line)

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        self.process.wait(timeout=60)
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(self.tree)], check=False,
                       capture_output=True)
        self.folder.cleanup()


def summarize_current(summarizer, path: Path) -> dict:
    article = summarizer.prepare(path)
    started = time.perf_counter()
    record = summarizer.summarize(article)
    seconds = time.perf_counter() - started
    return {"path": str(path), "seconds": seconds, "record": record.model_dump(mode="json"),
            "messages": summarizer.messages(article)}


def report(name: str, rows: list[dict], count) -> tuple[float, dict]:
    from summarizer.evaluate import aggregate, row, score_article
    from summarizer.schema import SummaryRecord

    print(f"\n{name}")
    print(f"{'article':24} {'prompt_tok':>10} {'shared_tok':>10} {'reply_tok':>9} {'seconds':>8}")
    previous, scores = None, []
    for item in rows:
        usage = item["record"]["meta"]["usage"]
        shared = count(shared_prefix(previous, item["messages"])) if previous else 0
        previous = item["messages"]
        path = Path(item["path"])
        print(f"{path.stem[:24]:24} {usage['prompt_tokens']:10} {shared:10} {usage['completion_tokens']:9} "
              f"{item['seconds']:8.1f}")
        record = SummaryRecord.model_validate(item["record"])
        scores.append(score_article(record, gold_for(path), _article(path)))
    median = statistics.median(r["seconds"] for r in rows)
    quality = row(aggregate(scores))
    print(f"median {median:.1f} s per article; quality {json.dumps(quality)}")
    return median, quality


def _article(path: Path):
    from summarizer import Summarizer

    return Summarizer.prepare(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, help="git revision of the previous configuration")
    parser.add_argument("--only", nargs="*", default=[], help="article ids (prefixes) to run")
    parser.add_argument("--model", default=None, help="packaged model name or GGUF path")
    parser.add_argument("--base-url", default=None, help="use a running server instead of starting one")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from contextlib import nullcontext

    from summarizer.local import local_endpoint

    paths = articles(args.only)
    running = (args.base_url, "qwen2.5-coder-1.5b-instruct-q4")
    endpoint = nullcontext(running) if args.base_url else local_endpoint(args.model)
    with endpoint as (base_url, label):
        model = label.split("@")[0]
        print(f"model {label} at {base_url}; {len(paths)} articles; previous = {args.baseline}")
        count = tokenizer(base_url)
        from summarizer import Summarizer

        summarizer = Summarizer(base_url=base_url, api_key="sk-no-key-required", model=model,
                                mode="json_object_schema", timeout=900)
        # This configuration first: if anything else loads the machine early in the run, the
        # comparison errs against this change, never for it.
        current = [summarize_current(summarizer, path) for path in paths]
        baseline = Baseline(args.baseline, base_url, model)
        try:
            previous = [baseline.summarize(path) for path in paths]
        finally:
            baseline.close()
        before, quality_before = report(f"previous configuration ({args.baseline})", previous, count)
        after, quality_after = report("this configuration", current, count)
    print(f"\nmedian seconds per article: previous {before:.1f}, this {after:.1f}; "
          f"speed-up x{before / after:.2f} (target >= 2)")
    worse = {k: round(quality_before[k] - quality_after[k], 3) for k in quality_after
             if k not in ("n", "ungrounded") and quality_after[k] < quality_before[k] - 0.01}
    print(f"quality: previous {json.dumps(quality_before)}\n         this     {json.dumps(quality_after)}")
    print("quality within 0.01 or better on every metric" if not worse else f"quality lower on: {worse}")


if __name__ == "__main__":
    main()
