"""Quality of the embedded model on seeds + dev, replayed from recorded cassettes."""

from __future__ import annotations

import json

import pytest

from summarizer.evaluate import aggregate, score_article
from summarizer.schema import SummaryRecord

from .conftest import FIXTURES, ROOT, cassette, gold_pairs, recorded_summarizer

PAIRS = gold_pairs()
FLOORS = json.loads((ROOT / "tests" / "quality_floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def replayed() -> tuple[list[tuple[SummaryRecord, dict, object]], list[str]]:
    from summarizer.llm import ModelError

    summarizer = recorded_summarizer()
    out, failed = [], []
    for path, gold in PAIRS:
        article = summarizer.prepare(path)
        with cassette("summarize", article.id):
            try:
                out.append((summarizer.summarize(article), gold, article))
            except ModelError:  # counted against the floors, not a crash
                failed.append(article.id)
    return out, failed


def test_every_article_end_to_end_follows_the_contract(replayed) -> None:
    records, _ = replayed
    for record, _, article in records:
        SummaryRecord.model_validate_json(record.model_dump_json())
        assert record.meta.model == "qwen2.5-coder-1.5b-instruct-q4"
        assert record.meta.mode == "json_object_schema"
        assert record.meta.usage.total_tokens > 0 and record.meta.attempts >= 1
        for item in [*record.summary.hosts, *record.summary.resolutions]:
            assert article.text[item.span[0] : item.span[1]] == item.evidence


def test_quality_floors(replayed) -> None:
    records, failed = replayed
    report = aggregate([score_article(r, g, a) for r, g, a in records], failed)
    print(report.model_dump_json(exclude={"articles"}))
    assert report.date_accuracy >= FLOORS["date_accuracy"]
    assert report.host_f1 >= FLOORS["host_f1"]
    assert report.resolution_precision >= FLOORS["resolution_precision"]
    assert report.resolution_recall >= FLOORS["resolution_recall"]
    assert report.ungrounded <= FLOORS["ungrounded"]


def test_injected_instructions_with_the_real_model() -> None:
    summarizer = recorded_summarizer()
    with cassette("summarize", "injection"):
        record = summarizer.summarize(FIXTURES / "extra" / "injection.txt")
    assert all("某某公司" not in h.name for h in record.summary.hosts)
    assert record.summary.date.value == "2020-06-08"
    SummaryRecord.model_validate_json(record.model_dump_json())


def test_auto_mode_ladder_against_llama_cpp() -> None:
    from summarizer.llm import ChatClient

    ChatClient._mode_memory.clear()
    summarizer = recorded_summarizer(mode="auto")
    with cassette("llm", "test_auto_mode_ladder") as tape:
        record = summarizer.summarize(FIXTURES / "dev" / "articles" / "003.txt")
    assert record.meta.mode == "json_object_schema"
    statuses = [response["status"]["code"] for response in tape.responses]
    assert statuses[:2] == [500, 200]
    assert record.meta.attempts == 2
