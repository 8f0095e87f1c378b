"""Chinese date phrases, parsed deterministically.

The model may *choose* which phrase dates the event, but it never computes a
date: values come from this module, and a year comes only from the article
itself (the phrase, the headline, or the publication stamp), flagged as
``year_inferred`` when it was not in the phrase. A year found nowhere is never
added: the value stays partial (``--MM-DD``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from .schema import EventDate

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUM = r"(?:\d{1,4}|[〇○零一二两兩三四五六七八九十廿卅]{1,4})"
_TIME_TAIL = (
    r"(?:\s*(?:上午|下午|晚上|晚间|晚間|早上|中午|凌晨|傍晚|晚|早|午后|午後)"
    r"(?:\s*\d{1,2}\s*(?:时|時|点|點)(?:\s*\d{1,2}\s*分)?(?:许|許|左右)?)?)?"
)

_YMD = re.compile(rf"(?P<y>{_NUM})\s*年\s*(?P<m>{_NUM})\s*月\s*(?P<d>{_NUM})\s*[日号號]{_TIME_TAIL}")
_NUMERIC = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?!\d)")
_MD = re.compile(rf"(?<![年\d])(?P<m>{_NUM})\s*月\s*(?P<d>{_NUM})\s*[日号號]{_TIME_TAIL}")
_YM = re.compile(rf"(?P<y>{_NUM})\s*年\s*(?P<m>{_NUM})\s*月(?!\s*{_NUM}\s*[日号號])(?!份以来|以来|以來|底|初|中旬)")
_D = re.compile(rf"(?<![月年\d〇○零一二两兩三四五六七八九十廿卅])(?P<d>{_NUM})\s*日{_TIME_TAIL}(?![本元])")
_TODAY = re.compile(
    r"(?P<rel>今天|今日|昨天|昨日|前天|前日)(?:\s*[（(]\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*[）)])?"
)
_RELATIVE_DAYS = {"今天": 0, "今日": 0, "昨天": 1, "昨日": 1, "前天": 2, "前日": 2}
_YEAR_IN_TITLE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:\s*年)?(?!\d)")

# "7月21日讯", "12日电": a news dateline, i.e. when the report was filed.
_DATELINE_AFTER = re.compile(r"^\s*(?:讯|訊|电|電)")
# Words right before a phrase that make it something other than the event date.
_NOT_EVENT_BEFORE = re.compile(r"(?:截止到|截至|截止|自|从|從|于|於|成立于|成立於|始于|始於)\s*$")
_NOT_EVENT_AFTER = re.compile(r"^\s*(?:以来|以來|起|前|之前|至今|截止|为止|為止|成立)")


@dataclass(frozen=True)
class DateCandidate:
    phrase: str
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    relative: bool = False  # 今天/昨天…: resolved against the publication stamp
    days_before: int = 0

    @property
    def is_full(self) -> bool:
        return self.year is not None and self.month is not None and self.day is not None


def cn_number(token: str) -> int | None:
    """Parse ``12``, ``十九``, ``二十一``, ``廿五``, ``二〇二〇``."""
    token = token.strip()
    if not token:
        return None
    if token.isdigit():
        return int(token)
    if all(ch in _CN_DIGITS for ch in token):  # 二〇二〇 style: digit by digit
        return int("".join(str(_CN_DIGITS[ch]) for ch in token))
    token = token.replace("廿", "二十").replace("卅", "三十")
    if "十" in token:
        tens, _, units = token.partition("十")
        tens_value = _CN_DIGITS.get(tens) if tens else 1
        units_value = _CN_DIGITS.get(units) if units else 0
        if tens_value is None or units_value is None:
            return None
        return tens_value * 10 + units_value
    return None


@lru_cache(maxsize=512)
def find_candidates(text: str) -> tuple[DateCandidate, ...]:
    """Every date phrase in the text that could date the event, in reading order."""
    found: list[DateCandidate] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    def add(match: re.Match[str], y: str | None, m: str | None, d: str | None, rel: bool = False,
            days_before: int = 0):
        start, end = match.span()
        phrase = match.group(0).strip()
        start = text.index(phrase, start)
        end = start + len(phrase)
        if not free(start, end):
            return
        year, month, day = (cn_number(y) if y else None), (cn_number(m) if m else None), (
            cn_number(d) if d else None
        )
        if not (rel and month is None and day is None) and not _valid(year, month, day):
            return
        if _DATELINE_AFTER.match(text[end : end + 2]) or _NOT_EVENT_AFTER.match(text[end : end + 4]):
            taken.append((start, end))
            return
        if _NOT_EVENT_BEFORE.search(text[max(0, start - 4) : start]):
            taken.append((start, end))
            return
        taken.append((start, end))
        found.append(DateCandidate(phrase, start, end, year, month, day, rel, days_before))

    for match in _TODAY.finditer(text):
        add(match, None, match.group("m"), match.group("d"), rel=True,
            days_before=_RELATIVE_DAYS[match.group("rel")])
    for match in _YMD.finditer(text):
        add(match, match.group("y"), match.group("m"), match.group("d"))
    for match in _NUMERIC.finditer(text):
        add(match, match.group("y"), match.group("m"), match.group("d"))
    for match in _MD.finditer(text):
        add(match, None, match.group("m"), match.group("d"))
    for match in _YM.finditer(text):
        add(match, match.group("y"), match.group("m"), None)
    for match in _D.finditer(text):
        add(match, None, None, match.group("d"))
    return tuple(sorted(found, key=lambda c: c.start))


def parse_phrase(phrase: str) -> DateCandidate | None:
    """Parse one phrase on its own (the model's pick, say)."""
    candidates = find_candidates(phrase)
    return candidates[0] if candidates else None


def resolve(
    candidate: DateCandidate | None,
    *,
    published: str | None = None,
    title: str | None = None,
) -> tuple[EventDate, list[str]]:
    """Turn a candidate into the contract's date, filling a year only from the article."""
    warnings: list[str] = []
    if candidate is None:
        return EventDate(value=None, precision="unknown", phrase=None, year_inferred=False), warnings
    pub = _published_date(published)
    year, month, day = candidate.year, candidate.month, candidate.day
    inferred = False
    if candidate.relative:
        if pub is None:
            if month is None:
                warnings.append(f"date phrase {candidate.phrase!r} is relative and the article has no publication date")
                return EventDate(value=None, precision="unknown", phrase=candidate.phrase), warnings
        elif month is None:
            when = pub - timedelta(days=candidate.days_before)
            year, month, day, inferred = when.year, when.month, when.day, True
        else:
            year, inferred = _year_before(pub, month, day), True
    if year is None and month is not None and day is not None:
        title_year = _title_year(title)
        if pub is not None:
            year, inferred = _year_before(pub, month, day), True
        elif title_year:
            year, inferred = title_year, True
    if year is None and month is None and day is not None and pub is not None and day <= pub.day:
        year, month, inferred = pub.year, pub.month, True
    return _event_date(candidate.phrase, year, month, day, inferred), warnings


def _event_date(phrase: str, year: int | None, month: int | None, day: int | None, inferred: bool) -> EventDate:
    if year and month and day:
        return EventDate(value=f"{year:04d}-{month:02d}-{day:02d}", precision="day", phrase=phrase,
                         year_inferred=inferred)
    if year and month:
        return EventDate(value=f"{year:04d}-{month:02d}", precision="month", phrase=phrase,
                         year_inferred=inferred)
    if month and day:
        return EventDate(value=f"--{month:02d}-{day:02d}", precision="day", phrase=phrase)
    if day:
        return EventDate(value=f"---{day:02d}", precision="day", phrase=phrase)
    if year:
        return EventDate(value=f"{year:04d}", precision="year", phrase=phrase, year_inferred=inferred)
    return EventDate(value=None, precision="unknown", phrase=phrase)


def strip_year(event_date: EventDate) -> EventDate:
    """Drop a year the article does not support (``2021-12-05`` → ``--12-05``)."""
    value = event_date.value or ""
    match = re.fullmatch(r"\d{4}-(\d{2})-(\d{2})", value)
    if match:
        return event_date.model_copy(update={"value": f"--{match[1]}-{match[2]}", "year_inferred": False})
    return event_date.model_copy(update={"value": None, "precision": "unknown", "year_inferred": False})


def years_in_article(text: str, published: str | None, title: str | None) -> set[int]:
    years = {int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", text)}
    for extra in (published, title):
        if extra:
            years |= {int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", extra)}
    return years


def _valid(year: int | None, month: int | None, day: int | None) -> bool:
    if year is not None and not 1900 <= year <= 2100:
        return False
    if month is not None and not 1 <= month <= 12:
        return False
    if day is not None and not 1 <= day <= 31:
        return False
    if year and month and day:
        try:
            date(year, month, day)
        except ValueError:
            return False
    return month is not None or day is not None


def _published_date(published: str | None) -> date | None:
    if not published:
        return None
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", published)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _year_before(pub: date, month: int, day: int) -> int:
    """The year that puts month/day on or before the publication date."""
    return pub.year if (month, day) <= (pub.month, pub.day) else pub.year - 1


def _title_year(title: str | None) -> int | None:
    if not title:
        return None
    years = {int(y) for y in _YEAR_IN_TITLE.findall(title)}
    # Only an unambiguous headline year names the event's year.
    return years.pop() if len(years) == 1 else None
