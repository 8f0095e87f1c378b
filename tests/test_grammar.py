"""Clause and sentence spans: the units every rule reads, with offsets into the text as written."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.grammar import clause_spans, names_an_event, sentence_spans
from summarizer.script import fold


def test_sentences_split_at_full_stops_and_line_breaks_without_surrounding_space() -> None:
    text = " 大会选举产生了理事会。 会议由张三主持！\n主办单位：江城市商会  "
    pieces = [text[a:b] for a, b in sentence_spans(text)]
    assert pieces == ["大会选举产生了理事会", "会议由张三主持", "主办单位：江城市商会"]


def test_clauses_split_at_commas_and_colons_inside_a_range() -> None:
    text = "前言。5月3日上午，江城市商会召开年会：会长张三主持，会议选举了理事会。后记"
    start, end = text.index("5"), text.index("后")
    pieces = [text[a:b] for a, b in clause_spans(text, start, end)]
    assert pieces == ["5月3日上午", "江城市商会召开年会", "会长张三主持", "会议选举了理事会"]


def test_empty_pieces_between_marks_are_skipped() -> None:
    assert sentence_spans("。。\n \n") == []
    assert clause_spans("，，会议，") == [(2, 4)]


@pytest.mark.parametrize(("event", "names_one"), [
    # invented names: an event noun at the end (brackets and quotes aside), or the act that is the event
    ("甲协会第三届会员大会", True),
    ("乙县农会第五屆理事會議", True),
    ("丙市茶业论坛（线上）", True),
    ("“数字赋能”高峰论坛！", True),
    ("丁公司与戊区政府签署战略合作协议", True),
    ("己县科协揭牌", True),
    ("庚市春季招聘会", True),
    # headlines that name no event
    ("百佳联盟会聚南通", False),
    ("院士助力扬州健康产业发展", False),
    ("辛协会感恩餐会交流", False),
    ("美中", False),
    ("", False),
])
def test_an_event_name_ends_in_an_event_noun_or_names_the_act(event: str, names_one: bool) -> None:
    assert names_an_event(fold(event)) is names_one


@given(st.text(alphabet=st.sampled_from(list("会议通过。；;！!？?\n \t\u3000ab，")), max_size=40))
@settings(max_examples=300, deadline=None)
def test_sentences_are_the_non_blank_runs_between_sentence_marks(text: str) -> None:
    expected, at = [], 0
    for index, char in enumerate(text + "\n"):
        if char in "。；;！!？?\n":
            piece = text[at:index]
            if piece.strip():
                start = at + len(piece) - len(piece.lstrip())
                expected.append((start, at + len(piece.rstrip())))
            at = index + 1
    assert sentence_spans(text) == expected


@pytest.mark.parametrize(("a", "b", "same"), [
    ("江城市医学会", "市医学会", True),  # the place written or left out
    ("江城商会", "江城商会", True),
    ("江城日报", "江城日报社", True),
    ("江城大学", "江城大学生态研究院", False),  # a unit of the body
    ("江城市人民政府", "江城市人民政府办公室", False),
    ("中国铸造协会", "中国铸造协会铸钢分会", False),
    ("江城商会", "湖城商会", False),
    ("临溪县人民政府", "县政府", True),  # 人民政府 is written 政府
    ("江城银行", "江城银行股份有限公司", True),  # a company and its legal form
    ("江城集团", "江城集团有限公司", True),
])
def test_names_of_one_body(a: str, b: str, same: bool) -> None:
    from summarizer.grammar import same_body

    assert same_body(a, b) is same and same_body(b, a) is same
