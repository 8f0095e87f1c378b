"""Scoring against gold summaries (the format of ``shared/README.md``), and ablations.

* date: exact value, or one of ``date_alternatives``;
* event: character F1 ≥ 0.5 against the gold event (what a reader would accept);
* hosts: names compared without parenthetical titles, either name containing
  the other; ``acceptable_extra_hosts`` are neither rewarded nor penalised;
* resolutions: a prediction matches a gold item when their quotes overlap
  (longest common run ≥ half the shorter, at least 6 characters);
  ``borderline`` gold items count when found and are not missed when absent;
* ungrounded: predicted quotes or names not found in the cleaned article.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from pydantic import BaseModel

from .clean import strip_pinyin
from .ground import Grounder
from .schema import Article, ModelHost, ModelReply, ModelResolution, SummaryRecord
from .script import fold

ABLATIONS = ("full", "model", "rules", "oracle")
EVENT_F1 = 0.5

_PAREN = re.compile(r"[（(][^（）()]*[）)]")


class ArticleScore(BaseModel):
    id: str
    event_ok: bool = False
    date_ok: bool
    date: str | None
    gold_date: str | None
    host_tp: int
    host_fp: int
    host_fn: int
    res_tp: int
    res_fp: int
    res_fn: int
    ungrounded: int


class EvalReport(BaseModel):
    articles: list[ArticleScore]
    n: int = 0
    event_accuracy: float = 0.0
    date_accuracy: float
    host_precision: float
    host_recall: float
    host_f1: float
    resolution_precision: float
    resolution_recall: float
    ungrounded: int
    failed: list[str] = []


@dataclass
class _Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    scores: list[ArticleScore] = field(default_factory=list)


def norm_name(name: str) -> str:
    name = _PAREN.sub("", strip_pinyin(name))
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))


def _name_match(predicted: str, gold: str) -> bool:
    a, b = norm_name(predicted), norm_name(gold)
    if a and b and (a in b or b in a):
        return True
    # A gold alias in brackets ("濱州市鋁行業協會（濱州鋁協）") counts when given exactly.
    aliases = [norm_name(x) for x in re.findall(r"[（(]([^（）()]*)[）)]", gold)]
    return bool(a) and a in aliases


def _quote_match(a: str, b: str) -> bool:
    a = re.sub(r"\s+", "", unicodedata.normalize("NFKC", strip_pinyin(a)))
    b = re.sub(r"\s+", "", unicodedata.normalize("NFKC", strip_pinyin(b)))
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size >= 6 and match.size >= 0.5 * min(len(a), len(b))


def _match(predicted, gold, same, ignore=lambda p: False):
    """Greedy one-to-one matching: (true positives, false positives, unmatched gold)."""
    remaining = list(gold)
    tp = fp = 0
    for item in predicted:
        hit = next((g for g in remaining if same(item, g)), None)
        if hit is not None:
            remaining.remove(hit)
            tp += 1
        elif not ignore(item):
            fp += 1
    return tp, fp, remaining


def event_f1(predicted: str, gold: str) -> float:
    """Character F1 of two event names (script-folded, punctuation ignored)."""
    a, b = (Counter(c for c in fold(unicodedata.normalize("NFKC", s)) if c.isalnum()) for s in (predicted, gold))
    shared = sum((a & b).values())
    if not shared:
        return 0.0
    precision, recall = shared / sum(a.values()), shared / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def score_article(record: SummaryRecord, gold: dict, article: Article) -> ArticleScore:
    summary = record.summary
    date_ok = summary.date.value == gold.get("date") or summary.date.value in gold.get(
        "date_alternatives", []
    )
    tp, fp, missed = _match(
        [h.name for h in summary.hosts], gold.get("hosts", []), lambda p, g: _name_match(p, g["name"]),
        ignore=lambda p: any(_name_match(p, extra) for extra in gold.get("acceptable_extra_hosts", [])),
    )
    host_fn = len(missed)
    r_tp, r_fp, gold_res = _match(
        [r.evidence for r in summary.resolutions], gold.get("resolutions", []),
        lambda p, g: _quote_match(p, g["phrase"]),
    )
    r_fn = sum(1 for g in gold_res if not g.get("borderline"))
    grounder = Grounder(article)
    quotes = [h.evidence for h in summary.hosts] + [h.name for h in summary.hosts]
    quotes += [r.evidence for r in summary.resolutions]
    if summary.date.phrase:
        quotes.append(summary.date.phrase)
    ungrounded = sum(1 for q in quotes if grounder.locate(q) is None)
    return ArticleScore(
        id=record.article.id, event_ok=event_f1(summary.event, gold.get("event", "")) >= EVENT_F1,
        date_ok=date_ok, date=summary.date.value, gold_date=gold.get("date"),
        host_tp=tp, host_fp=fp, host_fn=host_fn, res_tp=r_tp, res_fp=r_fp, res_fn=r_fn,
        ungrounded=ungrounded,
    )


def aggregate(scores: list[ArticleScore], failed: list[str] | None = None) -> EvalReport:
    def ratio(a: int, b: int) -> float:
        return round(a / b, 3) if b else 1.0

    htp, hfp, hfn = (sum(getattr(s, k) for s in scores) for k in ("host_tp", "host_fp", "host_fn"))
    rtp, rfp, rfn = (sum(getattr(s, k) for s in scores) for k in ("res_tp", "res_fp", "res_fn"))
    hp, hr = ratio(htp, htp + hfp), ratio(htp, htp + hfn)
    total = len(scores) + len(failed or [])
    return EvalReport(
        articles=scores,
        n=total,
        event_accuracy=ratio(sum(s.event_ok for s in scores), total),
        date_accuracy=ratio(sum(s.date_ok for s in scores), total),
        host_precision=hp,
        host_recall=hr,
        host_f1=round(2 * hp * hr / (hp + hr), 3) if hp + hr else 0.0,
        resolution_precision=ratio(rtp, rtp + rfp),
        resolution_recall=ratio(rtp, rtp + rfn),
        ungrounded=sum(s.ungrounded for s in scores),
        failed=failed or [],
    )


def load_gold(gold_dirs: Path | Sequence[Path]) -> dict[str, dict]:
    dirs = [gold_dirs] if isinstance(gold_dirs, Path) else list(gold_dirs)
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for d in dirs for p in sorted(d.glob("*.json"))}


def run_eval(summarizer, gold_dir: Path, articles_dir: Path, concurrency: int = 1) -> EvalReport:
    """Summarise every article that has a gold file and score it (the ``full`` row)."""
    return run_ablations(summarizer, gold_dir, articles_dir, ("full",), concurrency)["full"]


def run_ablations(summarizer, gold_dir: Path | Sequence[Path], articles_dir: Path | Sequence[Path],
                  ablations: Sequence[str] = ABLATIONS, concurrency: int = 1) -> dict[str, EvalReport]:
    """Score the product and what each part contributes.

    ``full``: the product as shipped. ``model``: the model alone (no rule
    candidates offered, none added). ``rules``: the model replaced by one that
    answers nothing. ``oracle``: the gold answer fed through merge and
    grounding as the model's reply (what validation loses). ``rules`` and
    ``oracle`` run in-process and send no request.
    """
    from .load import iter_article_paths

    unknown = [a for a in ablations if a not in ABLATIONS]
    if unknown:
        raise ValueError(f"unknown ablation {unknown[0]!r}: choose from {', '.join(ABLATIONS)}, all")
    gold = load_gold(gold_dir)
    folders = [articles_dir] if isinstance(articles_dir, Path) else list(articles_dir)
    articles = [summarizer.prepare(p) for p in iter_article_paths(folders) if Path(p).stem in gold]
    rows: dict[str, EvalReport] = {}
    for ablation in ablations:
        if ablation in ("full", "model"):
            runner = summarizer if ablation == "full" else summarizer.without_rules()
            results = runner.summarize_many(articles, concurrency=concurrency)
        else:
            replies = [silent_reply() if ablation == "rules" else gold_reply(gold[a.id]) for a in articles]
            results = [summarizer.summarize_reply(a, r, model=ablation) for a, r in zip(articles, replies, strict=True)]
        scores, failed = [], []
        for article, result in zip(articles, results, strict=True):
            if isinstance(result, SummaryRecord):
                scores.append(score_article(result, gold[article.id], article))
            else:
                failed.append(article.id)
        rows[ablation] = aggregate(scores, failed)
    return rows


def silent_reply() -> ModelReply:
    """A model that answers nothing: what the rules produce on their own."""
    return ModelReply(event="", date=None)


def gold_reply(gold: dict) -> ModelReply:
    """The gold answer written as a model's reply (every item quoted in full)."""
    return ModelReply(
        event=gold.get("event", ""),
        date=gold.get("date_phrase") or None,
        other_hosts=[ModelHost(name=h["name"], role=h["role"], evidence=h["phrase"]) for h in gold.get("hosts", [])],
        other_resolutions=[ModelResolution(text=r.get("text") or r["phrase"], evidence=r["phrase"])
                           for r in gold.get("resolutions", [])],
    )


def row(report: EvalReport) -> dict:
    """One ablation row as ``--json`` prints it."""
    return {"n": report.n, "date": report.date_accuracy, "event": report.event_accuracy,
            "host_p": report.host_precision, "host_r": report.host_recall, "host_f1": report.host_f1,
            "res_p": report.resolution_precision, "res_r": report.resolution_recall,
            "ungrounded": report.ungrounded}


def render_rows(rows: dict[str, EvalReport], as_json: bool = False) -> str:
    """The ablation table (or ``{"rows": {...}}`` JSON), one row per ablation."""
    if as_json:
        return json.dumps({"rows": {name: row(report) for name, report in rows.items()}}, indent=2) + "\n"
    header = f"{'ablation':9} {'n':>3} {'date':>6} {'event':>6} {'host P':>7} {'host R':>7} {'host F1':>8} " \
             f"{'res P':>6} {'res R':>6} {'ungr.':>6}"
    lines = [header]
    for name, report in rows.items():
        r = row(report)
        lines.append(f"{name:9} {r['n']:>3} {r['date']:>6.3f} {r['event']:>6.3f} {r['host_p']:>7.3f} "
                     f"{r['host_r']:>7.3f} {r['host_f1']:>8.3f} {r['res_p']:>6.3f} {r['res_r']:>6.3f} "
                     f"{r['ungrounded']:>6}")
        lines += [f"{'':9} failed: {name_}" for name_ in report.failed]
    return "\n".join(lines) + "\n"
