"""Grounding: every claim must be a verbatim quote of the cleaned article.

Quotes are located after NFKC, whitespace and full/half-width normalisation,
and their character offsets in the cleaned text are stored. Hosts and
resolutions that fail are removed and reported with the reason; hosts whose
evidence does not show the claimed role, and resolutions that are only
speech, are rejected by the same rule vocabulary that produced the hints.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from . import hints
from .clean import strip_pinyin
from .dates import find_candidates, parse_phrase, resolve, strip_year, years_in_article
from .schema import Article, Dropped, EventDate, Host, ModelSummary, Resolution, Summary

_PUNCT_FOLD = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"', "『": '"',
                             "』": '"', "、": ",", "。": ".", "～": "~", "—": "-", "–": "-"})
_ELLIPSIS = re.compile(r"\s*(?:…+|\.{3,})\s*")
_TRIM = " \t\n,.;:!?\"'()[]，。；：！？、"


@dataclass
class NormalizedText:
    """Normalised text plus a map from each normalised char to its original offset."""

    text: str
    offsets: list[int]

    @classmethod
    def of(cls, original: str) -> NormalizedText:
        chars: list[str] = []
        offsets: list[int] = []
        for index, char in enumerate(original):
            for piece in _normalize_char(char):
                chars.append(piece)
                offsets.append(index)
        return cls("".join(chars), offsets)

    def find(self, quote: str) -> tuple[int, int] | None:
        needle = "".join(piece for char in quote for piece in _normalize_char(char))
        if not needle:
            return None
        at = self.text.find(needle)
        if at < 0:
            return None
        return self.offsets[at], self.offsets[at + len(needle) - 1] + 1


@lru_cache(maxsize=65536)
def _normalize_char(char: str) -> str:
    folded = unicodedata.normalize("NFKC", char).translate(_PUNCT_FOLD)
    return "".join(c for c in folded if not c.isspace())


@dataclass
class Grounder:
    article: Article
    index: NormalizedText = field(init=False)

    def __post_init__(self) -> None:
        self.index = NormalizedText.of(self.article.text)

    def locate(self, quote: str | None) -> tuple[int, int] | None:
        """Offsets of a verbatim quote; an ellipsis may join ordered verbatim pieces."""
        if not quote:
            return None
        quote = strip_pinyin(quote).strip(_TRIM)
        span = self.index.find(quote)
        if span or not _ELLIPSIS.search(quote):
            return span
        pieces = [p.strip(_TRIM) for p in _ELLIPSIS.split(quote) if p.strip(_TRIM)]
        spans = [self.index.find(p) for p in pieces]
        if not spans or any(s is None for s in spans):
            return None
        starts = [s[0] for s in spans if s]
        if starts != sorted(starts):
            return None
        return spans[0][0], spans[-1][1]  # type: ignore[index]

    def excerpt(self, span: tuple[int, int]) -> str:
        return self.article.text[span[0] : span[1]]


@dataclass
class GroundingReport:
    summary: Summary
    dropped: list[Dropped]
    warnings: list[str]


def ground(article: Article, proposed: ModelSummary) -> GroundingReport:
    """Keep what the article supports; report everything else."""
    grounder = Grounder(article)
    dropped: list[Dropped] = []
    warnings: list[str] = []
    event_date, date_warnings = _ground_date(article, grounder, proposed.date_phrase)
    warnings += date_warnings
    host_list = _ground_hosts(article, grounder, proposed, dropped, warnings)
    resolutions = _ground_resolutions(grounder, proposed, dropped, warnings)
    event = tidy_event(proposed.event) or (article.title or "")
    return GroundingReport(
        Summary(event=event, date=event_date, hosts=host_list, resolutions=resolutions),
        dropped,
        warnings,
    )


_EVENT_TAIL = re.compile(r"(?:在[^，,。]{1,20})?(?:隆重|顺利|順利|如期)?(?:召开|召開|举行|舉行|举办|舉辦)[！!。.]*$")


def tidy_event(event: str) -> str:
    """An event's name, not a headline: "X会在武汉举行！" → "X会"."""
    event = event.strip().strip("“”\"「」")
    trimmed = _EVENT_TAIL.sub("", event).rstrip("！!。.，, ")
    return trimmed if len(trimmed) >= 4 else event.rstrip("！!。.")


def problems_for_reask(article: Article, proposed: ModelSummary) -> list[str]:
    """Strict mode: what to tell the model instead of silently dropping."""
    report = ground(article, proposed)
    return [f"{_describe(d.item)}: {d.reason}" for d in report.dropped]


def _describe(item: dict) -> str:
    return item.get("name") or item.get("text") or str(item)


# ---------------------------------------------------------------- dates


def _ground_date(article: Article, grounder: Grounder, phrase: str | None) -> tuple[EventDate, list[str]]:
    """The model chooses a phrase; rules parse it and may overrule it."""
    warnings: list[str] = []
    candidates = find_candidates(article.text)
    chosen = None
    if phrase and grounder.locate(phrase):
        parsed = parse_phrase(phrase)
        in_rules = any(_same(parsed, c) for c in candidates) if parsed else False
        if parsed and in_rules:
            chosen = next(c for c in candidates if _same(parsed, c))
        elif parsed:
            warnings.append(f"date phrase {phrase!r} is a dateline or publication time; ignored")
    elif phrase and phrase.strip().lower() not in {"null", "none", ""}:
        warnings.append(f"date phrase {phrase!r} is not in the article; ignored")
    if chosen is None and candidates:
        chosen = candidates[0]
        if phrase:
            warnings.append(f"date taken from the article's first date phrase {chosen.phrase!r}")
    event_date, more = resolve(chosen, published=article.published, title=article.title)
    year = (event_date.value or "")[:4]
    if year.isdigit() and int(year) not in years_in_article(article.text, article.published, article.title):
        warnings.append(f"year {year} appears nowhere in the article; removed")
        event_date = strip_year(event_date)
    return event_date, warnings + more


def _same(a, b) -> bool:
    return (a.year, a.month, a.day, a.relative) == (b.year, b.month, b.day, b.relative) or (
        a.phrase in b.phrase
    )


# ---------------------------------------------------------------- hosts


def _ground_hosts(
    article: Article,
    grounder: Grounder,
    proposed: ModelSummary,
    dropped: list[Dropped],
    warnings: list[str],
) -> list[Host]:
    kept: list[Host] = []
    for host in proposed.hosts:
        item = host.model_dump()
        name = strip_pinyin(host.name).strip(_TRIM)
        name = re.sub(r"[（(][^（）()]*[）)]$", "", name).strip()
        if not name or not grounder.locate(name):
            dropped.append(Dropped(item=item, reason="name not found in the article"))
            continue
        span = grounder.locate(host.evidence)
        evidence = grounder.excerpt(span) if span else None
        reason = hints.role_supported(name, evidence, host.role) if evidence else "evidence not found"
        if reason:
            # Repair before rejecting: the article may hold a sentence that does support it.
            better = _supporting_clause(article.text, name, host.role)
            if better is None:
                dropped.append(Dropped(item=item, reason=reason))
                continue
            span = grounder.locate(better)
            if span is None:
                dropped.append(Dropped(item=item, reason=reason))
                continue
            evidence = grounder.excerpt(span)
        if any(_same_host(name, other.name) for other in kept):
            dropped.append(Dropped(item=item, reason="duplicate host"))
            continue
        kept.append(Host(name=name, role=host.role, evidence=evidence, span=span))  # type: ignore[arg-type]
    for hint in hints.host_hints(article.text):
        if any(_same_host(hint.name, other.name) for other in kept):
            continue
        span = grounder.locate(hint.evidence)
        if span is None:
            continue
        kept.append(Host(name=hint.name, role=hint.role, evidence=grounder.excerpt(span), span=span))  # type: ignore[arg-type]
        warnings.append(f"host {hint.name!r} ({hint.role}) added from an explicit marker in the text")
    return kept


def _same_host(a: str, b: str) -> bool:
    return a in b or b in a


def _supporting_clause(text: str, name: str, role: str) -> str | None:
    for clause in hints.clauses(text):
        if name in clause and hints.role_supported(name, clause, role) is None:
            return clause
    return None


# ---------------------------------------------------------------- resolutions


def _ground_resolutions(
    grounder: Grounder, proposed: ModelSummary, dropped: list[Dropped], warnings: list[str]
) -> list[Resolution]:
    article = grounder.article
    kept: list[Resolution] = []
    for resolution in proposed.resolutions:
        item = resolution.model_dump()
        span = grounder.locate(resolution.evidence)
        if span is None:
            dropped.append(Dropped(item=item, reason="evidence not found in the article"))
            continue
        evidence = grounder.excerpt(span)
        sentence = _sentence_around(article.text, span)
        if not hints.DECISION_MARK.search(evidence) and hints.DECISION_MARK.search(sentence):
            # The quote stops short of what was decided: quote the deciding clause instead.
            better = grounder.locate(hints.trim_evidence(sentence))
            if better is not None:
                span, evidence = better, grounder.excerpt(better)
        reason = hints.decision_problem(evidence, sentence, article.title)
        if reason:
            dropped.append(Dropped(item=item, reason=reason))
            continue
        if any(_overlaps(span, other.span) for other in kept):
            dropped.append(Dropped(item=item, reason="duplicate of an earlier resolution"))
            continue
        kept.append(Resolution(text=resolution.text.strip() or evidence, evidence=evidence, span=span))
    # Outcomes stated with unambiguous markers (通过/选举/签署/揭牌…) are kept even
    # when the model missed them.
    for text, quote in hints.decision_items(article.text, article.title):
        span = grounder.locate(quote)
        if span is None or any(_overlaps(span, other.span) for other in kept):
            continue
        kept.append(Resolution(text=text, evidence=grounder.excerpt(span), span=span))
        warnings.append(f"resolution added from an explicit marker: {quote[:30]}")
    return sorted(kept, key=lambda r: r.span[0])


def _sentence_around(text: str, span: tuple[int, int]) -> str:
    start = max(text.rfind(ch, 0, span[0]) for ch in "。！？!?\n") + 1
    ends = [i for i in (text.find(ch, span[1]) for ch in "。！？!?\n") if i >= 0]
    end = min(ends) + 1 if ends else len(text)
    return text[start:end]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    return overlap > 0.5 * min(a[1] - a[0], b[1] - b[0])
