"""Rule candidates: what grammar finds, computed once per article, with provenance.

Each candidate names the rule family that found it (``listed``, ``by-marker``,
``chair``, ``convene``, ``own-meeting`` for hosts; ``outcome``, ``document``,
for resolutions; ``quoted``, ``subject``, ``object`` for event names) and the
span of its evidence in the cleaned text. The prompt offers dates, hosts and
outcomes to the model as numbered options; event names are only the merge
stage's answer when the model's event names no event. The merge stage decides
what to keep. Nothing downstream recomputes them.

All matching runs on the text folded to simplified script (same offsets), so
one rule covers both scripts; names and quotes are cut from the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from . import grammar as g
from .dates import find_candidates as find_dates
from .schema import Article
from .script import fold

MAX_OUTCOMES = 16
MAX_EVIDENCE = 120


@dataclass(frozen=True)
class DateOption:
    phrase: str
    span: tuple[int, int]


@dataclass(frozen=True)
class HostCandidate:
    name: str
    role: str
    evidence: str
    span: tuple[int, int]  # of the evidence in the cleaned text
    rule: str


@dataclass(frozen=True)
class OutcomeCandidate:
    evidence: str
    span: tuple[int, int]
    rule: str
    kind: str | None = None  # of the verb that made it a candidate (``grammar.OUTCOME_KINDS``)
    # Stated as done tonight: no intent, direction or bare past year before its verb, and an
    # adoption names what it adopted. Only settled candidates of the surest kinds are added unasked.
    settled: bool = False


@dataclass(frozen=True)
class EventCandidate:
    name: str
    span: tuple[int, int]
    rule: str  # quoted, subject (X论坛在…举行) or object (召开X大会)


@dataclass(frozen=True)
class Candidates:
    dates: tuple[DateOption, ...] = ()
    hosts: tuple[HostCandidate, ...] = ()
    outcomes: tuple[OutcomeCandidate, ...] = ()
    events: tuple[EventCandidate, ...] = ()  # the fullest name first


def collect_candidates(article: Article) -> Candidates:
    """Every date, host and outcome candidate of one cleaned article.

    A headline that opens the text restates the body in telegraphic form: the outcome is
    quoted from the body's sentence, so no outcome is offered from the headline line."""
    found = _collect(article.text)
    headline = _headline_end(article)
    if not headline:
        return found
    return replace(found, outcomes=tuple(o for o in found.outcomes if o.span[0] >= headline))


def _headline_end(article: Article) -> int:
    """End of the first line when it is the article's headline: it starts with the title or the
    title starts with it (a subtitle after the title, a title cut short; script, spacing and
    quotation marks aside)."""
    if not article.title or "\n" not in article.text:
        return 0
    first = article.text.split("\n", 1)[0]
    line, title = (re.sub(r"[\s「」『』“”\"《》]+", "", fold(x)) for x in (first, article.title))
    if len(title) < 4 or not line:
        return 0
    return len(first) if line.startswith(title) or title.startswith(line) else 0


@lru_cache(maxsize=256)
def _collect(text: str) -> Candidates:
    """Cached on the text: the prompt, the merge and the report all ask for the same article."""
    folded = fold(text)
    dates = tuple(DateOption(c.phrase, (c.start, c.end)) for c in _date_order(find_dates(text)))
    elsewhere = _related_lists(folded)
    hosts = tuple(h for h in _hosts(text, folded) if not _inside(h.span, elsewhere))
    outcomes = tuple(o for o in _outcomes(text, folded) if not _inside(o.span, elsewhere))
    events = tuple(e for e in _events(text, folded) if not _inside(e.span, elsewhere))
    return Candidates(dates=dates, hosts=hosts, outcomes=outcomes, events=events)


def _related_lists(folded: str) -> list[tuple[int, int]]:
    """Spans of "相关新闻：" link lists: the headlines under the label report other events.

    The list runs from the label over the lines that end without a full stop
    (headlines), up to the first line that reads as prose again.
    """
    spans, at, in_list = [], 0, None
    for line in folded.split("\n"):
        line_end = at + len(line)
        if g.RELATED_LABEL.match(line):
            in_list = at if in_list is None else in_list  # "相关新闻：…热门文章…": one list after another
        elif in_list is not None and (line.rstrip().endswith(("。", "！", "？")) or len(line) > 60):
            spans.append((in_list, at))
            in_list = None
        at = line_end + 1
    if in_list is not None:
        spans.append((in_list, len(folded)))
    return spans


def _inside(span: tuple[int, int], ranges: list[tuple[int, int]]) -> bool:
    """Whether a candidate's evidence starts inside one of ``ranges``."""
    return any(a <= span[0] < b for a, b in ranges)


def _date_order(found) -> list:
    """Dates the event's own verb governs first, then the rest; datelines, publication
    stamps and background dates last (still offered: the model may know better)."""
    def rank(c) -> tuple[int, int]:
        flagged = c.dateline or c.stamp or c.background
        return (2 if flagged else 0 if c.event_verb else 1, c.start)

    return sorted(found, key=rank)


# ================================================================= events


def _events(text: str, folded: str) -> tuple[EventCandidate, ...]:
    """Names of events the article reports: quoted (“X论坛”), the subject of its own convening
    (X大会在…召开) or what a body convenes (召开X会议). The fullest name first: the same
    event is often named in full once and shortened after. An event planned (将于…召开) or
    referred to (传达…会议精神) is not the one reported."""
    found: dict[tuple[int, int], EventCandidate] = {}

    def add(start: int, end: int, context_end: int, rule: str) -> None:
        modifier = folded.rfind("的", start, end)  # "由市政府主办的X论坛", "盛大的十周年庆典": the name follows 的
        if modifier >= 0:
            start = modifier + 1
        name = text[start:end].strip()
        clause_start = max(folded.rfind(mark, 0, start) for mark in "，,。；;！!？?\n") + 1
        clause_end = g.CLAUSE_SPLIT.search(folded, max(end, context_end))
        after = folded[end : clause_end.start() if clause_end else len(folded)]
        if (len(name) < 4 or g.EVENT_REFERENCE.search(fold(name)) or g.EVENT_REFERRED_AFTER.match(folded, end)
                or g.EVENT_PLANNED.search(folded, clause_start, start) or g.EVENT_PLANNED.search(after)):
            return
        found.setdefault((start, end), EventCandidate(name, (start, end), rule))

    for match in g.EVENT_QUOTED.finditer(folded):
        if match["tail"] or match["more"]:  # "“X”高峰论坛", "“X论坛”暨Y典礼": quotes kept as written
            add(match.start(), match.end(), match.end(), "quoted")
        elif g.ENDS_AS_EVENT.search(match["inner"]):
            add(*match.span("inner"), match.end(), "quoted")
    for start, end in g.clause_spans(folded):
        lead = _LEADING.match(folded, start, end)  # all optional: it always matches
        subject = g.EVENT_SUBJECT.match(folded, lead.end(), end)
        if subject:
            add(*subject.span("name"), subject.end(), "subject")
    for match in g.EVENT_OBJECT.finditer(folded):
        add(*match.span("name"), match.end(), "object")
    return tuple(sorted(found.values(), key=lambda e: (-len(e.name), e.span[0])))


# ================================================================= hosts

_NAME_SPLIT = re.compile(r"[、，,；;/／]|\s+")
_CONJUNCTION = re.compile(r"(?<=[^\s])(?:以及|和|与|及|同)(?=[^\s])")
_LABEL = re.compile(r"(?P<word>[^\s：:；;，,、]{2,6}?)\s*[:：]")
_ROLE_LABEL = re.compile(
    rf"(?:活动|会议|大会|论坛|赛事|比赛|展会|本届)?"
    rf"(?P<mark>{g.ORGANISER_MARK}|{g.CO_ORGANISER_MARK}|{g.CHAIR_MARK})(?:单位|机构|方|人)?$"
)
_MARKER = re.compile(
    rf"(?P<mark>{g.ORGANISER_MARK}|{g.CO_ORGANISER_MARK})(?:(?P<tail>(?:单位|方|机构)(?:为|是|有)[:：]?)|(?!单位|方|机构|人|地|城市|权|过))"
)
# 主持 as an act; "主持人" is a label and "（主持工作）" a duty in a title.
_CHAIR_ACT = re.compile(r"主持(?!人|工作)")
_BY = re.compile(r"(?<![自理缘经来])由(?![于此衷])")
_NAME_TAIL = re.compile(
    r"(?:等(?:单位|部门|机构|多家单位)?|共同|联合|携手|负责|具体|再次|首次|已经|分别|继续)+$"
)
_NOT_A_NAME = re.compile(
    r"在|于|是|为|的|了|将|对|把|被|从|向|本次|此次|该|会议|活动|大会|论坛|峰会|仪式|比赛|展会|年会|"
    r"每年|每月|每季|至少|至多|"
    rf"{g.CONVENE_VERB}|{g.CHAIR_MARK}"
)
_NUMERAL = r"[0-9０-９〇零一二两三四五六七八九十廿卅]"
_BYLINE_WORD = re.compile(r"记者|报导|报道|通讯员|特派员")
# What a dateline's brackets hold beyond a byline: "（本报讯）", "（新华社电）".
_DATELINE_WORD = re.compile(rf"{_BYLINE_WORD.pattern}|讯|电")
# Page datelines and bylines before a subject: "【某报5月3日讯】", "(本报讯)".
_BRACKETED = r"(?:【[^】]{0,30}】|〔[^〕]{0,30}〕|［[^］]{0,30}］|[（(][^）)]{0,30}[）)]|[^，,。]{0,12}[讯电]\s)"
_LEADING = re.compile(
    rf"(?:{_BRACKETED}|\s)*(?:(?:{_NUMERAL}{{2,4}}年)?(?:{_NUMERAL}{{1,2}}月)?{_NUMERAL}{{1,3}}[日号]|近日|日前|近期|今天|今日|昨天|昨日|"
    r"[今昨前明][（(][0-9]{1,2}[）)][日号]|本周\S|上周\S|目前|近来|(?:国庆|春节|元旦|五一|中秋|端午|暑|寒)(?:假期|期间|前夕))?(?:\s*(?:上午|下午|晚上|晚间|晚|早上|凌晨|中午))?[，,\s]*"
)
_TRAILING_ADVERB = re.compile(
    r"(?:隆重|顺利|如期|正式|成功|再次|首次|共同|联合|携手|特别|专门|在此|日前|近日|今天|昨天|今日|昨日|本月|"
    r"今晚|昨晚|当晚|今早|昨早|当天|当日|前天|上周[一二三四五六日天]?|星期[一二三四五六日天]|周[一二三四五六日]|"
    r"(?:[0-9〇零一二两三四五六七八九十]{1,2}月)?[0-9〇零一二两三四五六七八九十廿卅]{1,3}(?:日|号)|[今昨前明][（(][0-9]{1,2}[）)][日号]|上午|下午|晚上|晚间|中午|早上)+$"
)
# "A与B举办": joint hosts; "A联合B举办": A hosts, B co-hosts.
_PARTNER = re.compile(r"(?P<lead>携手|联合|会同)|与|和|及|、")
_OWN_MEETING = re.compile(
    rf"(?P<org>[^，,。]{{1,40}}?{g.ORG_SUFFIX})(?=第[0-9〇零一二三四五六七八九十百]+(?:届|次|期|季度|批|轮)|[0-9一二三四五六七八九十]+届|[0-9一二三四五六七八九十]+次|常务|会员|理事|"
    r"年会|会长|全体|代表大会|工作会|办公会|党组|董事会|监事会|(?:20|19)\d\d年?度?(?:工作|年会|总结|表彰))"
)
# "任命：" on a line of its own, heading the list it names.
_HEADING_VERB = re.compile(r"[ \t]*[：:][ \t]*(?:\n|$)")
_CHAIR_TITLE_FIRST = re.compile(rf"{g.TITLE}(?:[（(][^）)]{{1,8}}[）)])?(?P<name>{g.PERSON}?)$")
# "张三会长", "江城市旅游协会张三会长": a body may come before the name.
_CHAIR_NAME_FIRST = re.compile(rf"^(?:.*{g.ORG_SUFFIX})?(?P<name>{g.PERSON}?){g.TITLE}+$")
# "县委副书记": a body before a title, not a person.
_ENDS_AS_ORG = re.compile(rf"(?:{g.ORG_SUFFIX}|筹备组|工作组|小组|专班)$")
# "县委副书记" read as 县 + "委副" + 书记: a piece of a title is no name.
_TITLE_PART = re.compile(r"副|总|代|常务|执行|名誉|^委")
_BARE_PERSON = re.compile(r"^[\u3400-\u9fff·]{2,3}$")


def _hosts(text: str, folded: str) -> tuple[HostCandidate, ...]:
    """Labels are read per line (a notice's layout), markers per sentence, chairs and convening per clause."""
    found: list[HostCandidate] = []
    at = 0
    line_starts = set()
    for line in folded.split("\n"):
        found += _listed(text, folded, at, at + len(line))
        line_starts.add(at)
        at += len(line) + 1
    for start, end in g.sentence_spans(folded):
        if start not in line_starts:  # "…举行。主办单位：A、B；承办单位：C。": labels inside a paragraph
            found += _listed(text, folded, start, end)
        found += _by_marker(text, folded, start, end)
    for start, end in g.clause_spans(folded):
        found += _chair(text, folded, start, end)
        found += _convene(text, folded, start, end)
    return _dedupe(found)


def _candidate(text: str, name_span: tuple[int, int], role: str, evidence: tuple[int, int],
               rule: str) -> HostCandidate:
    """Name and evidence cut from the original text (its own script) at offsets found in the folded one."""
    name = text[name_span[0] : name_span[1]].strip(" “”\"'「」『』《》")
    return HostCandidate(name, role, text[evidence[0] : evidence[1]], evidence, rule)


def _role(mark: str) -> str:
    """主办 → organiser, 承办/协办… → co-organiser, 主持 → chair (the gold roles)."""
    if mark == g.CHAIR_MARK:
        return "chair"
    return "organiser" if mark.endswith("主办") else "co-organiser"


def _is_org(name: str) -> bool:
    """An organisation's name: ends with an organisation word, holds no verb of taking part or role marker."""
    return (bool(g.ORG_NAME.match(name)) and not g.NOT_HOST_VERB.search(name)
            and not g.ANY_ROLE_MARK.search(name) and not name.startswith(("由", "的", "之")) and len(name) >= 3)


def _listed(text: str, folded: str, start: int, end: int) -> list[HostCandidate]:
    """"主办单位：A、B" / "主持人：X" lines of an event notice (not a site's footer).

    A line may hold several labels ("指导单位：A 主办单位：B"): each label governs
    the names up to the next label, and only role labels name hosts.
    """
    opening = start + len(folded[start:end]) - len(folded[start:end].lstrip())
    if not _LABEL.match(folded, opening, end):  # a notice line opens with its label; prose does not
        return []
    labels = list(_LABEL.finditer(folded, opening, end))
    if g.SITE_FOOTER.search(folded, start, end) or g.CONTACT_LABEL.search(folded, start, end):
        return []
    whole_line = (start == 0 or folded[start - 1] == "\n") and (end == len(folded) or folded[end] == "\n")
    if whole_line:
        next_line_end = folded.find("\n", end + 1)
        previous_line_start = folded.rfind("\n", 0, max(start - 1, 0)) + 1
        if (g.SITE_FURNITURE_LINE.search(folded, end, next_line_end if next_line_end >= 0 else len(folded))
                or (start > 0 and g.SITE_FURNITURE_LINE.search(folded, previous_line_start, start))):
            return []  # "网站地图" / "主办单位：甲传媒 承办单位：乙网编辑部" / "版权所有 …": the site's own lines
    out = []
    for label, following in zip(labels, [*labels[1:], None], strict=True):
        role_label = _ROLE_LABEL.search(label.group("word"))
        if not role_label or role_label.start() != 0:
            continue
        role = _role(role_label.group("mark"))
        names_end = following.start() if following else end
        for name_start, name_end in _split_names(folded, label.end(), names_end):
            name = folded[name_start:name_end]
            ok = bool(_BARE_PERSON.match(name)) if role == "chair" else _is_org(name)
            if ok:
                out.append(_candidate(text, (name_start, name_end), role, (start, end), "listed"))
    return out


def _split_names(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """Names in a list: split at 、，；/ and spaces; at 和/与/及 only after a complete name
    ("市政府与甲公司" is two, "文化和旅游局" is one)."""
    spans, at = [], start
    for match in _NAME_SPLIT.finditer(folded, start, end):
        spans += _split_conjoined(folded, at, match.start())
        at = match.end()
    spans += _split_conjoined(folded, at, end)
    out = []
    for a, b in spans:
        while a < b and folded[a] in " “”\"'「」":
            a += 1
        while b > a and folded[b - 1] in " “”\"'「」。":
            b -= 1
        if b - a >= 2:
            out.append((a, b))
    return out


def _split_conjoined(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split at 和/与/及 only where the part before is a complete body's name."""
    spans, at = [], start
    for match in _CONJUNCTION.finditer(folded, start, end):
        if _ENDS_AS_ORG.search(folded, at, match.start()):
            spans.append((at, match.start()))
            at = match.end()
    spans.append((at, end))
    return spans


def _by_marker(text: str, folded: str, start: int, end: int) -> list[HostCandidate]:
    """"由A、B主办", "A，B联合承办", "主办单位为A": every name the marker governs.

    The governed phrase runs back from the marker to 由, to the previous marker or
    to the start of the sentence; a piece of it that holds a verb or a preposition
    is a clause, not a name ("会议在北京召开，A、B承办" → A, B).
    """
    out: list[HostCandidate] = []
    if g.SITE_FOOTER.search(folded, start, end):
        return out  # a masthead or footer names the site's owner, not the event's
    floor = start
    for match in _MARKER.finditer(folded, start, end):
        if g.HISTORY_ADVERB.search(folded, start, match.start()):
            floor = match.end()
            continue  # "曾主办", "多次承办": a record, not this event's host
        if g.HOSTING_TALLIED.search(folded, start, match.start()):
            floor = match.end()
            continue  # "协会共组织承办市级以上赛事46场": a record tallied, not this event's host
        if g.ANOTHER_EVENT_DECIDED.search(folded, start, match.start()) or g.EVENT_TO_COME.search(
                folded, folded.rfind("\n", 0, start) + 1, match.start()):
            floor = match.end()
            continue  # "会议决定，明年的节会由A与B共同主办", "…将于4月举办。本届由甲主办": an event to come
        role = _role(match.group("mark"))
        if match.group("tail"):  # "主办单位为A、B"
            names_start, names_end = match.end(), _clause_end(folded, match.end(), end)
            evidence = (match.start(), names_end)
        else:
            by = _last_by(folded, floor, match.start())
            names_start, names_end = (by + 1 if by >= 0 else floor), match.start()
            evidence = (names_start, match.end())
            if folded[names_start:names_end].lstrip()[:1] in ("：", ":"):
                floor = match.end()
                continue  # "主办：甲报社 承办：乙网": the names belong to the label before, not to 承办
        for a, b in _governed_names(folded, names_start, names_end, after=bool(match.group("tail"))):
            out.append(_candidate(text, (a, b), role, evidence, "by-marker"))
        floor = match.end()
    return out


def _governed_names(folded: str, start: int, end: int, after: bool) -> list[tuple[int, int]]:
    """The names a role marker governs in ``folded[start:end]``, nearest the marker first.

    A list before the marker ends right before it, so it is walked back from the
    marker and stops at the first piece that is no name; a piece across a comma
    must be a body's name ("会议在北京召开，A、B承办" stops at the clause).
    """
    names = _split_names(folded, start, end)
    if not after:
        names.reverse()
    out = []
    for a, b in names:
        lead = _LEADING.match(folded, a, b)
        a = lead.end() if lead else a
        dateline_end = max(folded.rfind(mark, a, b) for mark in "】〕］")
        a = dateline_end + 1 if dateline_end >= 0 else a  # "〔记者甲／乙报导〕丙公所主办": after the byline
        closing = max(folded.rfind(mark, a, b) for mark in "）)")
        opening = max(folded.rfind(mark, a, closing) for mark in "（(") if closing >= 0 else -1
        if closing >= 0 and _DATELINE_WORD.search(folded, max(a, opening + 1), closing):
            a = closing + 1  # "（记者甲／乙报导）丙公所主办", split at its slash
        tail = _NAME_TAIL.search(folded, a, b)
        b = tail.start() if tail and tail.start() > a else b
        across_clause = not after and re.search(r"[，,；;]", folded[b:end])
        if not _governed_name(folded[a:b]) or (across_clause and not _is_org(folded[a:b])):
            break
        out.append((a, b))
    return out


def _last_by(folded: str, start: int, end: int) -> int:
    """Offset of the last agent marker 由 in ``folded[start:end]`` (-1 if none); the 由 of a word
    ("自由贸易区", "理由") is no marker."""
    for match in reversed(list(_BY.finditer(folded, start, end))):
        return match.start()
    return -1


def _clause_end(folded: str, at: int, end: int) -> int:
    """Where the clause that starts at ``at`` ends: "主办单位为A、B，…" governs up to the comma."""
    stop = g.CLAUSE_SPLIT.search(folded, at, end)
    return stop.start() if stop else end


def _governed_name(name: str) -> bool:
    """A name a role marker governs: no verb or preposition in it (an org suffix is not needed)."""
    if _BYLINE_WORD.search(name):
        return False  # "记者王明／台中报导　丙区公所主办": the byline is no host
    if _NOT_A_NAME.search(name) or g.NOT_HOST_VERB.search(name) or re.search(r"\d|[（(【】〔〕［］)）]", name):
        return bool(_is_org(name)) and not re.search(r"了|在|于", name)
    return _is_org(name) or 2 <= len(name) <= 20


def _chair(text: str, folded: str, start: int, end: int) -> list[HostCandidate]:
    """"由会长张三主持", "张三会长主持", "A、B共同主持": the people who chaired.

    The phrase before 主持 (back to 由 or the clause start) is a list of people,
    each with or without a title; walking back from 主持, every piece that is a
    person chairs, and the first piece that is not ends the list.
    """
    for mark in _CHAIR_ACT.finditer(folded, start, end):
        found = _chairs_before(text, folded, start, end, mark.start())
        if found:
            return found
    return []


def _chairs_before(text: str, folded: str, start: int, end: int, at: int) -> list[HostCandidate]:
    """The people listed before the 主持 at ``at``, walking back until a piece is no person."""
    by = _last_by(folded, start, at)
    before_start = by + 1 if by >= 0 else start
    adverb = g.CHAIR_ADVERB.search(folded, before_start, at)
    before_end = adverb.start() if adverb else at
    out: list[HostCandidate] = []
    for piece_start, piece_end in reversed(_chair_pieces(folded, before_start, before_end)):
        person = _chair_person(folded[piece_start:piece_end], bare_ok=by >= 0)
        if person is None:
            break
        a = piece_start + person[0]
        out.append(_candidate(text, (a, piece_start + person[1]), "chair", (start, end), "chair"))
    return out


def _chair_pieces(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """Pieces of a list of people: split at 、; split at 和/与/及 only where a piece is no person on its own
    (a given name may hold 和, as in "郑和平")."""
    pieces, at = [], start
    for match in re.finditer(r"[、，,]", folded[start:end]):
        pieces.append((at, start + match.start()))
        at = start + match.end()
    pieces.append((at, end))
    out = []
    for a, b in pieces:
        joined = re.search(r"(?<=.)(?:和|与|及|同)(?=.)", folded[a:b])
        if joined and _chair_person(folded[a:b], bare_ok=True) is None:
            out += [(a, a + joined.start()), (a + joined.end(), b)]
        else:
            out.append((a, b))
    return out


def _chair_person(piece: str, bare_ok: bool) -> tuple[int, int] | None:
    """(start, end) of the person's name in "会长张三" / "张三会长" / (after 由) "张三"; an honorific
    after the name ("董事长王建平先生", "陈大文女士") is no part of it."""
    bare = g.HONORIFIC.sub("", piece)
    if bare != piece and (found := _chair_person(bare, bare_ok)) is not None:
        return found
    for pattern in (_CHAIR_TITLE_FIRST, _CHAIR_NAME_FIRST):
        match = pattern.search(piece)
        name = match.group("name") if match else ""
        if match and name and not _ENDS_AS_ORG.search(name) and not _TITLE_PART.search(name):
            return match.start("name"), match.end("name")
    if bare_ok and _BARE_PERSON.match(piece) and not g.NOT_HOST_VERB.search(piece):
        return 0, len(piece)
    return None


def _convene(text: str, folded: str, start: int, end: int) -> list[HostCandidate]:
    """"A（在某地）召开/举办/举行 …", "会议由A召开": A, when it is a body; and a body's own meeting.

    A clause whose subject takes part (出席/参加…) names no convening body, and
    a meeting named before its verb is then one the subject attended.
    """
    verb = re.search(g.CONVENE_VERB, folded[start:end])
    if not verb:
        return []
    subject_start, subject_end = _convene_subject(folded, start, start + verb.start())
    takes_part = bool(g.NOT_HOST_VERB.search(folded, start, start + verb.start()))
    out: list[HostCandidate] = []
    if subject_end > subject_start and not takes_part:
        for a, b, led in _split_partners(folded, subject_start, subject_end):
            if _is_org(folded[a:b]) and not _OWN_MEETING.match(folded, a, b):
                role = "co-organiser" if led else "organiser"
                out.append(_candidate(text, (a, b), role, (start, end), "convene"))
    phrases = [(start + verb.end(), end)]
    if not takes_part:
        phrases.insert(0, (subject_start, subject_end))
    for a, b in phrases:
        for phrase_start, phrase_end in _meeting_names(folded, a, b):
            own = _OWN_MEETING.match(folded, phrase_start, phrase_end)
            if own and _is_org(own.group("org")):
                out.append(_candidate(text, (phrase_start, own.end("org")), "organiser", (start, end),
                                      "own-meeting"))
    return out


def _convene_subject(folded: str, start: int, verb_start: int) -> tuple[int, int]:
    """The subject before a convening verb: after a dateline, time phrase or 由, before 在/于 and adverbs."""
    subject_end = verb_start
    place = re.search(r"在|于|假(?![期日])(?=[^，,。]{2,30}$)", folded[start:subject_end])  # 假: "at" (HK, Macau)
    if place:
        subject_end = start + place.start()
    by = _last_by(folded, start, subject_end)
    subject_start = by + 1 if by >= 0 else start
    lead = _LEADING.match(folded, subject_start, subject_end)
    if lead:
        subject_start = lead.end()
    tail = _TRAILING_ADVERB.search(folded, subject_start, subject_end)
    if tail and tail.start() > subject_start:
        subject_end = tail.start()
    return subject_start, subject_end


def _meeting_names(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where a meeting's name may begin: the phrase itself, each part of "X会议暨Y年会",
    and the inside of a quoted name ("A承办的“B第二届年会”": B holds its own meeting)."""
    out = []
    for part in re.finditer(r"[^暨]+", folded[start:end]):
        part_start, part_end = start + part.start(), start + part.end()
        while part_start < part_end and folded[part_start] in "了“\"「 ":
            part_start += 1
        out.append((part_start, part_end))
        for quote in re.finditer(r"[“「《\"]", folded[part_start:part_end]):
            out.append((part_start + quote.end(), part_end))
    return out


def _split_partners(folded: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Names joined in a subject, each with whether 联合/携手/会同 led it in (a co-host).

    联合 governs the whole list after it: "A联合B、C举办" → A hosts, B and C co-host.
    A joiner inside a name ("人才工作联合办公室") splits nothing: the part before
    a joiner must be a complete body's name.
    """
    spans, at, led = [], start, False
    for match in _PARTNER.finditer(folded, start, end):
        if match.group() != "、" and not _ENDS_AS_ORG.search(folded, at, _name_end(folded, at, match.start())):
            continue
        spans.append((at, match.start(), led))
        at, led = match.end(), led or bool(match.group("lead"))
    spans.append((at, end, led))
    out = []
    for a, b, lead in spans:
        b = _name_end(folded, a, b)
        if b - a >= 2:
            out.append((a, b, lead))
    return out


def _name_end(folded: str, start: int, end: int) -> int:
    """End of a name before trailing adverbs and list closers ("A等单位共同" → A)."""
    for tail_rule in (_TRAILING_ADVERB, _NAME_TAIL, _TRAILING_ADVERB):
        tail = tail_rule.search(folded, start, end)
        end = tail.start() if tail and tail.start() > start else end
    return end


_RULE_ORDER = {"by-marker": 0, "listed": 1, "chair": 2, "convene": 3, "own-meeting": 4}  # an adding family first


def _dedupe(found: list[HostCandidate]) -> tuple[HostCandidate, ...]:
    """One candidate per name (the most explicit rule wins); a name inside a longer one goes."""
    best: dict[str, HostCandidate] = {}
    for candidate in found:
        key = fold(candidate.name)
        kept = best.get(key)
        if kept is None or _RULE_ORDER[candidate.rule] < _RULE_ORDER[kept.rule]:
            best[key] = candidate
    keys = list(best)
    out = []
    for key in keys:
        if any(key != other and key in other and best[other].role == best[key].role for other in keys):
            continue
        out.append(best[key])
    return tuple(sorted(out, key=lambda c: c.span[0]))


# ================================================================= outcomes

_DOC = re.compile(
    r"《[^》]{2,80}》|关于[^、，,。；;《》]{2,80}?的(?:请示|报告|议案|决定|办法|方案|意见|汇报|通知|规定)"
)
_ENUMERATING = re.compile(r"(?:审议|讨论|原则|会议|大会)?(?:通过|同意)了?")


def _outcomes(text: str, folded: str) -> tuple[OutcomeCandidate, ...]:
    """Per sentence: the markers that state this event's outcome, one candidate per part they head."""
    found: list[OutcomeCandidate] = []
    signed_before = False  # the previous sentence reports a signing: its parties' commitments may follow
    prose = g.PROSE_MARK.search(folded)
    prose_start = folded.rfind("\n", 0, prose.start()) + 1 if prose else len(folded)
    result_lines = _form_result_lines(folded)
    listed: list[OutcomeCandidate] = []
    for start, end in g.sentence_spans(folded):
        if any(a <= start < b for a, b in result_lines):
            signed_before = False
            continue  # "决议：照案通过。": the item above it is the outcome
        if _unpunctuated_line(folded, start, end, prose_start):
            signed_before = False
            continue  # a headline, a heading or a list item restates or announces the body
        if g.PHOTO_POSITION.search(folded, start, end) or g.CAPTION_OPENER.match(folded, start) or (
                g.TRIANGLE.match(folded, start) and not _listed_point(folded, start, end)):
            signed_before = False
            continue  # a caption restates the body
        found_markers = list(g.STRONG_OUTCOME.finditer(folded, start, end))
        markers = [m for m in found_markers if _is_outcome(folded, start, m)
                   and not _continues_a_past_step(folded, start, m, found_markers)]
        markers = [m for m in markers if not g.PARTIES_WILL_CLAUSE.fullmatch(m.group())
                   or _commits_after_signing(folded, start, m, markers, signed_before)]
        signed_before = any(g.outcome_kind(m.group()) == "signed" and _settled(folded, start, m, "signed")
                            for m in markers)
        officers = g.OFFICER_LIST.search(folded, start, end) if end - start <= 400 else None
        markers = [m for m in markers if not _leads_in(folded, start, m, [n for n in markers if n is not m], officers)]
        # "会议决定：一、同意…；二、同意…": the items after the colon are the outcomes, not the lead
        markers = [m for m in markers if not ((lead := g.LEADS_INTO_LIST.match(folded, m.end()))
                                              and any(n.start() >= lead.end() for n in markers))]
        for m in list(markers):
            items = _listed_items(text, folded, start, m)
            if items:
                markers.remove(m)
                listed += items
        if officers and not markers:  # "（经选举，）新任常务理事张三、李四，理事王五…。"
            found.append(_outcome(text, folded, officers.start(), end, officers.start(), None, False))
            continue
        for part in _parts(folded, start, end, markers) if markers else ():
            marker = next((m for m in markers if part[0] <= m.start() < part[1]), None)
            if marker and _HEADING_VERB.match(folded, marker.end()) and not folded[part[0] : marker.start()].strip():
                continue  # "任命：" heading a list: the verb alone tells nothing
            kind = _marker_kind(marker) if marker else None
            settled = marker is not None and _settled(folded, start, marker, kind)
            found += _documents(text, folded, *part) or [
                _outcome(text, folded, *part, marker.start() if marker else part[0], kind, settled)]
    found += _form_results(text, folded)
    found += [o for o in listed if not any(f.span[0] < o.span[1] and o.span[0] < f.span[1] for f in found)]
    found.sort(key=lambda o: o.span)
    return tuple(_awards_told_once(folded, found)[:MAX_OUTCOMES])


def _form_results(text: str, folded: str) -> list[OutcomeCandidate]:
    """A resolution notice's form ("1、议案名称：《甲》" with "审议结果：通过" on a line below it): the item
    named is adopted. The result line alone names nothing, and the name alone states no result."""
    found = []
    for item in g.FORM_ITEM.finditer(folded):
        result = g.FORM_RESULT.match(folded, item.end())
        if result and "通过" in (result.group("verdict"), result.group("minuted")):  # not 不通过
            start = item.start() + len(item.group()) - len(item.group().lstrip())
            found.append(OutcomeCandidate(text[start : item.end()], (start, item.end()), "outcome", "adopted", True))
    return found


def _listed_items(text: str, folded: str, sentence_start: int, marker: re.Match[str]) -> list[OutcomeCandidate]:
    """The numbered items below an adoption that ends its line on a colon ("一致通过三项提案，包括："),
    each adopted; none when the lead is no settled adoption or decision, or fewer than two items follow."""
    kind = g.outcome_kind(marker.group())
    lead = g.LIST_LEAD_END.match(folded, marker.end())
    if lead is None or kind not in ("adopted", "decided"):
        return []
    if g.UNSETTLED.search(folded, sentence_start, marker.start()) or _TO_COME.search(folded, sentence_start,
                                                                                      marker.end()):
        return []  # "大会将审议通过以下事项：": the items are to come
    items, at = [], lead.end()
    while at < len(folded):
        line_end = folded.find("\n", at)
        line_end = len(folded) if line_end < 0 else line_end
        if folded[at:line_end].strip():
            number = g.ENUMERATED.match(folded, at)
            if number is None or g.SPEECH_VERB.search(folded, at, line_end) or g.DIRECTIVE.search(folded, at, line_end):
                break  # "3.会长作总结讲话，要求…": the list of what was adopted has ended
            a, b = number.end(), line_end
            while b > a and folded[b - 1] in "。；;，, \t":
                b -= 1
            if b > a:
                items.append(OutcomeCandidate(text[a:b], (a, b), "outcome", kind, True))
        at = line_end + 1
    return items if len(items) >= 2 else []


def _form_result_lines(folded: str) -> list[tuple[int, int]]:
    """The lines that give a form's items their bare results ("决议：照案通过。"): they name nothing."""
    spans = []
    for item in g.FORM_ITEM.finditer(folded):
        result = g.FORM_RESULT.match(folded, item.end())
        if result:
            spans.append((folded.rfind("\n", 0, result.end() - 1) + 1, result.end()))
    return spans


def _listed_point(folded: str, start: int, end: int) -> bool:
    """A line opened by a triangle is an item of a list of points when it ends on a semicolon or the
    line before it leads in with a colon ("本次大会完成以下议程：▲审议通过了…；"); otherwise it is a
    photo's caption ("▲ 主礼嘉宾颁发委任状。")."""
    line_end = folded.find("\n", start)
    line = folded[start : len(folded) if line_end < 0 else line_end].rstrip()
    before = folded[: folded.rfind("\n", 0, start) if "\n" in folded[:start] else 0].rstrip()
    return line.endswith(("；", ";")) or before.endswith(("：", ":", "；", ";"))


def _unpunctuated_line(folded: str, start: int, end: int, prose_start: int) -> bool:
    """The sentence is a whole line with no clause punctuation above the page's first line of prose
    (a headline, a masthead), or a short one inside the body (a heading, a caption) that is no
    item of an enumerated list."""
    line_start = folded.rfind("\n", 0, start) + 1
    line_end = folded.find("\n", start)
    line_end = len(folded) if line_end < 0 else line_end
    if end < line_end or not g.UNPUNCTUATED_LINE.fullmatch(folded, line_start, line_end):
        return False
    if line_end <= prose_start:
        return True
    line = folded[line_start:line_end]
    return (line_end - line_start <= g.HEADING_MAX and not g.ENUMERATED.match(line)
            and "了" not in line and "《" not in line)  # "大会审议通过了《章程》" is a sentence short of its 。


def _awards_told_once(folded: str, found: list[OutcomeCandidate]) -> list[OutcomeCandidate]:
    """"为受表彰教师颁发了荣誉证书" hands over an award the article states elsewhere with its winners
    ("授予李晓燕等20名教师“优秀教师”称号"), and "对…集体和个人进行了表彰" leads into the list of them:
    offered only when no award names its winners."""
    def to_the_honoured(o: OutcomeCandidate) -> bool:
        verb = g.OUTCOME_KINDS["awarded"].search(folded, *o.span)
        if o.kind != "awarded" or verb is None:
            return False
        clause = (_clause_start(folded, o.span[0], verb.start(), "，,；;"),
                  _clause_end(folded, verb.start(), o.span[1]))
        return bool(g.HONOURED.search(folded, *clause) or g.COMMENDATION_LEAD.search(folded, *clause))

    if not any(o.kind == "awarded" and not to_the_honoured(o) for o in found):
        return found
    return [o for o in found if not to_the_honoured(o)]


def _continues_a_past_step(folded: str, sentence_start: int, marker: re.Match[str],
                           markers: list[re.Match[str]]) -> bool:
    """"理事会于本年九月经会员大会选举产生，张三当选会长，李四当选秘书长": the month that dates the first act
    of a sentence as a past step dates the acts of its kind that follow it too."""
    kind = g.outcome_kind(marker.group())
    return any(m.start() < marker.start() and g.outcome_kind(m.group()) == kind
               and g.COARSE_DATED.search(folded, max(sentence_start, m.start() - 16), m.start())
               and not g.THIS_EVENT_CLAUSE.search(folded, m.end(), marker.start()) for m in markers)


def _marker_kind(marker: re.Match[str]) -> str | None:
    return "terms" if g.PARTIES_WILL_CLAUSE.fullmatch(marker.group()) else g.outcome_kind(marker.group())


def _commits_after_signing(folded: str, sentence_start: int, marker: re.Match[str], markers: list[re.Match[str]],
                           signed_before: bool) -> bool:
    """"双方将…", "两家同意…" state a deal's terms when they open their clause and a signing reported
    as done comes before them, in this sentence or the one before; otherwise they are intentions
    ("会谈中，双方将加强交流…"). After "根据协议，" they are the clause that phrase opens, not a
    part of their own."""
    if _clause_start(folded, sentence_start, marker.start(), "，,；;：:") != marker.start():
        return False
    earlier = [m for m in markers if m.start() < marker.start()]
    if any(g.outcome_kind(m.group()) == "terms" for m in earlier):
        return False
    if g.AFTERWARDS.search(folded, sentence_start, marker.start()):
        return False  # "随后，双方将…": the day's next item
    return signed_before or any(
        g.outcome_kind(m.group()) == "signed" and _settled(folded, sentence_start, m, "signed") for m in earlier)


def _clause_start(folded: str, sentence_start: int, at: int, breaks: str) -> int:
    """Where the clause holding ``at`` begins: after the last of ``breaks`` before it in the sentence."""
    return max(sentence_start, max(folded.rfind(ch, sentence_start, at) for ch in breaks) + 1)


def _decided_list_lead(folded: str, at: int) -> bool | None:
    """For an item of a list ("一、同意…", "；同意…"): whether the colon that leads into the list (within
    a few lines before it) introduces acts of the meeting; None when the item leads no list."""
    if not re.search(r"(?:[、.．)）；;]|^)\s*$", folded[max(0, at - 4) : at]):
        return None
    colon = max(folded.rfind("：", max(0, at - 400), at), folded.rfind(":", max(0, at - 400), at))
    if colon < 0:
        return None
    lead_start = max(folded.rfind(ch, 0, colon) for ch in "。；;！!？?\n") + 1
    lead = folded[lead_start:colon]
    return not (g.NOT_DECIDED_LEAD.search(lead) or g.SPEECH_VERB.search(lead))


def _leads_in(folded: str, sentence_start: int, marker: re.Match[str], others: list[re.Match[str]],
              officers: re.Match[str] | None) -> bool:
    """"经选举，新任…", "经过表决，会议通过…": a procedure before a comma, with the outcome it leads
    to later in the sentence."""
    if not folded.startswith(("，", ","), marker.end()):
        return False
    if not g.BY_PROCEDURE.search(folded, sentence_start, marker.start()):
        return False
    return any(m.start() > marker.end() for m in others) or (officers is not None and officers.start() > marker.end())


def _settled(folded: str, sentence_start: int, marker: re.Match[str], kind: str | None) -> bool:
    """The act is reported as done: not planned, asked for or allowed in its own clause, not dated
    to a bare year, and 通过 has what it adopted after it (not "通过视频连线方式")."""
    clause_start = _clause_start(folded, sentence_start, marker.start(), "，,；;：:")
    if g.UNSETTLED.search(folded, clause_start, marker.start()):
        return False
    if kind != "terms" and _TO_COME.search(marker.group()):
        return False  # "大会将审议通过…": the subject's own future inside the marker
    if g.BARE_YEAR.search(folded, clause_start, marker.start()):
        return False  # "张三2015年当选" (a year in an earlier clause may name a thing: "批准2024年预算")
    if kind == "terms" and g.DEAL_TO_COME.search(folded, clause_start, marker.start()):
        return False
    return not marker.group().endswith("通过") or bool(g.ADOPTED_OBJECT.match(folded, marker.end()))


def _is_outcome(folded: str, sentence_start: int, marker: re.Match[str]) -> bool:
    """A marker states this event's outcome unless it is background, a ceremony's name or speech."""
    clause_start = _clause_start(folded, sentence_start, marker.start(), "，,：:")
    clause = folded[clause_start : marker.end() + 6]
    if g.BACKGROUND.search(clause):
        return False
    opener = g.BACKGROUND_OPENER.match(folded, sentence_start)
    if opener and not g.THIS_EVENT_DEICTIC.search(folded, opener.end(), marker.start()):
        return False  # "三年来，会员从50家增至200家" (but "…，本次大会选举产生了…" is this event's)
    if marker.group().endswith("同意") and _decided_list_lead(folded, marker.start()) is False:
        return False  # "大会议程如下：一、…；二、同意接纳新会员": an agenda, a plan or someone's points
    since = g.SINCE_YEAR.search(folded, sentence_start, marker.start()) or g.EARLIER.search(
        folded, sentence_start, marker.start())
    if since and not g.THIS_EVENT_CLAUSE.search(folded, since.end(), marker.start()):
        return False
    if g.REMAINDER.search(folded, max(sentence_start, marker.start() - 16), marker.start()):
        return False  # "其余议案均获通过": the items' own results are told one by one
    if marker.group().endswith("同意") and g.VOTE_COUNT.match(folded, marker.end()):
        return False  # "表决结果：同意26票，反对11票": a vote's count
    if g.NEGATED.search(folded, max(sentence_start, marker.start() - 2), marker.start()):
        return False  # "该事项未获通过", "不予批准": the act denied
    if g.WHETHER.search(folded, max(sentence_start, marker.start() - 2), marker.end()):
        return False  # "是否当选", "会议就是否同意…进行了表决": a form's field or a question
    if marker.start() > sentence_start and g.NEWLY_ELECTED.match(folded, marker.start() - 1):
        return False  # "新当选会长张三…": the office named as an attribute
    if g.outcome_kind(marker.group()) == "admitted" and (
            g.UNSETTLED.search(folded, clause_start, marker.start())
            or g.YEAR_DATED.search(folded, sentence_start, marker.start())):
        return False  # "要将…接收为预备党员", "1995年6月转为正式党员": a plan or a biography
    if g.REVIEWED.search(folded, sentence_start, marker.start()):
        return False  # "回顾了五年来的工作：…，推动成立了…": the record reviewed
    if marker.group() == "决定" and not g.DECIDING_SUBJECT.search(folded, sentence_start, marker.start()):
        return False  # a bare 决定 decides only where a deciding body is the sentence's subject
    if marker.group() == "命名" and g.NAMED_AFTER.search(folded, sentence_start, marker.start()):
        return False  # "以…命名": named after, not an award
    if g.COARSE_DATED.search(folded, max(sentence_start, marker.start() - 16), marker.start()):
        return False
    if g.WITNESSED.search(folded, max(sentence_start, marker.start() - 8), marker.start()):
        return False
    if g.ATTRIBUTIVE.match(folded, marker.end()) or g.CEREMONY_AFTER.match(folded, marker.end()):
        return False
    if g.outcome_kind(marker.group()) != "adopted" and g.NOMINAL_AFTER.match(folded, marker.end()):
        return False  # "学位授予建议名单": the act names a list, a rule or a condition
    if g.DEMONSTRATIVE.search(folded, max(sentence_start, marker.start() - 2), marker.start()):
        return False
    if g.outcome_kind(marker.group()) == "awarded" and marker.group().startswith(("表彰", "表扬")) and (
            g.AWARD_PURPOSE.search(folded, max(clause_start, marker.start() - 2), marker.start())
            or (g.AWARD_REASON.search(folded, marker.end(), _clause_end(folded, marker.end(), len(folded)))
                and _another_award(folded, sentence_start, marker))):
        return False  # "为表彰…", "表彰他在…方面的贡献": why an award was given, not one
    if marker.group() == "批准" and g.APPROVED_BY.search(folded, sentence_start, marker.start()):
        return False
    ceremony = g.CEREMONY_NOUN.search(folded, max(sentence_start, marker.start() - 2), marker.end() + 4)
    if ceremony and ceremony.start() <= marker.start() < ceremony.end():
        return False
    if g.FIRST_PERSON.search(folded, sentence_start, marker.start()):
        return False
    if marker.group() == "签约" and g.SIGNING_AS_ATTRIBUTE.match(folded, marker.end()):
        return False  # "签约企业代表…参加": the ceremony's people, not a signing told
    if g.SUBMITTED_FOR.search(folded, clause_start, marker.start()) or g.PLAN_OPENER.match(folded, sentence_start):
        return False  # "提交会长办公会审定", "下一步，…将…": a later step, not this event's
    honoured = g.HONOURED.search(folded, max(clause_start, marker.start() - 1), marker.end() + 4)
    if honoured and honoured.start() <= marker.start() < honoured.end():
        return False  # "受表彰人员参加会议", "受表彰代表发言": the honoured named as people
    word_end = marker.end() + (folded.startswith("举", marker.end()) and marker.group() in ("补选", "增选", "改选"))
    if (marker.group() in ("选举", "换届", "补选", "增选", "改选") and folded[word_end : word_end + 1] in "，,。；;"
            and (g.HELD_ELECTION.search(folded, clause_start, marker.start())
                 or g.HELD_AFTER.match(folded, word_end))):
        return False  # "召开会员大会暨理监事选举，": the election held, its result told elsewhere
    terms = g.AGREEMENT_TERMS_CLAUSE.match(folded, marker.start())
    if (clause_start == marker.start() and terms and terms.end() == marker.end()
            and _relayed_terms(folded, sentence_start, marker)):
        return True
    return not _speech_before(folded, sentence_start, marker.start())


def _another_award(folded: str, sentence_start: int, marker: re.Match[str]) -> bool:
    """An award verb in the sentence other than ``marker`` ("授予他终身成就奖，表彰他…的贡献")."""
    end = next((i for i in range(marker.end(), len(folded)) if folded[i] in g.SENTENCE_END), len(folded))
    return any(m.start() != marker.start() for m in g.OUTCOME_KINDS["awarded"].finditer(folded, sentence_start, end))


def _speech_before(folded: str, start: int, end: int) -> bool:
    """Speech verb whose subject is not the meeting itself: reported speech, not a decision.

    "听取了张三的讲话" names a speech (的 + noun), and a later clause whose own
    subject is the meeting ("张三致辞后，大会选举…") reports the meeting's act.
    """
    clause_start = _clause_start(folded, start, end, "，,；;")
    if clause_start > start and g.MEETING_CLAUSE.match(folded[clause_start:end]):
        return False
    object_end = start  # "提出了意见和建议，…": the 建议 inside an act's object is no speech
    for speech in g.SPEECH_VERB.finditer(folded, start, end):
        if speech.start() < object_end:
            continue
        if speech.start() > start and folded[speech.start() - 1] == "的":
            continue
        if g.in_book_title(folded, speech.start()):
            continue  # "《关于增设食堂的建议》": a document's title
        if g.SPEECH_ACT.fullmatch(speech.group()) and not folded.startswith("了", speech.end()):
            continue  # "争先发言，…": speaking as an act reports no content ("讲话指出" still does)
        if (clause_end := _act_with_object(folded, speech, end)) is not None:
            object_end = clause_end
            continue
        if not g.MEETING_SUBJECT.search(folded[start : speech.start()]):
            return True
    return False


def _act_with_object(folded: str, verb: re.Match[str], marker_start: int) -> int | None:
    """"提出了许多建议，修改完善了《计划》": a speech verb with 了 takes its own object and ends
    with its clause; a later clause is the subject's next act, not reported speech — unless
    it opens on a directive ("提出了三点要求，一是要…", which is the speech's content).
    Returns where the verb's clause ends, or None when the verb reports speech."""
    verb_end = verb.end()
    if not folded.startswith("了", verb_end):
        return None
    ends = [i for ch in "，,；;" if (i := folded.find(ch, verb_end, marker_start)) >= 0]
    if not ends or g.DIRECTIVE.match(folded, min(ends) + 1):
        return None
    if re.search(r"[：:]", folded[verb_end : min(ends)]):
        return None  # "回顾了五年来的工作：…，推动成立了…": a colon opens what was said
    return min(ends)


def _relayed_terms(folded: str, sentence_start: int, marker: re.Match[str]) -> bool:
    """"县府指出，备忘录内容包括…": a deal's terms opening their clause, relayed by a reporting
    verb (指出/表示/介绍), are the deal's; after 强调/希望/要求 they are a speaker's directive."""
    before = list(g.SPEECH_VERB.finditer(folded, sentence_start, marker.start()))
    return not before or bool(g.REPORTING_VERB.fullmatch(before[-1].group()))


_TO_COME = re.compile(r"[将拟](?!近)|准备|计划|打算")
_BY_GIVER = re.compile(r"\s*(?:并|再|另)?由")


def _parts(folded: str, start: int, end: int, markers: list[re.Match[str]]) -> list[tuple[int, int]]:
    """Split a sentence where a new clause brings its own outcome marker ("选举A，并通过B")."""
    clauses = g.clause_spans(folded, start, end)
    with_marker = [any(a <= m.start() < b for m in markers) for a, b in clauses]
    kinds = [next((g.outcome_kind(m.group()) for m in markers if a <= m.start() < b), None) for a, b in clauses]
    parts: list[list[int]] = []
    for (a, b), has, kind in zip(clauses, with_marker, kinds, strict=True):
        # "大会表扬资深会员，由会长颁发感谢状给…": the same award, handed over by its giver
        same_act = kind == "awarded" and _BY_GIVER.match(folded, a) and kind in {
            kinds[i] for i, c in enumerate(clauses) if parts and parts[-1][0] <= c[0] < a}
        if has and parts and not same_act and any(
                with_marker[i] for i, c in enumerate(clauses) if parts[-1][0] <= c[0] < a):
            parts.append([a, b])
        elif parts:
            parts[-1][1] = b
        else:
            parts.append([a, b])
    return [(a, b) for a, b in parts]


def _documents(text: str, folded: str, start: int, end: int) -> list[OutcomeCandidate]:
    """"会议审议通过了《A》、《B》、《C》": one outcome per document when three or more."""
    enum = _ENUMERATING.search(folded, start, end)
    if not enum:
        return []
    docs = list(_DOC.finditer(folded, enum.end(), end))
    if len(docs) < 3:
        return []
    return [OutcomeCandidate(text[d.start() : d.end()], (d.start(), d.end()), "document", "adopted", True)
            for d in docs]


def _outcome(text: str, folded: str, start: int, end: int, at: int, kind: str | None,
             settled: bool) -> OutcomeCandidate:
    """A long part is cut to the clauses around its accepted marker (at ``at``; not a ceremony's
    name earlier in the sentence): a quote the model can repeat."""
    if end - start > MAX_EVIDENCE:
        clauses = g.clause_spans(folded, start, end)
        kept = [(a, b) for a, b in clauses if b >= at - 40 and a <= at + 60]
        if kept:
            start, end = kept[0][0], kept[-1][1]
        if at >= start + MAX_EVIDENCE - 8:  # a long clause before the marker: start at the marker's own
            start = next((a for a, b in clauses if a <= at < b), at)
        end = min(end, start + MAX_EVIDENCE)
    while ((lead_in := g.LEAD_IN_CLAUSE.match(folded, start) or g.REPORTED_BY.match(folded, start))
           and lead_in.end() <= at):
        start = lead_in.end()  # "经上级批准，张三…", "县府指出，…": the act, not its basis or its relayer
    while end > start and folded[end - 1] in "。；;，,":
        end -= 1
    return OutcomeCandidate(text[start:end], (start, end), "outcome", kind, settled)
