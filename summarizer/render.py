"""Markdown for summaries: the one renderer the CLI's records and the digest's items share."""

from __future__ import annotations

from .schema import Summary, SummaryRecord

ROLE_LABELS = {"organiser": "organiser", "co-organiser": "co-organiser", "chair": "chair"}


def summary_lines(summary: Summary) -> list[str]:
    """When, hosts and resolutions as Markdown bullets, each claim with its quote."""
    date = summary.date
    when = date.value or "unknown"
    if date.phrase:
        when += f" (“{date.phrase}”{', year inferred' if date.year_inferred else ''})"
    lines = [f"- **When:** {when}"]
    if summary.hosts:
        lines.append("- **Hosts:**")
        lines += [f"  - {h.name} — {ROLE_LABELS[h.role]} · “{h.evidence}”" for h in summary.hosts]
    else:
        lines.append("- **Hosts:** none named")
    if summary.resolutions:
        lines.append("- **Resolutions:**")
        lines += [f"  - {'' if r.text == r.evidence else r.text + ' · '}“{r.evidence}”" for r in summary.resolutions]
    else:
        lines.append("- **Resolutions:** none reported")
    return lines


def markdown(record: SummaryRecord) -> str:
    """One record: the summary, then its source and what it cost."""
    meta = record.meta
    source = record.article.title or record.article.id
    lines = [f"## {record.summary.event}", "", *summary_lines(record.summary)]
    lines += [
        "",
        f"<sub>Source: {source} ({record.article.path}) · model {meta.model} · "
        f"{meta.usage.total_tokens} tokens · {meta.attempts} request(s)"
        + (f" · {len(meta.dropped)} ungrounded item(s) dropped" if meta.dropped else "")
        + "</sub>",
        "",
    ]
    return "\n".join(lines)
