"""Command line: a thin layer over the library.

Exit codes: 0 all done, 1 some inputs failed (the rest are still printed),
2 usage or input errors. Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated

import typer

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Structured, quote-grounded summaries of noisy event-news pages.",
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2


@app.callback()
def _root() -> None:
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
    for article in articles:
        if as_json:
            sys.stdout.write(article.model_dump_json() + "\n")
        else:
            if len(articles) > 1:
                sys.stdout.write(f"==> {article.path} <==\n")
            sys.stdout.write(article.text + "\n")
    raise typer.Exit(_exit_code(len(articles), failures))


def main() -> None:
    """Console entry point: turn stray exceptions into one-line errors."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("summarizer: interrupted", err=True)
        sys.exit(130)


def _dump(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2)


if __name__ == "__main__":  # pragma: no cover
    main()
