"""Guarded patterns: the lookahead skips positions, never matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer import dates, grammar
from summarizer.patterns import compile_guarded
from summarizer.script import fold

# Invented patterns with every way a match can open: optional groups and spaces before the
# required part, Unicode digits (\d), classes with ranges, lookbehinds, alternations with
# an empty branch, lazy repeats, nested groups.
INVENTED = [
    r"(?:农历)?\s*(?:\d{1,4}年)?\s*\d{1,2}月(?:\d{1,2}日)?",
    r"(?<![第\d])(?:上|下|这)?个?\s*(?:周|星期)[一二三]?",
    r"(?:会议|大会)\S{0,3}?(?:通过|同意)|选举|[甲乙丙丁]方签署|[0-9A-F]号|(?:|再)决定",
    r"(?:(?:A|B)?(?:x|\s)*)+Z",
    r"[\w·]{2,4}(?:会长|主任)",
    r"(?=根据)根据协议(?=，)|MOU",
]
ALPHABET = "号农历年月日上下这个周星期一二三会议大会通过同意选举甲乙丙丁方签署再决定根据协议，MOUABxZ会长主任张三·0123 \t\n٣第"


@pytest.mark.parametrize("pattern", INVENTED)
def test_an_invented_pattern_is_guarded(pattern: str) -> None:
    assert compile_guarded(pattern).pattern.startswith("(?=[")


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=60))
def test_a_guarded_pattern_finds_exactly_what_the_plain_one_finds(text: str) -> None:
    for pattern in INVENTED:
        plain, guarded = re.compile(pattern), compile_guarded(pattern)
        assert [m.span() for m in guarded.finditer(text)] == [m.span() for m in plain.finditer(text)], pattern
        assert [m.span() for m in guarded.finditer(text, 2, 40)] == [m.span() for m in plain.finditer(text, 2, 40)]


@pytest.mark.parametrize("pattern", [
    r"(?:年)?\s*",  # can match nothing: every position is an opening
    r".会",  # any character opens
    r"[^，。]+决定",  # a negated class opens
    r"\S{2}主持",  # a negated category opens
    r"(?i)mou",  # a letter under IGNORECASE stands for its other case
    r"(?i:m)ou",  # …also inside a scoped group
])
def test_a_pattern_that_can_open_anywhere_is_compiled_as_it_is(pattern: str) -> None:
    assert compile_guarded(pattern).pattern == pattern


def test_a_verbose_pattern_is_compiled_as_it_is() -> None:
    assert compile_guarded("选举 # the act", re.VERBOSE).search("选举")


def test_a_pattern_with_its_own_flags_keeps_them() -> None:
    assert compile_guarded(r"mou", re.IGNORECASE).search("签署MOU")
    assert compile_guarded(r"(?x) 选举 \s* 产生").search("选举 产生")


PRODUCT_PATTERNS = {
    "dates._ABSOLUTE": dates._ABSOLUTE, "dates._DAY_ONLY": dates._DAY_ONLY, "dates._WEEK": dates._WEEK,
    "dates._HOLIDAY": dates._HOLIDAY, "dates._NTH_WEEKDAY": dates._NTH_WEEKDAY,
    "grammar.STRONG_OUTCOME": grammar.STRONG_OUTCOME,
}


@pytest.mark.parametrize("text", [
    "农历二〇二三年腊月廿三，民国一百一十二年三月五日，上个月二十日，去年12月1日下午举行。",
    "２０２４年１１月２４日 (周日) 召开；下周三、本月第二个星期五、3月的最后一个周一",
    "除夕夜与大年初一；中秋节、三八国际妇女节、2019年国庆；  \t 5月 18号 ，十月一日",
    "會議審議通過了《章程》，選舉產生新一屆理事會；雙方簽署合作協議，根據協議，甲方將出資。",
    "大会一致同意接收张三为预备党员，并决定授予李四“先进个人”称号，宣读了表彰决定。",
])
def test_the_products_guarded_patterns_find_what_their_plain_forms_find(text: str) -> None:
    folded = fold(dates.fold(text))
    for name, pattern in PRODUCT_PATTERNS.items():
        assert pattern.pattern.startswith("(?=["), name
        plain = re.compile(pattern.pattern[pattern.pattern.index("])(?:") + 2:], pattern.flags)
        assert [m.span() for m in pattern.finditer(folded)] == [m.span() for m in plain.finditer(folded)], name
