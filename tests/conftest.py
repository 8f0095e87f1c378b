"""Shared fixtures: the 17 real articles with gold summaries, and cassette config."""

from __future__ import annotations

import json
import os
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


# ------------------------------------------------------------------ cassettes
# Recorded against the llama.cpp OpenAI server running the embedded model on
# 127.0.0.1 (`make cassettes`); replayed with record mode "none". Requests are
# matched on method, path and body, so a changed prompt cannot replay an old
# answer.
RECORDING = os.environ.get("SUMMARIZER_RECORD") == "1"
RECORD_URL = os.environ.get("SUMMARIZER_RECORD_URL", "http://127.0.0.1:8765/v1")
RECORDED_MODEL = "qwen2.5-coder-1.5b-instruct-q4"

vcr_config = {
    # SUMMARIZER_RECORD_MODE=new_episodes records only what a cassette lacks (one new row).
    "record_mode": os.environ.get("SUMMARIZER_RECORD_MODE", "all") if RECORDING else "none",
    "match_on": ["method", "path", "body"],
    "filter_headers": ["authorization", "x-api-key", "api-key", "openai-organization", "openai-project",
                       "cookie", "set-cookie"],
    "decode_compressed_response": True,
}


def cassette(module: str, name: str):
    """A vcrpy cassette at cassettes/<module>/<name>.yaml with the shared config."""
    import vcr

    recorder = vcr.VCR(cassette_library_dir=str(CASSETTES / module), **vcr_config)
    return recorder.use_cassette(f"{name}.yaml")


def recorded_summarizer(**options):
    """A Summarizer aimed at the recording server (replay ignores the host)."""
    from summarizer import Summarizer

    defaults = {"base_url": RECORD_URL, "api_key": "sk-no-key-required", "model": RECORDED_MODEL,
                "mode": "json_object_schema", "timeout": 600.0}
    return Summarizer(**{**defaults, **options})
