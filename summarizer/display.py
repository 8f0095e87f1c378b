"""Terminal displays for the CLI: a status line while the model loads, progress bars
while it works, on a TTY only (cron and pipes get one summary line from the caller)."""

from __future__ import annotations

import sys


class Display:
    """A status line and progress bar on a TTY; silent otherwise (cron, pipes)."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.enabled = sys.stderr.isatty()
        self._status = None
        self._progress = None
        self._task = None
        if self.enabled:
            from rich.console import Console

            self.console = Console(stderr=True)

    def status(self, message: str) -> None:
        if not self.enabled:
            return
        if self._status is None:
            self._status = self.console.status(message)
            self._status.start()
        else:
            self._status.update(message)

    def start(self) -> None:
        if self._status is not None:
            self._status.stop()
            self._status = None
        if not self.enabled or self._progress is not None:
            return
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TimeElapsedColumn,
        )

        self._progress = Progress(
            SpinnerColumn(), "[progress.description]{task.description}", BarColumn(),
            MofNCompleteColumn(), TimeElapsedColumn(), console=self.console, transient=True,
        )
        self._progress.start()
        self._task = self._progress.add_task("summarizing", total=self.total)

    def advance(self, label: str) -> None:
        if self._progress is not None:
            self._progress.update(self._task, advance=1, description=label[:40])

    def stop(self) -> None:
        if self._status is not None:
            self._status.stop()
        if self._progress is not None:
            self._progress.stop()


class DigestDisplay:
    """Rich progress with done/failed/cached counts and tokens on a TTY; nothing otherwise."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self._progress = None
        self._task = None
        self._status = None

    def status(self, message: str) -> None:
        if self.enabled and self._progress is None:
            from rich.console import Console

            if self._status is None:
                self._status = Console(stderr=True).status(message)
                self._status.start()
            self._status.update(message)

    def update(self, progress) -> None:
        if not self.enabled:
            return
        if self._status is not None:
            self._status.stop()
            self._status = None
        if self._progress is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

            self._progress = Progress(
                "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                "{task.fields[counts]}", TimeElapsedColumn(), console=Console(stderr=True), transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("digest", total=progress.articles, counts="")
        finished = progress.summarized + progress.cached + progress.failed + progress.skipped
        counts = (f"done {progress.summarized} · cached {progress.cached} · failed {progress.failed} · "
                  f"{progress.tokens} tok")
        self._progress.update(self._task, completed=finished, counts=counts)

    def stop(self) -> None:
        if self._status is not None:
            self._status.stop()
        if self._progress is not None:
            self._progress.stop()
