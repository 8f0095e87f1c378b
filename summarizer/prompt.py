"""Prompt building: versioned templates, rule hints as candidates, article last.

The system prompt is identical for every article so that servers which reuse
a cached prefix (llama.cpp, vLLM, OpenAI) pay for it once per run.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from string import Template

from . import hints
from .dates import find_candidates
from .schema import Article

PROMPT_VERSION = "summarize-v1"
DEFAULT_ARTICLE_CHARS = 3000

LANGUAGE_RULES = {
    "source": 'Write "event" and each resolution "text" in the article\'s own language and script.',
    "zh": 'Write "event" and each resolution "text" in simplified Chinese.',
    "en": 'Write "event" and each resolution "text" in English.',
}


@dataclass(frozen=True)
class PromptTemplate:
    version: str
    system: str
    user: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256((self.system + "\0" + self.user).encode("utf-8")).hexdigest()


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


def build_messages(
    article: Article,
    *,
    language: str = "source",
    max_article_chars: int = DEFAULT_ARTICLE_CHARS,
    template: PromptTemplate | None = None,
) -> list[dict[str, str]]:
    template = template or load_template()
    system = Template(template.system).safe_substitute(language_rule=LANGUAGE_RULES[language])
    text = article.text
    host_hints = hints.host_hints(text)
    user = Template(template.user).safe_substitute(
        title=article.title or "(none)",
        date_candidates=_json([c.phrase for c in find_candidates(text)[:6]]),
        host_candidates=_json([{"name": h.name, "role": h.role} for h in host_hints]),
        decision_candidates=_json([quote[:40] for _, quote in hints.decision_items(text, article.title, limit=6)]),
        article=select_text(text, max_article_chars),
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def select_text(text: str, budget: int) -> str:
    """Fit a long article into the budget, keeping the sentences that carry facts.

    The lead, and sentences with dates, host markers or decision verbs, are
    kept first; the rest fill what budget is left. Order is preserved and gaps
    are marked with "…", so every quote the model copies stays verbatim.
    """
    if len(text) <= budget:
        return text
    units = [
        (line_no, sentence)
        for line_no, line in enumerate(text.split("\n"))
        for sentence in hints.sentences(line)
    ]

    def priority(index: int, sentence: str) -> int:
        if index < 3:
            return 0
        if hints.DECISION_MARK.search(sentence) or hints.HOST_MARK.search(sentence):
            return 1
        if find_candidates(sentence):
            return 2
        return 3

    ranked = sorted(range(len(units)), key=lambda i: (priority(i, units[i][1]), i))
    chosen: set[int] = set()
    used = 0
    for index in ranked:
        cost = len(units[index][1]) + 1
        if used + cost <= budget:
            chosen.add(index)
            used += cost
    out, previous = "", None
    for index in sorted(chosen):
        line_no, sentence = units[index]
        if previous is None:
            out += "" if index == 0 else "…\n"
        elif index != previous + 1:
            out += "\n…\n"
        elif units[previous][0] != line_no:
            out += "\n"
        out += sentence
        previous = index
    return out


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)
