"""Page metadata written into the body: source, author, publication stamp, URL.

Scraped pages print "来源：…", "作者：…", "发表于2020/6/8 22:23:59", a bare
"2022年02月17日16:51" or "原文链接：https://…" as lines of text. They move out of the body into the
article's metadata; a publication stamp is never the event date, it only
supplies a missing year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .schema import Removal
from .script import fold

_DATE = (
    r"(?:\d{4}\s*[年/.-]\s*\d{1,2}\s*[月/.-]\s*\d{1,2}\s*日?"
    r"(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?)"
)
_STAMP_ONLY = re.compile(rf"^{_DATE}\s*[|｜]?$")
# Written once, in simplified: every pattern here runs on the script-folded line (same length, so
# its offsets cut the line as written).
_STAMP_KEYS = "发表于|发布于|发布时间|发布日期|发稿时间|更新时间|日期"
_STAMP = re.compile(rf"^(?:{_STAMP_KEYS})\s*[:：]?\s*(?P<date>{_DATE})?\s*(?P<rest>.*)$")
_URL_KEYS = r"(?:[Ss]ource\s+)?URL|[Uu]rl|(?:来源)?网址|原文(?:链接|连结|地址|网址)|链接|连结"
_URL_KEY = re.compile(rf"^(?:{_URL_KEYS})$")
_URL = re.compile(r"https?://[^\s<>\"'，。；、）)]+", re.IGNORECASE)
_FIELD = re.compile(
    rf"(?P<key>{_URL_KEYS}|来源|稿源|作者|撰文|撰稿|文字|记者|编辑|责编|责任编辑|通讯员|摄影|原标题|"
    r"审核|校对|美编|排版|监制|主编|值班编辑)\s*[:：]\s*"
)
_BRACKETED_FIELD = re.compile(r"^[（(]\s*(?P<body>(?:来源|责编|编辑)\s*[:：].*)[）)]$")


@dataclass
class PageMeta:
    source: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    removed: list[Removal] = field(default_factory=list)

    def cut(self, kind: str, text: str, line: int | None) -> None:
        self.removed.append(Removal(kind=kind, text=text, line=line))


def take_metadata(line: str, meta: PageMeta) -> bool:
    """Move source/author/stamp lines into metadata; True when the line is consumed."""
    bracketed = _BRACKETED_FIELD.match(fold(line))
    if bracketed:
        line = line[bracketed.start("body") : bracketed.end("body")]
    if _STAMP_ONLY.match(line):
        meta.published = meta.published or iso_stamp(line)
        return True
    stamp = _STAMP.match(fold(line))
    if stamp and (stamp.group("date") or not stamp.group("rest")) and len(line) <= 80:
        if stamp.group("date"):
            meta.published = meta.published or iso_stamp(stamp.group("date"))
        rest = line[stamp.start("rest") :].strip(" |｜")
        if rest:
            rest_fields = _fields(rest)
            if not rest_fields:
                return False
            _store_fields(rest_fields, meta)
        return True
    fields = _fields(line)
    if fields and len(_URL.sub("", line)) <= 80:  # a long URL does not make a line body text
        _store_fields(fields, meta)
        return True
    return False


# A publication stamp anywhere in a header line, as sites print it among other fields:
# "发布时间：2023-04-12 09:15　来源：县政府办公室　浏览次数：1386", "【发布时间：2023-10-16】",
# "發布日期：112-10-16" or "中華民國112年10月16日" (a Minguo year), "2023年11月26日 星期日　06:30".
# A bare 时间/日期 label counts only beside another labelled field of the page ("时间：2023年5月6日上午9时
# 地点：…" is a notice's event time).
_STAMP_DATE = (r"(?:(?:中华)?民国\s*)?(?P<y>\d{4}|1[01]\d)\s*[年/.-]\s*(?P<m>\d{1,2})\s*[月/.-]\s*(?P<d>\d{1,2})"
               r"(?!\d)")
_LABELLED_STAMP = re.compile(
    r"(?:^|(?<=[\s|｜【\[]))(?P<key>发表于|发布于|发布时间|发布日期|发稿时间|发稿日期|发文日期|更新时间|更新日期|"
    rf"张贴日期|公告日期|刊登日期|上传日期|时间|日期)\s*[:：]?\s*{_STAMP_DATE}"
)
_PAGE_FIELD = re.compile(r"(?:来源|作者|编辑|记者|点击|浏览|阅读|点阅|发布单位|发布者|信息来源)[^\s:：]{0,3}\s*[:：]")
# A date opening a header line is a stamp when a clock time, a weekday or a page field follows it
# ("2022-12-05 08:45　濠镜新闻网"), not when a headline does ("2018年10月8日 甲协会正式成立").
_LEADING_STAMP = re.compile(rf"^\s*{_STAMP_DATE}\s*日?(?P<rest>.*)$")
_STAMP_TAIL = re.compile(r"^\s*(?:\d{1,2}[:：]\d{2}|星期|周[一二三四五六日天]|礼拜)|(?:来源|作者|记者|编辑)\s*[:：]?")
# A date with its time of day inside a byline, among names and a place: "原创 甲会 甲会 2024年11月18日
# 18:05 山东", "锦川晚报 2025-09-28 20:41 发布于锦川" (a post's header on a public account or an app).
_CLOCKED_STAMP = re.compile(rf"(?:^|(?<=\s)){_STAMP_DATE}\s*日?\s*\d{{1,2}}[:：]\d{{2}}(?:[:：]\d{{2}})?(?!\d)"
                            r"(?=\s|$)")
# Only a line that reads as a byline: a post's or an app account's marks ("原创", "发布于", "…号").
_BYLINE_MARK = re.compile(r"原创|发布于|发表于|来源|作者|编辑|记者|账号|公众号|头条号|百家号|网易号|澎湃号|企鹅号")
_EVENT_TIME_LABEL = re.compile(r"(?:时间|日期|时|于|在|定于|将于|截止|地点)\s*[:：]?\s*$")
_EVENT_AFTER_TIME = re.compile(r"召开|举行|举办|开幕|闭幕|开展|启动|揭牌|签约|集合|签到")
_SENTENCE = re.compile(r"[，,。；;！!？?]")
_WELCOME = re.compile(r"欢迎|今天是")  # a masthead's greeting and its date of the visit


def harvest_stamp(line: str) -> tuple[str, bool] | None:
    """The page's publication date (``YYYY-MM-DD``) from a header or footer line, whatever else
    the line holds (it may be cut as a widget for its view counter), and whether a label named it
    (a labelled stamp is preferred). It only ever supplies a missing year or the day a relative
    date (昨日) counts from."""
    if len(line) > 120:
        return None
    folded = fold(line)
    labelled = True
    found = _LABELLED_STAMP.search(folded)
    if found and found.group("key") in ("时间", "日期") and not _PAGE_FIELD.search(folded):
        found = None
    if not found:
        labelled = False
        found = _LEADING_STAMP.match(folded)
        if found and (len(line) > 80 or _SENTENCE.search(found.group("rest")) or _WELCOME.search(folded)
                      or not _STAMP_TAIL.search(found.group("rest"))):
            found = None
    if not found and len(line) <= 80 and not _SENTENCE.search(folded) and _BYLINE_MARK.search(folded):
        found = _CLOCKED_STAMP.search(folded)
        if found and (_EVENT_TIME_LABEL.search(folded, 0, found.start())  # "会议时间 2024年5月6日 9:30"
                      or re.match(r"\s*(?:在|于)", folded[found.end():])  # "… 9:30 于市会展中心"
                      or _EVENT_AFTER_TIME.search(folded, found.end())):  # "… 9:30 在礼堂召开大会"
            found = None
    if not found:
        return None
    year, month, day = (int(found.group(k)) for k in ("y", "m", "d"))
    year = year + 1911 if year < 1000 else year  # 民国 (Minguo) years on Taiwanese sites
    if 1 <= month <= 12 and 1 <= day <= 31 and 1990 <= year <= 2100:
        return f"{year:04d}-{month:02d}-{day:02d}", labelled
    return None


def split_stamp(line: str, number: int, meta: PageMeta) -> str:
    """``发表于2020/6/8 22:23:59 <tail>``: the stamp becomes metadata, the tail stays a line.

    Every line passes here first, so a labelled URL line (``原文链接：https://…``)
    is noted as the article's URL here too, whichever later rule removes it.
    """
    note_url(line, meta)
    stamp = _STAMP.match(fold(line))
    if not stamp or not stamp.group("date") or not stamp.group("rest").strip(" |｜"):
        return line
    rest = line[stamp.start("rest") :].strip(" |｜")
    if _fields(rest):
        return line
    meta.published = meta.published or iso_stamp(stamp.group("date"))
    meta.cut("metadata", line[: stamp.start("rest")].strip(), number)
    return rest


def note_url(line: str, meta: PageMeta) -> None:
    """The article's own URL from a labelled line; a URL the HTML stated is kept."""
    fields = _fields(line.strip())
    for key, value in fields.items():
        if _URL_KEY.match(key):
            url = _URL.search(value)
            if url and not meta.url:
                meta.url = url.group(0)


def _fields(line: str) -> dict[str, str]:
    """Labelled fields at the start of a line: {simplified label: value as written}."""
    folded = fold(line)
    if not _FIELD.match(folded):  # a field line opens with its label; most lines are prose
        return {}
    matches = list(_FIELD.finditer(folded))
    out: dict[str, str] = {}
    for match, nxt in zip(matches, [*matches[1:], None], strict=True):
        end = nxt.start() if nxt else len(line)
        out[match.group("key")] = line[match.end() : end].strip(" ,，;；|｜")
    return out


def _store_fields(fields: dict[str, str], meta: PageMeta) -> None:
    for key, value in fields.items():
        value = value.strip("（）() ")
        if not value:
            continue
        if _URL_KEY.match(key):
            continue  # noted by note_url
        if key in {"来源", "稿源"}:
            meta.source = meta.source or value
        elif key in {"作者", "记者"}:
            meta.author = meta.author or value.rstrip("。")


_STAMP_PARTS = re.compile(
    r"(\d{4})\s*[年/.-]\s*(\d{1,2})\s*[月/.-]\s*(\d{1,2})\s*日?"
    r"(?:\s*(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?"
)


def iso_stamp(value: str | None) -> str | None:
    """Normalise a publication stamp to ``YYYY-MM-DD[ HH:MM[:SS]]``."""
    if not value:
        return None
    match = _STAMP_PARTS.search(value)
    if not match:
        iso = re.match(r"^\d{4}-\d{2}-\d{2}", value.strip())
        return value.strip() if iso else None
    year, month, day, hour, minute, second = match.groups()
    out = f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
    if hour:
        out += f" {int(hour):02d}:{minute}"
        if second:
            out += f":{second}"
    return out
