"""Command line: a thin layer over the library.

Exit codes: 0 all done, 1 some inputs failed (the rest are still printed),
2 usage or input errors. Errors are one line on stderr, never a traceback:
:func:`main` is the one error boundary that turns file-system, database, API
and validation errors into that line. Output targets are checked before any
model request, and results that were paid for but could not be written go to
a rescue file whose path the message names.
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


_log_options: dict = {"verbosity": 0, "log_file": None}


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
    verbose: Annotated[
        int, typer.Option("--verbose", "-v", count=True,
                          help="-v: one line per request, re-ask and batch step; -vv: debug detail")
    ] = 0,
    log_file: Annotated[Path | None, typer.Option(help="Also append the log to this file")] = None,
) -> None:
    """Structured, quote-grounded summaries of noisy event-news pages."""
    from .logs import configure

    if log_file is not None and (log_file.is_dir() or not log_file.parent.is_dir()):
        raise _fail(f"--log-file {log_file}: not a file in an existing folder")
    _log_options.update(verbosity=verbose, log_file=log_file)
    configure(verbose, log_file)


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
    from .load import load_all

    loaded, failed = load_all(paths, max_bytes=max_bytes)
    for _, error in failed:
        typer.echo(f"summarizer: {error}", err=True)
    return [clean(raw) for raw in loaded], len(failed)


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
        from .load import suffix_list

        raise _fail(f"no article files found ({suffix_list()})")
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


def _check_target(problem: str | None) -> None:
    """Refuse an unusable output target before anything is paid for."""
    if problem:
        raise _fail(problem)


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
    if out is not None:
        from .files import check_writable_file

        _check_target(check_writable_file(out))
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
        _rescue_if_paid(records, "the run stopped")
        raise _fail(_redact(str(exc)), EXIT_USAGE) from None
    except BaseException:
        display.stop()
        _rescue_if_paid(records, "the run stopped")
        raise
    finally:
        display.stop()
    order = {article.id + article.path: i for i, article in enumerate(articles)}
    records.sort(key=lambda r: order.get(r.article.id + r.article.path, 0))
    for failure in failures:
        typer.echo(f"summarizer: failed {failure.source}: {_redact(failure.error)}", err=True)
    text = _render(records, fmt, markdown)
    if out:
        from .files import atomic_write, rescue_file

        try:
            atomic_write(out, text)
        except OSError as exc:
            saved = rescue_file(text)
            raise _fail(f"cannot write {out} ({exc.strerror or exc}); the {len(records)} summaries are "
                        f"saved in {saved}", EXIT_PARTIAL) from None
    elif text:
        sys.stdout.write(text)
    # Inputs were loadable, so a failure here is the model's or the network's: exit 1.
    raise typer.Exit(EXIT_PARTIAL if failures or bad_inputs else EXIT_OK)


def _rescue_if_paid(records: list, why: str) -> None:
    """Results already paid for survive an interrupted run: saved as JSONL, path on stderr."""
    if not records:
        return
    from .files import rescue_file

    try:
        saved = rescue_file("".join(r.model_dump_json() + "\n" for r in records))
    except OSError:
        return
    typer.echo(f"summarizer: {why}; {len(records)} finished summaries are saved in {saved}", err=True)


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
    out: Annotated[Path, typer.Option("--out", help="Output folder for digest-<date>.<format>")],
    state: Annotated[Path | None, typer.Option(help="SQLite state file (default: OUT/state.sqlite)")] = None,
    concurrency: Annotated[int, typer.Option(min=1, max=256, help="Requests in flight at once")] = 8,
    date: Annotated[str | None, typer.Option(help="Digest date, YYYY-MM-DD (default: today)")] = None,
    formats: Annotated[str | None, typer.Option(
        help="Comma-separated subset of json,md,html,atom,csv (default: json,md,html)")] = None,
    budget_tokens: Annotated[int | None, typer.Option(min=1, help="Stop starting articles once spent")] = None,
    batch: Annotated[bool, typer.Option(help="Use the OpenAI Batch API (upload, poll, collect)")] = False,
    batch_deadline: Annotated[float | None, typer.Option(
        min=1, help="Stop waiting for a batch after SECONDS; the next run resumes it (default 24h)")] = None,
    wait: Annotated[float, typer.Option(
        min=0, help="Wait up to SECONDS for another digest using the same state, then exit 2")] = 0.0,
    new_only: Annotated[bool, typer.Option(help="Only articles not seen by an earlier digest")] = False,
    model: Annotated[str | None, typer.Option(help="Model name (env SUMMARIZER_MODEL)")] = None,
    base_url: Annotated[str | None, typer.Option(help="OpenAI-compatible endpoint (env OPENAI_BASE_URL)")] = None,
    mode: Annotated[str | None, typer.Option(help="Structured-output mode")] = None,
    timeout: Annotated[float | None, typer.Option(help="Seconds per request")] = None,
) -> None:
    """Nightly digest: summarize what is new (cached, resumable, concurrent), write one digest."""
    import datetime as dt

    from . import digest as digest_module
    from .files import check_writable_folder
    from .load import iter_article_paths, suffix_list
    from .local import ModelSetupError
    from .summarize import Summarizer

    allowed = digest_module.FORMATS
    chosen = (tuple(f.strip() for f in formats.split(",") if f.strip()) if formats is not None
              else digest_module.DEFAULT_FORMATS)
    if not chosen or any(f not in allowed for f in chosen):
        raise _fail(f"--formats takes a comma-separated subset of {','.join(allowed)}")
    if date is not None:
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            raise _fail(f"--date must be YYYY-MM-DD, not {date!r}") from None
    missing = [p for p in inputs if p != "-" and not Path(p).exists()]
    if missing:
        raise _fail(f"{missing[0]}: no such file or folder")
    _check_target(check_writable_folder(out))
    if state is not None and state.is_dir():
        raise _fail(f"--state {state}: is a folder, not a state file")
    if not any(True for _ in iter_article_paths(inputs)):
        raise _fail(f"no article files in {', '.join(inputs)} ({suffix_list()})")
    options = digest_module.DigestOptions(out_dir=out, state_path=state, concurrency=concurrency, date=date,
                                          formats=chosen, budget_tokens=budget_tokens, batch=batch, wait=wait,
                                          new_only=new_only, batch_deadline=batch_deadline)
    display = DigestDisplay()
    try:
        with Summarizer(model=model, base_url=base_url, mode=mode, timeout=timeout,
                        on_status=display.status) as summarizer:
            result = digest_module.run_digest(summarizer, inputs, options, on_progress=display.update)
    except (ModelSetupError, ValueError) as exc:
        raise _fail(_redact(str(exc))) from None
    except OSError as exc:
        saved = options.state_file if options.state_file.exists() else None
        kept = f"; summaries already paid for are kept in {saved} and the next run reuses them" if saved else ""
        raise _fail(f"{_os_error(exc)}{kept}", EXIT_PARTIAL) from None
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


@app.command("date")
def date_command(
    phrase: Annotated[str, typer.Argument(help="A date phrase as an article writes it, e.g. 6月8日上午")],
    published: Annotated[str | None, typer.Option(help="The page's publication stamp (anchors the year)")] = None,
    title: Annotated[str | None, typer.Option(help="The page title (a year there anchors the date)")] = None,
) -> None:
    """Resolve one date phrase the way summaries do, and print it as JSON."""
    from .dates import resolve_date

    resolved = resolve_date(phrase, published=published, title=title)
    if resolved is None or getattr(resolved, "value", None) is None:
        raise _fail(f"no date in {phrase!r}")
    sys.stdout.write(resolved.model_dump_json() + "\n")


@app.command("search")
def search_command(
    text: Annotated[str | None, typer.Argument(help="Words to look for in events, hosts and resolutions")] = None,
    org: Annotated[str | None, typer.Option(help="Only events this organisation hosted")] = None,
    since: Annotated[str | None, typer.Option(help="Events on or after YYYY-MM-DD")] = None,
    until: Annotated[str | None, typer.Option(help="Events on or before YYYY-MM-DD")] = None,
    state: Annotated[Path, typer.Option(help="The digest's state file (digest keeps it in OUT/state.sqlite)")]
    = Path("state.sqlite"),
    fmt: Annotated[str, typer.Option("--format", help="table, json or csv")] = "table",
) -> None:
    """Search the summaries a digest has stored (default state: ./state.sqlite)."""
    from .search import run_search
    from .state import StateError

    if not state.is_file():
        raise _fail(f"--state {state}: no such state file (digest writes OUT/state.sqlite)")
    try:
        sys.stdout.write(run_search(state, text=text, org=org, since=since, until=until, fmt=fmt))
    except (ValueError, StateError) as exc:
        raise _fail(str(exc)) from None


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


class Ablation(StrEnum):
    full = "full"
    model = "model"
    rules = "rules"
    oracle = "oracle"
    all = "all"


@app.command("eval")
def eval_command(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold *.json")],
    articles_dir: Annotated[Path, typer.Argument(help="Folder of the matching articles")],
    ablation: Annotated[list[Ablation] | None, typer.Option(
        help="full (rules + model), model, rules or oracle; repeatable; all = every one")] = None,
    model: Annotated[str | None, typer.Option(help="Model name")] = None,
    base_url: Annotated[str | None, typer.Option(help="OpenAI-compatible endpoint")] = None,
    mode: Annotated[str | None, typer.Option(help="Structured-output mode")] = None,
    concurrency: Annotated[int, typer.Option(min=1, max=64)] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON")] = False,
) -> None:
    """Score summaries against gold: date accuracy, host P/R/F1, resolution P/R, ungrounded."""
    if not gold_dir.is_dir() or not articles_dir.is_dir():
        raise _fail("GOLD_DIR and ARTICLES_DIR must be folders", EXIT_USAGE)
    from .evaluate import render_rows, run_ablations
    from .local import ModelSetupError
    from .summarize import Summarizer

    chosen = [a.value for a in (ablation or [Ablation.full])]
    if "all" in chosen:
        chosen = [a.value for a in Ablation if a is not Ablation.all]
    display = Display(0)
    try:
        with Summarizer(model=model, base_url=base_url, mode=mode, on_status=display.status) as summarizer:
            rows = run_ablations(summarizer, gold_dir, articles_dir, ablations=list(dict.fromkeys(chosen)),
                                 concurrency=concurrency)
    except (ModelSetupError, ValueError) as exc:
        raise _fail(_redact(str(exc)), EXIT_USAGE) from None
    finally:
        display.stop()
    sys.stdout.write(render_rows(rows, as_json=as_json))
    raise typer.Exit(EXIT_PARTIAL if any(report.failed for report in rows.values()) else EXIT_OK)


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


def describe_error(exc: BaseException) -> tuple[str, int]:
    """The one line and exit code for an error that reached the top of a command.

    Bad files, folders, state databases, credentials and requests are the user's to fix (2);
    a network or model failure after work started is a partial run (1)."""
    import sqlite3

    from .load import InputError
    from .state import StateError

    if isinstance(exc, StateError | InputError):
        return str(exc), EXIT_USAGE
    if isinstance(exc, sqlite3.Error):
        return f"state database: {exc}", EXIT_USAGE
    if isinstance(exc, OSError):
        return _os_error(exc), EXIT_USAGE
    openai = sys.modules.get("openai")
    if openai is not None and isinstance(exc, openai.OpenAIError):
        if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError | openai.NotFoundError
                      | openai.BadRequestError):
            return f"the endpoint refused the request: {exc}", EXIT_USAGE
        return f"the endpoint failed: {type(exc).__name__}: {exc}", EXIT_PARTIAL
    pydantic = sys.modules.get("pydantic")
    if pydantic is not None and isinstance(exc, pydantic.ValidationError):
        first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": str(exc)}
        where = ".".join(str(p) for p in first["loc"]) or exc.title
        return f"invalid data ({exc.title}): {where}: {first['msg']}", EXIT_USAGE
    from .llm import ModelError

    if isinstance(exc, ModelError):
        return str(exc), EXIT_PARTIAL
    return f"internal error: {type(exc).__name__}: {exc} (run with -vv for the traceback)", EXIT_PARTIAL


def _os_error(exc: OSError) -> str:
    target = exc.filename if exc.filename is not None else ""
    reason = exc.strerror or str(exc)
    return f"{target}: {reason}" if target else reason


def main() -> None:
    """Console entry point: turn stray exceptions into one-line errors."""
    import logging
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
    except Exception as exc:
        message, code = describe_error(exc)
        logging.getLogger("summarizer.cli").debug("traceback", exc_info=exc)
        typer.echo(f"summarizer: {_redact(' '.join(message.split()))}", err=True)
        sys.exit(code)


def _dump(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2)


if __name__ == "__main__":  # pragma: no cover
    main()
