from __future__ import annotations

import pytest

from summarizer.dates import cn_number, find_candidates, parse_phrase, resolve, strip_year


@pytest.mark.parametrize(
    ("token", "value"),
    [("12", 12), ("十", 10), ("十九", 19), ("二十", 20), ("二十一", 21), ("廿五", 25), ("二〇二〇", 2020)],
)
def test_chinese_numbers(token: str, value: int) -> None:
    assert cn_number(token) == value


@pytest.mark.parametrize(
    ("phrase", "published", "value", "inferred"),
    [
        ("2020年6月8日", None, "2020-06-08", False),
        ("2020/6/8", None, "2020-06-08", False),
        ("二〇二〇年六月八日", None, "2020-06-08", False),
        ("12月5日下午", None, "--12-05", False),
        ("6月20日晚6时", None, "--06-20", False),
        ("十九日", None, "---19", False),
        ("一月二十日", None, "--01-20", False),
        ("2019年3月", None, "2019-03", False),
        # a year only from the article's own publication stamp, flagged as inferred
        ("3月10日", "2023-03-10 22:19", "2023-03-10", True),
        ("12月28日", "2021-01-03", "2020-12-28", True),  # event before publication
        ("今天", "2022-02-17 16:51", "2022-02-17", True),
        ("今天(2月16日)", "2022-02-17 16:51", "2022-02-16", True),
    ],
)
def test_resolve_phrases(phrase, published, value, inferred) -> None:
    date, _ = resolve(parse_phrase(phrase), published=published)
    assert date.value == value and date.year_inferred is inferred and date.phrase == phrase


def test_relative_date_without_stamp_is_unknown() -> None:
    date, warnings = resolve(parse_phrase("今天"))
    assert date.value is None and date.precision == "unknown" and warnings


def test_headline_year_only_when_unambiguous() -> None:
    candidate = parse_phrase("6月6日")
    assert resolve(candidate, title="2021湖北武黄同城产业投资推介会")[0].value == "2021-06-06"
    assert resolve(candidate, title="2021—2022年度总结会")[0].value == "--06-06"


def test_never_invents_a_year() -> None:
    # body years (a plan for 2022, history since 1986) do not date the event
    text = "9月18日,协会召开会议。中国铸造协会成立于1986年,会议讨论了2022年重点工作计划。"
    date, _ = resolve(find_candidates(text)[0])
    assert date.value == "--09-18" and date.year_inferred is False


def test_datelines_and_background_dates_are_not_candidates() -> None:
    text = "四川新闻眉山7月21日讯 近日会议召开。截至11月30日会费已缴。2021 年 4 月份以来调研。"
    assert find_candidates(text) == ()


def test_strip_year() -> None:
    date, _ = resolve(parse_phrase("2021年12月5日"))
    assert strip_year(date).value == "--12-05"


@pytest.mark.parametrize(
    ("phrase", "value"),
    [("昨天", "2021-03-01"), ("昨日上午", "2021-03-01"), ("前天", "2021-02-28"), ("今日", "2021-03-02")],
)
def test_relative_days_against_the_stamp(phrase, value) -> None:
    date, _ = resolve(parse_phrase(phrase), published="2021-03-02 08:00")
    assert date.value == value and date.year_inferred
