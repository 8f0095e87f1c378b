"""Properties of the date grammar: any valid date in any writing parses back to itself,
and no invalid calendar date ever comes out."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer import resolve_date
from summarizer.dates import event_date, find_candidates

_DIGITS = "〇一二三四五六七八九"
_FULL = "０１２３４５６７８９"


def _arabic(n: int) -> str:
    return str(n)


def _full_width(n: int) -> str:
    return "".join(_FULL[int(ch)] for ch in str(n))


def _digit_by_digit(n: int, zero: str = "〇") -> str:
    return "".join((zero if ch == "0" else _DIGITS[int(ch)]) for ch in str(n))


def _ten_style(n: int) -> str:
    """十-style: 十, 十二, 二十, 二十一 (for months and days)."""
    tens, units = divmod(n, 10)
    if tens == 0:
        return _DIGITS[units]
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[units] if units else "")


_YEAR_STYLES = [_arabic, _full_width, _digit_by_digit, lambda n: _digit_by_digit(n, "零")]
_PART_STYLES = [_arabic, _full_width, _ten_style]


@st.composite
def written_dates(draw):
    day = draw(st.dates(min_value=date(1950, 1, 1), max_value=date(2060, 12, 31)))
    year = draw(st.sampled_from(_YEAR_STYLES))(day.year)
    month = draw(st.sampled_from(_PART_STYLES))(day.month)
    day_text = draw(st.sampled_from(_PART_STYLES))(day.day)
    suffix = draw(st.sampled_from(["日", "号", "號"]))
    year_word = draw(st.sampled_from(["年", "年 "]))
    return day, f"{year}{year_word}{month}月{day_text}{suffix}"


@given(written_dates())
@settings(max_examples=300, deadline=None)
def test_any_written_date_parses_back_to_itself(case) -> None:
    day, phrase = case
    parsed = resolve_date(phrase)
    assert parsed.value == day.isoformat() and parsed.precision == "day" and not parsed.year_inferred


@given(written_dates(), st.sampled_from(["会议于{}在北京召开。", "{}，签约仪式举行。", "據悉，{}上午舉辦了論壇。"]))
@settings(max_examples=150, deadline=None)
def test_a_written_date_is_found_in_a_sentence_and_chosen(case, template) -> None:
    day, phrase = case
    text = template.format(phrase)
    (candidate,) = find_candidates(text)
    assert text[candidate.start:candidate.end] == candidate.phrase
    assert event_date(text)[0].value == day.isoformat()


def _is_valid(value: str | None) -> bool:
    if value is None:
        return True
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            date.fromisoformat(value)
        except ValueError:
            return False
        return True
    if re.fullmatch(r"--(\d{2})-(\d{2})", value):
        month, day = int(value[2:4]), int(value[5:7])
        try:
            date(2000, month, day)  # a leap year: --02-29 may exist
        except ValueError:
            return False
        return True
    if re.fullmatch(r"--\d{2}", value):
        return 1 <= int(value[2:]) <= 12
    if re.fullmatch(r"---\d{2}", value):
        return 1 <= int(value[3:]) <= 31
    if re.fullmatch(r"\d{4}(-\d{2})?", value):
        return len(value) == 4 or 1 <= int(value[5:]) <= 12
    return False


_NUMBERS = st.integers(min_value=0, max_value=40).map(str) | st.sampled_from(
    ["二十九", "三十", "三十一", "三十二", "十三", "二", "〇", "２９", "３０"]
)
_YEARS = st.sampled_from(["2019年", "2020年", "2023年", "二〇二一年", "", "去年", "民国九十年"])
_STAMPS = st.sampled_from([None, "2021-01-03", "2020-03-01 08:00", "2023-02-28"])


@given(_YEARS, _NUMBERS, _NUMBERS, st.sampled_from(["日", "号", "號", ""]), _STAMPS)
@settings(max_examples=400, deadline=None)
def test_no_invalid_calendar_date_from_a_phrase(year, month, day, suffix, published) -> None:
    phrase = f"{year}{month}月{day}{suffix}"
    assert _is_valid(resolve_date(phrase, published=published).value)


_TEXT_ALPHABET = st.sampled_from(list("0123456789年月日号號至到-—周星期一二三四五六七八九十〇廿卅于召开会议，。今昨明天上下本个农历初闰民国"))


@given(st.text(_TEXT_ALPHABET, max_size=60), _STAMPS)
@settings(max_examples=400, deadline=None)
def test_no_invalid_calendar_date_from_random_text(text, published) -> None:
    for candidate in find_candidates(text):
        assert text[candidate.start:candidate.end] == candidate.phrase
        assert _is_valid(resolve_date(candidate.phrase, published=published).value)
    assert _is_valid(event_date(text, published=published)[0].value)
