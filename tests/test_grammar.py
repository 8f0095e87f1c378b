"""Clause and sentence spans: the units every rule reads, with offsets into the text as written."""

from __future__ import annotations

from summarizer.grammar import clause_spans, sentence_spans


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
