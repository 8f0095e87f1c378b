"""What each part of the product contributes, on the 29 seed + dev articles.

``full`` and ``model`` (the model alone: no rule candidates offered or added)
are replayed from cassettes recorded against the embedded model (``make
cassettes``); ``rules`` (a model that answers nothing) and ``oracle`` (the gold
answer as the model's reply) run in-process.
"""

from __future__ import annotations

import json

import pytest

from summarizer.evaluate import ABLATIONS, render_rows, run_ablations
from summarizer.schema import SummaryRecord

from .conftest import FIXTURES, RECORDING, ROOT, cassette, recorded_summarizer

FLOORS = json.loads((ROOT / "tests" / "quality_floors.json").read_text(encoding="utf-8"))
GOLD = [FIXTURES / "seeds" / "gold", FIXTURES / "dev" / "gold"]
ARTICLES = [FIXTURES / "seeds" / "articles", FIXTURES / "dev" / "articles"]
REPLAYED = ("full", "rules", "oracle")
MODEL_ALONE = ROOT / "cassettes" / "evaluate" / "model.yaml"
METRICS = ("date", "event", "host_p", "host_r", "host_f1", "res_p", "res_r")


@pytest.fixture(scope="module")
def rows() -> dict:
    summarizer = recorded_summarizer()
    out = {}
    for ablation in REPLAYED:
        if ablation == "full":
            with cassette("evaluate", ablation):
                out.update(run_ablations(summarizer, GOLD, ARTICLES, [ablation]))
        else:
            out.update(run_ablations(summarizer, GOLD, ARTICLES, [ablation]))
    print(render_rows(out))
    return out


def row(rows: dict, name: str) -> dict:
    return json.loads(render_rows({name: rows[name]}, as_json=True))["rows"][name]


def test_every_article_is_scored_in_every_row(rows) -> None:
    for name in REPLAYED:
        assert rows[name].n == 29 and rows[name].failed == [], (name, rows[name].failed)


def test_the_product_meets_its_floors(rows) -> None:
    measured, floors = row(rows, "full"), FLOORS["full"]
    for metric, floor in floors.items():
        assert measured[metric] >= floor if metric != "ungrounded" else measured[metric] <= floor, metric


def test_the_gold_answer_comes_through_validation(rows) -> None:
    """If the oracle were below 1.0, merge or grounding would be throwing away correct answers."""
    measured = row(rows, "oracle")
    assert all(measured[m] >= 0.98 for m in METRICS), measured
    assert measured["ungrounded"] == 0


def test_the_model_does_the_work(rows) -> None:
    """A model that answers nothing must score far below the product on hosts and outcomes. Event
    names are the article's own words when the model's answer names no event, so there the
    rules alone come close; the model's answer must not make them worse. Elections, adoptions and
    awards are added by rules on their own; signings, decisions and deals' terms need the model."""
    full, rules = row(rows, "full"), row(rows, "rules")
    assert full["event"] >= rules["event"]
    assert full["host_r"] - rules["host_r"] >= 0.15
    assert full["res_r"] - rules["res_r"] >= 0.15

    def f1(r: dict) -> float:
        return 2 * r["res_p"] * r["res_r"] / (r["res_p"] + r["res_r"]) if r["res_p"] + r["res_r"] else 0.0

    assert f1(full) - f1(rules) >= 0.1


@pytest.mark.skipif(not (MODEL_ALONE.exists() or RECORDING), reason="model-alone cassette not recorded")
def test_the_model_alone_row(rows) -> None:
    """The model with nothing offered: what the rule candidates add is the gap to ``full``.
    Every article is answered, nothing it quotes is ungrounded, and the product beats it."""
    summarizer = recorded_summarizer()
    with cassette("evaluate", "model"):
        alone = run_ablations(summarizer, GOLD, ARTICLES, ["model"])
    print(render_rows({**rows, **alone}))
    model, full = row(alone, "model"), row(rows, "full")
    assert alone["model"].n == 29 and alone["model"].failed == []
    assert model["ungrounded"] == 0
    assert full["host_f1"] >= model["host_f1"] and full["res_r"] >= model["res_r"]


def test_json_rows_have_the_documented_keys(rows) -> None:
    printed = json.loads(render_rows(rows, as_json=True))
    assert list(printed["rows"]) == list(REPLAYED) and set(REPLAYED) <= set(ABLATIONS)
    assert set(printed["rows"]["full"]) == {"n", "date", "event", "host_p", "host_r", "host_f1", "res_p", "res_r",
                                            "ungrounded"}


def test_injected_instructions_with_the_real_model() -> None:
    summarizer = recorded_summarizer()
    with cassette("evaluate", "injection"):
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


# Seventy articles invented for evaluation by writers who saw neither the code nor each other's
# set (simplified and traditional; page furniture, footers naming the site's owner, attendees,
# speeches, background, plans, captions, related-links lists, mojibake, a body pasted twice).
# The first sixteen were read while their guards were written; the next fourteen were held out
# until those guards were done; twelve (301–312) are long, noisy scraped pages, fourteen
# (401–414) cover other genres (a listed company's meeting, a people's congress, a forum with no
# outcome, 農會/同鄉會 meetings, a gala) and fourteen (501–514) more (a public account's post, a
# PDF's text, a Malaysian 同乡会, a village assembly, minutes, a press conference, an app's page with
# comments); each of the last three sets was measured first and then read. The model is not run on
# them here: what they check is that the rules stay precise and that validation keeps a correct
# answer on pages they were not built from.
INVENTED_GOLD = FIXTURES / "invented" / "gold"
INVENTED_ARTICLES = FIXTURES / "invented" / "articles"


@pytest.fixture(scope="module")
def invented_rows() -> dict:
    rows = run_ablations(recorded_summarizer(), INVENTED_GOLD, INVENTED_ARTICLES, ["rules", "oracle"])
    print(render_rows(rows))
    return rows


def test_on_invented_articles_the_gold_answer_comes_through_validation(invented_rows) -> None:
    assert invented_rows["oracle"].n == 70 and not invented_rows["oracle"].failed
    measured = row(invented_rows, "oracle")
    assert all(measured[m] >= 0.98 for m in METRICS), measured


def test_on_invented_articles_what_the_rules_add_alone_is_right(invented_rows) -> None:
    measured = row(invented_rows, "rules")
    assert measured["host_p"] >= 0.95 and measured["res_p"] >= 0.9 and measured["date"] >= 0.95, measured
