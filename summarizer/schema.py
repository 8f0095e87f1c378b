"""Pydantic models: the public contract of every stage.

Each model here is exported as JSON Schema to ``schemas/`` (``summarizer schema
--write``) and a test keeps the files in sync, so a reviewer sees any change to
the contract as a diff.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

SCHEMA_VERSION = "2.0"

Role = Literal["organiser", "co-organiser", "chair"]
ItemSource = Literal["model", "rules", "both"]
Precision = Literal["day", "month", "year", "unknown"]

DATE_VALUE_PATTERN = r"^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}(-\d{2})?|---\d{2})$"


class _Record(BaseModel):
    """Every schema class builds its validator on first use, not at import: the CLI answers
    ``--help`` and usage errors without paying for models it never touches."""

    model_config = ConfigDict(defer_build=True)


class Removal(_Record):
    """One thing cleaning cut, kept so a user can audit it."""

    kind: str
    text: str
    line: int | None = Field(default=None, description="1-based line in the loaded text")


class RawArticle(_Record):
    """Decoded input: text plus whatever metadata the container (HTML) carried."""

    id: str
    path: str
    sha256: str
    encoding: str
    format: Literal["text", "html", "markdown"]
    text: str
    title: str | None = None
    source: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = Field(default=None, description="The page's own URL when the page states it")


class Article(_Record):
    """A cleaned article: what every later stage reads."""

    id: str
    path: str
    sha256: str
    title: str | None = None
    source: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    text: str
    removed: list[Removal] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    chars_in: int
    chars_out: int


# --------------------------------------------------------------------------
# What the model is asked to return. Kept small: every reply token costs about
# 0.1 s on the embedded model. The prompt offers numbered candidates found by
# rules; the model answers with their numbers and writes out in full only what
# was not offered. Quotes, spans and dates are expanded and checked locally.


class ModelHost(_Record):
    model_config = ConfigDict(extra="ignore")

    name: str = Field(description="Organisation or person exactly as written in the article")
    role: Role
    evidence: str = Field(description="Short verbatim quote from the article naming this role")


class ModelResolution(_Record):
    model_config = ConfigDict(extra="ignore")

    text: str = Field(description="The decision, in a few words")
    evidence: str = Field(description="Short verbatim quote from the article")


_NUMBERED = re.compile(r"^\s*\[?[DHR]?(\d{1,3})\]?\s*$")


def _number(value: object) -> object:
    """Read "H2", "[R3]" or "2" as the number a model meant."""
    if isinstance(value, str):
        match = _NUMBERED.match(value)
        if match:
            return int(match.group(1))
    return value


def _numbers(value: object) -> object:
    return [_number(v) for v in value] if isinstance(value, list) else value


class ModelReply(_Record):
    # Lenient when reading (a missing list is empty), but the schema sent to the server requires
    # every key, so grammar-constrained decoding cannot stop at "{}".
    model_config = ConfigDict(
        extra="ignore",
        json_schema_extra={
            "required": ["event", "date", "hosts", "resolutions", "other_hosts", "other_resolutions"]
        },
    )

    event: str = Field(default="", description="Short name of the event")
    date: Annotated[int | str | None, BeforeValidator(_number)] = Field(
        default=None, description="Number of a DATE CANDIDATE, or a verbatim date phrase, or null"
    )
    hosts: Annotated[list[int], BeforeValidator(_numbers)] = Field(
        default_factory=list, description="Numbers of the HOST CANDIDATES that are hosts"
    )
    resolutions: Annotated[list[int], BeforeValidator(_numbers)] = Field(
        default_factory=list, description="Numbers of the OUTCOME CANDIDATES that state an outcome"
    )
    other_hosts: list[ModelHost] = Field(default_factory=list, description="Hosts not among the candidates")
    other_resolutions: list[ModelResolution] = Field(
        default_factory=list, description="Outcomes not among the candidates"
    )


# --------------------------------------------------------------------------
# The record the product prints.


class ArticleRef(_Record):
    id: str
    path: str
    sha256: str
    title: str | None = None
    source: str | None = None
    published: str | None = None
    url: str | None = None


class EventDate(_Record):
    value: str | None = Field(default=None, pattern=DATE_VALUE_PATTERN)
    precision: Precision = "unknown"
    phrase: str | None = None
    year_inferred: bool = False


class Host(_Record):
    name: str
    role: Role
    evidence: str
    span: tuple[int, int] = Field(description="Offsets of evidence in the cleaned text")
    source: ItemSource = Field(default="model", description="Who proposed it: the model, a rule, or both")


class Resolution(_Record):
    text: str
    evidence: str
    span: tuple[int, int] = Field(description="Offsets of evidence in the cleaned text")
    source: ItemSource = Field(default="model", description="Who proposed it: the model, a rule, or both")


class Summary(_Record):
    event: str
    date: EventDate
    hosts: list[Host] = Field(default_factory=list)
    resolutions: list[Resolution] = Field(default_factory=list)


class Usage(_Record):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0

    def add(self, other: Usage) -> None:
        self.prompt_tokens += other.prompt_tokens
        self.completion_tokens += other.completion_tokens
        self.total_tokens += other.total_tokens


class Dropped(_Record):
    # Stated, not left to pydantic: versions before 2.9 leave additionalProperties out for a dict.
    item: dict = Field(json_schema_extra={"additionalProperties": True})
    reason: str


class Meta(_Record):
    model: str
    endpoint: str
    mode: str
    prompt_version: str
    prompt_sha256: str
    schema_version: str = SCHEMA_VERSION
    attempts: int
    usage: Usage
    latency_s: float
    warnings: list[str] = Field(default_factory=list)
    dropped: list[Dropped] = Field(default_factory=list)
    problems: list[str] = Field(
        default_factory=list, description="Strict mode: what was still wrong after the re-asks (items dropped)"
    )


class SummaryRecord(_Record):
    article: ArticleRef
    summary: Summary
    meta: Meta


# --------------------------------------------------------------------------
# The nightly digest.


class DigestSource(_Record):
    path: str
    id: str
    title: str | None = None
    source: str | None = None
    url: str | None = None


class DigestItem(_Record):
    """One event; several articles reporting it become one item with several sources."""

    event_id: str = Field(default="", description="Stable across nights: the same event keeps its id")
    first_seen: str = Field(default="", description="The digest date (YYYY-MM-DD) the event first appeared")
    status: Literal["new", "update", "seen"] = Field(
        default="new", description="new: first seen tonight; update: a known event with a new source; seen"
    )
    summary: Summary
    sources: list[DigestSource]


class FailedArticle(_Record):
    path: str
    id: str


class DigestFailure(_Record):
    article: FailedArticle
    error: str
    attempts: int = 0


class DigestStats(_Record):
    articles: int = 0
    summarized: int = 0
    cached: int = 0
    failed: int = 0
    skipped: int = 0
    tokens: int = 0
    seconds: float = 0.0


class Digest(_Record):
    schema_version: str = SCHEMA_VERSION
    generated_at: str
    date: str
    model: str
    items: list[DigestItem] = Field(default_factory=list)
    failures: list[DigestFailure] = Field(default_factory=list)
    skipped: list[FailedArticle] = Field(default_factory=list)
    stats: DigestStats = Field(default_factory=DigestStats)


PUBLIC_MODELS: dict[str, type[BaseModel]] = {
    "article": Article,
    "model_reply": ModelReply,
    "summary_record": SummaryRecord,
    "digest": Digest,
}


# The wire model's earlier name, kept for callers that have not moved yet.
ModelSummary = ModelReply
