"""Shared fixtures: the 17 real articles with gold summaries, and cassette config."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent
CASSETTES = ROOT / "cassettes"


def gold_pairs() -> list[tuple[Path, dict]]:
    pairs = []
    for split in ("seeds", "dev"):
        for article in sorted((FIXTURES / split / "articles").glob("*.txt")):
            gold = FIXTURES / split / "gold" / f"{article.stem}.json"
            pairs.append((article, json.loads(gold.read_text(encoding="utf-8"))))
    return pairs


def gold_phrases(gold: dict) -> list[str]:
    phrases = [gold.get("date_phrase") or ""]
    phrases += [host["phrase"] for host in gold["hosts"]]
    phrases += [item["phrase"] for item in gold["resolutions"]]
    return [p for p in phrases if p]


@pytest.fixture(scope="session")
def seed_000() -> Path:
    return FIXTURES / "seeds" / "articles" / "000_5edd0876901a432d.txt"
