"""Digest renderings: Markdown grouped by event date, and one self-contained HTML page.

Every piece of article text is escaped in the HTML (``html.escape`` with
quotes), the page loads no external asset and runs no script, and its CSS
reads on a phone and in print.
"""

from __future__ import annotations

from html import escape
from itertools import groupby

from .schema import Digest, DigestItem

UNKNOWN = "Date unknown"


def _date_heading(item: DigestItem) -> str:
    value = item.summary.date.value
    if not value:
        return UNKNOWN
    if value.startswith("---"):
        return f"Day {value[3:]} (month and year unknown)"
    if value.startswith("--"):
        return f"{value[2:]} (year unknown)"
    return value


def digest_markdown(digest: Digest) -> str:
    stats = digest.stats
    lines = [
        f"# Event digest — {digest.date}",
        "",
        f"{len(digest.items)} events from {stats.articles} articles · {stats.summarized} summarized, "
        f"{stats.cached} cached, {stats.failed} failed, {stats.skipped} skipped · {stats.tokens} tokens · "
        f"model {digest.model}",
        "",
    ]
    for heading, group in groupby(digest.items, key=_date_heading):
        lines += [f"## {heading}", ""]
        for item in group:
            lines += _item_markdown(item)
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
    lines = [f"### {summary.event}", ""]
    if summary.date.phrase:
        lines.append(f"- **When:** {summary.date.value or 'unknown'} (“{summary.date.phrase}”)")
    for host in summary.hosts:
        lines.append(f"- **{host.role.capitalize()}:** {host.name} — “{host.evidence}”")
    for resolution in summary.resolutions:
        said = "" if resolution.text == resolution.evidence else f"{resolution.text} — "
        lines.append(f"- **Decided:** {said}“{resolution.evidence}”")
    sources = ", ".join(f"{s.title or s.id} (`{s.path}`)" for s in item.sources)
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
article h3 { font-size: 1.05rem; margin: 0 0 .4rem; }
dl { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: .2rem .75rem; }
dt { font-weight: 600; color: var(--muted); } dd { margin: 0; overflow-wrap: anywhere; }
q { color: var(--muted); font-size: .92rem; }
ul { margin: .2rem 0; padding-left: 1.2rem; }
.failed li { color: #8a1c1c; }
@media (max-width: 32rem) { dl { grid-template-columns: 1fr; } dt { margin-top: .4rem; } }
@media print { body { max-width: none; font-size: 11pt; } article { border-color: #999; }
  a { color: inherit; text-decoration: none; } }
"""


def digest_html(digest: Digest) -> str:
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
    for heading, group in groupby(digest.items, key=_date_heading):
        parts.append(f"<section><h2>{e(heading)}</h2>")
        parts += [_item_html(item) for item in group]
        parts.append("</section>")
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
        f"<li>{e(s.title or s.id)}{' · ' + e(s.source) if s.source else ''} <code>{e(s.path)}</code></li>"
        for s in item.sources
    )
    rows.append(f"<dt>Sources</dt><dd><ul>{sources}</ul></dd>")
    return f"<article><h3>{e(summary.event)}</h3><dl>{''.join(rows)}</dl></article>"


def _escape(value: object) -> str:
    return escape(str(value), quote=True)
