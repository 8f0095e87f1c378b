"""Chinese date phrases: one grammar, parsed deterministically, anchored to the article.

The model may *choose* which phrase dates the event, but it never computes a
date: values come from this module. The grammar is written once for both
scripts: the text is first folded character by character (traditional to
simplified, full-width digits to ASCII), so offsets into the original text
never move.

The year rule: a year comes only from the article — the phrase itself, the
full date the article has just stated, the publication stamp (relative words,
or the nearest year for a month/day), or an unambiguous headline year. A year
found nowhere is never added: the value stays partial (``--MM-DD``). Lunar
dates are converted with ``lunardate`` when their year is known and are
otherwise unknown — never read as Gregorian.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from .patterns import compile_guarded
from .schema import EventDate
from .script import fold as fold_script

# --------------------------------------------------------------------------- folding

_FULL_WIDTH = "０１２３４５６７８９：／．－～，（）　"
_HALF_WIDTH = "0123456789:/.-~,() "
_WIDTH = tuple(zip(_FULL_WIDTH, _HALF_WIDTH, strict=True))


@lru_cache(maxsize=256)
def fold(text: str) -> str:
    """The same text with one spelling per date word; ``len`` is unchanged.

    Script is folded by the project's one converter (traditional → simplified,
    character by character); full-width digits and punctuation become ASCII.
    Memoised: finding, choosing and resolving a date each fold the same article.
    """
    folded = fold_script(text)
    for wide, narrow in _WIDTH:  # a few C scans: ``str.translate`` looks up every character
        if wide in folded:
            folded = folded.replace(wide, narrow)
    return folded


# --------------------------------------------------------------------------- numerals

_DIGIT = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
_UNIT = {"十": 10, "百": 100, "千": 1000}


def cn_number(token: str) -> int | None:
    """``12``, ``十九``, ``二十一``, ``廿五``, ``二〇二〇``, ``一百零九``, ``两千零四``, ``初八``."""
    token = fold(token.strip()).removeprefix("初")
    if not token:
        return None
    if token.isdigit():
        return int(token)
    token = token.replace("廿", "二十").replace("卅", "三十")
    if all(ch in _DIGIT for ch in token):  # 二〇二〇: digit by digit
        return int("".join(str(_DIGIT[ch]) for ch in token))
    total, current = 0, None
    for ch in token:
        if ch in _DIGIT:
            current = _DIGIT[ch]
        elif ch in _UNIT:
            total += (1 if current is None else current) * _UNIT[ch]
            current = None
        else:
            return None
    return total + (current or 0)


# --------------------------------------------------------------------------- grammar
# All patterns run on folded text.

_CN = "〇○零一二三四五六七八九十廿卅两"
_YEAR_NUM = r"(?:\d{1,4}|[〇○零一二三四五六七八九十百千两]{1,6})"
_MONTH_NUM = r"(?:\d{1,2}|十[一二]?|[一二三四五六七八九正腊冬])"
_DAY_NUM = r"(?:\d{1,2}|初[一二三四五六七八九十]|[一二三四五六七八九十廿卅]{1,3})"
_LUNAR_MARK = r"(?:农历|阴历)"
_REL_YEAR = {"大前年": -3, "前年": -2, "去年": -1, "上年": -1, "上一年": -1, "今年": 0, "本年": 0,
             "这一年": 0, "下年": 1, "明年": 1, "下一年": 1, "后年": 2}
_REL_MONTH = {"本": 0, "这个": 0, "这": 0, "今个": 0, "当": 0, "上个": -1, "上一个": -1, "上": -1,
              "下个": 1, "下一个": 1, "下": 1}
_REL_DAY = {"大大后天": 4, "大后天": 3, "大前天": -3, "今天": 0, "今日": 0, "今晨": 0, "今早": 0,
            "今晚": 0, "今夜": 0, "本日": 0, "昨天": -1, "昨日": -1, "昨晚": -1, "昨夜": -1,
            "昨晨": -1, "前天": -2, "前日": -2, "前晚": -2, "明天": 1, "明日": 1, "明晚": 1,
            "明早": 1, "明晨": 1, "后天": 2, "后日": 2, "大后日": 3,
            "寻日": -1, "听日": 1}  # the last two: Cantonese
_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "末": 5,
            "1": 0, "2": 1, "3": 2, "4": 3, "5": 4, "6": 5, "7": 6}
_WEEK_PREFIX = {"上上": -2, "上": -1, "上一": -1, "下下": 2, "下": 1, "下一": 1, "这": 0, "这一": 0, "本": 0,
                "今": 0}

_YEAR_PART = (
    rf"(?:(?P<era>中华民国|民国|公元)?\s*(?P<y>{_YEAR_NUM})\s*年(?!代|级|前|后|来|内|间|初|底|末)"
    rf"|(?P<ry>{'|'.join(sorted(_REL_YEAR, key=len, reverse=True))}))"
)
_MONTH_PART = (
    rf"(?:(?P<m>闰?{_MONTH_NUM})(?:\s*月(?:份)?|(?=\s*(?:至|到|~|-|—+|–|－)\s*{_MONTH_NUM}\s*月))"
    rf"|(?P<rm>{'|'.join(sorted(_REL_MONTH, key=len, reverse=True))})\s*月(?!份以来|以来|底|初|末))"
)


_ABSOLUTE = compile_guarded(
    rf"(?P<lun1>{_LUNAR_MARK})?\s*(?:{_YEAR_PART}\s*)?(?P<lun2>{_LUNAR_MARK})?\s*{_MONTH_PART}"
    rf"(?:\s*(?P<d>{_DAY_NUM})(?P<dsuf>\s*[日号])?)?"
)
_YEAR_ONLY = compile_guarded(_YEAR_PART)
_FESTIVAL = compile_guarded(rf"(?:{_YEAR_PART}\s*)?(?P<fest>大年(?:初[一二三四五六七八九十]|三十)|除夕)")
# Holidays on a fixed day: (month, day, lunar), or (month, n-th, weekday) for the floating ones.
_HOLIDAYS_FIXED = {
    "元旦": (1, 1, False), "阳历新年": (1, 1, False), "情人节": (2, 14, False), "妇女节": (3, 8, False),
    "植树节": (3, 12, False), "消费者权益日": (3, 15, False), "愚人节": (4, 1, False), "劳动节": (5, 1, False),
    "青年节": (5, 4, False), "儿童节": (6, 1, False), "建党节": (7, 1, False), "建军节": (8, 1, False),
    "教师节": (9, 10, False), "国庆": (10, 1, False), "万圣节": (10, 31, False), "平安夜": (12, 24, False),
    "圣诞": (12, 25, False), "春节": (1, 1, True), "农历新年": (1, 1, True), "元宵": (1, 15, True),
    "端午": (5, 5, True), "七夕": (7, 7, True), "中元": (7, 15, True), "中秋": (8, 15, True),
    "重阳": (9, 9, True), "腊八": (12, 8, True),
}
_HOLIDAYS_FLOATING = {"母亲节": (5, 2, 6), "父亲节": (6, 3, 6), "感恩节": (11, 4, 3)}
_HOLIDAY = compile_guarded(
    rf"(?:{_YEAR_PART}\s*)?(?:农历)?(?:三八|五一|五四|六一|七一|八一)?(?:国际)?"
    rf"(?P<holiday>{'|'.join(sorted([*_HOLIDAYS_FIXED, *_HOLIDAYS_FLOATING], key=len, reverse=True))})节?"
)
_NUMERIC = re.compile(
    r"(?<![\d.])(?P<y>(?:1[89]|20)\d{2})\s*(?P<sep>[-/.])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})(?![\d])"
    r"(?:\s*[日号])?"
)
_COMPACT = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?!\d)")
_SPACED = re.compile(r"^(?P<y>(?:19|20)\d{2})\s+(?P<m>\d{1,2})\s+(?P<d>\d{1,2})$")
_YEAR_MONTH_NUMERIC = re.compile(r"^(?P<y>(?:19|20)\d{2})\s*[-/.]\s*(?P<m>\d{1,2})(?![\d/.])")
_YEAR_NUMERIC = re.compile(r"^(?P<y>(?:19|20)\d{2})\s*年?$")
_DAY_FIRST = re.compile(r"(?<![\d.])(?P<d>\d{1,2})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d])")
_MONTH_DAY_NUMERIC = re.compile(
    r"(?<![\d./-])(?P<m>\d{1,2})\s*[-/.·]\s*(?P<d>\d{1,2})(?![\d./-])(?P<dsuf>\s*[日号])?"
)
_RELATIVE_DAY = compile_guarded(
    rf"(?P<rel>{'|'.join(sorted(_REL_DAY, key=len, reverse=True))})"
    rf"(?:\s*\(\s*(?:(?P<m>{_MONTH_NUM})\s*月\s*)?(?P<d>{_DAY_NUM})\s*[日号]?\s*\))?"
)
# The day in brackets inside the word, as Taiwanese and Hong Kong papers write it: "今(16)日",
# "昨(15)晚" are 今日 and 昨晚 on the 16th and the 15th.
_SPLIT_RELATIVE_DAY = compile_guarded(
    rf"(?P<head>今|昨|明|前|后)\s*\(\s*(?P<d>{_DAY_NUM})\s*\)\s*(?P<tail>日|天|晚|晨|早|夜)"
)
_WEEK = compile_guarded(
    r"(?<![每第几两三四五六七八九十\d])(?P<wp>上上|上一|上|下下|下一|下|这一|这|本|今(?=个|星期|礼拜))?个?\s*"
    r"(?:周|星期|礼拜)(?:\s*(?:周|星期|礼拜)?(?P<wd>[一二三四五六日天末1-7]))?(?![年岁])"
)
# A bare day: 18日, 二十五号. Not 日本/日元, and not a numbered thing (三号馆, 5号线, 1号文件).
_DAY_ONLY = compile_guarded(
    rf"(?<![月年\d{_CN}初第])(?P<d>\d{{1,2}}|[{_CN}]{{1,3}})\s*(?P<dsuf>[日号])"
    r"(?![本元语文军]|(?<=号)[楼馆线院文令码机桥门厅台口房车位字窗件队栋座室场站路街巷种球选仓库])"
)

_ANNOTATION = re.compile(
    r"\s*(?:\(\s*(?:周|星期|礼拜)?[一二三四五六日天1-7]\s*\)|[,]?\s*(?:周|星期|礼拜)[一二三四五六日天1-7](?![\d一二三四五六七八九十]*[年月]))"
)
_TIME_OF_DAY = re.compile(
    r"\s*(?:(?:上午|下午|中午|晚上|晚间|早上|早晨|清晨|凌晨|傍晚|夜间|夜里|深夜|午后|晚|早|夜)\s*"
    r"(?:\d{1,2}\s*[:]\s*\d{2}|[\d一二三四五六七八九十两]{1,3}\s*[时点](?:\s*(?:半|整|[\d一二三四五六七八九十零]{1,3}\s*分?))?)?"
    r"|\d{1,2}\s*[:]\s*\d{2}(?:\s*[:]\s*\d{2})?|[\d一二三四五六七八九十两]{1,3}\s*[时点](?:\s*(?:半|整|[\d一二三四五六七八九十零]{1,3}\s*分?))?)"
    r"(?:许|左右)?"
)
# 3天前, 两周后, 5个月后, 三年前: a count of units before or after the stamp (phrases only:
# in an article such a count is usually relative to another event, not to the stamp)
_UNITS_AWAY = re.compile(
    r"(?<![\d〇○零一二两三四五六七八九十百第几多半])(?P<n>\d{1,3}|[一二两三四五六七八九十百]{1,4})\s*"
    r"(?P<unit>天|日|周|星期|个星期|个礼拜|礼拜|个月|年)\s*(?P<dir>前|后)(?!后)"
)
# 十月第一个星期一, 6月的第3个周日, 八月份的最后一个周二: the n-th weekday of a month
_NTH_WEEKDAY = compile_guarded(
    rf"(?:{_YEAR_PART}\s*)?(?P<m>{_MONTH_NUM})\s*月(?:份)?\s*的?\s*(?:第\s*(?P<n>[1-5一二三四五])|(?P<last>最后)\s*一?)\s*个?\s*"
    r"(?:周|星期|礼拜)(?P<wd>[一二三四五六日天1-7])"
)
_RANGE_SEP = re.compile(r"\s*(?:至|到|~|-|—+|–|―+|－)\s*")
_DAY_TAIL = re.compile(rf"(?:{_MONTH_NUM}\s*月\s*)?{_DAY_NUM}\s*[日号]")

# Context around a phrase (folded text).
_DATELINE_AFTER = re.compile(r"^\s*(?:讯|电)")
_BACKGROUND_BEFORE = re.compile(r"(?:截止到|截至|截止|成立于|始于|创办于|创建于|建于|生于|出生于|自|从)\s*$")
_BACKGROUND_AFTER = re.compile(r"^\s*(?:以来|起|前|之前|至今|截止|为止|成立|开始实施|实施|生效|出生)")
_STAMP_BEFORE = re.compile(r"(?:发布|发表|更新|发稿|时间|日期)[^\n。]{0,4}[:]?[ \t]*\Z")
_EVENT_VERB = re.compile(
    r"召开|举行|举办|签署|签约|签订|开幕|闭幕|揭牌|启动|开班|开营|揭晓|颁奖|落幕|挂牌|会见|会谈|会晤|"
    r"拉开帷幕|开工|竣工|投产|成立大会|隆重|盛大|在[^，,。]{1,12}(?:召开|举行|举办)"
)
# Nouns that name an event: a date next to them is likely its date, but less surely.
_EVENT_NOUN = re.compile(r"会议|大会|活动|仪式|峰会|论坛|座谈会|发布会|典礼|比赛|展览|研讨会|培训|考察|调研|出席|主持")
_CLAUSE_END = re.compile(r"[。！？!?；;\n]")


# --------------------------------------------------------------------------- candidates


@dataclass(frozen=True)
class DateCandidate:
    """A date phrase in a text and what it says, before the stamp is applied.

    ``year``/``month``/``day`` are what the phrase itself states; ``year_offset``,
    ``month_offset``, ``day_offset`` and ``week`` are relative to the publication
    stamp. ``dateline``, ``background`` and ``stamp`` say why it is unlikely
    to be the event's own date; ``event_verb`` why it is likely. A caller that
    offers dates to a model can offer the unflagged ones, ``event_verb`` first.
    """

    phrase: str
    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    relative: bool = False
    days_before: int = 0
    year_offset: int | None = None
    month_offset: int | None = None
    day_offset: int | None = None
    week: tuple[int | None, int] | None = None  # (week offset or None for a bare weekday, weekday 0=Monday)
    nth_weekday: tuple[int, int] | None = None  # (n, weekday) in the month; n = -1 for the last
    lunar: bool = False
    leap_month: bool = False
    roc: bool = False
    two_digit_year: bool = False
    year_unreadable: bool = False  # 雍正四年: a year is stated but not one this grammar reads
    dateline: bool = False
    background: bool = False
    stamp: bool = False
    event_verb: bool = False  # its clause goes on to an event's own verb (召开, 举行, 签署…)

    @property
    def is_full(self) -> bool:
        return self.year is not None and self.month is not None and self.day is not None


def _is_roc_context(folded: str) -> bool:
    return "民国" in folded


def _year_value(token: str, era: str | None, *, month_follows: bool, roc_context: bool,
                loose: bool) -> tuple[int | None, bool, bool]:
    """(year, roc, two_digit) for a year numeral, or None when it is a count, not a year.

    Gregorian years are written digit by digit (2015, 二〇一五) or as 两千零四.
    A positional numeral (九十八, 一百零九) or a 3-digit number is an ROC year:
    with 民国, when a month follows (a count of years is never followed by a
    month), or when the article speaks of 民国.
    """
    value = cn_number(token)
    if value is None:
        return None, False, False
    positional = any(ch in "十百" for ch in token)
    if era in ("民国", "中华民国"):
        return (value + 1911 if 1 <= value < 200 else None), True, False
    if value >= 1000:
        return value, False, False
    if len(token) < 2:
        return None, False, False
    if positional or len(token) == 3:
        if month_follows or roc_context or loose:
            return (value + 1911 if 1 <= value < 200 else None), True, False
        return None, False, False
    if len(token) == 2 and (month_follows or loose):
        if roc_context and token.isdigit():
            return value + 1911, True, False
        return value, False, True  # 15年, 九零年: century from the stamp
    return None, False, False


def _scan(text: str, *, loose: bool) -> list[DateCandidate]:
    folded = fold(text)
    roc_context = _is_roc_context(folded)
    found: list[DateCandidate] = []

    def emit(start: int, end: int, **fields) -> None:
        end = _extend(folded, end)
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        found.append(DateCandidate(phrase=text[start:end], start=start, end=end, **fields))

    for match in _matches(_ABSOLUTE, folded, _MONTH_WORD):
        fields: dict = {}
        start, end = match.span()
        lunar = bool(match["lun1"] or match["lun2"])
        if match["y"] is not None:
            year, roc, two = _year_value(match["y"], match["era"], month_follows=True,
                                         roc_context=roc_context, loose=loose)
            if year is None:  # 神龙二年, 第二年: a year we cannot read; the date starts at the month
                start = match.start("m") if match["m"] else match.start("rm")
                if match["lun2"]:
                    start = match.start("lun2")
                fields["year_unreadable"] = True
            else:
                fields.update(year=year, roc=roc, two_digit_year=two)
        elif match["ry"]:
            fields["year_offset"] = _REL_YEAR[match["ry"]]
        if match["m"]:
            token = match["m"]
            fields["leap_month"] = token.startswith("闰")
            token = token.removeprefix("闰")
            if token in ("正", "腊", "冬"):
                lunar = True
                month = {"正": 1, "冬": 11, "腊": 12}[token]
            else:
                month = cn_number(token)
            fields["month"] = month
            lunar = lunar or fields["leap_month"]
        else:
            fields["month_offset"] = _REL_MONTH[match["rm"]]
        if match["d"]:
            day_token = match["d"]
            lunar = lunar or day_token.startswith("初")
            day = cn_number(day_token)
            has_suffix = bool(match["dsuf"])
            ok = has_suffix or lunar or loose or _range_to_day_follows(folded, match.end("d"))
            next_char = folded[match.end("d"):match.end("d") + 1]
            if not has_suffix and not lunar and re.match(r"[\d个天年月周多余万千百%]", next_char):
                ok = False  # 3月5个, 6月10天: a count, not a day
            if ok and day is not None:
                fields["day"] = day
            else:
                end = match.end("m") if match["m"] else match.end("rm")
                end = folded.index("月", end) + 1 if "月" in folded[end:end + 2] else end
                if folded[end:end + 1] == "份":
                    end += 1
        fields["lunar"] = lunar
        bare_month = all(fields.get(key) is None for key in ("day", "month_offset", "year", "year_offset"))
        if bare_month and not loose:
            # a bare month (3月) is too often a background or a plan to date an event;
            # a month with a year (2019年3月) or a relative month (上个月) is kept
            continue
        emit(start, end, **fields)

    for match in _HOLIDAY.finditer(folded) if loose else ():
        # phrases only: in an article a holiday is mostly a period (国庆期间), not the event's day
        fields = {}
        if match["y"]:
            year, roc, two = _year_value(match["y"], match["era"], month_follows=True,
                                         roc_context=roc_context, loose=True)
            if year is None:
                fields["year_unreadable"] = True
            else:
                fields.update(year=year, roc=roc, two_digit_year=two)
        elif match["ry"]:
            fields["year_offset"] = _REL_YEAR[match["ry"]]
        name = match["holiday"]
        if name in _HOLIDAYS_FLOATING:
            month, nth, weekday = _HOLIDAYS_FLOATING[name]
            fields.update(month=month, nth_weekday=(nth, weekday))
        else:
            month, day, lunar = _HOLIDAYS_FIXED[name]
            fields.update(month=month, day=day, lunar=lunar)
        emit(match.start(), match.end(), **fields)

    for match in _matches(_FESTIVAL, folded, _FESTIVAL_WORDS):
        fields = {"lunar": True}
        if match["y"]:
            year, roc, _ = _year_value(match["y"], match["era"], month_follows=True,
                                       roc_context=roc_context, loose=loose)
            if year:
                fields["year"] = year
            else:
                fields["year_unreadable"] = True
        elif match["ry"]:
            fields["year_offset"] = _REL_YEAR[match["ry"]]
        fest = match["fest"]
        if fest == "除夕" or fest.endswith("三十"):
            fields.update(month=12, day=30)
        else:
            fields.update(month=1, day=cn_number(fest.removeprefix("大年")))
        emit(match.start(), match.end(), **fields)

    for match in _NUMERIC.finditer(folded):
        emit(match.start(), match.end(), year=int(match["y"]), month=int(match["m"]), day=int(match["d"]))
    for match in _COMPACT.finditer(folded):
        emit(match.start(), match.end(), year=int(match["y"]), month=int(match["m"]), day=int(match["d"]))
    for match in _DAY_FIRST.finditer(folded):
        year_token = match["y"]
        day, month = int(match["d"]), int(match["m"])
        if month > 12 >= day:  # 10/31/1974: month first when the day-first reading cannot be
            day, month = month, day
        emit(match.start(), match.end(), year=int(year_token), month=month, day=day,
             two_digit_year=len(year_token) == 2)
    for match in _MONTH_DAY_NUMERIC.finditer(folded):
        if loose or match["dsuf"]:
            emit(match.start(), match.end(), month=int(match["m"]), day=int(match["d"]))
    if loose:
        offset = len(folded) - len(folded.lstrip())
        for pattern in (_SPACED, _YEAR_MONTH_NUMERIC, _YEAR_NUMERIC):
            match = pattern.match(folded.strip())
            if match:
                groups = match.groupdict()
                emit(offset + match.start(), offset + match.end(), year=int(match["y"]),
                     month=int(groups["m"]) if groups.get("m") else None,
                     day=int(groups["d"]) if groups.get("d") else None)

    for match in _matches(_RELATIVE_DAY, folded, tuple(_REL_DAY)):
        if match["d"]:  # 今天(2月16日): the explicit date wins
            month = cn_number(match["m"]) if match["m"] else None
            emit(match.start(), match.end(), month=month, day=cn_number(match["d"]), relative=True,
                 day_offset=_REL_DAY[match["rel"]], days_before=-_REL_DAY[match["rel"]])
        else:
            emit(match.start(), match.end(), relative=True, day_offset=_REL_DAY[match["rel"]],
                 days_before=-_REL_DAY[match["rel"]])

    for match in _matches(_SPLIT_RELATIVE_DAY, folded, ("(",)):
        word = match["head"] + match["tail"]
        if word in _REL_DAY:
            emit(match.start(), match.end(), day=cn_number(match["d"]), relative=True,
                 day_offset=_REL_DAY[word], days_before=-_REL_DAY[word])

    for match in _matches(_NTH_WEEKDAY, folded, _MONTH_WORD, _WEEK_WORDS, _NTH_WORDS):
        fields = {"month": cn_number(match["m"]),
                  "nth_weekday": (-1 if match["last"] else cn_number(match["n"]), _WEEKDAY[match["wd"]])}
        if fields["month"] is None:  # 正月/腊月 are lunar months: no n-th weekday in them
            continue
        if match["y"]:
            year, roc, two = _year_value(match["y"], match["era"], month_follows=True,
                                         roc_context=roc_context, loose=loose)
            fields.update(year=year, roc=roc, two_digit_year=two, year_unreadable=year is None)
        elif match["ry"]:
            fields["year_offset"] = _REL_YEAR[match["ry"]]
        emit(match.start(), match.end(), **fields)

    for match in _matches(_WEEK, folded, _WEEK_WORDS):
        prefix, weekday = match["wp"], match["wd"]
        if not prefix and not weekday:
            continue
        # 这周三: in the stamp's (Monday-first) week; a bare 周三: see _resolve_candidate
        offset = _WEEK_PREFIX[prefix] if prefix else None
        emit(match.start(), match.end(), relative=True, week=(offset, _WEEKDAY[weekday] if weekday else 0))

    if loose:
        for match in _UNITS_AWAY.finditer(folded):
            count = cn_number(match["n"])
            if not count:
                continue
            sign = -1 if match["dir"] == "前" else 1
            unit = match["unit"]
            if unit in ("天", "日"):
                fields = {"day_offset": sign * count}
            elif unit == "个月":
                fields = {"month_offset": sign * count}
            elif unit == "年":
                fields = {"year_offset": sign * count}
            else:
                fields = {"day_offset": sign * 7 * count}
            emit(match.start(), match.end(), relative=True, **fields)

    for match in _matches(_DAY_ONLY, folded, _DAY_WORDS):
        emit(match.start(), match.end(), day=cn_number(match["d"]))

    if loose:
        for match in _YEAR_ONLY.finditer(folded):
            fields = {}
            if match["y"]:
                year, roc, two = _year_value(match["y"], match["era"], month_follows=False,
                                             roc_context=roc_context, loose=True)
                if year is None:
                    continue
                fields.update(year=year, roc=roc, two_digit_year=two)
            else:
                fields["year_offset"] = _REL_YEAR[match["ry"]]
            emit(match.start(), match.end(), **fields)
    else:  # in an article a bare year is background; only an era year (民国九十年) is a date
        for match in _matches(_YEAR_ONLY, folded, _ERA_WORDS):
            if match["era"] and match["y"]:
                year, roc, _ = _year_value(match["y"], match["era"], month_follows=False,
                                           roc_context=roc_context, loose=False)
                if year:
                    emit(match.start(), match.end(), year=year, roc=roc)

    return _non_overlapping(found, folded)


# Words without which a pattern cannot match, or (``_ERA_WORDS``) cannot give a date in an
# article: a long article skips the patterns it cannot use (each pattern is tried at every
# position, which is most of the cost of a scan).
_MONTH_WORD = ("月",)
_WEEK_WORDS = ("周", "星期", "礼拜")
_NTH_WORDS = ("第", "最后")
_DAY_WORDS = ("日", "号")
_FESTIVAL_WORDS = ("除夕", "大年")
_ERA_WORDS = ("民国", "公元")


def _matches(pattern: re.Pattern[str], folded: str, *needed: tuple[str, ...]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(folded)``, or nothing when one of the ``needed`` word sets is absent."""
    if all(any(word in folded for word in words) for words in needed):
        yield from pattern.finditer(folded)


def _range_to_day_follows(folded: str, end: int) -> bool:
    """``4月12-19日``, ``9月23(周四)—25日``: a day without 日 that opens a range."""
    annotation = _ANNOTATION.match(folded, end)
    if annotation:
        end = annotation.end()
    separator = _RANGE_SEP.match(folded, end)
    return bool(separator and _DAY_TAIL.match(folded, separator.end()))


def _extend(folded: str, end: int) -> int:
    """Swallow weekday and time-of-day annotations and the end of a range."""
    for _ in range(2):
        while True:
            for pattern in (_ANNOTATION, _TIME_OF_DAY):
                match = pattern.match(folded, end)
                if match and match.end() > end:
                    end = match.end()
                    break
            else:
                break
        separator = _RANGE_SEP.match(folded, end)
        if not separator or (separator.end() == end and folded[end:end + 1] not in "至到"):
            break
        tail_start = separator.end()
        tail = None
        for pattern in (_ABSOLUTE, _NUMERIC, _RELATIVE_DAY, _WEEK, _DAY_TAIL):
            match = pattern.match(folded, tail_start)
            if match and match.end() > tail_start:
                tail = match
                break
        if tail is None:
            break
        end = tail.end()
    return end


def _non_overlapping(found: list[DateCandidate], folded: str) -> list[DateCandidate]:
    """Longest phrase wins where phrases overlap; then context flags, in reading order."""
    chosen: list[DateCandidate] = []
    for candidate in sorted(found, key=lambda c: (-(c.end - c.start), c.start)):
        if candidate.end <= candidate.start:
            continue
        if all(candidate.end <= other.start or candidate.start >= other.end for other in chosen):
            chosen.append(candidate)
    result = []
    for candidate in sorted(chosen, key=lambda c: c.start):
        if not _plausible(candidate):
            continue
        before = folded[max(0, candidate.start - 12):candidate.start]
        after = folded[candidate.end:candidate.end + 6]
        clause_end = _CLAUSE_END.search(folded, candidate.end)
        clause = folded[candidate.end:clause_end.start() if clause_end else len(folded)]
        result.append(replace(
            candidate,
            event_verb=bool(_EVENT_VERB.search(clause[:60])),
            dateline=bool(_DATELINE_AFTER.match(after)),
            background=bool(_BACKGROUND_BEFORE.search(before[-5:]) or _BACKGROUND_AFTER.match(after)),
            stamp=bool(_STAMP_BEFORE.search(before)),
        ))
    return result


def _plausible(c: DateCandidate) -> bool:
    """Calendar validation of what the phrase states (a year may still make it invalid)."""
    if c.month is not None and not 1 <= c.month <= 12:
        return False
    if c.day is not None and not 1 <= c.day <= (30 if c.lunar else 31):
        return False
    if c.year is not None and not (1 <= c.year <= 2200 or c.two_digit_year):
        return False
    if c.month is not None and c.day is not None and not c.lunar:
        try:
            date(2000, c.month, c.day)  # a leap year: 2月29日 may exist
        except ValueError:
            return False
        if c.year is not None and not c.two_digit_year:
            return _exists(c.year, c.month, c.day)
    return True


def _exists(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=512)
def find_candidates(text: str) -> tuple[DateCandidate, ...]:
    """Every date phrase in the text, in reading order, with its context flags."""
    return tuple(_scan(text, loose=False))


def parse_phrase(phrase: str) -> DateCandidate | None:
    """Parse one phrase on its own (the model's pick, say): the first date in it.

    A weekday before a calendar date (``周日, 二月十号``) only annotates it: the date wins.
    """
    candidates = _scan(phrase, loose=True)
    if not candidates:
        return None
    first = candidates[0]
    if first.week is not None and first.week[0] is None:
        dated = [c for c in candidates[1:] if c.month is not None and c.day is not None]
        if dated:
            return dated[0]
    return first


# --------------------------------------------------------------------------- resolution


def _published_date(published: str | None) -> date | None:
    if not published:
        return None
    folded = fold(published)
    match = re.search(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})", folded) or re.search(
        r"(?<!\d)((?:19|20)\d{2})([01]\d)([0-3]\d)(?!\d)", folded)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _title_year(title: str | None) -> int | None:
    if not title:
        return None
    years = {c.year for c in _scan(title, loose=False) if c.year and not c.two_digit_year}
    years |= {int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?:\s*年)?(?!\d)", fold(title))}
    return years.pop() if len(years) == 1 else None


def _nearest(pub: date, options: list[date]) -> date | None:
    """The option nearest the stamp; on a tie, the earlier one (news reports the past)."""
    options = [o for o in options if o is not None]
    if not options:
        return None
    return min(options, key=lambda d: (abs((d - pub).days), d > pub))


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _lunar_to_solar(year: int, month: int, day: int, leap: bool) -> date | None:
    try:
        from lunardate import LunarDate
    except ImportError:  # pragma: no cover - declared dependency
        return None
    for last_day in (day, 29) if (month, day) == (12, 30) else (day,):
        try:  # 大年三十 / 除夕 falls on the 29th in a year whose last month is short
            return LunarDate(year, month, last_day, leap).to_solar_date()
        except ValueError:
            continue
    return None


def _unknown(phrase: str | None) -> EventDate:
    return EventDate(value=None, precision="unknown", phrase=phrase, year_inferred=False)


def _value(phrase: str, year: int | None, month: int | None, day: int | None, inferred: bool) -> EventDate:
    if year is not None and month is not None and day is not None:
        if not _exists(year, month, day):
            return _unknown(phrase)
        return EventDate(value=f"{year:04d}-{month:02d}-{day:02d}", precision="day", phrase=phrase,
                         year_inferred=inferred)
    if year is not None and month is not None:
        return EventDate(value=f"{year:04d}-{month:02d}", precision="month", phrase=phrase, year_inferred=inferred)
    if month is not None and day is not None:
        return EventDate(value=f"--{month:02d}-{day:02d}", precision="day", phrase=phrase)
    if month is not None:
        return EventDate(value=f"--{month:02d}", precision="month", phrase=phrase)
    if day is not None:
        return EventDate(value=f"---{day:02d}", precision="day", phrase=phrase)
    if year is not None:
        return EventDate(value=f"{year:04d}", precision="year", phrase=phrase, year_inferred=inferred)
    return _unknown(phrase)


def _resolve_candidate(c: DateCandidate, pub: date | None, title_year: int | None,
                       context_year: int | None = None, reported: bool = False) -> tuple[EventDate, list[str]]:
    """Apply the stamp, the narrative year or the headline year to what the phrase states.

    ``reported``: the phrase sits in a clause that reports a past event, so a bare
    weekday is the latest one on or before the stamp; otherwise, as a calendar reads
    it, the next one after the stamp.
    """
    phrase = c.phrase
    needs_stamp = (c.day_offset is not None and c.day is None) or c.week is not None or (
        c.month_offset is not None) or c.year_offset is not None
    if needs_stamp and pub is None:
        return _unknown(phrase), [f"date phrase {phrase!r} is relative and the article has no publication date"]

    year = c.year
    if year is not None and c.two_digit_year:
        anchor = pub.year if pub else 2000
        year = 2000 + year if 2000 + year <= anchor + 10 else 1900 + year
    if c.year_offset is not None:
        year = pub.year + c.year_offset
    month, day = c.month, c.day

    if c.nth_weekday is not None:
        return _resolve_nth_weekday(c, year, pub, title_year, context_year)
    if c.year_unreadable:  # never replace a stated year with the stamp's
        if c.lunar:
            return _unknown(phrase), [f"lunar date {phrase!r} is in a year that cannot be read"]
        return _value(phrase, None, month, c.day, False), []

    if c.lunar:
        if month is None or day is None:
            return _unknown(phrase), [f"lunar date {phrase!r} without a day cannot be converted"]
        if year is not None:
            solar = _lunar_to_solar(year, month, day, c.leap_month)
            if solar is None:
                return _unknown(phrase), [f"lunar date {phrase!r} does not exist"]
            return _value(phrase, solar.year, solar.month, solar.day, c.year is None), []
        if pub is None:
            return _unknown(phrase), [f"lunar date {phrase!r} has no year to convert it with"]
        solar = _nearest(pub, [_lunar_to_solar(y, month, day, c.leap_month)
                               for y in (pub.year - 1, pub.year, pub.year + 1)])
        if solar is None:
            return _unknown(phrase), [f"lunar date {phrase!r} does not exist"]
        return _value(phrase, solar.year, solar.month, solar.day, True), []

    if c.day_offset is not None and c.day is None:
        when = pub + timedelta(days=c.day_offset)
        return _value(phrase, when.year, when.month, when.day, True), []
    if c.week is not None:
        offset, weekday = c.week
        monday = pub - timedelta(days=pub.weekday())
        if offset is None:
            options = [monday + timedelta(days=weekday + 7 * shift) for shift in (-1, 0, 1)]
            when = max(d for d in options if d <= pub) if reported else min(d for d in options if d > pub)
        else:
            when = monday + timedelta(weeks=offset, days=weekday)
        return _value(phrase, when.year, when.month, when.day, True), []
    if c.month_offset is not None:
        index = (pub.year + (c.year_offset or 0)) * 12 + pub.month - 1 + c.month_offset
        year, month = index // 12, index % 12 + 1
        return _value(phrase, year, month, day, True), []

    if year is not None:
        return _value(phrase, year, month, day, c.year_offset is not None), []
    # No year in the phrase: the year of the article's own narrative (a full date just
    # before it), else the stamp (nearest), else an unambiguous headline year.
    if context_year is not None and month is not None and (day is None or _exists(context_year, month, day)):
        return _value(phrase, context_year, month, day, True), []
    if pub is not None and month is not None and day is not None:
        when = _nearest(pub, [_safe(y, month, day) for y in (pub.year - 1, pub.year, pub.year + 1)])
        if when is not None:
            return _value(phrase, when.year, when.month, when.day, True), []
    if pub is not None and month is not None and day is None:
        best = min((pub.year - 1, pub.year, pub.year + 1),
                   key=lambda y: (abs((y * 12 + month) - (pub.year * 12 + pub.month)), y > pub.year))
        return _value(phrase, best, month, None, True), []
    if pub is not None and month is None and day is not None:
        options = []
        for shift in (-1, 0, 1):
            index = pub.year * 12 + pub.month - 1 + shift
            options.append(_safe(index // 12, index % 12 + 1, day))
        when = _nearest(pub, options)
        if when is not None:
            return _value(phrase, when.year, when.month, when.day, True), []
    if title_year is not None and month is not None and (day is None or _exists(title_year, month, day)):
        return _value(phrase, title_year, month, day, True), []
    return _value(phrase, None, month, day, False), []


_FUTURE_MARK = re.compile(r"将|拟|即将|届时|预计|计划|定于|准备")


def _reports_past(folded: str, start: int, end: int) -> bool:
    """Whether the clause around a phrase reports a past event (no 将/拟/届时… near it)."""
    clause_start = max((m.end() for m in _CLAUSE_END.finditer(folded, 0, start)), default=0)
    before = folded[max(clause_start, start - 20):start]
    after = folded[end:end + 8]
    after = after[:m.start()] if (m := _CLAUSE_END.search(after)) else after
    return not (_FUTURE_MARK.search(before) or _FUTURE_MARK.search(after))


def _nth_weekday(year: int, month: int, n: int, weekday: int) -> date | None:
    first = date(year, month, 1)
    day = first + timedelta(days=(weekday - first.weekday()) % 7)
    if n == -1:
        while (day + timedelta(weeks=1)).month == month:
            day += timedelta(weeks=1)
        return day
    day += timedelta(weeks=n - 1)
    return day if day.month == month else None


def _resolve_nth_weekday(c: DateCandidate, year: int | None, pub: date | None, title_year: int | None,
                         context_year: int | None) -> tuple[EventDate, list[str]]:
    """The n-th weekday of a month needs a year: the phrase's, else the narrative, stamp or headline year."""
    if c.year_unreadable:
        return _unknown(c.phrase), [f"date phrase {c.phrase!r} is in a year that cannot be read"]
    month = c.month or 1
    n, weekday = c.nth_weekday or (1, 0)
    inferred = year is None or c.year_offset is not None
    if year is None:
        year = context_year
    if year is None and pub is not None:
        year = min((pub.year - 1, pub.year, pub.year + 1),
                   key=lambda y: (abs((y * 12 + month) - (pub.year * 12 + pub.month)), y > pub.year))
    if year is None:
        year = title_year
    if year is None:
        return _unknown(c.phrase), [f"date phrase {c.phrase!r} needs a year the article does not give"]
    when = _nth_weekday(year, month, n, weekday)
    if when is None:
        return _unknown(c.phrase), [f"date phrase {c.phrase!r} names a day the month does not have"]
    return _value(c.phrase, when.year, when.month, when.day, inferred), []


def _context_year(text: str, where: int, month: int | None, day: int | None) -> int | None:
    """The year of the last full date stated before ``where``, if this month/day follows it closely.

    "2020年9月5日—6日 … 9月6日上午": the second phrase is in the year the article
    has just named, whatever the (re)publication stamp says.
    """
    if month is None:
        return None
    previous = [c for c in find_candidates(text)
                if c.end <= where and c.year is not None and c.month is not None and not c.two_digit_year
                and not c.background and not c.dateline and not c.stamp and not c.lunar]
    if not previous:
        return None
    last = previous[-1]
    start = _safe(last.year, last.month, last.day or 1)
    this = _safe(last.year, month, day or 1)
    if start is None or this is None:
        return None
    return last.year if 0 <= (this - start).days <= 200 else None


@lru_cache(maxsize=64)
def years_in_article(text: str, published: str | None, title: str | None) -> frozenset[int]:
    """Every year the article states, in any numeral style, plus the stamp's and headline's."""
    years: set[int] = set()
    pub = _published_date(published)
    for source in (text or "", title or ""):
        for c in find_candidates(source):
            if c.year is not None:
                year = c.year
                if c.two_digit_year:
                    anchor = pub.year if pub else 2000
                    year = 2000 + year if 2000 + year <= anchor + 10 else 1900 + year
                years.add(year)
        folded = fold(source)
        years |= {int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", folded)}
        for token in re.findall(r"[〇○零一二三四五六七八九]{4}(?=\s*年)", folded):
            years.add(cn_number(token) or 0)
    if pub is not None:
        years.add(pub.year)
    return frozenset(years)


def _without_year(phrase: str) -> str | None:
    """``2019年10月30日`` → ``10月30日``: the phrase with its year part removed."""
    folded = fold(phrase)
    match = re.match(rf"\s*(?:(?:中华民国|民国|公元)?\s*{_YEAR_NUM}\s*年|(?:19|20)\d{{2}}\s*[-/.])\s*", folded)
    if not match:
        return None
    rest = phrase[match.end():]
    if re.match(r"\d{1,2}\s*[-/.]\s*\d{1,2}$", fold(rest).strip()):
        month, day = re.split(r"\s*[-/.]\s*", fold(rest).strip())
        return f"{int(month)}月{int(day)}日"
    return rest or None


def resolve_date(phrase: str, *, published: str | None = None, text: str | None = None,
                 title: str | None = None) -> EventDate:
    """The date a phrase names, with a year only from the article.

    ``published`` is the publication stamp as found (``"2021-01-03 09:30"``);
    it anchors relative words and supplies a missing year. ``text`` is the
    cleaned article: a year in the phrase that the article never states (a
    model added it) is dropped, and the rest resolved as the article says it.
    """
    return _resolve_with_warnings(phrase, published=published, text=text, title=title)[0]


def _resolve_with_warnings(phrase: str, *, published: str | None, text: str | None,
                           title: str | None) -> tuple[EventDate, list[str]]:
    if not phrase or not phrase.strip():
        return _unknown(None), []
    candidate = parse_phrase(phrase)
    if candidate is None:
        return _unknown(phrase), [f"date phrase {phrase!r} does not parse"]
    pub = _published_date(published)
    warnings: list[str] = []
    if text is not None and candidate.year is not None:
        stated_year = candidate.year
        if candidate.two_digit_year:
            anchor = pub.year if pub else 2000
            stated_year = 2000 + stated_year if 2000 + stated_year <= anchor + 10 else 1900 + stated_year
        if stated_year not in years_in_article(text, published, title):
            rest = _without_year(candidate.phrase)
            reparsed = parse_phrase(rest) if rest else None
            if reparsed is not None:
                warnings.append(f"year {stated_year} appears nowhere in the article; removed")
                located = rest if rest in text else reparsed.phrase
                candidate = replace(reparsed, phrase=located)
    context_year, reported = None, False
    where = _locate(text, candidate.phrase) if text is not None else None
    if where is not None:
        reported = _reports_past(fold(text), where, where + len(candidate.phrase))
        if candidate.year is None and candidate.year_offset is None and not candidate.relative:
            context_year = _context_year(text, where, candidate.month, candidate.day)
    event, more = _resolve_candidate(candidate, pub, _title_year(title) if pub is None else None, context_year,
                                     reported)
    return event, warnings + more


def resolve(candidate: DateCandidate | None, *, published: str | None = None,
            title: str | None = None) -> tuple[EventDate, list[str]]:
    """A candidate found in the text, resolved against the stamp (kept for older callers)."""
    if candidate is None:
        return _unknown(None), []
    pub = _published_date(published)
    return _resolve_candidate(candidate, pub, _title_year(title) if pub is None else None)


def strip_year(event_date: EventDate) -> EventDate:
    """Drop a year the article does not support (``2021-12-05`` → ``--12-05``)."""
    value = event_date.value or ""
    match = re.fullmatch(r"\d{4}-(\d{2})(?:-(\d{2}))?", value)
    if match:
        partial = f"--{match[1]}-{match[2]}" if match[2] else f"--{match[1]}"
        return event_date.model_copy(update={"value": partial, "year_inferred": False})
    return event_date.model_copy(update={"value": None, "precision": "unknown", "year_inferred": False})


# --------------------------------------------------------------------------- the event's date


def _only_as_dateline(text: str, phrase: str) -> bool:
    """Whether every date candidate the phrase names in the text is a dateline or a stamp."""
    def squeezed(value: str) -> str:
        return re.sub(r"\s+", "", fold(value))

    target = squeezed(phrase)
    named = [c for c in find_candidates(text)
             if target and (target in squeezed(c.phrase) or squeezed(c.phrase) in target)]
    return bool(named) and all(c.dateline or c.stamp for c in named)


def _locate(text: str, phrase: str) -> int | None:
    """Where the phrase is in the text, matched in folded form (either script, any width)."""
    span = _span_in(text, phrase)
    return span[0] if span else None


def _span_in(text: str, phrase: str) -> tuple[int, int] | None:
    index = text.find(phrase)
    if index >= 0:
        return index, index + len(phrase)
    index = fold(text).find(fold(phrase))
    if index >= 0:
        return index, index + len(phrase)  # folding keeps lengths
    squeezed = re.sub(r"\s+", "", phrase)
    if squeezed:
        pattern = r"\s*".join(re.escape(ch) for ch in fold(squeezed))
        match = re.search(pattern, fold(text))
        if match:
            return match.span()
    return None


def _as_written(text: str, phrase: str) -> str:
    """The article's own characters for a phrase the model wrote in the other script or spacing:
    the record quotes the article, never the model's spelling of it."""
    span = _span_in(text, phrase)
    return text[span[0] : span[1]] if span else phrase


# A candidate scored at or below this is a dateline, a stamp or a background date.
_NOT_AN_EVENT_DATE = -4.0


def _score(text: str, folded: str, c: DateCandidate, pub: date | None) -> float:
    """How much a candidate looks like the date of the event the article reports."""
    if c.dateline:
        return -10.0
    score = 0.0
    if c.background:
        score -= 6
    if c.stamp:
        score -= 8
    clause_start = max((m.end() for m in _CLAUSE_END.finditer(folded, 0, c.start)), default=0)
    end_match = _CLAUSE_END.search(folded, c.end)
    clause_end = end_match.start() if end_match else len(folded)
    after = folded[c.end:clause_end]
    before = folded[clause_start:c.start]
    if _EVENT_VERB.search(after[:60]):
        score += 4
    elif _EVENT_VERB.search(before[-30:]) or _EVENT_NOUN.search(after[:40]):
        score += 2
    elif _EVENT_NOUN.search(before[-20:]):
        score += 1
    if c.day is not None or c.day_offset is not None or c.week is not None:
        score += 2
    elif c.month is not None or c.month_offset is not None:
        score += 0.5
    if c.month is not None and c.day is not None:
        score += 0.5  # a stated calendar date beats a relative word in a quoted speech
    if c.year is None and c.year_offset is None and c.month is None and c.month_offset is None and (
        c.day is not None
    ):
        score -= 1  # a bare day: usually repeats a date given earlier
    if c.start < 300 and re.search(r"\d\s*:\s*\d\d", folded[c.start:c.end]) and not _EVENT_VERB.search(after[:60]):
        score -= 3  # "2022年02月17日16:51": a page stamp at the top, not prose
    if pub is not None and c.is_full:
        delta = (date(c.year, c.month, c.day) - pub).days if _exists(c.year, c.month, c.day) else 9999
        if delta == 0 and c.start < 200 and not _EVENT_VERB.search(after[:60]):
            score -= 3  # the stamp repeated in the page header
        if abs(delta) > 400:
            score -= 3
    score -= 2 * c.start / max(len(folded), 1)  # the lead states the event; later dates are details
    return score


def _stamp_in_text(text: str) -> str | None:
    """The first full date the article labels as its publication stamp or dateline."""
    for c in find_candidates(text):
        if (c.stamp or c.dateline) and c.is_full and not c.two_digit_year and _exists(c.year, c.month, c.day):
            return f"{c.year:04d}-{c.month:02d}-{c.day:02d}"
    return None


def _candidate_with_the_same_date(text: str, phrase: str, published: str | None,
                                  title: str | None) -> EventDate | None:
    """The article's own phrase for the date the model wrote in other words.

    ``2021年6月24日下午`` from the model, ``2021年6月24日`` in the article: the
    article's phrase, resolved, is the answer.
    """
    wanted = resolve_date(phrase, published=published, text=text, title=title)
    if wanted.value is None:
        return None
    for candidate in find_candidates(text):
        if candidate.dateline or candidate.stamp:
            continue  # "3月2号" from the model is not the dateline's "3月2日电" either
        found = resolve_date(candidate.phrase, published=published, text=text, title=title)
        if found.value == wanted.value:
            return found
    return None


def event_date(text: str, *, published: str | None = None, title: str | None = None,
               model_phrase: str | None = None, rules: bool = True) -> tuple[EventDate, list[str]]:
    """The date of the event the article reports, and one warning line per doubt.

    The model's phrase wins when it is in the article and parses (the model has
    read the article; the rules' dateline and background flags do not overrule
    it); a year it added is dropped. Otherwise the rules choose: the date tied
    to the event's own verb, not a dateline, a background date or the stamp.
    Without a ``published`` stamp, a stamp or dateline written in the article
    ("发布时间：2021-03-02", "北京2021年3月2日电") anchors the year instead.
    With ``rules=False`` (the model alone) the model's phrase is verified the same way
    and nothing else is chosen: a phrase not in the article gives no date.
    """
    warnings: list[str] = []
    published = published or _stamp_in_text(text)
    if model_phrase and model_phrase.strip().lower() not in {"null", "none", ""}:
        phrase = model_phrase.strip()
        where = _locate(text, phrase)
        if where is None:
            rest = (_without_year(phrase) or "").strip()
            if rest and _locate(text, rest) is not None:
                # the article says 10月30日, the model wrote 2019年10月30日: its year is its own
                warnings.append(f"the year in {model_phrase!r} is not the article's; dropped")
                phrase, where = rest, _locate(text, rest)
        if where is not None and _only_as_dateline(text, phrase):
            # "新华社北京7月21日电", "发布时间：…": when the report was filed, not when the event was
            warnings.append(f"date phrase {model_phrase!r} is the article's dateline or stamp; ignored")
            where = None
            model_phrase = None
        elif where is not None:
            phrase = _as_written(text, phrase)
            firm = _firm_choice(text, published, title) if rules and _only_in_speech(text, phrase) else None
            if firm is not None:
                # "今天要通过党史学习…" in a speech: the speaker's today, resolved through the stamp,
                # is weaker than the article's own date of the event
                event, more = firm
                warnings.append(f"date phrase {model_phrase!r} is a relative day in someone's words; the "
                                f"article's {event.phrase!r} is used")
                return event, warnings + more
            event, more = _resolve_with_warnings(phrase, published=published, text=text, title=title)
            if event.value is not None:
                return event, warnings + more
            warnings.append(f"date phrase {model_phrase!r} does not give a date; ignored")
        else:
            same = _candidate_with_the_same_date(text, phrase, published, title)
            if same is not None:
                return same, warnings
            warnings.append(f"date phrase {model_phrase!r} is not in the article; ignored")
    if not rules:
        return _unknown(None), warnings
    candidates = find_candidates(text)
    pub = _published_date(published)
    best = _rules_choice(text, pub)
    if best is None:
        # only the headline may date the event: its date, with the year rule unchanged
        headline = [c for c in find_candidates(title or "") if not (c.dateline or c.stamp or c.background)]
        if headline:
            return resolve(headline[0], published=published, title=title)[0], warnings
        if candidates:
            warnings.append("the article's only dates are datelines, stamps or background dates")
        return _unknown(None), warnings
    if model_phrase:
        warnings.append(f"date taken from the article's phrase {best.phrase!r}")
    event, more = _resolve_best(text, best, pub, published, title)
    return event, warnings + more


def _rules_choice(text: str, pub: date | None) -> DateCandidate | None:
    """The candidate the rules score highest, or None when none can date an event."""
    folded = fold(text)
    scored = [(_score(text, folded, c, pub), c) for c in find_candidates(text)]
    best_score, best = max(scored, key=lambda pair: pair[0], default=(_NOT_AN_EVENT_DATE, None))
    return None if best is None or best_score <= _NOT_AN_EVENT_DATE else best


def _resolve_best(text: str, best: DateCandidate, pub: date | None, published: str | None,
                  title: str | None) -> tuple[EventDate, list[str]]:
    context_year = None
    if best.year is None and best.year_offset is None and not best.relative:
        context_year = _context_year(text, best.start, best.month, best.day)
    return _resolve_candidate(best, pub, _title_year(title) if pub is None else None, context_year,
                              _reports_past(fold(text), best.start, best.end))


def _firm_choice(text: str, published: str | None, title: str | None) -> tuple[EventDate, list[str]] | None:
    """The rules' choice, resolved, when it states its month and day itself (not relative to the
    stamp) and is not after the stamp (a plan announced in the article is no event held)."""
    pub = _published_date(published)
    best = _rules_choice(text, pub)
    if best is None or best.relative or best.month is None or best.day is None:
        return None
    event, more = _resolve_best(text, best, pub, published, title)
    if event.value is None or (pub is not None and len(event.value) == 10 and event.value > pub.isoformat()):
        return None
    return event, more


# A speaker's words: the day right after a speech verb and its comma ("他说，今天…", "王某指出：今天…").
_SPEECH_BEFORE = re.compile(r"(?<![小传学])(?:说|表示|指出|强调)\s*[：:，,]\s*$")


# "今天要…", "今天我们必须…": an exhortation, the modal right after the day.
_EXHORTATION = re.compile(r"(?:我们|咱们|大家)?(?:要|应当|应该|必须|务必)(?!求)")


def _only_in_speech(text: str, phrase: str) -> bool:
    """Whether a relative day ("今天", "昨日") stands only inside someone's words: right after a
    speech verb and its comma ("他说，今天…") or opening an exhortation ("今天要…"), and never in a
    sentence that reports an event (召开/举行/签署…). A speaker's "今天要…" is not the day the
    event was held; a quotation is left alone, since it may well name the event's day."""
    target = re.sub(r"\s+", "", fold(phrase))
    named = [c for c in find_candidates(text)
             if c.relative and c.day_offset is not None and c.month is None and c.day is None
             and re.sub(r"\s+", "", fold(c.phrase)) == target]
    if not named:
        return False
    folded = fold(text)
    for c in named:
        start = max(folded.rfind(mark, 0, c.start) for mark in "。！？!?；;\n") + 1
        end = _CLAUSE_END.search(folded, c.end)
        if _EVENT_VERB.search(folded, start, end.start() if end else len(folded)):
            return False
        if not (_EXHORTATION.match(folded, c.end) or _SPEECH_BEFORE.search(folded, start, c.start)):
            return False
    return True
