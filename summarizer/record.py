"""Record: the grounded summary with everything needed to audit and reproduce it.

The prompt version and hash, the schema version, the model and endpoint, the
structured-output mode that answered, requests and tokens spent, warnings and
every dropped item travel with each summary.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .ground import GroundingReport
from .prompt import PromptTemplate
from .schema import SCHEMA_VERSION, Article, ArticleRef, Meta, SummaryRecord, Usage


@dataclass
class Provenance:
    """Who answered and what it cost (an in-process reply costs nothing)."""

    model: str
    endpoint: str
    mode: str
    attempts: int = 0
    usage: Usage = field(default_factory=Usage)
    log: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def build_record(article: Article, report: GroundingReport, template: PromptTemplate, provenance: Provenance,
                 latency: float) -> SummaryRecord:
    meta = Meta(
        model=provenance.model,
        endpoint=provenance.endpoint,
        mode=provenance.mode,
        prompt_version=template.version,
        prompt_sha256=template.sha256,
        schema_version=SCHEMA_VERSION,
        attempts=provenance.attempts,
        usage=provenance.usage,
        latency_s=round(latency, 3),
        warnings=[*article.warnings, *provenance.log, *report.warnings],
        dropped=report.dropped,
        problems=provenance.problems,
    )
    ref = ArticleRef(**article.model_dump(include={"id", "path", "sha256", "title", "source", "published", "url"}))
    return SummaryRecord(article=ref, summary=report.summary, meta=meta)
