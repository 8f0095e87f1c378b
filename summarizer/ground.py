"""Grounding: every claim must be a verbatim quote of the cleaned article.

This stage verifies and never adds. Quotes are located after NFKC,
whitespace and full/half-width normalisation, and their character offsets in
the cleaned text are stored. An item is dropped, with the reason, only when
its name or quote is not in the article, or when its own clause contradicts
its role: a "host" who is the subject of 出席/讲话/致辞 (an attendee or
speaker), a "host" who is the venue (在X召开), a "resolution" that is a
person's speech (X指出/表示/希望…). A missing marker word is never a reason.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from . import grammar as g
from .clean import strip_pinyin
from .merge import Proposal, ProposedHost, ProposedResolution
from .prompt import OUTCOME_MARK
from .schema import Article, Dropped, Host, Resolution, Summary
from .script import fold

_PUNCT_FOLD = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"', "『": '"',
                             "』": '"', "、": ",", "。": ".", "～": "~", "—": "-", "–": "-"})
_ELLIPSIS = re.compile(r"\s*(?:…+|\.{3,})\s*")
_TRIM = " \t\n,.;:!?\"'()[]，。；：！？、"
_EDGE = " \t\n\u3000\xa0,.;:!?，。；：！？、"
_HOST_MARK = re.compile(rf"{g.ORGANISER_MARK}|{g.CO_ORGANISER_MARK}|{g.CHAIR_MARK}|{g.CONVENE_VERB}")


@dataclass
class NormalizedText:
    """Normalised text plus a map from each normalised char to its original offset."""

    text: str
    offsets: list[int]

    @classmethod
    def of(cls, original: str) -> NormalizedText:
        """Runs of characters that stay one character map offset to offset; only the few
        that vanish (spaces) or grow ("…" → "...") are walked one by one."""
        uneven = _learn(original)
        offsets: list[int] = []
        at = 0
        for match in uneven.finditer(original):
            index = match.start()
            offsets.extend(range(at, index))
            offsets.extend([index] * len(_normalize_char(match.group())))
            at = index + 1
        offsets.extend(range(at, len(original)))
        return cls(original.translate(_NORMALIZED), offsets)

    @cached_property
    def folded(self) -> str:
        """The normalised text in simplified script, character for character (offsets hold)."""
        return fold(self.text)

    def find(self, quote: str) -> tuple[int, int] | None:
        """Where the quote is, as written or in the other script: a model that re-types a
        traditional page in simplified quotes the same words, and the span then gives back
        the article's own characters."""
        needle = "".join(piece for char in quote for piece in _normalize_char(char))
        if not needle:
            return None
        at = self.text.find(needle)
        if at < 0:
            at = self.folded.find(fold(needle))
        if at < 0:
            return None
        return self.offsets[at], self.offsets[at + len(needle) - 1] + 1


# What each character seen so far normalises to, as a str.translate table, and a pattern for
# those that do not stay exactly one character (spaces vanish, "…" becomes "...").
_NORMALIZED: dict[int, str] = {}
_UNEVEN: set[str] = set()
_LEARNED: set[str] = set()
_uneven_pattern = re.compile(r"(?!)")


_LEARNING = threading.Lock()


def _learn(text: str) -> re.Pattern[str]:
    """Add the text's new characters to the tables; summaries may run in several threads, so
    the tables and the pattern change together under a lock."""
    global _uneven_pattern
    if _LEARNED.issuperset(text):
        return _uneven_pattern
    with _LEARNING:
        new = set(text) - _LEARNED
        for char in new:
            piece = _normalize_char(char)
            if piece != char:
                _NORMALIZED[ord(char)] = piece
            if len(piece) != 1:
                _UNEVEN.add(char)
        if _UNEVEN:
            _uneven_pattern = re.compile("[" + "".join(re.escape(c) for c in sorted(_UNEVEN)) + "]")
        _LEARNED.update(new)  # last: a reader that sees these characters as known sees the pattern too
        return _uneven_pattern


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
        quote = OUTCOME_MARK.sub("", strip_pinyin(quote)).strip(_TRIM)
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

    def trim(self, span: tuple[int, int]) -> tuple[int, int]:
        """The span without separators at its edges: a quote cut at a clause boundary reads
        "扬州市科协等单位承办", not "，扬州市科协等单位承办"."""
        start, end = span
        text = self.article.text
        while start < end and text[start] in _EDGE:
            start += 1
        while end > start and text[end - 1] in _EDGE:
            end -= 1
        return (start, end) if start < end else span


@dataclass
class GroundingReport:
    summary: Summary
    dropped: list[Dropped]
    warnings: list[str]


def ground(article: Article, proposal: Proposal) -> GroundingReport:
    """Keep what the article supports; report everything else with its reason."""
    grounder = Grounder(article)
    dropped = list(proposal.dropped)
    hosts = _ground_hosts(grounder, proposal.hosts, dropped)
    resolutions = _ground_resolutions(grounder, proposal.resolutions, dropped)
    summary = Summary(event=proposal.event or (article.title or ""), date=proposal.date, hosts=hosts,
                      resolutions=resolutions)
    return GroundingReport(summary, dropped, list(proposal.warnings))


# ---------------------------------------------------------------- hosts

ROLE_ORDER = {"organiser": 0, "co-organiser": 1, "chair": 2}


def _ground_hosts(grounder: Grounder, proposed: list[ProposedHost], dropped: list[Dropped]) -> list[Host]:
    kept: list[Host] = []
    for host in proposed:
        item = {"name": host.name, "role": host.role, "evidence": host.evidence, "source": host.source}
        span = host.span or grounder.locate(host.evidence)
        name_span = grounder.locate(host.name) or _name_within(grounder, host.name, span)
        if not host.name or name_span is None:
            dropped.append(Dropped(item=item, reason="name not found in the article"))
            continue
        if span is None:
            dropped.append(Dropped(item=item, reason="evidence not found in the article"))
            continue
        span = grounder.trim(span)
        evidence = grounder.excerpt(span)
        reason = role_contradicted(grounder.excerpt(name_span), evidence, host.role)
        if reason:
            dropped.append(Dropped(item=item, reason=reason))
            continue
        twin = next((k for k in kept if _same(host.name, k.name)), None)
        if twin is not None:
            if twin.source != host.source and "both" not in (twin.source, host.source):
                twin.source = "both"
            dropped.append(Dropped(item=item, reason="duplicate host"))
            continue
        kept.append(Host(name=grounder.excerpt(name_span), role=host.role, evidence=evidence, span=span,  # type: ignore[arg-type]
                         source=host.source))
    # as a reader looks for them: who organised, who co-organised, who chaired; each in page order
    return sorted(kept, key=lambda h: (ROLE_ORDER.get(h.role, len(ROLE_ORDER)), h.span[0],
                                       max(h.evidence.find(h.name), 0)))


def _name_within(grounder: Grounder, name: str, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """A name written more fully than its quote ("眉山市医学会" for the quoted "市医学会"): the
    longest part of it, at least three characters and half the name, that the quote holds; at
    each length the ending first, since a Chinese name's head noun comes last (市科协, not 扬州市)."""
    if span is None:
        return None
    quote = fold(grounder.excerpt(span))
    folded = fold(name)
    if g.short_form(folded) != folded and g.short_form(quote) == quote:
        folded = g.short_form(folded)  # "青石县人民政府", where the page writes "县政府"
    for size in range(len(folded), max(2, (len(folded) + 1) // 2) - 1, -1):
        for start in sorted(range(len(folded) - size + 1), key=lambda s: -s):
            at = quote.find(folded[start : start + size])
            if at >= 0:
                return span[0] + at, span[0] + at + size
    return None


def role_contradicted(name: str, evidence: str, role: str) -> str | None:
    """Why the clause naming ``name`` says it is not a host, or None.

    Only the clause that holds the name is read: "甲出席会议" makes 甲 an
    attendee, "在甲召开" makes 甲 the venue, unless that same clause also gives
    it a host marker ("甲主办并致辞").
    """
    folded_name, folded = fold(name), fold(evidence)
    at = folded.find(folded_name)
    if at < 0:
        return None
    for start, end in g.clause_spans(folded):
        if not start <= at < end:
            continue
        before, after = folded[start:at], folded[at + len(folded_name) : end]
        own_room = g.ROOM.match(after) and g.BODY_NAME_END.search(folded_name)
        if (role != "chair" and re.search(r"(?:在|于)$", before) and not own_room
                and re.match(rf"\S{{0,4}}?{g.CONVENE_VERB}", after)):
            return f"{name!r} is the venue, not a host"
        verb = g.NOT_HOST_VERB.search(after)
        if verb and not _HOST_MARK.search(after[: verb.start()]) and not _HOST_MARK.search(before):
            return f"{name!r} is the subject of {verb.group(0)}: an attendee or speaker, not a host"
        return None
    return None


def _same(a: str, b: str) -> bool:
    return g.same_body(fold(a), fold(b))


# ---------------------------------------------------------------- resolutions


def _ground_resolutions(grounder: Grounder, proposed: list[ProposedResolution],
                        dropped: list[Dropped]) -> list[Resolution]:
    kept: list[Resolution] = []
    for resolution in proposed:
        item = {"text": resolution.text, "evidence": resolution.evidence, "source": resolution.source}
        span = resolution.span or grounder.locate(resolution.evidence)
        if span is None:
            dropped.append(Dropped(item=item, reason="evidence not found in the article"))
            continue
        span = grounder.trim(span)
        evidence = grounder.excerpt(span)
        reason = speech_not_decision(evidence)
        if reason:
            dropped.append(Dropped(item=item, reason=reason))
            continue
        twin = next((k for k in kept if _overlaps(span, k.span)), None)
        if twin is not None:
            if twin.source != resolution.source:
                twin.source = "both"
            dropped.append(Dropped(item=item, reason="duplicate of an earlier resolution"))
            continue
        text = OUTCOME_MARK.sub("", resolution.text).strip() or evidence
        kept.append(Resolution(text=text, evidence=evidence, span=span, source=resolution.source))
    return sorted(kept, key=lambda r: r.span[0])


def speech_not_decision(evidence: str) -> str | None:
    """A quote whose own clause is someone's speech ("王某指出，要…") states no decision."""
    folded = fold(evidence)
    outcome = g.STRONG_OUTCOME.search(folded)
    limit = outcome.start() if outcome else len(folded)
    for speech in g.SPEECH_VERB.finditer(folded, 0, limit):
        if g.MEETING_SUBJECT.search(folded[: speech.start()]) or g.in_book_title(folded, speech.start()):
            continue
        return f"speech ({speech.group(0)}), not a decision of the event"
    return None


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    return overlap > 0.5 * min(a[1] - a[0], b[1] - b[0])
