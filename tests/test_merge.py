"""Merge: the model decides; a rule adds only where it is allowed to and the model said nothing."""

from __future__ import annotations

import opencc
import pytest

from summarizer.candidates import collect_candidates
from summarizer.clean import clean, strip_pinyin
from summarizer.merge import AUTO_HOST_RULES, merge, tidy_event
from summarizer.prompt import build_prompt
from summarizer.schema import ModelHost, ModelReply, ModelResolution
from summarizer.script import fold

_TO_TRADITIONAL = opencc.OpenCC("s2t")

# Invented: a listed organiser, a chair, a convening body, an outcome and a dateline.
TEXT = (
    "甲市商会召开第三届会员大会\n"
    "【本报讯】5月8日上午，甲市商会在会展中心召开第三届会员大会，会议由乙区工商联承办。"
    "大会由会长丙丁主持。大会选举戊己为新一届会长。"
)


@pytest.fixture(scope="module")
def setup():
    article = clean(TEXT)
    candidates = collect_candidates(article)
    prompt = build_prompt(article, candidates)
    return article, candidates, prompt


def number_of(candidates, prompt, name: str) -> int:
    index = next(i for i, c in enumerate(candidates.hosts) if c.name == name)
    return prompt.offer.hosts.index(index) + 1


def test_picked_numbers_become_items_the_model_and_rules_share(setup) -> None:
    article, candidates, prompt = setup
    reply = ModelReply(event="甲市商会第三届会员大会", date=1, hosts=[number_of(candidates, prompt, "丙丁")],
                       resolutions=[1])
    proposal = merge(article, reply, candidates, prompt.offer)
    # the pick is shared; the allowed family's other find is the rules' own
    assert [(h.name, h.role, h.source) for h in proposal.hosts] == [
        ("丙丁", "chair", "both"), ("乙区工商联", "co-organiser", "rules")]
    assert proposal.resolutions[0].source == "both" and "选举戊己" in proposal.resolutions[0].evidence
    assert proposal.date.value == "--05-08"


def test_a_number_that_was_not_offered_is_dropped_with_a_reason(setup) -> None:
    article, candidates, prompt = setup
    proposal = merge(article, ModelReply(event="x", hosts=[99], resolutions=[42]), candidates, prompt.offer)
    # what stays is what the rules add on their own (the election), never a guess at the number
    assert all(h.source == "rules" for h in proposal.hosts)
    assert [(r.evidence, r.source) for r in proposal.resolutions] == [("大会选举戊己为新一届会长", "rules")]
    assert {d.reason for d in proposal.dropped} == {"no such host candidate", "no such outcome candidate"}


def test_written_out_items_are_the_models_or_both_when_a_rule_found_them(setup) -> None:
    article, candidates, prompt = setup
    reply = ModelReply(event="大会", other_hosts=[
        ModelHost(name="乙区工商联", role="co-organiser", evidence="会议由乙区工商联承办"),
        ModelHost(name="会展中心", role="organiser", evidence="在会展中心召开"),
    ], other_resolutions=[ModelResolution(text="选举会长", evidence="大会选举戊己为新一届会长")])
    proposal = merge(article, reply, candidates, prompt.offer)
    assert [(h.name, h.source) for h in proposal.hosts] == [("乙区工商联", "both"), ("会展中心", "model"),
                                                           ("丙丁", "rules")]
    assert proposal.resolutions[0].source == "both"


def test_rules_add_only_allowed_families(setup) -> None:
    article, candidates, prompt = setup
    silent = merge(article, ModelReply(event="大会"), candidates, prompt.offer)
    added = {(h.name, h.source) for h in silent.hosts}
    assert added == {("丙丁", "rules"), ("乙区工商联", "rules")}
    # 甲市商会 is found only by the convene family, which may offer but not add: the model must pick it.
    assert next(c.rule for c in candidates.hosts if c.name == "甲市商会") not in AUTO_HOST_RULES
    spoke = merge(article, ModelReply(event="大会", hosts=[number_of(candidates, prompt, "甲市商会")]), candidates,
                  prompt.offer)
    assert [(h.name, h.source) for h in spoke.hosts] == [("甲市商会", "both"), ("乙区工商联", "rules"), ("丙丁", "rules")]


def test_a_name_the_model_gave_with_an_alias_is_not_added_again() -> None:
    article = clean("某市铝行业协会二届三次理事会召开。")
    candidates = collect_candidates(article)
    prompt = build_prompt(article, candidates)
    reply = ModelReply(event="理事会", other_hosts=[
        ModelHost(name="某市铝行业协会（某市铝协）", role="organiser", evidence="某市铝行业协会二届三次理事会召开")])
    assert [h.name for h in merge(article, reply, candidates, prompt.offer).hosts] == ["某市铝行业协会"]


@pytest.mark.parametrize(
    ("text", "picked", "quotes"),
    [
        ("大会选举甲为会长，选举乙为秘书长。", [1, 2], ["大会选举甲为会长，选举乙为秘书长"]),
        ("大会选举甲为会长，并审议通过了章程修正案。", [1, 2], ["大会选举甲为会长", "并审议通过了章程修正案"]),
        ("全市共签约8个项目，签约金额达9亿元，其中甲县签约3个项目。", [1, 2, 3],
         ["全市共签约8个项目，签约金额达9亿元", "其中甲县签约3个项目"]),
        # a semicolon joins the parts of one outcome as a comma does, and separates two kinds as well
        ("会长向甲公司颁发了诚信单位奖牌；向乙公司颁发了创新企业奖牌。", [1, 2],
         ["会长向甲公司颁发了诚信单位奖牌；向乙公司颁发了创新企业奖牌"]),
        ("大会选举甲为会长；审议通过了章程修正案。", [1, 2], ["大会选举甲为会长", "审议通过了章程修正案"]),
    ],
)
def test_adjacent_outcomes_of_one_kind_are_one_resolution(text, picked, quotes) -> None:
    article = clean(text)
    candidates = collect_candidates(article)
    prompt = build_prompt(article, candidates)
    numbers = [n for n in picked if n <= len(prompt.offer.outcomes)]
    proposal = merge(article, ModelReply(event="大会", resolutions=numbers), candidates, prompt.offer)
    assert [r.evidence for r in proposal.resolutions] == quotes


def _merged(text: str, reply: ModelReply):
    article = clean(text)
    candidates = collect_candidates(article)
    prompt = build_prompt(article, candidates)
    return merge(article, reply, candidates, prompt.offer), len(prompt.offer.outcomes)


# Invented: the winners announced, then the ceremony that gave them the awards.
TOLD_TWICE = ("江城机械有限公司、湖城铸造有限公司荣获年度先进会员单位称号。"
              "随后，会长向江城机械有限公司、湖城铸造有限公司颁发了年度先进会员单位奖牌。")


@pytest.mark.parametrize("text", [TOLD_TWICE, _TO_TRADITIONAL.convert(TOLD_TWICE)])
def test_an_outcome_told_twice_is_one_resolution_the_fuller(text: str) -> None:
    _, offered = _merged(text, ModelReply(event="大会"))
    both, _ = _merged(text, ModelReply(event="大会", resolutions=list(range(1, offered + 1))))
    assert [fold(r.evidence) for r in both.resolutions] == [
        "随后，会长向江城机械有限公司、湖城铸造有限公司颁发了年度先进会员单位奖牌"]
    assert [fold(d.item["resolution"]) for d in both.dropped if d.reason.startswith("restates")] == [
        "江城机械有限公司、湖城铸造有限公司荣获年度先进会员单位称号"]
    # the model chose the shorter telling: the fuller one a rule adds holds all of it and is the
    # model's choice too
    first, _ = _merged(text, ModelReply(event="大会", resolutions=[1]))
    assert [(fold(r.evidence), r.source) for r in first.resolutions] == [
        ("随后，会长向江城机械有限公司、湖城铸造有限公司颁发了年度先进会员单位奖牌", "both")]


@pytest.mark.parametrize(("shorter", "fuller", "same"), [
    # the verb and its trappings differ, quotation marks aside
    ("华信科技有限公司荣获“先进集体”称号", "大会向华信科技有限公司颁发了“先进集体”奖牌", True),
    ("会上，甲副市长、乙会长共同为江城市青年创业中心揭牌", "会上，甲副市长、乙会长共同为江城市青年创业中心揭牌。", True),
    # a longer name, another document, another number, one more winner: a different outcome
    ("大会审议通过了《会员管理办法》", "大会审议通过了《会员管理办法实施细则》", False),
    ("大会向市一中颁发了教育先进单位奖牌", "大会向市十一中颁发了教育先进单位奖牌", False),
    ("大会向市第一中学颁发了教育先进单位奖牌", "大会向市第二中学颁发了教育先进单位奖牌", False),
    ("商会与中国银行签署了战略合作协议", "商会与中国工商银行签署了战略合作协议", False),
    ("会议审议通过了《2024年度财务预算方案》", "会议审议通过了《2025年度财务预算方案》", False),
    ("大会表彰了10家先进会员单位", "大会表彰了20家先进会员单位", False),
    ("大会为甲公司颁发了年度先进会员单位奖牌", "会上，大会为甲公司、乙公司、丙公司等8家企业颁发了年度先进会员单位奖牌", False),
])
def test_a_restatement_says_nothing_the_fuller_telling_lacks(shorter: str, fuller: str, same: bool) -> None:
    text = f"{shorter}。{fuller}。"
    for written in (text, _TO_TRADITIONAL.convert(text)):
        _, offered = _merged(written, ModelReply(event="大会"))
        proposal, _ = _merged(written, ModelReply(event="大会", resolutions=list(range(1, offered + 1))))
        assert len(proposal.resolutions) == (1 if same else 2), proposal.resolutions
        if same:
            assert fold(proposal.resolutions[0].evidence).startswith(fold(fuller).rstrip("。")[:6])


@pytest.mark.parametrize("text", [
    "会长向江城机械有限公司颁发了2025年度江城市机械行业协会先进会员单位奖牌。会长向湖城铸造有限公司颁发了2025年度江城市机械行业协会先进会员单位奖牌。",
    "会议审议通过了《江城市商会章程修正案》。会议审议通过了《江城市商会会费管理办法》。",
    "大会选举王立新为江城市机械行业协会第五届理事会会长。大会选举李明远为江城市机械行业协会第五届理事会秘书长。",
])
def test_distinct_outcomes_told_alike_are_all_kept(text: str) -> None:
    for written in (text, _TO_TRADITIONAL.convert(text)):
        _, offered = _merged(written, ModelReply(event="大会"))
        proposal, _ = _merged(written, ModelReply(event="大会", resolutions=list(range(1, offered + 1))))
        assert len(proposal.resolutions) == 2, proposal.resolutions
        assert not any(d.reason.startswith("restates") for d in proposal.dropped)


def test_elections_adoptions_awards_and_decisions_are_added_unasked_other_outcomes_only_offered() -> None:
    text = ("大会选举王立新为会长。会议审议通过了新修订的会员公约。会长向江城公司颁发了诚信单位奖牌。"
            "会议研究了会费收缴工作，决定下月起调整会费标准。"
            "商会与江城大学签署了合作协议。秘书长宣读了《关于表彰优秀会员的决定》。")
    for written in (text, _TO_TRADITIONAL.convert(text)):
        silent, offered = _merged(written, ModelReply(event="大会"))
        assert offered == 6
        assert [(fold(r.evidence), r.source) for r in silent.resolutions] == [
            ("大会选举王立新为会长", "rules"), ("会议审议通过了新修订的会员公约", "rules"),
            ("会长向江城公司颁发了诚信单位奖牌", "rules"),
            ("会议研究了会费收缴工作，决定下月起调整会费标准", "rules")]
        picked, _ = _merged(written, ModelReply(event="大会", resolutions=[5, 6]))
        assert [r.source for r in picked.resolutions] == ["rules", "rules", "rules", "rules", "both", "both"]


def test_a_deals_terms_are_added_unasked_even_when_relayed() -> None:
    text = ("商会与江城大学签署了合作协议。根据协议，双方将共建实训基地。"
            "县政府指出，备忘录内容包括互派研修团和农产品展销两项。")
    for written in (text, _TO_TRADITIONAL.convert(text)):
        silent, offered = _merged(written, ModelReply(event="签约仪式"))
        assert offered == 3
        assert [(fold(r.evidence), r.source) for r in silent.resolutions] == [
            ("根据协议，双方将共建实训基地", "rules"), ("备忘录内容包括互派研修团和农产品展销两项", "rules")]


@pytest.mark.parametrize("text", [
    # 通过 as "by means of"
    "会议通过视频连线方式，邀请了省商会领导讲话。",
    "会上通过PPT展示了商会一年来的工作成果。",
    "与会人员通过了解企业发展情况，对商会工作提出建议。",
    "会员可通过《商会通讯》微信公众号报名参加下次活动。",
    # a signing after a condition is still a signing: offered, not added
    "双方通过友好协商，签订了战略合作协议。",
    "经主管部门同意，双方签署了合作备忘录。",
    # planned, asked for, hoped for, dated to a bare year, a record of honours, named after
    "商会计划于年底表彰一批优秀会员企业。",
    "张三要求各会员单位积极推选优秀青年企业家。",
    "华泰公司有望获评省级专精特新企业。",
    "2019年该公司荣获国家高新技术企业称号。",
    "据了解，张三2015年当选为市人大代表。",
    "该公司先后荣获省级专精特新企业等荣誉。",
    "该展馆以捐赠人张三的名字命名。",
    "新当选会长张三在讲话中表示，将带领商会再上台阶。",
    "会议通报了换届选举的筹备情况。",
    # terms of a deal not yet made, or a speaker's directive
    "双方拟签署的协议内容包括共建实训基地和互派教师。",
    "即将签订的备忘录内容涉及观光宣传与青年交流。",
    "王市长强调，根据协议，各部门要抓好落实。",
    # acts of kinds whose precision is unmeasured: offered to the model, never added unasked
    "经选举，新任常务理事张三、李四，理事王五、赵六。",
    "张三、李四等四名同志按期转为中国共产党正式党员。",
])
def test_rules_add_only_acts_done_tonight_of_the_measured_kinds(text: str) -> None:
    for written in (text, _TO_TRADITIONAL.convert(text)):
        silent, _ = _merged(written, ModelReply(event="大会"))
        assert silent.resolutions == [], silent.resolutions


@pytest.mark.parametrize("text", [
    "会议审议通过了《2024年工作报告》；会议同意张三辞去秘书长职务。",
    # another body of the meeting as the new subject
    "随后召开的理事会选举王明为理事长；监事会推选李华为监事长。",
])
def test_a_semicolon_does_not_join_a_new_act_of_the_meeting(text: str) -> None:
    for written in (text, _TO_TRADITIONAL.convert(text)):
        _, offered = _merged(written, ModelReply(event="大会"))
        proposal, _ = _merged(written, ModelReply(event="大会", resolutions=list(range(1, offered + 1))))
        assert len(proposal.resolutions) == 2, proposal.resolutions


def test_the_model_alone_gets_no_rule_items_and_its_own_date(setup) -> None:
    article, _, _ = setup
    bare = build_prompt(article, None)
    proposal = merge(article, ModelReply(event="大会", date="5月8日上午"), None, bare.offer)
    assert proposal.hosts == [] and proposal.resolutions == []
    assert proposal.date.value == "--05-08" and proposal.date.phrase == "5月8日上午"


@pytest.mark.parametrize(("phrase", "value"), [("6月9日", None), ("5月9号", None), ("2019年5月8日上午", "--05-08")])
def test_the_model_alone_date_is_verified_against_the_article(setup, phrase, value) -> None:
    """Without candidates the model's phrase is still checked: one not in the article gives no
    date (nothing the record quotes may be missing from the page), and an added year is dropped."""
    article, _, _ = setup
    bare = build_prompt(article, None)
    proposal = merge(article, ModelReply(event="大会", date=phrase), None, bare.offer)
    assert proposal.date.value == value
    assert proposal.date.phrase is None or proposal.date.phrase in article.text


def test_a_year_the_model_added_is_dropped_and_the_rest_kept(setup) -> None:
    article, candidates, prompt = setup
    proposal = merge(article, ModelReply(event="大会", date="2019年5月8日上午"), candidates, prompt.offer)
    assert proposal.date.value == "--05-08"


@pytest.mark.parametrize(
    ("event", "tidy"),
    [("甲市商会第三届会员大会在武汉隆重召开！", "甲市商会第三届会员大会"), ("年會舉行", "年會舉行"), ("[R2]签约仪式", "签约仪式"),
     ("乙縣農會第五屆理事會在縣城順利召開。", "乙縣農會第五屆理事會")],
)
def test_event_names_not_headlines(event: str, tidy: str) -> None:
    assert tidy_event(event) == tidy


def test_a_headline_for_an_event_gives_way_to_the_name_the_article_gives() -> None:
    """The model copied a headline that names no event: the fullest event name of the article
    is used, and a warning says so. An answer that names an event is the model's to keep."""
    article = clean("百佳联盟会聚南通\n6月2日，甲家居与百佳联盟战略合作峰会在南通召开。峰会由甲家居主办。")
    candidates = collect_candidates(article)
    prompt = build_prompt(article, candidates)
    proposal = merge(article, ModelReply(event="百佳联盟会聚南通", date=None), candidates, prompt.offer)
    assert proposal.event == "甲家居与百佳联盟战略合作峰会"
    assert any("names no event" in w for w in proposal.warnings)
    kept = merge(article, ModelReply(event="百佳联盟南通峰会", date=None), candidates, prompt.offer)
    assert kept.event == "百佳联盟南通峰会"
    alone = merge(article, ModelReply(event="百佳联盟会聚南通", date=None), None, prompt.offer)
    assert alone.event == "百佳联盟会聚南通"  # the model alone: no rule repairs its answer


def test_a_bare_event_noun_does_not_replace_the_models_answer() -> None:
    article = clean("甲乙合作\n5月2日，甲公司与乙县政府举行了签约仪式。")
    candidates = collect_candidates(article)
    assert [e.name for e in candidates.events] == ["签约仪式"]
    proposal = merge(article, ModelReply(event="甲乙合作", date=None), candidates, build_prompt(article, candidates).offer)
    assert proposal.event == "甲乙合作"


def test_only_a_copied_headline_gives_way_and_never_to_a_planned_event() -> None:
    """A model's own name for the event stays even when it ends in no event noun; a headline it
    copied gives way to the event reported, not to one announced for next year."""
    article = clean("扬州鉴真马拉松开跑\n4月16日，2023扬州鉴真国际半程马拉松鸣枪开跑。赛前，组委会召开了赛事新闻发布会暨安全保障工作会议。")
    candidates = collect_candidates(article)
    offer = build_prompt(article, candidates).offer
    own = merge(article, ModelReply(event="2023扬州鉴真国际半程马拉松", date=None), candidates, offer)
    assert own.event == "2023扬州鉴真国际半程马拉松"
    article = clean("百佳联盟会聚南通\n6月2日，甲家居与百佳联盟战略合作峰会在南通召开。会上宣布，明年将在成都召开第二届中国家居产业链高质量发展大会。")
    candidates = collect_candidates(article)
    reply = ModelReply(event="百佳联盟会聚南通", date=None)
    assert merge(article, reply, candidates, build_prompt(article, candidates).offer).event == "甲家居与百佳联盟战略合作峰会"


@pytest.mark.parametrize(("headline", "body"), [
    ("第十届茶博会启幕", "5月8日，第十届茶博会在杭州启幕。开幕当天，还举行了2023中国茶叶品牌发展高峰论坛。"),
    ("第133届广交会开展", "4月15日，第133届广交会开展。同期举行了贸易投资促进论坛。"),
])
def test_a_headline_that_names_an_event_by_its_verb_is_kept(headline: str, body: str) -> None:
    article = clean(f"{headline}\n{body}")
    candidates = collect_candidates(article)
    proposal = merge(article, ModelReply(event=headline, date=None), candidates, build_prompt(article, candidates).offer)
    assert proposal.event == headline


def test_a_rule_outcome_cut_differently_from_the_models_quote_is_not_added_beside_it() -> None:
    """The model quotes the officers' list; the rule's cut of the same sentence starts earlier: one
    outcome, the model's cut."""
    text = ("协会召开理事会。随后召开的二届一次理事会选举产生了新一届领导班子，江城物流公司董事长张立当选为会长，"
            "李明当选为秘书长。")
    quote = "张立当选为会长，李明当选为秘书长"
    for written in (text, _TO_TRADITIONAL.convert(text)):
        reply = ModelReply(event="理事会", other_resolutions=[
            ModelResolution(text="选举会长、秘书长", evidence=_TO_TRADITIONAL.convert(quote) if written != text else quote)])
        merged, _ = _merged(written, reply)
        assert [fold(r.evidence) for r in merged.resolutions] == [quote]
        silent, _ = _merged(written, ModelReply(event="理事会"))
        assert [r.source for r in silent.resolutions] == ["rules"]  # alone, the rule's outcome is added


def test_the_rest_of_an_outcome_after_the_models_quote_goes_on_that_quote() -> None:
    """The model quotes the first officer; the rules' clauses after it, of the same kind and joined by a
    comma, name the other officers the same election produced: one resolution, the model's quote
    carried on (not a second item beside it)."""
    text = "随后召开的一届一次理事会上，王立当选会长，孙明、赵亮当选副会长，钱芳当选秘书长。会后合影。"
    quote = "随后召开的一届一次理事会上，王立当选会长"
    for written in (text, _TO_TRADITIONAL.convert(text)):
        reply = ModelReply(event="理事会", other_resolutions=[ModelResolution(
            text="王立当选会长", evidence=_TO_TRADITIONAL.convert(quote) if written != text else quote)])
        merged, _ = _merged(written, reply)
        assert [fold(r.evidence) for r in merged.resolutions] == [
            "随后召开的一届一次理事会上，王立当选会长，孙明、赵亮当选副会长，钱芳当选秘书长"]
        assert merged.resolutions[0].source == "both"
        assert fold(merged.resolutions[0].text).startswith("王立当选会长；")


def test_a_quote_copied_with_the_pages_pinyin_annotations_is_the_models_cut() -> None:
    """The page writes "審議(yì)通過"; the cleaned text has no annotations. The model's two quotes,
    copied with them, stand where the text tells them: the rule's cut of the same sentence is not
    added beside them, and neither is dropped as a restatement of it."""
    text = ("2023年10月28日，江城商會召開會員大會。大會審議(yì)通過了第三屆理事會工作報告，"
            "審議(yì)通過了新修訂的《江城商會章程》。")
    quotes = ["審議(yì)通過了第三屆理事會工作報告", "審議(yì)通過了新修訂的《江城商會章程》"]
    reply = ModelReply(event="會員大會", other_resolutions=[ModelResolution(text=q, evidence=q) for q in quotes])
    merged, _ = _merged(text, reply)
    assert [r.source for r in merged.resolutions] == ["both", "both"], merged.resolutions
    assert [fold(strip_pinyin(r.evidence)) for r in merged.resolutions] == [
        fold(strip_pinyin(q)) for q in quotes]
