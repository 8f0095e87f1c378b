"""summarizer: structured, quote-grounded summaries of noisy event-news pages.

Heavy modules (the openai SDK, trafilatura) are imported lazily so that
``import summarizer`` and the CLI start fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["Summarizer", "clean", "load_article", "resolve_date"]

if TYPE_CHECKING:
    from .clean import clean
    from .load import load_article
    from .dates import resolve_date
    from .summarize import Summarizer

_LAZY = {"clean": ".clean", "load_article": ".load", "Summarizer": ".summarize", "resolve_date": ".dates"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(_LAZY[name], __name__), name)
    raise AttributeError(name)
