"""Logging for operators: the standard ``logging`` module under the ``summarizer`` logger.

Quiet by default (warnings only, which a nightly job's mail should show);
``-v`` adds one line per request attempt, re-ask and batch step, ``-vv`` adds
debug detail. A log file gets everything at ``-v`` level or more. Every
handler passes through a filter that masks the API key, so a key pasted into
a URL or echoed in an SDK error never reaches a log.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from pathlib import Path

LOGGER = "summarizer"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class RedactSecrets(logging.Filter):
    """Replace each secret in the rendered message with ``***``."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s and len(s) >= 6]

    def filter(self, record: logging.LogRecord) -> bool:
        if self.secrets:
            message = record.getMessage()
            for secret in self.secrets:
                message = message.replace(secret, "***")
            record.msg, record.args = message, None
        return True


class CurrentStderr(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is at the time, so lines land above a live progress
    bar (which swaps in its own stderr while it runs) instead of through it."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr  # not setStream(): that flushes the old stream, which may be closed
        super().emit(record)  # errors here go to handleError

    def handleError(self, record: logging.LogRecord) -> None:
        """A log line that cannot be written must never break the request it describes."""
        with contextlib.suppress(Exception):
            super().handleError(record)


def level_for(verbosity: int) -> int:
    return logging.WARNING if verbosity <= 0 else logging.INFO if verbosity == 1 else logging.DEBUG


def configure(verbosity: int = 0, log_file: Path | None = None, secrets: list[str] | None = None) -> None:
    """Attach a stderr handler (and a file handler) to the ``summarizer`` logger; idempotent."""
    logger = logging.getLogger(LOGGER)
    for handler in list(logger.handlers):
        if getattr(handler, "_summarizer", False):
            logger.removeHandler(handler)
            handler.close()
    redact = RedactSecrets(secrets if secrets is not None else [os.environ.get("OPENAI_API_KEY", "")])
    console = CurrentStderr()
    console.setLevel(level_for(verbosity))
    console.setFormatter(logging.Formatter("summarizer: %(levelname)s %(message)s"))
    handlers: list[logging.Handler] = [console]
    if log_file is not None:
        file_handler = logging.FileHandler(log_file, encoding="utf-8")
        file_handler.setLevel(min(level_for(verbosity), logging.INFO))
        file_handler.setFormatter(logging.Formatter(FORMAT))
        handlers.append(file_handler)
    for handler in handlers:
        handler.addFilter(redact)
        handler._summarizer = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(min(h.level for h in handlers))
