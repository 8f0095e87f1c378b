"""Rule-based hints: what deterministic code finds reliably.

Explicit markers (主办/承办/协办/主持), the subject of 召开/举办/举行, and
sentences carrying decision verbs are found here. They are handed to the
model as candidates, and the grounding stage uses the same vocabulary to
reject hosts and resolutions the text does not support.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

CLAUSE_SPLIT = re.compile(r"[，,。；;！!？?\n]")
SENTENCE_SPLIT = re.compile(r"(?<=[。；;！!？?\n])")

ORGANISER_MARK = re.compile(r"主办|主辦|主催")
CO_ORGANISER_MARK = re.compile(r"承办|承辦|协办|協辦|联合主办|聯合主辦|联合举办|聯合舉辦|联合|聯合|协同|協同")
CHAIR_MARK = re.compile(r"主持")
CONVENE_MARK = re.compile(r"召开|召開|举办|舉辦|举行|舉行|主办|主辦")
HOST_MARK = re.compile(
    r"主办|主辦|主催|承办|承辦|协办|協辦|主持|召开|召開|举办|舉辦|举行|舉行|联合|聯合|组织|組織"
)
# Roles a person or body plays that make it *not* a host.
NOT_HOST_MARK = re.compile(
    r"出席|参加|參加|参会|參會|与会|與會|列席|致辞|致詞|讲话|講話|见证|見證|观礼|觀禮|赞助|贊助|"
    r"会见|會見|嘉宾|嘉賓|祝贺|祝賀"
)
DECISION_MARK = re.compile(
    r"通过|通過|选举|選舉|当选|當選|选出|選出|增选|增選|签署|簽署|签订|簽訂|签约|簽約|续签|續簽|"
    r"决定|決定|决议|決議|同意|批准|审定|審定|揭牌|成立|发布|發布|发起|發起|评选|評選|颁发|頒發|"
    r"授予|表彰|任命|聘任|责成|責成|一致认为|一致認為|确定|確定|启动|啟動|补充修改完善|"
    r"达成|達成|签下|签定|共建|设立|設立|备忘录|備忘錄|协议|協議"
)
SPEECH_MARK = re.compile(
    r"指出|表示|强调|強調|认为|認為|希望|期待|期许|期許|要求|说|說|讲到|講到|谈到|談到|致辞|致詞|"
    r"讲话|講話|提议|提議|建议|建議|呼吁|呼籲|倡议|倡議|盼|寄语|寄語|介绍|介紹"
)
ORG_SUFFIX = re.compile(
    r"(?:协会|協會|学会|學會|商会|商會|联合会|聯合會|委员会|委員會|政府|人民政府|市委|县委|縣委|"
    r"区委|區委|局|厅|廳|部|院|所|中心|集团|集團|公司|联盟|聯盟|协|協|会|會|办|辦|处|處|片区|片區|"
    r"基金会|基金會|大学|大學|医院|醫院|研究院|俱乐部|俱樂部|工商联|工商聯|组委会|組委會|区|區)$"
)
_TITLE_WORDS = (
    r"(?:副?(?:书记|書記|主任|主席|会长|會長|理事长|理事長|市长|市長|县长|縣長|区长|區長|局长|局長|"
    r"厅长|廳長|部长|部長|院长|院長|所长|所長|校长|校長|秘书长|秘書長|董事长|董事長|总经理|總經理|"
    r"经济师|經濟師|工程师|工程師|委员|委員|常委|召集人|总裁|總裁|社长|社長|处长|處長|科长|科長|"
    r"镇长|鎮長|乡长|鄉長|主委|组长|組長|监事长|監事長|执行会长|執行會長|代县长|代縣長|行长|行長))"
)
# A body's own meeting: "协会二届二次会长办公会", "縣政府常務會議", "鋁協2017年工作會議".
OWN_MEETING_ORG = re.compile(
    r"^(?P<org>.{2,30}?(?:协会|協會|学会|學會|商会|商會|联合会|聯合會|委员会|委員會|人民政府|政府|"
    r"工商联|工商聯|集团|集團|联盟|聯盟|片区|片區|协|協))"
    r"(?=第|\d|[一二三四五六七八九十]+[届屆]|常务|常務|会员|會員|理事|年会|年會|会长|會長|全体|全體|代表大)"
)
ORG_STRICT = re.compile(
    r"(?:协会|協會|学会|學會|商会|商會|联合会|聯合會|委员会|委員會|政府|市委|县委|縣委|区委|區委|"
    r"工商联|工商聯|集团|集團|联盟|聯盟|片区|片區|协|協|局|厅|廳|部|院|中心|公司|办|辦|处|處|区|區|"
    r"基金会|基金會|组委会|組委會)$"
)
NOT_ORG = re.compile(r"并|並|对|對|到会|到會|共同|以及|的|“|”|承办|承辦|协办|協辦|" + NOT_HOST_MARK.pattern)
_LEADING_NOISE = re.compile(r"^(?:.*[日号號]\s*(?:上午|下午|晚上|晚)?|近日|日前|今天|今日|昨天|昨日)\s*")
_PERSON_AFTER_TITLE = re.compile(rf"{_TITLE_WORDS}(?P<name>[\u4e00-\u9fff·]{{2,4}}?)(?:主持|$)")
_VENUE_BEFORE = re.compile(r"在\s*$|於\s*$|于\s*$")


@dataclass(frozen=True)
class HostHint:
    name: str
    role: str
    evidence: str


def clauses(text: str) -> list[str]:
    return [c.strip() for c in CLAUSE_SPLIT.split(text) if c.strip()]


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_SPLIT.split(text) if s.strip()]


@lru_cache(maxsize=512)
def host_hints(text: str) -> tuple[HostHint, ...]:
    """Hosts named by explicit markers, in reading order, without repeats."""
    hints: list[HostHint] = []
    for line in text.split("\n"):
        hints.extend(_listed_hints(line))
    for clause in clauses(text):
        hints.extend(_chair_hints(clause))
        hints.extend(_marker_hints(clause))
        hints.extend(_convene_hints(clause))
    unique: list[HostHint] = []
    for hint in hints:
        if any(hint.name in kept.name for kept in unique):
            continue
        unique = [kept for kept in unique if kept.name not in hint.name]
        unique.append(hint)
    return tuple(unique)


def _chair_hints(clause: str) -> list[HostHint]:
    if not CHAIR_MARK.search(clause):
        return []
    before = clause[: CHAIR_MARK.search(clause).start()]  # type: ignore[union-attr]
    before = re.sub(r"^.*由", "", before)
    match = _PERSON_AFTER_TITLE.search(before + "主持")
    if match:
        return [HostHint(match.group("name"), "chair", clause)]
    return []


_LISTED = re.compile(
    r"^(?P<mark>主办|主辦|承办|承辦|协办|協辦|主持)(?:单位|單位|方|人)?\s*[:：]\s*(?P<names>.+)$"
)
_LISTED_ROLE = {"主办": "organiser", "主辦": "organiser", "承办": "co-organiser", "承辦": "co-organiser",
                "协办": "co-organiser", "協辦": "co-organiser", "主持": "chair"}


def _listed_hints(line: str) -> list[HostHint]:
    """"主办单位：A、B" / "主持人：X" lines of an event notice."""
    match = _LISTED.match(line.strip())
    if not match:
        return []
    role = _LISTED_ROLE[match.group("mark")]
    names = [n.strip(" “”\"") for n in re.split(r"[、，,；;]|\s{2,}", match.group("names"))]
    ok = (lambda n: 2 <= len(n) <= 4) if role == "chair" else _org_name
    return [HostHint(n, role, line.strip()) for n in names if n and ok(n)]


def _marker_hints(clause: str) -> list[HostHint]:
    out = []
    for mark, role in ((ORGANISER_MARK, "organiser"), (re.compile(r"承办|承辦|协办|協辦"), "co-organiser")):
        match = mark.search(clause)
        if not match:
            continue
        before = clause[: match.start()]
        before = re.sub(r"^.*由", "", before)
        for name in re.split(r"[、和及与與]", before):
            name = name.strip(" “”\"")
            if 2 <= len(name) <= 30 and ORG_SUFFIX.search(name):
                out.append(HostHint(name, role, clause))
    return out


def _convene_hints(clause: str) -> list[HostHint]:
    match = CONVENE_MARK.search(clause)
    if not match or ORGANISER_MARK.search(clause):
        return []
    out = []
    subject = re.split(r"在|於", clause[: match.start()])[0].strip().split(" ")[-1]
    subject = _LEADING_NOISE.sub("", re.sub(r"(?:隆重|如期|顺利|順利|正式|主持)$", "", subject))
    quoted = re.findall(r"“([^”]+)”", subject)
    subject = subject.strip("“”\"")
    partners = re.split(r"联合|聯合|携手|攜手", subject)
    if _org_name(partners[0]):
        out.append(HostHint(partners[0], "organiser", clause))
        out.extend(HostHint(p, "co-organiser", clause) for p in partners[1:] if _org_name(p))
    obj = clause[match.end() :]
    for phrase in (*re.split(r"暨", subject), *re.split(r"暨", obj), *quoted):
        own = OWN_MEETING_ORG.match(phrase.strip("“”\"了"))
        if own and _org_name(own.group("org")):
            out.append(HostHint(own.group("org"), "organiser", clause))
    return out


def _org_name(name: str) -> bool:
    return 3 <= len(name) <= 30 and bool(ORG_STRICT.search(name)) and not NOT_ORG.search(name)


# Markers that state an outcome on their own ("会议原则通过", "当选", "签署").
STRONG_DECISION = re.compile(
    r"(?:会议|會議|大会|大會|审议|審議|讨论|討論|原则|原則|一致|表决|表決|全票|会上|會上|经|經)"
    r"(?:\S{0,4})?(?:通过|通過)|(?:通过|通過)(?:了|《)|"
    r"(?:原则|原則|一致|会议|會議)同意|选举|選舉|当选|當選|增选|增選|选出|選出|投票产生|投票產生|"
    r"签署|簽署|签订|簽訂|签约|簽約|续签|續簽|揭牌|评选出|評選出|颁发|頒發|授予|任命|聘任|责成|責成|"
    r"(?:会议|會議|大会|大會)(?:决定|決定)|作出决定|作出決定|通过决议|通過決議|"
    r"宣布成立|正式成立|成立了|发布了|發布了|正式发布|正式發布|正式启动|正式啟動|"
    r"达成了?[^，,。]{0,12}(?:协议|協議|共识|共識)|根据协议|根據協議|一致认为|一致認為|补充修改完善|"
    r"(?:协议|協議|MOU|备忘录|備忘錄)\s*(?:内容|內容)"
)
_NOT_DECISION = re.compile(
    r"通过本次|通過本次|通过参加|通過參加|通过这个|通過這個|通过深入|通過深入|成立于|成立於|成立以来|成立以來|"
    r"新当选|新當選|我们|我們|的成立|通过了解|通過了解"
)
# "签约仪式", "揭牌仪式": the ceremony named as a thing, not the act reported.
_CEREMONY_NOUN = re.compile(r"(?:签约|簽約|签署|簽署|揭牌|颁奖|頒獎)(?:仪式|儀式|典礼|典禮)")
_WITNESSED = re.compile(r"(?:见证|見證|出席|参加|參加)[^，,。]{0,6}(?:签约|簽約|签署|簽署)")
_STRONG_SPEECH = re.compile(
    r"指出|表示|强调|強調|认为|認為|希望|期待|要求|说|說|讲到|講到|谈到|談到|致辞|致詞|讲话中|講話中|提议|提議"
)
_DOC_ITEM = re.compile(
    r"《[^》]{2,80}》|关于[^、，,。；;]{2,80}?的(?:请示|報告|报告|议案|議案|决定|決定|办法|辦法|方案|意见|意見|汇报|匯報)"
)
_ENUM_AFTER = re.compile(r"(?:讨论|討論|审议|審議|原则|原則|会议|會議|大会|大會)?(?:通过|通過|同意)了?")


def decision_problem(evidence: str, sentence: str, title: str | None = None) -> str | None:
    """Why a quoted sentence is not a resolution, or None when it is one."""
    if title and sentence.strip() and sentence.strip() in title:
        return "the headline, not a reported decision"
    if not (DECISION_MARK.search(evidence) or DECISION_MARK.search(sentence)):
        return "no decision, election, agreement or outcome in the quoted sentence"
    strong = STRONG_DECISION.search(evidence) or STRONG_DECISION.search(sentence)
    if _NOT_DECISION.search(evidence):
        return "background or quoted remarks, not a decision of the event"
    if strong is None:
        speech = SPEECH_MARK.search(sentence)
        return "speech or opinion, not a resolution" if speech else None
    speech = _STRONG_SPEECH.search(sentence)
    if speech and speech.start() < strong.start():
        return "speech or opinion, not a resolution"
    named_parties = _PARTIES.search(sentence[: strong.start()])
    parties_ok = bool(named_parties) and not NOT_HOST_MARK.search(named_parties.group("between"))
    if (_CEREMONY_NOUN.search(sentence) or _WITNESSED.search(sentence)) and not parties_ok:
        return "mentions a ceremony or its witnesses, not what was decided"
    return None


# "A与B…签约": the parties of an agreement are named right before the verb.
_PARTIES = re.compile(r"(?:与|與)(?P<between>[^，,。与與]*)$")


@lru_cache(maxsize=512)
def decision_items(text: str, title: str | None = None, limit: int = 12) -> tuple[tuple[str, str], ...]:
    """(text, evidence) of outcomes stated by strong markers; enumerated documents split."""
    items: list[tuple[str, str]] = []
    for sentence in sentences(text):
        if not STRONG_DECISION.search(sentence) or decision_problem(sentence, sentence, title):
            continue
        enum = _ENUM_AFTER.search(sentence)
        docs = _DOC_ITEM.findall(sentence[enum.end() :]) if enum else []
        if len(docs) >= 3:
            items.extend((f"通过{doc}", doc) for doc in docs)
            continue
        for part in _split_outcomes(sentence):
            items.append((part, trim_evidence(part)))
        if len(items) >= limit:
            break
    return tuple(items[:limit])


def _split_outcomes(sentence: str) -> list[str]:
    """"選舉A連任,并投票產生B": two outcomes joined by 并/；, each with its own marker."""
    parts = [p for p in re.split(r"[,，]\s*(?=并|並|同时|同時)|[；;]", sentence.rstrip("。；;")) if p]
    if len(parts) > 1 and all(STRONG_DECISION.search(p) for p in parts):
        return [p.lstrip("并並") for p in parts]
    return [sentence.rstrip("。；;")]


def trim_evidence(sentence: str, limit: int = 120) -> str:
    sentence = sentence.strip().rstrip("。；;")
    if len(sentence) <= limit:
        return sentence
    marker = STRONG_DECISION.search(sentence)
    at = marker.start() if marker else 0
    parts = CLAUSE_SPLIT.split(sentence)
    out, pos = [], 0
    for part in parts:
        end = pos + len(part)
        if end >= at - 40 and pos <= at + 60:
            out.append(part)
        pos = end + 1
    return "，".join(p for p in out if p)[:limit] if out else sentence[:limit]


def role_supported(name: str, evidence: str, role: str) -> str | None:
    """Why the evidence does not support this host, or None when it does."""
    for clause in clauses(evidence):
        at = clause.find(name)
        if at < 0:
            continue
        before, after = clause[:at], clause[at + len(name) :]
        listed = _LISTED.match(clause)
        if listed and _LISTED_ROLE[listed.group("mark")] == role:
            return None
        if role == "chair":
            if CHAIR_MARK.search(after) or (CHAIR_MARK.search(before) and "人" in before):
                return None
            continue
        if _VENUE_BEFORE.search(before):
            return f"{name!r} is the venue, not a host"
        marks = CONVENE_MARK if role == "organiser" else CO_ORGANISER_MARK
        target = after if marks.search(after) else ""
        if marks.search(target) and not NOT_HOST_MARK.search(after[: marks.search(after).start()]):
            return None
        if role == "co-organiser" and re.search(r"承办|承辦|协办|協辦", after):
            return None
    marker = {"chair": "主持", "organiser": "主办/召开/举办/举行", "co-organiser": "承办/协办/联合"}[role]
    return f"evidence does not name {name!r} with a {marker} marker"
