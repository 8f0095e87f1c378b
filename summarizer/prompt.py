"""Prompt building: versioned templates, numbered rule candidates, article last.

The system prompt is identical for every article, so servers that reuse a
cached prefix (llama.cpp, vLLM, OpenAI) process it once per run. The user
message lists the date and host candidates by number and marks each outcome
candidate inside the article with ``[Rn]``: the model answers with numbers
instead of re-typing quotes, and no sentence is sent twice.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from string import Template

from .candidates import Candidates
from .schema import Article

PROMPT_VERSION = "summarize-v2"
BARE_PROMPT_VERSION = "summarize-v2-bare"
DEFAULT_ARTICLE_CHARS = 3000
MAX_DATES = 6
MAX_HOSTS = 10
# What the prompt inserts into the article; quotes the model copies are read without it.
OUTCOME_MARK = re.compile(r"\[R\d{1,2}\]")

LANGUAGE_RULES = {
    "source": 'Write "event" and each "text" in the article\'s own language and script.',
    "zh": 'Write "event" and each "text" in simplified Chinese.',
    "en": 'Write "event" and each "text" in English.',
}


@dataclass(frozen=True)
class PromptTemplate:
    version: str
    system: str
    user: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256((self.system + "\0" + self.user).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Offer:
    """What the prompt offered, in the order the model sees the numbers (1-based)."""

    dates: tuple[int, ...] = ()  # indexes into Candidates.dates
    hosts: tuple[int, ...] = ()  # indexes into Candidates.hosts
    outcomes: tuple[int, ...] = ()  # indexes into Candidates.outcomes


@dataclass(frozen=True)
class Prompt:
    messages: list[dict[str, str]]
    offer: Offer


def _prompt_dir():
    try:
        return resources.files("summarizer.prompts")
    except ModuleNotFoundError:  # running from a source tree without an install
        return Path(__file__).resolve().parent.parent / "prompts"


@cache
def load_template(version: str = PROMPT_VERSION) -> PromptTemplate:
    folder = _prompt_dir()
    system = folder.joinpath(f"{version}.system.txt").read_text(encoding="utf-8")
    user = folder.joinpath(f"{version}.user.txt").read_text(encoding="utf-8")
    return PromptTemplate(version=version, system=system, user=user)


def build_prompt(
    article: Article,
    candidates: Candidates | None,
    *,
    language: str = "source",
    max_article_chars: int = DEFAULT_ARTICLE_CHARS,
    template: PromptTemplate | None = None,
) -> Prompt:
    """Messages for one article; ``candidates=None`` offers nothing (the model alone)."""
    template = template or load_template(PROMPT_VERSION if candidates is not None else BARE_PROMPT_VERSION)
    system = Template(template.system).safe_substitute(language_rule=LANGUAGE_RULES[language])
    text = article.text
    if candidates is None:
        user = Template(template.user).safe_substitute(
            title=article.title or "(none)", article=select_text(text, max_article_chars, ())
        )
        return Prompt([{"role": "system", "content": system}, {"role": "user", "content": user}], Offer())
    shown = select_text(text, max_article_chars, [c.span for c in candidates.outcomes], with_spans=True)
    body, kept = shown
    outcome_numbers = tuple(i for i, c in enumerate(candidates.outcomes) if c.span in kept)
    dates = tuple(range(min(MAX_DATES, len(candidates.dates))))
    hosts = tuple(range(min(MAX_HOSTS, len(candidates.hosts))))
    user = Template(template.user).safe_substitute(
        title=article.title or "(none)",
        dates=" ".join(f"[D{n + 1}] {candidates.dates[i].phrase}" for n, i in enumerate(dates)) or "none",
        hosts=" ".join(f"[H{n + 1}] {candidates.hosts[i].name} ({candidates.hosts[i].role})"
                       for n, i in enumerate(hosts)) or "none",
        article=body,
    )
    offer = Offer(dates=dates, hosts=hosts, outcomes=outcome_numbers)
    return Prompt([{"role": "system", "content": system}, {"role": "user", "content": user}], offer)


def select_text(text: str, budget: int, marks, *, with_spans: bool = False):
    """Fit the article into the budget and mark outcome candidates with ``[Rn]``.

    A long article keeps its lead and the sentences that carry candidates first;
    the rest fill what budget is left. Order is preserved and gaps are marked
    with "…", so every quote the model copies stays verbatim. Returns the text,
    or with ``with_spans`` the text and the marked spans it kept, numbered in order.
    """
    marks = sorted(marks)
    pieces = _budgeted(text, budget, marks) if len(text) > budget else [(0, len(text))]
    kept = [span for span in marks if any(a <= span[0] and span[1] <= b for a, b in pieces)]
    number = {span: n + 1 for n, span in enumerate(kept)}
    out = []
    for index, (a, b) in enumerate(pieces):
        if index or a > 0:
            out.append("\n…\n" if index else "…\n")
        at = a
        for span in kept:
            if a <= span[0] and span[1] <= b:
                out.append(text[at : span[0]] + f"[R{number[span]}]")
                at = span[0]
        out.append(text[at:b])
    body = "".join(out)
    return (body, kept) if with_spans else body


def _budgeted(text: str, budget: int, marks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    from .grammar import sentence_spans

    units = sentence_spans(text)

    def priority(index: int, span: tuple[int, int]) -> int:
        if index < 3:
            return 0
        if any(span[0] <= m[0] < span[1] for m in marks):
            return 1
        return 2

    ranked = sorted(range(len(units)), key=lambda i: (priority(i, units[i]), i))
    chosen, used = set(), 0
    for index in ranked:
        a, b = units[index]
        cost = b - a + 6
        if used + cost <= budget:
            chosen.add(index)
            used += cost
    pieces: list[list[int]] = []
    for index in sorted(chosen):
        a, b = units[index]
        b = min(len(text), b + 1)  # keep the sentence's own punctuation
        if pieces and index - 1 in chosen:
            pieces[-1][1] = b
        else:
            pieces.append([a, b])
    return [(a, b) for a, b in pieces]
