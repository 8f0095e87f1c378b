"""The date grammar and the choice of the event's date, on invented sentences."""

from __future__ import annotations

import pytest

from summarizer import resolve_date
from summarizer.dates import (
    cn_number,
    event_date,
    find_candidates,
    parse_phrase,
    resolve,
    strip_year,
)


@pytest.mark.parametrize(
    ("token", "value"),
    [("12", 12), ("十", 10), ("十九", 19), ("二十", 20), ("二十一", 21), ("廿五", 25), ("二〇二〇", 2020),
     ("二零零三", 2003), ("一百零九", 109), ("两千零四", 2004), ("初八", 8), ("１２", 12)],
)
def test_chinese_numbers(token: str, value: int) -> None:
    assert cn_number(token) == value


@pytest.mark.parametrize(
    ("phrase", "published", "value", "inferred"),
    [
        # numerals: Arabic, full-width, Chinese digit by digit with 〇/零, 十-style, either script
        ("2020年6月8日", None, "2020-06-08", False),
        ("2020/6/8", None, "2020-06-08", False),
        ("二〇二〇年六月八日", None, "2020-06-08", False),
        ("二零一七年十一月", None, "2017-11", False),
        ("１９９９年１０月５號", None, "1999-10-05", False),
        ("二〇一九年", None, "2019", False),
        ("九六年三月", None, "1996-03", False),
        ("三十号", None, "---30", False),
        ("十八號", None, "---18", False),
        ("12月5日下午", None, "--12-05", False),
        ("6月20日晚6时", None, "--06-20", False),
        ("8月3日（星期二）上午9:30", None, "--08-03", False),
        ("十九日", None, "---19", False),
        ("一月二十日", None, "--01-20", False),
        ("2019年3月", None, "2019-03", False),
        # a year only from the stamp, flagged as inferred; across New Year both ways
        ("3月10日", "2023-03-10 22:19", "2023-03-10", True),
        ("12月30日", "2019-01-04", "2018-12-30", True),
        ("1月2日", "2018-12-27", "2019-01-02", True),
        ("11号", "2022-05-03", "2022-05-11", True),
        # relative words anchored to the stamp
        ("今天", "2022-02-17 16:51", "2022-02-17", True),
        ("今天(2月16日)", "2022-02-17 16:51", "2022-02-16", True),
        # the day in brackets inside the word, as Taiwanese and Hong Kong papers write it
        ("今（16）日", "2023-10-16", "2023-10-16", True),
        ("昨(15)晚", "2023-10-16 08:00", "2023-10-15", True),
        ("昨（三十）日", "2023-12-01", "2023-11-30", True),
        ("前日", "2020-03-01", "2020-02-28", True),
        ("昨天", "2023-01-01", "2022-12-31", True),
        ("大前天", "2020-07-10", "2020-07-07", True),
        ("後天", "2020-07-10", "2020-07-12", True),
        ("明晚", "2020-07-10", "2020-07-11", True),
        ("昨夜", "2020-07-10", "2020-07-09", True),
        ("上星期二", "2024-05-15", "2024-05-07", True),
        ("下週一", "2024-05-15", "2024-05-20", True),
        ("本周日", "2024-05-15", "2024-05-19", True),
        ("上個禮拜三", "2024-05-15", "2024-05-08", True),
        ("本月二十日", "2024-05-15", "2024-05-20", True),
        ("上月3日", "2024-01-15", "2023-12-03", True),
        ("下个月一号", "2024-12-15", "2025-01-01", True),
        ("去年十月", "2024-05-15", "2023-10", True),
        ("前年6月1日", "2024-05-15", "2022-06-01", True),
        ("今年", "2024-05-15", "2024", True),
        # ranges and spans: the start, at the start's precision
        ("从三月五日到七日", None, "--03-05", False),
        ("11月2-4日", None, "--11-02", False),
        ("2022年7月20日至22日", None, "2022-07-20", False),
        ("10月8日（周五）—10日", None, "--10-08", False),
        ("5月30日至6月2日", None, "--05-30", False),
        ("2016年3月至5月", None, "2016-03", False),
        # ROC years: with 民国, or a 十-style / three-digit year before a month
        ("民国八十年", None, "1991", False),
        ("一百一十年五月三日", None, "2021-05-03", False),
        ("110年5月3日", None, "2021-05-03", False),
        # lunar: converted when the year is known, never read as Gregorian
        ("2020年农历正月初五", None, "2020-01-29", False),
        ("農曆二〇一八年八月十五", None, "2018-09-24", False),
        ("腊月二十三", "2023-02-01", "2023-01-14", True),
        ("农历九月初九", None, None, False),
    ],
)
def test_resolve_phrases(phrase, published, value, inferred) -> None:
    date = resolve_date(phrase, published=published)
    assert date.value == value and date.year_inferred is inferred
    if value is not None:
        assert date.phrase and date.phrase in phrase


@pytest.mark.parametrize("phrase", ["2月30日", "2023年2月29日", "13月5日", "4月31日", "三十二日", "农历2023年正月三十"])
def test_impossible_dates_are_unknown(phrase: str) -> None:
    assert resolve_date(phrase).value is None


def test_leap_day_takes_a_leap_year_from_the_stamp() -> None:
    assert resolve_date("2月29日", published="2025-03-10").value == "2024-02-29"
    assert resolve_date("2024年2月29日").value == "2024-02-29"


def test_relative_date_without_stamp_is_unknown() -> None:
    for phrase in ("今天", "上周三", "下个月5号", "去年8月"):
        date = resolve_date(phrase)
        assert date.value is None and date.precision == "unknown"


def test_headline_year_only_when_unambiguous() -> None:
    assert resolve_date("6月6日", title="2021湖北武黄同城产业投资推介会").value == "2021-06-06"
    assert resolve_date("6月6日", title="2021—2022年度总结会").value == "--06-06"


def test_a_year_the_article_lacks_is_dropped_and_the_rest_kept() -> None:
    text = "10月30日，市里召开了环保工作推进会。"
    date = resolve_date("2019年10月30日", text=text)
    assert date.value == "--10-30" and date.phrase == "10月30日"


def test_a_year_written_in_chinese_numerals_is_a_year_of_the_article() -> None:
    text = "二〇一五年三月八日，协会在杭州召开年会。"
    assert resolve_date("2015年3月8日", text=text).value == "2015-03-08"
    full_width = "２０１５年３月８日，协会召开年会。"
    assert resolve_date("2015年3月8日", text=full_width).value == "2015-03-08"


def test_a_year_inferred_from_the_stamp_is_kept() -> None:
    text = "12月29日，公司举行年终总结大会。"
    date = resolve_date("12月29日", published="2021-01-04", text=text)
    assert date.value == "2020-12-29" and date.year_inferred


def test_never_invents_a_year() -> None:
    text = "9月18日,协会召开会议。中国铸造协会成立于1986年,会议讨论了2022年重点工作计划。"
    date, _ = event_date(text)
    assert date.value == "--09-18" and date.year_inferred is False


def test_datelines_and_background_dates_are_flagged() -> None:
    text = "本报成都7月21日讯 近日会议召开。截至11月30日会费已缴。"
    dateline, background = find_candidates(text)
    assert dateline.phrase == "7月21日" and dateline.dateline
    assert background.phrase == "11月30日" and background.background
    assert event_date(text)[0].value is None


def test_candidates_carry_offsets_into_the_original_text() -> None:
    text = "會議於２０２２年５月１２日（週四）上午在台北舉行，為期兩天。"
    (candidate,) = find_candidates(text)
    assert text[candidate.start:candidate.end] == candidate.phrase
    assert candidate.phrase.startswith("２０２２年５月１２日")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # 于/於/定于/将於 are neutral: the date they govern is the event's
        ("论坛于2023年5月12日在广州开幕，2020年以来已举办三届。", "2023-05-12"),
        ("年會將於2024年1月6日在臺中舉行。", "2024-01-06"),
        ("会议定于11月3日召开。", "--11-03"),
        # the date attached to the event's verb, not the background one
        ("截至2022年6月30日，会员达300家。2022年7月8日，协会举行第五届会员大会。", "2022-07-08"),
        ("该中心成立于2018年3月。4月15日上午，中心举办开放日活动。", "--04-15"),
        # a dateline is when the report was filed, not the event
        ("新华社北京3月2日电 3月1日，两国签署合作协议。", "--03-01"),
        ("民國九十八年三月五日，基金會在高雄召開成立大會。", "2009-03-05"),
        ("该项目自2019年启动以来成效显著。2023年3月8日，项目验收会在京召开。", "2023-03-08"),
    ],
)
def test_event_date_by_rules(text: str, value: str) -> None:
    assert event_date(text)[0].value == value


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("发布时间：2023-04-20 10:00\n第三届论坛将于5月12日在杭州开幕。去年论坛吸引了上万人。", "2023-04-20 10:00",
         "2023-05-12"),
        ("2022年以来，全市新增企业5000家。昨天下午，市政府召开新闻发布会。", "2022-08-03", "2022-08-02"),
        ("日前，博览会圆满落幕。本届博览会于11月5日至10日在上海举行。", "2022-11-12", "2022-11-05"),
        ("來源：本報 2019-06-18\n6月15日，文化協會在臺北舉辦年會。", "2019-06-18", "2019-06-15"),
        ("上週五，學校舉行了開學典禮。", "2021-09-06", "2021-09-03"),
        ("農曆八月十五，社區舉辦中秋晚會。", "2021-09-25", "2021-09-21"),
    ],
)
def test_event_date_against_the_stamp(text: str, published: str, value: str) -> None:
    date, _ = event_date(text, published=published)
    assert date.value == value and date.year_inferred


def test_numbered_things_are_not_days() -> None:
    assert [c.phrase for c in find_candidates("参观了三号馆和5号线，18日举行仪式。")] == ["18日"]


def test_the_model_phrase_in_other_words_takes_the_article_phrase() -> None:
    text = "二〇二一年六月二十四日，集团召开表彰大会。"
    date, _ = event_date(text, model_phrase="2021年6月24日下午")
    assert date.value == "2021-06-24" and date.phrase == "二〇二一年六月二十四日"


def test_a_date_only_in_the_headline() -> None:
    date, _ = event_date("会议顺利结束。", title="2021年3月5日市政协召开常委会")
    assert date.value == "2021-03-05"


def test_the_stamp_in_the_header_is_not_the_event() -> None:
    text = "2021-05-20 10:31 来源：本站\n5月18日，区政府召开安全生产工作会议。"
    date, _ = event_date(text, published="2021-05-20 10:31")
    assert date.value == "2021-05-18" and date.year_inferred


def test_the_model_phrase_wins_when_it_is_in_the_article() -> None:
    text = "本报讯 6月3日电 6月3日，两校在北京签署合作协议。5月20日双方曾有接触。"
    date, warnings = event_date(text, published="2019-06-04", model_phrase="6月3日")
    assert date.value == "2019-06-03" and not warnings


@pytest.mark.parametrize(("text", "phrase", "expected"), [
    # the dateline names when the report was filed; the event has its own date or none
    ("江城日报讯（记者 王明）7月21日讯 近日，江城市医学会外科专委会召开年会。", "7月21日", None),
    ("新华社北京3月2日电 3月1日，江城市商会召开会员大会。", "3月2日", "2024-03-01"),
    ("新華社北京3月2日電 3月1日，江城市商會召開會員大會。", "3月2日", "2024-03-01"),
    # the same day named again in the body is the event's own date
    ("新华社北京3月2日电 3月2日，江城市商会召开会员大会。", "3月2日", "2024-03-02"),
    # the dateline's day in other words is still the dateline
    ("新华社北京3月2日电 近日，江城市商会召开会员大会。", "3月2号", None),
    ("新华社北京3月2日电 近日，江城市商会召开会员大会。", "三月二日", None),
])
def test_a_model_phrase_that_is_only_the_dateline_is_not_the_event_date(text, phrase, expected) -> None:
    date, warnings = event_date(text, published="2024-03-03", model_phrase=phrase)
    assert date.value == expected
    if expected == "2024-03-02":
        assert not any("dateline" in w for w in warnings)


@pytest.mark.parametrize(("text", "phrase", "as_written"), [
    ("本週一（6月24日），臺南市記者學會召開會員大會。", "本周一", "本週一"),  # the other script
    ("10 月 30 日上午，县政府召开常务会议。", "10月30日", "10 月 30 日"),  # other spacing
])
def test_the_date_phrase_is_quoted_as_the_article_writes_it(text, phrase, as_written) -> None:
    date, _ = event_date(text, published="2021-06-25", model_phrase=phrase)
    assert date.phrase == as_written and date.phrase in text


def test_the_model_year_is_dropped_and_the_rest_kept() -> None:
    text = "10月30日上午，县政府召开常务会议。"
    date, warnings = event_date(text, model_phrase="2019年10月30日")
    assert date.value == "--10-30" and any("2019" in w for w in warnings)


def test_a_model_phrase_not_in_the_article_falls_back_to_the_rules() -> None:
    text = "8月9日，学会举办年会。"
    date, warnings = event_date(text, model_phrase="8月10日")
    assert date.value == "--08-09" and any("not in the article" in w for w in warnings)


def test_the_narrative_year_beats_a_later_republication_stamp() -> None:
    text = "2020年10月11日—12日，联盟在杭州召开年会。\n10月12日上午，签约仪式举行。"
    date, _ = event_date(text, published="2021-04-02", model_phrase="10月12日上午")
    assert date.value == "2020-10-12"


def test_older_names_still_work() -> None:
    date, _ = resolve(parse_phrase("2021年12月5日"))
    assert date.value == "2021-12-05"
    assert strip_year(date).value == "--12-05"


def test_a_bare_weekday_is_the_next_one_unless_the_article_reports_it() -> None:
    assert resolve_date("周一", published="2024-05-15").value == "2024-05-20"
    reported, _ = event_date("周一，区政府召开常务会议。", published="2024-05-15")
    assert reported.value == "2024-05-13"
    announced, _ = event_date("区政府将于周五召开常务会议。", published="2024-05-15")
    assert announced.value == "2024-05-17"


@pytest.mark.parametrize(
    ("phrase", "published", "value"),
    [("九月的第二个星期六", "2023-08-01", "2023-09-09"), ("2022年11月最后一个周四", None, "2022-11-24"),
     ("二月第五个周一", "2023-01-10", None)],
)
def test_the_nth_weekday_of_a_month(phrase: str, published: str | None, value: str | None) -> None:
    assert resolve_date(phrase, published=published).value == value


def test_a_model_year_is_dropped_even_when_it_is_the_stamp_year() -> None:
    text = "2020年9月5日—6日，联盟在南通召开年会。\n9月6日上午，签约仪式举行。"
    date, warnings = event_date(text, published="2021-03-13", model_phrase="2021年9月6日上午")
    assert date.value == "2020-09-06" and date.phrase == "9月6日上午" and warnings


@pytest.mark.parametrize(
    ("phrase", "published", "value"),
    [("国庆节", "2022-09-20", "2022-10-01"), ("2017年圣诞节", None, "2017-12-25"), ("去年中秋", "2023-03-01", "2022-09-10"),
     ("春节", "2023-12-30", "2024-02-10"), ("明年父亲节", "2022-01-05", "2023-06-18"), ("端午节", None, None)],
)
def test_holidays_in_a_phrase(phrase: str, published: str | None, value: str | None) -> None:
    assert resolve_date(phrase, published=published).value == value


def test_a_holiday_in_an_article_is_not_an_event_date() -> None:
    assert find_candidates("国庆期间，景区接待游客10万人次。") == ()


def test_a_page_stamp_with_a_clock_time_is_not_the_event() -> None:
    text = "首页 > 新闻\n2022年03月09日 08:15 | 来源：本网\n3月8日，市妇联举办表彰大会。"
    assert event_date(text)[0].value == "--03-08"


def test_a_stamp_written_in_the_article_anchors_the_year() -> None:
    text = "发布时间：2021-03-02 09:00\n3月1日，县委召开全会。"
    date, _ = event_date(text)
    assert date.value == "2021-03-01" and date.year_inferred
    dateline = "新华社北京2019年12月30日电 12月29日，两国签署协议。"
    assert event_date(dateline)[0].value == "2019-12-29"


def test_a_date_before_the_event_verb_is_flagged() -> None:
    first, second = find_candidates("截至5月1日共有百家会员。5月8日，协会在杭州召开年会。")
    assert not first.event_verb and first.background
    assert second.event_verb and not (second.background or second.dateline or second.stamp)


@pytest.mark.parametrize("stamp", ["2021-01-03 09:30", "20210103", "2021年1月3日 09:30", "2021/01/03", "２０２１－０１－０３"])
def test_the_stamp_as_found_in_any_format(stamp: str) -> None:
    assert resolve_date("12月28日", published=stamp).value == "2020-12-28"


@pytest.mark.parametrize(("text", "published", "value"), [
    # a speaker's "今天" in a sentence that reports no event: the article's date of the event is used
    ("5月8日上午，甲协会第三届会员大会在会展中心召开。会长在讲话中说，今天我们要总结经验、开拓创新。",
     "2023-05-10", "2023-05-08"),
    ("5月8日上午，甲協會第三屆會員大會在會展中心召開。會長在講話中說，今天我們要總結經驗、開拓創新。",
     "2023-05-10", "2023-05-08"),
    # "今天" that reports the event itself is the model's to keep
    ("今天上午，乙商会年会在市政府礼堂举行。去年5月8日，乙商会成立。", "2023-06-01", "2023-06-01"),
    # no firm date of the article to prefer: the model's "今天" stands
    ("会长说，今天我们要总结经验。", "2023-06-01", "2023-06-01"),
])
def test_a_relative_day_from_a_speech_gives_way_to_the_articles_date(text: str, published: str, value: str) -> None:
    found, warnings = event_date(text, published=published, model_phrase="今天")
    assert found.value == value
    assert (value != published) == any("relative day" in w for w in warnings)


@pytest.mark.parametrize(("text", "published", "value"), [
    # a relative day that reports what someone did is no speech: the model's day stands
    ("昨日，市委书记张三带队赴上海考察学习。5月8日，市商务局召开招商工作会议。", "2023-05-10", "2023-05-09"),
    ("今天，全市1200名考生参加了中考。5月8日，市教育局召开考务工作会议。", "2023-06-20", "2023-06-20"),
    # a date after the stamp is a plan, never the event's day
    ("会长说，今天我们要总结经验。会议决定，5月18日召开全市动员大会。", "2023-05-10", "2023-05-10"),
    # a speaker's exhortation, with no speech verb in its sentence
    ("5月8日，丙公司召开年度表彰大会。董事长讲了三点意见。今天要通过学习，树立正确的人生观。", "2023-05-12", "2023-05-08"),
])
def test_only_a_relative_day_in_someones_words_gives_way(text: str, published: str, value: str) -> None:
    phrase = "昨日" if "昨日" in text else "今天"
    found, _ = event_date(text, published=published, model_phrase=phrase)
    assert found.value == value


_BACKGROUND = "此前，5月12日召开的全省工作会议对此作出了部署。"


@pytest.mark.parametrize(("text", "phrase", "value"), [
    # reports, not someone's words: the model's relative day stands beside a firm background date
    ("按照省委要求，今天上午，我市各级干部集中学习了有关文件。", "今天", "2023-05-20"),
    ("今天上午，我们记者跟随检查组走进十余家企业。", "今天", "2023-05-20"),
    ("昨天，需要救助的30户困难群众领到了慰问金。", "昨天", "2023-05-19"),
    ("以一部小说为线索，昨天，市图书馆举办读书分享。", "昨天", "2023-05-19"),
    # a quotation may name the event's own day
    ("“昨天的大会开得很成功，”与会代表张某说。", "昨天", "2023-05-19"),
])
def test_a_reported_relative_day_is_kept(text: str, phrase: str, value: str) -> None:
    found, _ = event_date(text + _BACKGROUND, published="2023-05-20", model_phrase=phrase)
    assert found.value == value



@pytest.mark.parametrize("headline", ["江城茶博会新闻发布会举行", "江城茶博會新聞發佈會舉行", "江城市政府发布最新政策"])
def test_a_headline_ending_on_a_publishing_word_does_not_make_the_next_lines_date_a_stamp(headline: str) -> None:
    """"…发布会举行" closes the line above: the date that opens the lead is the event's, not a stamp,
    and a date to come in someone's account loses to it."""
    text = (f"{headline}\n11月20日上午，市政府新闻办公室在新闻发布厅举行新闻发布会。"
            "副市长介绍，第七届茶博会将于2026年4月17日至20日在会展中心举办。")
    found, _ = event_date(text, published="2025-11-20")
    assert found.value == "2025-11-20", found
