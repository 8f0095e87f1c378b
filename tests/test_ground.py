"""Grounding verifies and never adds: quotes located, contradictions dropped with a reason."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.clean import clean
from summarizer.ground import (
    Grounder,
    NormalizedText,
    ground,
    role_contradicted,
    speech_not_decision,
)
from summarizer.merge import Proposal, ProposedHost, ProposedResolution
from summarizer.schema import EventDate

# Invented, in the shape of a scraped association report.
TEXT = (
    "某市物流协会召开二届三次理事会\n"
    "4月9日上午，某市物流协会二届三次理事会在会展中心召开。"
    "副会长赵一、钱二出席。会议由协会会长孙三主持。\n"
    "会议审议通过了《2024年工作要点》。市商务局副局长李四指出，要抓好冷链建设。\n"
    "本次会议由某某银行、某某快递提供赞助支持。"
)


def proposal(hosts=(), resolutions=()) -> Proposal:
    return Proposal(event="理事会", date=EventDate(), hosts=list(hosts), resolutions=list(resolutions))


def host(name: str, role: str, evidence: str, source: str = "model") -> ProposedHost:
    return ProposedHost(name, role, evidence, source)  # type: ignore[arg-type]


def test_locate_normalises_width_and_whitespace() -> None:
    grounder = Grounder(clean(TEXT))
    span = grounder.locate("会议由协会会长 孙三主持。")
    assert span and grounder.excerpt(span) == "会议由协会会长孙三主持"
    assert grounder.locate("4月9日上午,某市物流协会")  # half-width comma in the quote
    assert grounder.locate("由某某科技公司主办") is None


@pytest.mark.parametrize(("page", "quote", "written"), [
    # a traditional page quoted in simplified, and the reverse: the span gives back the page's own characters
    ("本會於5月2日舉行會員大會，會議選舉產生新一屆理事會。", "会议选举产生新一届理事会", "會議選舉產生新一屆理事會"),
    ("会议审议通过了《协会章程修正案》。", "會議審議通過了《協會章程修正案》", "会议审议通过了《协会章程修正案》"),
])
def test_a_quote_in_the_other_script_is_found_as_the_page_writes_it(page: str, quote: str, written: str) -> None:
    grounder = Grounder(clean(page))
    span = grounder.locate(quote)
    assert span and grounder.excerpt(span) == written
    assert grounder.locate("會議否決了《協會章程修正案》") is None  # other words stay other words


def test_a_resolution_retyped_in_the_other_script_is_kept_in_the_pages_words() -> None:
    article = clean("本會於5月2日舉行會員大會。會議審議通過了《年度預算》。")
    report = ground(article, proposal(resolutions=[ProposedResolution("通过年度预算", "会议审议通过了《年度预算》",
                                                                      "model")]))
    assert [r.evidence for r in report.summary.resolutions] == ["會議審議通過了《年度預算》"]


def test_ellipsis_joins_ordered_pieces_only() -> None:
    grounder = Grounder(clean(TEXT))
    assert grounder.locate("4月9日上午…在会展中心召开")
    assert grounder.locate("在会展中心召开…4月9日上午") is None


def test_prompt_marks_in_a_quote_are_ignored() -> None:
    grounder = Grounder(clean(TEXT))
    assert grounder.locate("[R1]会议审议通过了《2024年工作要点》")


def test_fabricated_attendee_and_sponsor_hosts_are_dropped_with_reasons() -> None:
    article = clean(TEXT)
    report = ground(article, proposal(hosts=[
        host("孙三", "chair", "会议由协会会长孙三主持"),
        host("某某科技公司", "organiser", "由某某科技公司主办"),
        host("赵一", "chair", "副会长赵一、钱二出席"),
        host("某某银行", "organiser", "本次会议由某某银行、某某快递提供赞助支持"),
    ]))
    assert [h.name for h in report.summary.hosts] == ["孙三"]
    reasons = {d.item["name"]: d.reason for d in report.dropped}
    assert reasons["某某科技公司"] == "name not found in the article"
    assert "出席" in reasons["赵一"]
    assert "赞助" in reasons["某某银行"]
    for kept in report.summary.hosts:
        assert article.text[kept.span[0] : kept.span[1]] == kept.evidence


def test_grounding_adds_nothing() -> None:
    """The rules' hosts and outcomes are the merge stage's business, never grounding's."""
    report = ground(clean(TEXT), proposal())
    assert report.summary.hosts == [] and report.summary.resolutions == []


def test_a_missing_marker_word_is_not_a_reason_to_drop() -> None:
    # "某市物流协会" is quoted from the headline, which has no 主办 marker: the model read it.
    report = ground(clean(TEXT), proposal(hosts=[host("某市物流协会", "organiser", "某市物流协会召开二届三次理事会")]))
    assert [h.name for h in report.summary.hosts] == ["某市物流协会"]


def test_a_name_written_more_fully_than_the_article_keeps_the_articles_words() -> None:
    text = "会议由市物流协会承办。"
    report = ground(clean(text), proposal(hosts=[host("某市物流协会", "co-organiser", "会议由市物流协会承办")]))
    assert [h.name for h in report.summary.hosts] == ["市物流协会"]


@pytest.mark.parametrize(("name", "evidence", "kept"), [
    # a government's full name, where the page writes the usual short form
    ("湖山县人民政府", "县长李明主持召开县政府第九次常务会议", "县政府"),
    ("江城市人民政府", "江城市政府与甲公司签署合作协议", "江城市政府"),
])
def test_a_governments_name_is_found_in_its_short_form(name: str, evidence: str, kept: str) -> None:
    for role in ("organiser", "co-organiser"):
        report = ground(clean(evidence + "。"), proposal(hosts=[host(name, role, evidence)]))
        assert [h.name for h in report.summary.hosts] == [kept]


def test_a_speech_word_inside_a_documents_title_is_no_speech() -> None:
    from summarizer.ground import speech_not_decision

    assert speech_not_decision("《关于增设夜班食堂的建议》等10件提案获评“十佳职工提案”") is None
    assert speech_not_decision("张三建议，增设夜班食堂") is not None


def test_speech_is_not_a_resolution_but_the_meetings_directive_can_be() -> None:
    report = ground(clean(TEXT), proposal(resolutions=[
        ProposedResolution("抓好冷链建设", "市商务局副局长李四指出，要抓好冷链建设", "model"),
        ProposedResolution("通过工作要点", "会议审议通过了《2024年工作要点》", "model"),
    ]))
    assert [r.evidence for r in report.summary.resolutions] == ["会议审议通过了《2024年工作要点》"]
    assert any("指出" in d.reason for d in report.dropped)


@pytest.mark.parametrize(
    ("evidence", "speech"),
    [
        ("王五强调，要加强行业自律", True),
        ("張六表示，盼擴大合作", True),
        ("会议强调，各单位要加强行业自律", False),
        ("與會代表一致認為，應建立聯絡群", False),
        ("双方表示将在园区建设等领域深化合作", False),
        ("大会选举刘七为会长", False),
        ("会议审议了关于经费的说明", False),
    ],
)
def test_whose_speech_it_is_decides(evidence: str, speech: bool) -> None:
    assert (speech_not_decision(evidence) is not None) is speech


@pytest.mark.parametrize(
    ("name", "evidence", "role", "contradicted"),
    [
        ("甲商会", "甲商会出席会议并致辞", "organiser", True),
        ("甲商會", "甲商會出席會議並致辭", "organiser", True),
        ("甲商会", "甲商会主办并致辞", "organiser", False),
        ("乙酒店", "年会在乙酒店召开", "organiser", True),
        # a room of the body's own premises is the venue; the body may still have held the meeting
        ("县人大常委会", "县人大常委会第二十一次会议在县人大常委会会议室举行", "organiser", False),
        ("縣人大常委會", "縣人大常委會第二十一次會議在縣人大常委會會議室舉行", "organiser", False),
        ("县人大常委会", "座谈会在县人大常委会召开", "organiser", True),
        ("北京饭店", "年会在北京饭店金色大厅举行", "organiser", True),
        ("市民中心", "大会在市民中心大礼堂举行", "organiser", True),
        ("丙", "会议由丙主持，丁出席", "chair", False),
        ("丁", "会议由丙主持，丁出席", "chair", True),
    ],
)
def test_role_contradiction_reads_only_the_names_own_clause(name, evidence, role, contradicted) -> None:
    assert (role_contradicted(name, evidence, role) is not None) is contradicted


def test_fabricated_resolution_is_dropped() -> None:
    report = ground(clean(TEXT), proposal(resolutions=[ProposedResolution("成立联盟", "会议决定成立产业联盟", "model")]))
    assert report.summary.resolutions == []
    assert report.dropped[0].reason == "evidence not found in the article"


def test_duplicates_merge_their_sources() -> None:
    report = ground(clean(TEXT), proposal(hosts=[
        host("孙三", "chair", "会议由协会会长孙三主持", "rules"),
        host("孙三", "chair", "会议由协会会长孙三主持", "model"),
    ]))
    assert len(report.summary.hosts) == 1 and report.summary.hosts[0].source == "both"



_MIXED = st.text(alphabet=st.sampled_from(list("会議决定 \n\t\u3000“”「」、。（）ＡＢ１２㈠…—abc]^-\\")), max_size=60)


@given(_MIXED, st.integers(min_value=0, max_value=59), st.integers(min_value=1, max_value=20))
@settings(max_examples=300, deadline=None)
def test_a_quote_cut_from_any_text_is_found_where_it_was_cut(text: str, start: int, length: int) -> None:
    """Spaces, full-width forms and characters NFKC expands ("…", "㈠") never shift a span:
    the located span covers the quote (a match may begin inside an expanded character, "。"
    found in "…。", and then the span starts at that character)."""
    quote = text[start : start + length]
    index = NormalizedText.of(text)
    wanted = NormalizedText.of(quote).text
    span = index.find(quote)
    if not wanted:
        assert span is None
        return
    assert span is not None
    assert wanted in NormalizedText.of(text[span[0] : span[1]]).text
    assert len(index.offsets) == len(index.text) and index.offsets == sorted(index.offsets)


def test_hosts_read_organiser_first_and_quotes_start_on_a_word() -> None:
    """A candidate cut at a clause boundary keeps no leading comma; hosts come organiser,
    co-organiser, chair, each in page order, whatever order they were proposed in."""
    article = clean("6月3日，丙市茶叶论坛开幕。论坛由丙市农业局主办，丁县茶叶协会、戊县茶叶协会承办，会长周五主持。")
    text = article.text
    comma = text.index("，丁县")
    report = ground(article, proposal(hosts=[
        host("周五", "chair", "会长周五主持"),
        ProposedHost("戊县茶叶协会", "co-organiser", "", "rules", (comma, text.index("承办") + 2)),
        ProposedHost("丁县茶叶协会", "co-organiser", "", "rules", (comma, text.index("承办") + 2)),
        host("丙市农业局", "organiser", "论坛由丙市农业局主办"),
    ]))
    assert [(h.name, h.role) for h in report.summary.hosts] == [
        ("丙市农业局", "organiser"), ("丁县茶叶协会", "co-organiser"), ("戊县茶叶协会", "co-organiser"),
        ("周五", "chair")]
    assert all(not h.evidence.startswith("，") for h in report.summary.hosts)
    assert report.summary.hosts[1].evidence == "丁县茶叶协会、戊县茶叶协会承办"


def test_a_body_and_a_unit_of_it_are_two_hosts_but_one_name_written_twice_is_one() -> None:
    text = "论坛由江城大学主办，江城大学生态研究院、江城市商会承办。"
    report = ground(clean(text), proposal(hosts=[
        host("江城大学", "organiser", "论坛由江城大学主办"),
        host("江城大学生态研究院", "co-organiser", "江城大学生态研究院、江城市商会承办"),
        host("江城市商会", "co-organiser", "江城大学生态研究院、江城市商会承办"),
        host("商会", "co-organiser", "江城大学生态研究院、江城市商会承办"),  # the same body, shorter
    ]))
    assert [h.name for h in report.summary.hosts] == ["江城大学", "江城大学生态研究院", "江城市商会"]
    assert [d.reason for d in report.dropped] == ["duplicate host"]
