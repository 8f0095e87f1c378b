"""Same-event grouping: the near-linear index gives the pairwise rule's groups, and catches truncated reprints."""

from __future__ import annotations

import json
import random
import re
import unicodedata
from pathlib import Path

from summarizer.clean import clean
from summarizer.group import fingerprint, group

DEV = Path(__file__).parent / "fixtures" / "dev"


def pairwise_rule(reports: list[tuple[str, str | None, str]], *, containment: bool = True) -> list[list[int]]:
    """The grouping rule as first written (every pair compared, on sets of strings), with or
    without the clause added since for truncated reprints (the shorter text ≥ 80 % inside the longer)."""

    def grams(text: str, n: int) -> set[str]:
        text = re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text))
        return {text[i : i + n] for i in range(max(1, len(text) - n + 1))} if text else set()

    def jaccard(a: set[str], b: set[str]) -> float:
        if not a or not b or min(len(a), len(b)) < 0.5 * max(len(a), len(b)):
            return 0.0
        return len(a & b) / len(a | b)

    def contained(a: set[str], b: set[str]) -> bool:
        smaller = min(len(a), len(b))
        return containment and smaller >= 60 and len(a & b) >= 0.8 * smaller

    parent = list(range(len(reports)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    shingles = [grams(text, 4) for _, _, text in reports]
    names = [grams(event, 2) for event, _, _ in reports]
    for i in range(len(reports)):
        for j in range(i + 1, len(reports)):
            same_date = reports[i][1] is not None and reports[i][1] == reports[j][1]
            same_text = jaccard(shingles[i], shingles[j]) >= 0.5 or contained(shingles[i], shingles[j])
            if (same_date and jaccard(names[i], names[j]) >= 0.5) or same_text:
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(reports)):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values(), key=lambda members: members[0])


def dev_reports() -> list[tuple[str, str | None, str]]:
    """The dev articles (gold event and date) and, for each, what syndication does to a page:
    a reprint with other page furniture, one with a sentence dropped, and a rewrite under the
    same event name and date that shares little text."""
    rng = random.Random(7)
    reports = []
    for article in sorted((DEV / "articles").glob("*.txt")):
        gold = json.loads((DEV / "gold" / f"{article.stem}.json").read_text(encoding="utf-8"))
        text = clean(article.read_text(encoding="utf-8")).text
        event, date = gold["event"], gold["date"]
        sentences = [s for s in re.split(r"(?<=[。！？])", text) if s.strip()]
        reports.append((event, date, text))
        reports.append((event[:-1], date, "转载自本地新闻网\n" + text + "\n返回首页 分享到"))
        if len(sentences) > 3:
            dropped = list(sentences)
            del dropped[rng.randrange(len(dropped))]
            reports.append(("简讯", None, "".join(dropped)))
        reports.append((event, date, "记者从有关方面获悉，" + event + "相关情况如下。"))
    return reports


def test_index_gives_the_pairwise_rules_groups_on_the_dev_set() -> None:
    reports = dev_reports()
    expected = pairwise_rule(reports)
    assert len(expected) < len(reports) - 12  # the set really has events reported several times
    assert group([fingerprint(event, date, text) for event, date, text in reports]) == expected
    originals = reports_of_dev_articles()
    assert group([fingerprint(*report) for report in originals]) == pairwise_rule(originals, containment=False)


def reports_of_dev_articles() -> list[tuple[str, str | None, str]]:
    out = []
    for article in sorted((DEV / "articles").glob("*.txt")):
        gold = json.loads((DEV / "gold" / f"{article.stem}.json").read_text(encoding="utf-8"))
        out.append((gold["event"], gold["date"], clean(article.read_text(encoding="utf-8")).text))
    return out


def test_same_name_needs_the_same_known_date() -> None:
    text_a = "市科技协会今天召开年度会员大会，审议通过了工作报告和财务报告，选举产生新一届理事会。"
    text_b = "本报讯 全市科技工作者齐聚一堂，围绕创新发展展开讨论，多位专家作主题发言并回答提问。"
    name = "市科技协会年度会员大会"
    same_day = group([fingerprint(name, "2024-05-03", text_a), fingerprint(name + "召开", "2024-05-03", text_b)])
    other_day = group([fingerprint(name, "2024-05-03", text_a), fingerprint(name, "2024-06-03", text_b)])
    no_date = group([fingerprint(name, None, text_a), fingerprint(name, None, text_b)])
    assert same_day == [[0, 1]]
    assert other_day == [[0], [1]] and no_date == [[0], [1]]


def invented_page(rng: random.Random, sentences: int) -> str:
    subjects = ["市商会", "区政府", "行业协会", "研究会", "理事会", "企业家联合会", "校友会", "促进会"]
    verbs = ["讨论了", "审议了", "听取了", "部署了", "通报了", "研究了", "表决了", "总结了"]
    objects = ["年度工作计划", "财务预算方案", "会员发展情况", "章程修改草案", "专项资金管理办法",
               "对外交流项目", "人才培养规划", "数字化转型方案"]
    return "".join(f"{rng.choice(subjects)}{rng.randint(1, 999)}号会议{rng.choice(verbs)}{rng.choice(objects)}"
                   f"第{rng.randint(1, 99)}条。" for _ in range(sentences))


def test_truncated_reprint_joins_its_original_but_a_short_quote_does_not() -> None:
    rng = random.Random(1)
    original = invented_page(rng, 40)
    truncated = "据本地报道：" + original[: len(original) * 2 // 5]  # too short for Jaccard 0.5
    quote = original[100:140] + invented_page(rng, 30)
    prints = [fingerprint("甲", None, original), fingerprint("乙", None, truncated),
              fingerprint("丙", None, quote), fingerprint("丁", None, invented_page(rng, 40))]
    assert group(prints) == [[0, 1], [2], [3]]


def test_many_unrelated_pages_stay_apart_and_copies_find_each_other() -> None:
    rng = random.Random(5)
    pages = [invented_page(rng, 25) for _ in range(300)]
    copies = [page.replace("号会议", "号会议上", 2) + "（完）" for page in pages[:50]]
    prints = [fingerprint(f"事件{i}", None, text) for i, text in enumerate(pages + copies)]
    groups = group(prints)
    assert sorted(len(members) for members in groups) == [1] * 250 + [2] * 50
    assert all(members[1] - members[0] == 300 for members in groups if len(members) == 2)
