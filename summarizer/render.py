"""Human-readable renderings of summary records."""

from __future__ import annotations

from .schema import SummaryRecord

ROLE_LABELS = {"organiser": "organiser", "co-organiser": "co-organiser", "chair": "chair"}


def markdown(record: SummaryRecord) -> str:
    summary, meta = record.summary, record.meta
    date = summary.date
    when = date.value or "unknown"
    if date.phrase:
        when += f" (“{date.phrase}”{', year inferred' if date.year_inferred else ''})"
    lines = [f"## {summary.event}", "", f"- **When:** {when}"]
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
    source = record.article.title or record.article.id
    lines += [
        "",
        f"<sub>Source: {source} ({record.article.path}) · model {meta.model} · "
        f"{meta.usage.total_tokens} tokens · {meta.attempts} request(s)"
        + (f" · {len(meta.dropped)} ungrounded item(s) dropped" if meta.dropped else "")
        + "</sub>",
        "",
    ]
    return "\n".join(lines)
