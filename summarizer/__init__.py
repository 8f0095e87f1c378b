"""summarizer: structured, quote-grounded summaries of noisy event-news pages.

The openai SDK and trafilatura are imported lazily, so ``import summarizer``
and the CLI start fast. ``clean`` and ``load_article`` are bound eagerly: they
share their names with their modules, and a lazy binding would be replaced by
the module object as soon as any code imported ``summarizer.clean``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .clean import clean
from .load import load_article

__version__ = "0.2.0"

__all__ = ["Summarizer", "clean", "load_article", "resolve_date"]

if TYPE_CHECKING:
    from .dates import resolve_date
    from .summarize import Summarizer

_LAZY = {"Summarizer": ".summarize", "resolve_date": ".dates"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(_LAZY[name], __name__), name)
    raise AttributeError(name)
