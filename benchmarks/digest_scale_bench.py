"""A night of 1,000 and 10,000 pages: local cost per article and peak memory; grouping alone at 100,000.

Run: python benchmarks/digest_scale_bench.py [--sizes 1000,10000] [--group-size 100000] [--concurrency 64]
     python benchmarks/digest_scale_bench.py --profile 2000   # cProfile of one digest, top functions

Each digest runs in a fresh process against a zero-latency stand-in server
(tests/fakeserver.py, its own process on 127.0.0.1), so the wall time per
article is the local overhead: loading, cleaning, candidate rules, requests
through the SDK, grounding, state commits, grouping and writing the outputs.
CPU time is the digest process's own (the stand-in server runs elsewhere and
shares the cores, so wall time on a busy machine overstates the cost). Peak
RSS is the digest process's own (``ru_maxrss``). Targets at 10,000 articles:
≤ 5 ms per article, ≤ 1.5 GB.

The articles are synthetic but shaped like the real ones: sentences drawn
from the fixture pages, with their organisations, numbers and dates varied,
under a headline; one in ten is a reprint of another (new page furniture),
one in thirty a truncated reprint, so grouping has real work to do.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SOURCES = sorted(p for part in ("seeds", "dev") for p in (ROOT / "tests/fixtures" / part / "articles").glob("*.txt"))
_SENTENCE = re.compile(r"[^。！？\n]+[。！？]")
_PLACES = ["东湖", "西山", "南岸", "北城", "中山", "新港", "青石", "白沙", "临江", "松原", "桃源", "金沙"]
_BODIES = ["行业协会", "商会", "研究会", "促进会", "联合会", "学会", "县政府", "区政府", "理事会"]


_TOPICS = ["年度工作", "换届选举", "产业投资", "人才培养", "标准制定", "对外交流", "数字化转型", "安全生产", "乡村振兴",
           "财务审计", "会员发展", "科技创新", "品牌建设", "法律服务", "公益慈善", "招商引资", "质量提升", "绿色发展",
           "文化旅游", "医疗卫生", "教育培训", "金融服务", "物流运输", "住房保障", "营商环境", "项目签约"]
_KINDS = ["座谈会", "理事会议", "会员大会", "推介会", "签约仪式", "研讨会", "常务会议", "年会", "成立大会", "表彰会",
          "工作会议", "揭牌仪式", "论坛", "培训班", "专题会议"]


def sentence_pool() -> tuple[list[str], str]:
    """Sentences of the fixture pages, and every character they use (to vary sentences with)."""
    pool, characters = [], set()
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        pool += [s.strip() for s in _SENTENCE.findall(text) if len(s.strip()) >= 12]
        characters |= {c for c in text if "\u4e00" <= c <= "\u9fff"}
    return pool, "".join(sorted(characters))


def vary(sentence: str, characters: str, rng: random.Random) -> str:
    """The same kind of sentence about another organisation, with other numbers and words:
    distinct pages share about as many 4-grams as real pages about different events do."""
    sentence = re.sub(r"\d+", lambda m: str(rng.randint(1, 2030)), sentence)
    chars = list(sentence[rng.randint(0, min(6, len(sentence) - 1)):])
    for _ in range(max(1, len(chars) // 6)):
        chars[rng.randrange(len(chars))] = rng.choice(characters)
    return f"{rng.choice(_PLACES)}{rng.choice(_BODIES)}" + "".join(chars)


def synthetic_articles(count: int, seed: int = 11) -> list[tuple[str, str | None, str]]:
    """(headline, event date, text) of ``count`` pages, reprints included."""
    rng = random.Random(seed)
    pool, characters = sentence_pool()
    pages: list[tuple[str, str | None, str]] = []
    for index in range(count):
        if pages and index % 10 == 9:
            headline, when, original = pages[rng.randrange(len(pages))]
            pages.append((headline, when, "转载自本地新闻网\n" + original + "\n（责任编辑：王五）"))
        elif pages and index % 30 == 14:
            headline, when, original = pages[rng.randrange(len(pages))]
            pages.append((headline, when, original[: len(original) * 2 // 3]))
        else:
            month, day = rng.randint(1, 12), rng.randint(1, 28)
            place, body = rng.choice(_PLACES), rng.choice(_BODIES)
            headline = f"{place}{rng.choice(characters)}{body}{rng.choice(_TOPICS)}{rng.choice(_KINDS)}"
            lead = f"{month}月{day}日，{headline}召开，会长{rng.choice('王李张刘陈杨')}{rng.choice('明华军平')}主持。"
            body_text = "".join(vary(rng.choice(pool), characters, rng) for _ in range(rng.randint(6, 16)))
            text = f"{headline}\n{lead}\n{body_text}\n会议审议通过了《{place}{body}年度工作报告》。"
            pages.append((headline, f"--{month:02d}-{day:02d}", text))
    return pages


def split_cores() -> tuple[set[int], set[int]] | None:
    """One core for the stand-in server, the rest for the digest: the two no longer take turns
    on the same core, which made the digest's CPU figures swing by a tenth between runs."""
    cores = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    return ({cores[0]}, set(cores[1:])) if len(cores) >= 2 else None


@contextmanager
def stand_in_server():
    split = split_cores()
    if split:
        os.sched_setaffinity(0, split[1])
    proc = subprocess.Popen([sys.executable, "-m", "tests.fakeserver", "0"], cwd=ROOT, stdout=subprocess.PIPE,
                            text=True, preexec_fn=(lambda: os.sched_setaffinity(0, split[0])) if split else None)
    try:
        yield proc.stdout.readline().strip()
    finally:
        proc.terminate()
        proc.wait()


STAGES = {"load_inputs": "load+clean", "summarize_pending": "summarize", "link_events": "events",
          "write_outputs": "outputs"}


def time_stages(module) -> dict[str, float]:
    """CPU seconds spent in each stage of the digest (wrapped for this process only)."""
    spent = dict.fromkeys(STAGES.values(), 0.0)

    def timed(name: str, function):
        def wrapper(*args, **kwargs):
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[STAGES[name]] += time.process_time() - started
        return wrapper

    for name in STAGES:
        setattr(module, name, timed(name, getattr(module, name)))
    return spent


def one_digest(count: int, concurrency: int, profile: bool) -> dict:
    """Runs in its own process: write the inbox, run the digest once, report time and peak RSS."""
    from summarizer import Summarizer
    from summarizer import digest as digest_module
    from summarizer.digest import DigestOptions, run_digest

    with tempfile.TemporaryDirectory() as tmp, stand_in_server() as url:
        inbox = Path(tmp) / "inbox"
        inbox.mkdir()
        for index, (_, _, text) in enumerate(synthetic_articles(count)):
            (inbox / f"page-{index:06d}.txt").write_text(text, encoding="utf-8")
        warm = Path(tmp) / "warm"
        warm.mkdir()
        (warm / "w.txt").write_text(synthetic_articles(1, seed=3)[0][2], encoding="utf-8")

        def run(folder: Path, out: Path):
            summarizer = Summarizer(base_url=url, api_key="sk-bench", model="bench", mode="json_object_schema",
                                    timeout=60)
            options = DigestOptions(out_dir=out, concurrency=concurrency, date="2026-11-23",
                                    formats=("json", "md", "html", "atom", "csv"))
            return run_digest(summarizer, [folder], options)

        run(warm, Path(tmp) / "warm-out")  # one-off imports and connection set-up, reported apart
        stages = time_stages(digest_module)
        profiler = cProfile.Profile() if profile else None
        cpu_started = time.process_time()
        usage_started = resource.getrusage(resource.RUSAGE_SELF)
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        result = run(inbox, Path(tmp) / "out")
        if profiler:
            profiler.disable()
        wall = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        usage = resource.getrusage(resource.RUSAGE_SELF)
        system = usage.ru_stime - usage_started.ru_stime
    if profiler:
        stats = pstats.Stats(profiler, stream=sys.stderr)
        stats.sort_stats("tottime").print_stats(25)
        ours = r"summarizer/(digest|group|history|feed|report|clean|load|summarize)\.py"
        stats.sort_stats("cumulative").print_stats(ours, 30)
        pipeline = r"summarizer/(candidates|prompt|llm|merge|ground|record|dates|state)\.py"
        stats.sort_stats("cumulative").print_stats(pipeline, 30)
    stats = result.digest.stats
    return {"articles": count, "wall_s": wall, "ms_per_article": 1000 * wall / count,
            "cpu_ms_per_article": 1000 * cpu / count, "system_ms_per_article": 1000 * system / count,
            "stages_ms_per_article": {stage: round(1000 * seconds / count, 2) for stage, seconds in stages.items()},
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "summarized": stats.summarized, "failed": stats.failed, "events": len(result.digest.items)}


def grouping_only(count: int) -> dict:
    """Fingerprint and group ``count`` reports (no model, no files): the part that used to be quadratic."""
    from summarizer.group import fingerprint, group

    pages = synthetic_articles(count)
    started = time.perf_counter()
    prints = [fingerprint(headline, when, text) for headline, when, text in pages]
    fingerprinted = time.perf_counter()
    groups = group(prints)
    done = time.perf_counter()
    return {"articles": count, "fingerprint_s": fingerprinted - started, "group_s": done - fingerprinted,
            "ms_per_article": 1000 * (done - started) / count, "groups": len(groups),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def in_child(*arguments: str) -> dict:
    out = subprocess.run([sys.executable, __file__, *arguments], cwd=ROOT, capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--group-size", type=int, default=100_000)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--profile", type=int, metavar="N", help="profile one digest of N articles")
    parser.add_argument("--child-digest", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--child-group", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_digest:
        print(json.dumps(one_digest(args.child_digest, args.concurrency, profile=False)))
        return
    if args.child_group:
        print(json.dumps(grouping_only(args.child_group)))
        return
    if args.profile:
        print(json.dumps(one_digest(args.profile, args.concurrency, profile=True)))
        return
    print(f"digest against a 0-ms stand-in server on 127.0.0.1, concurrency {args.concurrency}, "
          f"formats json,md,html,atom,csv")
    rows = []
    for size in (int(s) for s in args.sizes.split(",") if s):
        row = in_child("--child-digest", str(size), "--concurrency", str(args.concurrency))
        rows.append(row)
        print(f"  {row['articles']:>6} articles: {row['wall_s']:7.1f} s wall ({row['ms_per_article']:5.2f} ms/article),"
              f" {row['cpu_ms_per_article']:5.2f} ms/article CPU (target <= 5), peak RSS {row['peak_rss_mb']:6.0f} MB"
              f" (target <= 1536); {row['summarized']} summarized, {row['failed']} failed, {row['events']} events")
        print(f"         of the CPU, in the kernel (sockets, files): {row['system_ms_per_article']:.2f} ms/article")
        print("         CPU ms/article by stage: " + ", ".join(
            f"{stage} {value:.2f}" for stage, value in row["stages_ms_per_article"].items()))
    if len(rows) >= 2:
        growth = rows[-1]["cpu_ms_per_article"] / rows[0]["cpu_ms_per_article"]
        print(f"  CPU per article, {rows[-1]['articles']} vs {rows[0]['articles']}: x{growth:.2f} (1.0 = linear)")
    if args.group_size:
        row = in_child("--child-group", str(args.group_size))
        print(f"grouping alone, {row['articles']} articles: fingerprints {row['fingerprint_s']:.1f} s + "
              f"grouping {row['group_s']:.1f} s = {row['ms_per_article']:.2f} ms/article, {row['groups']} events, "
              f"peak RSS {row['peak_rss_mb']:.0f} MB")


if __name__ == "__main__":
    main()
