"""Command line: a thin layer over the library.

Exit codes: 0 all done, 1 some inputs failed (the rest are still printed),
2 usage or input errors. Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .display import DigestDisplay, Display

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Structured, quote-grounded summaries of noisy event-news pages.",
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"summarizer {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit")
    ] = False,
) -> None:
    """Structured, quote-grounded summaries of noisy event-news pages."""


class OutputFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"


class Language(StrEnum):
    source = "source"
    zh = "zh"
    en = "en"


def _fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    typer.echo(f"summarizer: {message}", err=True)
    return typer.Exit(code)


def _load_all(paths: list[str], max_bytes: int):
    """Load and clean every input; report bad ones and keep going."""
    from .clean import clean
    from .load import InputError, iter_article_paths, load_article

    articles, failures = [], 0
    for path in iter_article_paths(paths):
        try:
            articles.append(clean(load_article(path, max_bytes=max_bytes)))
        except InputError as exc:
            failures += 1
            typer.echo(f"summarizer: {exc}", err=True)
    return articles, failures


def _exit_code(done: int, failed: int) -> int:
    if failed and not done:
        return EXIT_USAGE
    return EXIT_PARTIAL if failed else EXIT_OK


@app.command("clean")
def clean_command(
    paths: Annotated[list[str], typer.Argument(help="Files, directories or - for stdin")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per article")] = False,
    max_bytes: Annotated[int, typer.Option(help="Size cap per file in bytes")] = 2_000_000,
) -> None:
    """Print the cleaned text of each article (or its JSON record)."""
    articles, failures = _load_all(paths, max_bytes)
    if not articles and not failures:
        raise _fail("no .txt, .html, .htm or .md files found")
    for article in articles:
        if as_json:
            sys.stdout.write(article.model_dump_json() + "\n")
        else:
            if len(articles) > 1:
                sys.stdout.write(f"==> {article.path} <==\n")
            sys.stdout.write(article.text + "\n")
    raise typer.Exit(_exit_code(len(articles), failures))


def _redact(message: str) -> str:
    key = os.environ.get("OPENAI_API_KEY")
    return message.replace(key, "***") if key and len(key) >= 6 else message


@app.command("summarize")
def summarize_command(
    paths: Annotated[list[str], typer.Argument(help="Files, directories or - for stdin")],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format")] = OutputFormat.json,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here instead of stdout")] = None,
    model: Annotated[str | None, typer.Option(help="Model name (env SUMMARIZER_MODEL)")] = None,
    base_url: Annotated[str | None, typer.Option(help="OpenAI-compatible endpoint (env OPENAI_BASE_URL)")] = None,
    mode: Annotated[str | None, typer.Option(help="auto|json_schema|json_object_schema|json_object|prompt")] = None,
    language: Annotated[Language, typer.Option(help="Language of event and resolution text")] = Language.source,
    concurrency: Annotated[int, typer.Option(min=1, max=64, help="Articles in flight at once")] = 4,
    strict: Annotated[bool, typer.Option(help="Re-ask the model instead of dropping ungrounded items")] = False,
    timeout: Annotated[float | None, typer.Option(help="Seconds per request (env SUMMARIZER_TIMEOUT)")] = None,
    local_model: Annotated[str | None, typer.Option(help="GGUF path for the embedded backend")] = None,
    max_bytes: Annotated[int, typer.Option(help="Size cap per file in bytes")] = 2_000_000,
) -> None:
    """Summarize articles: event, date, hosts and resolutions, each backed by a quote."""
    articles, bad_inputs = _load_all(paths, max_bytes)
    if not articles:
        raise _fail("no article could be loaded", EXIT_USAGE)
    from .local import ModelSetupError
    from .render import markdown
    from .summarize import Failure, Summarizer

    display = Display(len(articles))
    records, failures = [], []

    def done(result) -> None:
        if isinstance(result, Failure):
            failures.append(result)
            display.advance(f"failed {result.source}")
        else:
            records.append(result)
            display.advance(result.article.id)

    try:
        summarizer = Summarizer(
            model=model, base_url=base_url, mode=mode, timeout=timeout, strict=strict,
            language=language.value, local_model=local_model, on_status=display.status,
        )
        with summarizer:
            display.status("starting the model …")
            summarizer.start()
            display.start()
            summarizer.summarize_many(articles, concurrency=concurrency, on_done=done)
    except (ModelSetupError, ValueError) as exc:
        display.stop()
        raise _fail(_redact(str(exc)), EXIT_USAGE) from None
    finally:
        display.stop()
    order = {article.id + article.path: i for i, article in enumerate(articles)}
    records.sort(key=lambda r: order.get(r.article.id + r.article.path, 0))
    for failure in failures:
        typer.echo(f"summarizer: failed {failure.source}: {_redact(failure.error)}", err=True)
    text = _render(records, fmt, markdown)
    if out:
        from .digest import atomic_write

        atomic_write(out, text)
    elif text:
        sys.stdout.write(text)
    # Inputs were loadable, so a failure here is the model's or the network's: exit 1.
    raise typer.Exit(EXIT_PARTIAL if failures or bad_inputs else EXIT_OK)


def _render(records, fmt: OutputFormat, markdown) -> str:
    if not records:
        return ""
    if fmt is OutputFormat.jsonl:
        return "".join(r.model_dump_json() + "\n" for r in records)
    if fmt is OutputFormat.markdown:
        return "\n".join(markdown(r) for r in records)
    dumped = [r.model_dump(mode="json") for r in records]
    return _dump(dumped[0] if len(dumped) == 1 else dumped) + "\n"


@app.command("digest")
def digest_command(
    inputs: Annotated[list[str], typer.Argument(help="Folders or files of newly scraped articles")],
    out: Annotated[Path, typer.Option("--out", help="Output folder for digest-<date>.{json,md,html}")],
    state: Annotated[Path | None, typer.Option(help="SQLite state file (default: OUT/state.sqlite)")] = None,
    concurrency: Annotated[int, typer.Option(min=1, max=256, help="Requests in flight at once")] = 8,
    date: Annotated[str | None, typer.Option(help="Digest date, YYYY-MM-DD (default: today)")] = None,
    formats: Annotated[str, typer.Option(help="Comma-separated: json,md,html")] = "json,md,html",
    budget_tokens: Annotated[int | None, typer.Option(min=1, help="Stop starting articles once spent")] = None,
    batch: Annotated[bool, typer.Option(help="Use the OpenAI Batch API (upload, poll, collect)")] = False,
    model: Annotated[str | None, typer.Option(help="Model name (env SUMMARIZER_MODEL)")] = None,
    base_url: Annotated[str | None, typer.Option(help="OpenAI-compatible endpoint (env OPENAI_BASE_URL)")] = None,
    mode: Annotated[str | None, typer.Option(help="Structured-output mode")] = None,
    timeout: Annotated[float | None, typer.Option(help="Seconds per request")] = None,
) -> None:
    """Nightly digest: summarize what is new (cached, resumable, concurrent), write one digest."""
    import datetime as dt

    from .digest import FORMATS, DigestOptions, run_digest
    from .local import ModelSetupError
    from .summarize import Summarizer

    chosen = tuple(f.strip() for f in formats.split(",") if f.strip())
    if not chosen or any(f not in FORMATS for f in chosen):
        raise _fail(f"--formats takes a comma-separated subset of {','.join(FORMATS)}")
    if date is not None:
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            raise _fail(f"--date must be YYYY-MM-DD, not {date!r}") from None
    missing = [p for p in inputs if p != "-" and not Path(p).exists()]
    if missing:
        raise _fail(f"{missing[0]}: no such file or folder")
    options = DigestOptions(out_dir=out, state_path=state, concurrency=concurrency, date=date,
                            formats=chosen, budget_tokens=budget_tokens, batch=batch)
    display = DigestDisplay()
    try:
        with Summarizer(model=model, base_url=base_url, mode=mode, timeout=timeout,
                        on_status=display.status) as summarizer:
            result = run_digest(summarizer, inputs, options, on_progress=display.update)
    except (ModelSetupError, ValueError) as exc:
        raise _fail(_redact(str(exc))) from None
    finally:
        display.stop()
    stats = result.digest.stats
    typer.echo(
        f"digest {result.digest.date}: {stats.articles} articles, {len(result.digest.items)} events, "
        f"{stats.summarized} summarized, {stats.cached} cached, {stats.failed} failed, {stats.skipped} skipped, "
        f"{stats.tokens} tokens, {stats.seconds:.1f}s -> {', '.join(str(p) for p in result.written)}",
        err=True,
    )
    for failure in result.digest.failures:
        typer.echo(f"summarizer: failed {failure.article.path}: {_redact(failure.error)}", err=True)
    raise typer.Exit(result.exit_code)


@app.command("schema")
def schema_command(
    write: Annotated[Path | None, typer.Option(help="Write one .schema.json per model into this folder")] = None,
) -> None:
    """Print (or write) the JSON Schema of every public model."""
    from .schema import PUBLIC_MODELS

    schemas = {name: model.model_json_schema() for name, model in PUBLIC_MODELS.items()}
    if write is None:
        sys.stdout.write(_dump(schemas) + "\n")
        return
    write.mkdir(parents=True, exist_ok=True)
    for name, schema in schemas.items():
        (write / f"{name}.schema.json").write_text(_dump(schema) + "\n", encoding="utf-8")
    typer.echo(f"wrote {len(schemas)} schemas to {write}", err=True)


@app.command("eval")
def eval_command(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold *.json")],
    articles_dir: Annotated[Path, typer.Argument(help="Folder of the matching articles")],
    model: Annotated[str | None, typer.Option(help="Model name")] = None,
    base_url: Annotated[str | None, typer.Option(help="OpenAI-compatible endpoint")] = None,
    mode: Annotated[str | None, typer.Option(help="Structured-output mode")] = None,
    concurrency: Annotated[int, typer.Option(min=1, max=64)] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON")] = False,
) -> None:
    """Score summaries against gold: date accuracy, host P/R/F1, resolution P/R, ungrounded."""
    from .evaluate import run_eval

    if not gold_dir.is_dir() or not articles_dir.is_dir():
        raise _fail("GOLD_DIR and ARTICLES_DIR must be folders", EXIT_USAGE)
    from .local import ModelSetupError
    from .summarize import Summarizer

    display = Display(0)
    try:
        with Summarizer(model=model, base_url=base_url, mode=mode, on_status=display.status) as summarizer:
            report = run_eval(summarizer, gold_dir, articles_dir, concurrency=concurrency)
    except (ModelSetupError, ValueError) as exc:
        raise _fail(_redact(str(exc)), EXIT_USAGE) from None
    finally:
        display.stop()
    if as_json:
        sys.stdout.write(report.model_dump_json(indent=2) + "\n")
    else:
        sys.stdout.write(_eval_table(report))
    raise typer.Exit(EXIT_PARTIAL if report.failed else EXIT_OK)


def _eval_table(report) -> str:
    rows = [f"{'article':24} {'date':5} {'hosts tp/fp/fn':15} {'res tp/fp/fn':13} ungrounded"]
    for s in report.articles:
        rows.append(
            f"{s.id:24} {'ok' if s.date_ok else 'MISS':5} {f'{s.host_tp}/{s.host_fp}/{s.host_fn}':15} "
            f"{f'{s.res_tp}/{s.res_fp}/{s.res_fn}':13} {s.ungrounded}"
        )
    rows += [
        "",
        f"date accuracy        {report.date_accuracy:.3f}",
        f"host P / R / F1      {report.host_precision:.3f} / {report.host_recall:.3f} / {report.host_f1:.3f}",
        f"resolution P / R     {report.resolution_precision:.3f} / {report.resolution_recall:.3f}",
        f"ungrounded items     {report.ungrounded}",
    ]
    rows += [f"failed               {name}" for name in report.failed]
    return "\n".join(rows) + "\n"


@app.command("serve")
def serve_command(
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1 (0: a free one)")] = 8080,
    local_model: Annotated[str | None, typer.Option(help="GGUF path or packaged model name")] = None,
    n_ctx: Annotated[int, typer.Option(help="Context size in tokens")] = 8192,
    threads: Annotated[int | None, typer.Option(help="CPU threads (default: all cores, up to 8)")] = None,
) -> None:
    """Serve the embedded model as an OpenAI-compatible endpoint until Ctrl-C."""
    import time

    from .local import LocalServer, ModelSetupError, model_label, resolve_model

    try:
        path = resolve_model(local_model)
        server = LocalServer(path, port=port or None, n_ctx=n_ctx, threads=threads)
        display = Display(0)
        server.start(display.status)
        display.stop()
    except ModelSetupError as exc:
        raise _fail(str(exc), EXIT_USAGE) from None
    typer.echo(f"serving {model_label(path)} at {server.base_url} (model name: {path.stem}); Ctrl-C stops")
    try:
        while server.process is not None and server.process.poll() is None:
            time.sleep(0.5)
        raise _fail(f"server exited; see {server.log_path}", EXIT_PARTIAL)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


def main() -> None:
    """Console entry point: turn stray exceptions into one-line errors."""
    import signal

    def terminate(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)  # unwinds, so a local model server is stopped

    signal.signal(signal.SIGTERM, terminate)
    signal.signal(signal.SIGHUP, terminate)  # a closed terminal, too
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("summarizer: interrupted", err=True)
        sys.exit(130)


def _dump(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2)


if __name__ == "__main__":  # pragma: no cover
    main()
