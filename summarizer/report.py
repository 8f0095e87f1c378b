"""Digest renderings: Markdown and one self-contained HTML page.

A reader who follows events over weeks wants what changed first: events new
tonight, then updates of known events (a new source), each grouped by event
date, then a folded list of the events with nothing new (or nothing of them
with ``new_only``).

Every piece of article text is escaped in the HTML (``html.escape`` with
quotes), the page loads no external asset and runs no script, and its CSS
reads on a phone and in print.
"""

from __future__ import annotations

from html import escape
from itertools import groupby

from .render import summary_lines
from .schema import Digest, DigestItem

UNKNOWN = "Date unknown"
SECTIONS = (("new", "New"), ("update", "Updates"))


def _date_heading(item: DigestItem) -> str:
    value = item.summary.date.value
    if not value:
        return UNKNOWN
    if value.startswith("---"):
        return f"Day {value[3:]} (month and year unknown)"
    if value.startswith("--"):
        return f"{value[2:]} (year unknown)"
    return value


def digest_markdown(digest: Digest, *, new_only: bool = False) -> str:
    stats = digest.stats
    lines = [
        f"# Event digest — {digest.date}",
        "",
        f"{len(digest.items)} events from {stats.articles} articles · {stats.summarized} summarized, "
        f"{stats.cached} cached, {stats.failed} failed, {stats.skipped} skipped · {stats.tokens} tokens · "
        f"model {digest.model}",
        "",
    ]
    for status, title in SECTIONS:
        chosen = [item for item in digest.items if item.status == status]
        if status != "new" and (new_only or not chosen):
            continue
        lines += [f"## {title} ({len(chosen)})", ""]
        for heading, group in groupby(chosen, key=_date_heading):
            lines += [f"### {heading}", ""]
            for item in group:
                lines += _item_markdown(item)
    seen = [item for item in digest.items if item.status == "seen"]
    if seen and not new_only:
        lines += [f"## Nothing new ({len(seen)})", "", "<details><summary>Events already reported, no new source"
                  "</summary>", ""]
        lines += [f"- {item.summary.event} — {item.summary.date.value or 'date unknown'} · first seen "
                  f"{item.first_seen} · `{item.event_id}`" for item in seen]
        lines += ["", "</details>", ""]
    if digest.failures:
        lines += ["## Failed", ""]
        lines += [f"- `{f.article.path}`: {f.error} ({f.attempts} request(s))" for f in digest.failures]
        lines.append("")
    if digest.skipped:
        lines += ["## Skipped (token budget; picked up next run)", ""]
        lines += [f"- `{s.path}`" for s in digest.skipped]
        lines.append("")
    return "\n".join(lines)


def _item_markdown(item: DigestItem) -> list[str]:
    summary = item.summary
    lines = [f"#### {summary.event}", "", f"- **Event:** `{item.event_id}` · first seen {item.first_seen}"]
    lines += summary_lines(summary)
    sources = ", ".join(f"[{s.title or s.id}]({s.url}) (`{s.path}`)" if s.url else f"{s.title or s.id} (`{s.path}`)"
                        for s in item.sources)
    lines += [f"- **Sources ({len(item.sources)}):** {sources}", ""]
    return lines


_CSS = """
:root { color-scheme: light; --ink: #1d2330; --muted: #5b6472; --line: #e3e6eb; --accent: #2454a6; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 46rem; padding: 1rem; font: 16px/1.6 system-ui, -apple-system,
  "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: var(--ink); }
header p, .meta { color: var(--muted); font-size: .9rem; }
h1 { font-size: 1.5rem; margin: .5rem 0; } h2 { font-size: 1.15rem; border-bottom: 2px solid var(--line);
  padding-bottom: .25rem; margin-top: 2rem; }
article { border: 1px solid var(--line); border-radius: .5rem; padding: .75rem 1rem; margin: .75rem 0;
  break-inside: avoid; }
h3 { font-size: 1rem; color: var(--muted); margin: 1rem 0 .25rem; }
article h4 { font-size: 1.05rem; margin: 0 0 .4rem; }
details summary { cursor: pointer; color: var(--muted); }
dl { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: .2rem .75rem; }
dt { font-weight: 600; color: var(--muted); } dd { margin: 0; overflow-wrap: anywhere; }
q { color: var(--muted); font-size: .92rem; }
ul { margin: .2rem 0; padding-left: 1.2rem; }
.failed li { color: #8a1c1c; }
@media (max-width: 32rem) { dl { grid-template-columns: 1fr; } dt { margin-top: .4rem; } }
@media print { body { max-width: none; font-size: 11pt; } article { border-color: #999; }
  a { color: inherit; text-decoration: none; } }
"""


def digest_html(digest: Digest, *, new_only: bool = False) -> str:
    e = _escape
    stats = digest.stats
    parts = [
        "<!doctype html>",
        '<html lang="zh">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>Event digest {e(digest.date)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>Event digest — {e(digest.date)}</h1>",
        f"<p>{len(digest.items)} events from {stats.articles} articles · {stats.summarized} summarized · "
        f"{stats.cached} cached · {stats.failed} failed · {stats.skipped} skipped · {stats.tokens} tokens · "
        f"model {e(digest.model)} · generated {e(digest.generated_at)}</p>",
        "</header>",
        "<main>",
    ]
    for status, title in SECTIONS:
        chosen = [item for item in digest.items if item.status == status]
        if status != "new" and (new_only or not chosen):
            continue
        parts.append(f'<section class="{status}"><h2>{title} ({len(chosen)})</h2>')
        for heading, group in groupby(chosen, key=_date_heading):
            parts.append(f"<h3>{e(heading)}</h3>")
            parts += [_item_html(item) for item in group]
        parts.append("</section>")
    seen = [item for item in digest.items if item.status == "seen"]
    if seen and not new_only:
        parts.append(f'<section class="seen"><h2>Nothing new ({len(seen)})</h2><details>'
                     "<summary>Events already reported, no new source</summary><ul>")
        parts += [f"<li>{e(item.summary.event)} · {e(item.summary.date.value or 'date unknown')} · first seen "
                  f"{e(item.first_seen)}</li>" for item in seen]
        parts.append("</ul></details></section>")
    if digest.failures:
        parts.append('<section class="failed"><h2>Failed</h2><ul>')
        parts += [f"<li><code>{e(f.article.path)}</code>: {e(f.error)} ({f.attempts} request(s))</li>"
                  for f in digest.failures]
        parts.append("</ul></section>")
    if digest.skipped:
        parts.append("<section><h2>Skipped (token budget; picked up next run)</h2><ul>")
        parts += [f"<li><code>{e(s.path)}</code></li>" for s in digest.skipped]
        parts.append("</ul></section>")
    parts += ["</main>", "</body>", "</html>", ""]
    return "\n".join(parts)


def _item_html(item: DigestItem) -> str:
    e = _escape
    summary = item.summary
    rows = []
    if summary.date.phrase:
        rows.append(f"<dt>When</dt><dd>{e(summary.date.value or 'unknown')} <q>{e(summary.date.phrase)}</q></dd>")
    for host in summary.hosts:
        rows.append(f"<dt>{e(host.role.capitalize())}</dt><dd>{e(host.name)} <q>{e(host.evidence)}</q></dd>")
    for resolution in summary.resolutions:
        said = "" if resolution.text == resolution.evidence else f"{e(resolution.text)} "
        rows.append(f"<dt>Decided</dt><dd>{said}<q>{e(resolution.evidence)}</q></dd>")
    sources = "".join(
        f"<li>{_title_html(s.title or s.id, s.url)}{' · ' + e(s.source) if s.source else ''} "
        f"<code>{e(s.path)}</code></li>"
        for s in item.sources
    )
    rows.append(f"<dt>Sources</dt><dd><ul>{sources}</ul></dd>")
    badge = "" if item.status == "new" else f' <small class="meta">first seen {e(item.first_seen)}</small>'
    return (f'<article id="{e(item.event_id)}"><h4>{e(summary.event)}{badge}</h4>'
            f"<dl>{''.join(rows)}</dl></article>")


def _title_html(title: str, url: str | None) -> str:
    """A link only for web addresses: a javascript: or data: URL in a page stays text."""
    if url and url.lower().startswith(("http://", "https://")):
        return f'<a href="{_escape(url)}" rel="noreferrer">{_escape(title)}</a>'
    return _escape(title)


def _escape(value: object) -> str:
    return escape(str(value), quote=True)
