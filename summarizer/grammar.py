"""The rule vocabulary: markers and the phrases they govern, in simplified script only.

Every pattern here runs on text folded to simplified characters by
:func:`summarizer.script.fold` (same length as the original, so offsets hold);
traditional pages match the same patterns without a second spelling. The
vocabulary is grammatical: role markers (主办/承办/协办/主持), the verbs a body
uses for its own meeting (召开/举办/举行), outcome verbs (通过/选举/签署…), and
the verbs that make a name an attendee or a speaker instead.
"""

from __future__ import annotations

import re

from .patterns import compile_guarded

# A page's list of links to other articles: a label line, then bare headlines.
_RELATED = (r"\s*[【\[〖(（]?\s*(?:(?:相关|相关的|延伸|推荐|热点|热门|最新|更多|往期|其他|精彩)"
            r"(?:新闻|阅读|文章|报道|报导|链接|连结|资讯|推荐|动态|回顾)|相关(?:消息|快讯))"
            r"(?:推荐)?\s*[】\]〗)）]?")
RELATED_LABEL = re.compile(rf"{_RELATED}\s*[:：]?\s*$")
# The label and its headlines on one line ("延伸阅读：甲公会改选 新任理事长…｜乙…"): no sentence of prose.
RELATED_INLINE = re.compile(rf"{_RELATED}\s*[:：][^，,。；;！!？?]+$")
# Clause and sentence boundaries (ASCII and full-width punctuation).
CLAUSE_SPLIT = re.compile(r"[，,。；;！!？?\n：:]")
# A line with no clause punctuation is a headline, a section heading or an item of a list ("甲商会
# 换届 张三连任会长", "选举事项"), which restates or announces the body: no outcome is quoted from it.
UNPUNCTUATED_LINE = re.compile(r"[^，,。；;！!？?：:\n]{1,64}")
# The first mark of prose on a page: the lines above it are its masthead and headline.
PROSE_MARK = re.compile(r"[，,。；;！!？?]|[：:](?=\n|$)")  # a colon ending a line leads into the body
# An item of an enumerated list ("一、", "2.", "（三）") is the body's, headline or not.
ENUMERATED = re.compile(r"\s*(?:[一二三四五六七八九十]+[、.．]|\d+[、.．]|[（(][一二三四五六七八九十\d]+[）)])")
# A line this short with no clause punctuation, inside the body, is a heading or a caption.
HEADING_MAX = 24
SENTENCE_END = "。；;！!？?\n"

# ---------------------------------------------------------------- hosts
ORGANISER_MARK = r"(?:联合|共同)?主办"
# "综合办公室", "联合办事处": 合办/联办 inside a word are no marker.
CO_ORGANISER_MARK = r"承办|协办|(?:联办|合办)(?!公|事)"
CHAIR_MARK = r"主持"
# A courtesy after a person's name ("王建平先生", "陈美玲女士", "李强同志").
HONORIFIC = re.compile(r"(?<=[\u3400-\u9fff])(?:先生|女士|小姐|同志)$")
# Adverbs of a record right before a role marker: "曾主办", "多次承办", "连续三年协办".
HISTORY_ADVERB = re.compile(r"(?:曾经|曾|多次|屡次|先后|历年|连续[^\s，,。；;]{0,3}?)$")
# A role marker inside a phrase makes it a clause ("由A主办"), never a name.
ANY_ROLE_MARK = re.compile(rf"{ORGANISER_MARK}|{CO_ORGANISER_MARK}|{CHAIR_MARK}")
# Adverbs between a list of people and 主持: "A、B共同主持".
# A time between the chair and 主持 ("县长张三今（16）日主持", "会长李四于3月5日上午主持") is no part of a name.
_CHAIR_TIME = (r"(?:于|在)?(?:(?:今|昨|明|前)\s*[（(]\s*\d{1,2}\s*[）)]\s*[日天晚]|今天|今日|昨天|昨日|当天|当日|"
               r"(?:\d{1,2}月)?\d{1,2}日)?(?:上午|中午|下午|晚上|晚间|早上)?")
CHAIR_ADVERB = re.compile(rf"(?:{_CHAIR_TIME}(?:共同|联合|一起|分别|轮流|先后)*)$")
# A site's masthead or footer, not an event notice: "X主办 版权所有 ICP备…".
SITE_FOOTER = re.compile(
    r"版权|ICP|备案|技术支持|copyright|网站地图|联系我们|本站|本网|邮编|邮政编码|传真", re.IGNORECASE
)
# A line that is nothing but the site's own furniture, beside a notice line ("网站地图", "版权所有 …").
SITE_FURNITURE_LINE = re.compile(r"版权所有|ICP备|ICP证|备案号|网站地图|关于我们|技术支持|Copyright|©", re.IGNORECASE)
# A labelled line that also gives contact details belongs to the page, not the event.
CONTACT_LABEL = re.compile(r"网站|网址|电话|邮编|地址|邮箱")
# A body that holds its own meeting.
CONVENE_VERB = r"(?:主持|组织)?(?:召开|举办|举行)"
# The subject of these is an attendee, speaker, witness or sponsor, not a host.
NOT_HOST_VERB = re.compile(
    r"出席|参加|参会|与会|列席|致辞|致词|讲话|发言|见证|观礼|赞助|会见|祝贺|应邀|受邀|陪同|考察|调研|莅临|到场|观摩"
)
# Words that end the name of an organisation.
ORG_SUFFIX = (
    r"(?:协会|学会|商会|学生会|校友会|同乡会|联合会|[^\W\d]协|[^\W\d]促会|(?:侨|文|社|残|青|台|学|妇|科)联|红十字会|委员会|管委会|工委|基金会|研究会|促进会|联谊会|总会|分会|工会|公会|会馆|农会|渔会|宗亲会|同学会|协进会|街坊会|学校|中学|小学|幼儿园|"
    r"政府|人民政府|市委|县委|区委|省委|党委|党组|人大|政协|工商联|科协|妇联|团委|"
    r"日报|晚报|报社|社|电视台|电台|局|厅|部|院|所|署|办|办公室|处|科|站|中心|集团|公司|企业|银行|大学|学院|医院|研究院|联盟|"
    r"图书馆|博物馆|纪念馆|美术馆|文化馆|科技馆|体育馆|艺术馆|展览馆|俱乐部|组委会|秘书处|学系|片区|园区|开发区|经济区|新区|乡|镇|街道|村|社区|县|市|区|省)"
)
ORG_NAME = re.compile(rf"^[\w\u3400-\u9fff（）()·&＆]{{1,40}}?{ORG_SUFFIX}$")
_LEGAL_FORM = re.compile(r"^(?:(?:股份)?有限(?:责任)?公司|公司|集团(?:(?:股份)?有限公司)?)$")
_SUB_UNIT = re.compile(rf"^[\w\u3400-\u9fff（）()·]{{0,40}}?{ORG_SUFFIX}$")


def in_book_title(folded: str, at: int) -> bool:
    """Whether ``at`` falls inside 《…》: a speech word there ("《关于增设食堂的建议》") is a title's."""
    opened = folded.rfind("《", 0, at)
    return opened >= 0 and folded.find("》", opened, at) < 0


def short_form(name: str) -> str:
    """A (folded) name as pages usually shorten it: "临溪县人民政府" is written "临溪县政府", "县政府"."""
    return name.replace("人民政府", "政府")


def same_body(a: str, b: str) -> bool:
    """Two (folded) names of one body: the same, or one written with more of its name ("市医学会" and
    "眉山市医学会", "江城商会" and "江城市江城商会"). A longer name that continues the shorter with
    a unit of its own ("澄湖大学" and "澄湖大学湿地生态研究院") names a part of it, another host."""
    if not a or not b:
        return False
    a, b = short_form(a), short_form(b)
    short, long = sorted((a, b), key=len)
    if short not in long:
        return False
    rest = long[len(short) :]
    if _LEGAL_FORM.match(rest):
        return True  # "江城银行" and "江城银行股份有限公司": one company
    return not (long.startswith(short) and len(rest) >= 2 and _SUB_UNIT.match(rest))


# Job titles: a chair is named right after (or right before) one of these.
TITLE = (
    r"(?:常务|执行|名誉|代理?|总|副|第一){0,2}(?:书记|主任|主席|会长|理事长|监事长|秘书长|市长|县长|区长|省长|"
    r"镇长|乡长|局长|厅长|部长|院长|所长|校长|董事长|总经理|经理|总裁|社长|处长|科长|主委|组长|"
    r"召集人|发起人|创始人|负责人|委员|常委|行长|馆长|站长|总经济师|经济师|工程师|教授|博士|"
    r"干事|执行长|议长|总监|理事|监事|董事|司长|署长|执行董事)"
)
PERSON = r"[\u3400-\u9fff·]{2,4}"

# ---------------------------------------------------------------- outcomes
# A deal's terms are an outcome of its signing: what the agreement says the parties will do.
_AGREEMENT = r"(?:合作)?(?:框架)?(?:协议书|协议|备忘录|合同(?!法)|协定|MOU|mou)"
_BY_AGREEMENT = rf"(?:根据|按照|依据|依照|依)(?:该|本|此|这一)?{_AGREEMENT}(?:的?内容)?"
_AGREEMENT_CONTENT = rf"(?:本次|此次|这次|该|本)?{_AGREEMENT}的?(?:主要)?(?:内容|条款)"
AGREEMENT_TERMS = (
    rf"{_BY_AGREEMENT}(?=[，,])|"
    rf"{_AGREEMENT_CONTENT}(?=包括|包含|涵盖|涉及|除|有|为|是|如下|[：:])"
)
# The parties' commitments opening a clause after their signing ("签署战略合作协议，双方将在…领域开展
# 合作"): the terms of the deal just signed. Not a signing still to come ("双方将择期签署…").
PARTIES_WILL = (
    r"(?:双方|两方|三方|多方|各方|两家|三家)(?:还|并|也|均|共同)?(?:将|同意|约定|商定|承诺)"
    r"(?![^，,。；;]{0,6}(?:签署|签订|签约|续签|缔结))"
    r"(?![^，,。；;]{0,4}(?:出席|参加|赴|前往|参观|考察|调研|见证|合影|共进|观看))"  # an itinerary, not terms
)
# What follows a ceremony in time ("随后，", "签约后，"): the next item of the day, not the deal's terms.
AFTERWARDS = re.compile(r"(?:随后|之后|此后|会后|签约后|仪式后|结束后)[，,]?$")
PARTIES_WILL_CLAUSE = re.compile(PARTIES_WILL)
# A directive's modal: what someone requires to be done, not what was agreed or decided.
DIRECTIVE = re.compile(r"(?:一是|二是|三是|四是|首先|其次|再次|最后)?(?:要|应当|应该|需要|须|必须|务必)")
# What a meeting adopts, named within its clause: a document, a plan, a list.
_ADOPTED_NOUN = (r"(?:报告|方案|章程|办法|决议|决定|规划|计划|预算|决算|制度|规则|细则|"
                 r"条例|公约|纲要|名单|意见|提案|议案|申请|草案|修正案|事项|标准|纪要|规定|要点|安排|会章)")
_ADOPTED_THING = rf"[^，,。；;！!？?]{{0,30}}?{_ADOPTED_NOUN}"
# 通过 as "by means of": a channel or an act of showing or asking comes before what follows it.
_BY_MEANS = (r"网络|视频|平台|屏幕|问卷|调查|线上|直播|微信|媒体|渠道|方式|形式|途径|展示|展播|收集|征求|征集|"
             r"了解|观看|发布|宣传|播放")
# A prize named after 获 within its clause ("《甲》获最佳论文奖", "获一等奖"); "获奖作品" names no prize.
_PRIZE_WON = (r"获(?!邀|取|悉|批|益|赠|准|利)(?:得了?)?[^，,。；;！!？?\s]{1,20}?"
              r"(?:(?<![抽夸褒颁])奖(?![金励补学品券])|称号)")
# A prize and its winner by 由 ("金奖由甲队夺得", "银奖由乙获得").
_PRIZE_BY = r"奖[^，,。；;！!？?]{0,4}由[^，,。；;！!？?]{1,30}?(?:获得|夺得|摘得)"
# A gift pledged or made with its amount ("宣布个人捐资港币五十万元", "承诺每年拨款五十万元"): a concrete
# commitment; without an amount ("出资代表", "捐款捐物") it names no act of this event.
_CURRENCY = r"(?:元|港元|港币|澳门元|澳门币|美元|欧元|新台币|台币)"
_AMOUNT = (r"[0-9０-９.,〇零一二三四五六七八九十百千两]+\s*(?:余|多)?\s*"
           rf"(?:[万亿]\s*(?:余|多)?\s*{_CURRENCY}?|{_CURRENCY})")
# (asked for is no gift: "向市政府申请拨款50万元")
PLEDGE = rf"(?<!申请)(?<!请求)(?<!争取)(?:捐赠|捐资|捐款|捐出|捐助|认捐|拨款|出资)(?=[^，,。；;]{{0,16}}?{_AMOUNT})"
# A verb that states an outcome of the event on its own.
ADMITTED = r"(?:转为|接收为|吸收为)(?:中国共产党|中共)?(?:正式|预备)党员"
STRONG_OUTCOME = compile_guarded(
    # (within its clause: "审议结果：通过" is a form's field, "会议经表决，通过了…" adopts in its second clause)
    r"(?:审议|讨论|表决|原则|一致|全票|会议|大会|会上|会中|大比数|多数票|无异议)[^\s，,。；;：:、]{0,3}?(?:通过|同意)|"
    r"通过了(?!解)|通过《|(?<=表决[，,])(?:通过|同意)|"
    # an adoption told of what was adopted, by the way it passed ("两份报告经与会会员鼓掌通过", "修章案获得通过",
    # "该议案获理事会通过")
    # (and how the vote was taken: "以举手方式通过续聘…", "获在场大多数业主举手赞成通过")
    r"照案通过|(?:鼓掌|举手|投票|表决)(?:的?方式|形式)?(?:表决)?(?:赞成)?通过(?!率)|赞成通过(?!率)|"
    rf"获(?![邀悉批取益赠准利])得?了?[^，,。；;]{{0,8}}?通过(?!率|了?(?:{_BY_MEANS}))|"
    # an item of a list of decisions, or a further one after a semicolon ("会议议定：一、同意《…》；同意推荐…")
    r"(?<=[、.．)）；;])(?<![^\n一二三四五六七八九十0-9（(][、.．)）])(?:原则)?同意(?!见|书|者)|"
    # a further adoption in a later clause, naming what it adopted ("，并通过113年度工作计画")
    rf"(?:并|还|同时|又|另|一并)通过(?=了?\s*(?:(?!{_BY_MEANS})[^，,。；;！!？?]){{0,24}}?{_ADOPTED_NOUN})|"
    r"选举(?!事项|程序|办法)|获选(?=为|连任|[^，,。；;]{0,6}?"+TITLE+r")|(?<![曾已再求望能可有])蝉联(?=[^，,。；;的]{0,12}?"+TITLE+r")|(?<![曾已再求望能可])连任(?=[^，,。；;的]{0,4}?"+TITLE+r"(?!的))(?![^，,。；;]{0,8}?后[，,])|当选(?!名册|名单|证书|人(?!大)|者)|选出(?![^，,。；;]{0,8}(?:得奖|获奖|优胜|得主))|增选|补选|推选|投票产生|改选|换届(?!选举|工作|事宜|筹备|准备|相关|有关)|"
    r"审定|(?:修订|修改完善|补充完善|修改)了?《|签署|签订|签约|续签|缔结|"
    r"揭牌|授牌|授予|颁发(?![^，,。；;]{0,4}(?:学位证书|毕业证书|结业证书|学位证))|颁奖(?!嘉宾)|颁赠|表彰|表扬了?(?!信|稿)|命名|评出(?=[^，,。；;]{0,12}?(?:奖|优秀|先进|十佳|示范))|荣获|获评|获颁|被评为|荣膺|"
    rf"{_PRIZE_WON}|{_PRIZE_BY}|夺得|(?<!采)摘得|夺冠|夺魁|"
    r"任命|聘任|聘请|免去|"
    r"(?:会议|大会|研究|一致|并|还|同时|会上|会中)决定(?!事项|精神|的)|作出决定|"
    # the deciding body as the subject ("理事会决定…", "商会决定向…捐赠十万元")
    r"(?<![^，,；;：:。\n\s])(?:本会|该会)?(?:(?:[理董监]事|常委|常务|委员|商|协|学|公|总|本|该|全)会|党委|党组|支部)决定(?![了着性的]|事项|精神)|(?<!否)决议(?!精神)|(?<=会)议决(?!定|策|算|议|事项|精神)|责成|批准|"
    # a decision opening its clause, the sentence's subject deciding ("会议研究了…，决定启动…")
    r"(?<=[，,；;])决定(?![了着性的]|事项|精神)|"
    # taking the oath of office ("全体理事宣誓就职")
    r"宣誓(?:就职|就任)|"
    r"宣布成立|正式成立|成立了|挂牌成立|"
    r"正式发布|发布了|发布《|正式启动|启动了|"
    r"达成\S{0,12}?(?:协议|共识|合作)|"
    # the terms of a deal: "根据协议，双方将…", "备忘录内容包括…"
    rf"{AGREEMENT_TERMS}|{PARTIES_WILL}|"
    # taking up an office: "张三受命为董事长", "李四出任秘书长"
    r"受命(?:为|担任)|(?<![提作做支付选])出任(?![务何])|接任(?![务何])|"
    # a decision read out: "宣读了《关于表彰…的决定》"
    r"宣读了?[：:]?[^。；;，,]{0,60}?(?:决定|通知|决议|命令|通报|批复|名单|公告)|"
    # party membership decided: "张三等四名同志按期转为正式党员", "被接收为中国共产党预备党员"
    rf"{ADMITTED}|"
    rf"{PLEDGE}"
)
# The officers an election produced, as a sentence that is nothing but the list ("新任常务理事张三、
# 李四，理事王五…。"); "新任会长张三表示…" or "新任会长张三、秘书长李四出席…" name people doing something else.
OFFICER_LIST = re.compile(rf"新任(?:{TITLE}{PERSON}(?:、{PERSON})*[，,、]?)+[。；;]?\s*$")
# Kinds of outcome: two adjacent clauses of one kind ("选举A为会长，选举B为秘书长") report one outcome.
OUTCOME_KINDS = {
    "adopted": re.compile(r"通过|同意|审定|批准|修订"),
    "elected": re.compile(r"选举|当选|获选|连任|蝉联|选出|增选|补选|推选|投票产生|改选|换届"),
    "signed": re.compile(r"签署|签订|签约|续签|缔结|达成"),
    "terms": re.compile(rf"{_BY_AGREEMENT}|{_AGREEMENT_CONTENT}"),
    "awarded": re.compile(rf"授予|颁发|表彰|表扬|评出|命名|授牌|揭牌|荣获|获评|被评为|荣膺|{_PRIZE_WON}|{_PRIZE_BY}|"
                          r"夺得|摘得|夺冠|夺魁"),
    "appointed": re.compile(r"任命|聘任|聘请|免去|受命|出任|接任|宣誓就[职任]"),
    "admitted": re.compile(ADMITTED),
    # a decision the meeting took; a decision read out ("宣读了《关于表彰…的决定》") is its own kind:
    # what it decided (the awards, the list) is usually told beside it
    "read": re.compile(r"宣读"),
    "decided": re.compile(r"决定|决议|议决|责成"),
    "founded": re.compile(r"成立|发布|启动"),
    "pledged": re.compile(r"捐赠|捐资|捐款|捐出|捐助|认捐|拨款|出资"),
}


def outcome_kind(text: str) -> str | None:
    """The kind of the first outcome verb in (folded) text."""
    found = [(m.start(), kind) for kind, pattern in OUTCOME_KINDS.items() if (m := pattern.search(text))]
    return min(found)[1] if found else None


# Speech and opinion: what someone said is not what the event decided.
SPEECH_VERB = re.compile(
    r"指出|表示|强调|认为|希望|期待|期望|寄语|说[:：，,“\"]|说道|谈到|讲到|介绍|提议|建议|呼吁|倡议|"
    r"提出(?!候选人|人选|名单|议案|提案|申请)|致辞|致词|讲话|发言|"
    r"(?<![的作做了况])说明(?!会|书)|提醒|"
    # an answer to a question from the floor ("陈主席回应指顾问是经公开招标选出")
    r"回应(?:指|称|说|表示)|答复(?:称|说)|解释(?:称|说)"
)
# A review of past work opening what it reviewed with a colon ("报告回顾了协会五年来的工作：…，推动成立
# 了…"): what follows is the record reviewed, not this event's act.
REVIEWED = re.compile(r"(?:回顾|总结|盘点|梳理)了?[^，,。；;：:]{0,30}[：:]")
# Verbs that relay what was said without asking for anything.
REPORTING_VERB = re.compile(r"指出|表示|介绍|说[:：，,“\"]|说道|谈到|讲到")
# Speaking as an act, with no content clause of its own ("争先发言，…").
SPEECH_ACT = re.compile(r"致辞|致词|讲话|发言(?!人)")
# A clause that opens on the deal's terms ("根据协议", "备忘录内容").
AGREEMENT_TERMS_CLAUSE = re.compile(AGREEMENT_TERMS)
# A first-person subject ("我们因此成立了…") is someone speaking; "我院/我市/我会" is the institution writing.
FIRST_PERSON = re.compile(r"(?:我们|咱们|我)(?![院市县区省会校局厂司所部国行处科委办镇乡村])")
# A collective subject: "会议强调", "与会代表一致认为", "双方表示" state what the meeting or the
# parties agreed, not one person's speech.
_COLLECTIVE = (
    r"(?:会议|大会|会上|全会|常务会|与会[^\s，,。；;：:]{0,4}|参会[^\s，,。；;：:]{0,4}|全体[^\s，,。；;：:]{0,4}|双方|各方|一致)"
    r"[^\s，,。；;：:]{0,2}$"
)
MEETING_SUBJECT = re.compile(_COLLECTIVE)
# A clause that is nothing but a collective subject before its verb: "，随后大会选举…".
MEETING_CLAUSE = re.compile(rf"^(?:随后|接着|最后|然后|同时)?{_COLLECTIVE}")
# Dates of founding or history: background, not an outcome of this event.
BACKGROUND = re.compile(
    r"成立于|成立以来|自\S{0,12}以来|近年来|累计|曾经|曾(?:多次|先后|连续|两次|数次|屡次|被|获|荣获|当选|任|出任|接任|担任|捐|出资|拨款)|此前|去年|往年|历年|多年来|"
    # "先后荣获…": a record of honours, not tonight's award ("先后审议通过" is this meeting's)
    r"先后(?:荣获|获评|获得|被评为|被授予|当选)"
)
# A sentence that opens on a past time ("去年，…", "早在2019年，…") tells history, not this event.
BACKGROUND_OPENER = re.compile(
    r"\s*[（(【]?\s*(?:早在|去年|前年|往年|此前|过去|多年来|近年来|历年来|今年以来|年初以来|[0-9]{4}年以来|[0-9]{4}年[，,]|近\S{1,3}年来|(?:[一二三四五六七八九十两]{1,3}|[0-9]{1,2})年来|"
    # a period's tally: "一季度，经开区新签约项目9个", "上半年，全市共签约…"
    r"(?:今年|去年)?(?:[一二三四1-4]季度?|第[一二三四1-4]季度?|首季度?|前三季度?|上半年|下半年|[1-9]\s*[-—至~]\s*1?[0-9]月)[，,])"
)
# "从2012年开始，（协会）就致力于…": counting from a past year with an adverb of continuance tells
# what has been done since then, not what this event did. "从2025年起执行…" (no such adverb) may be
# a decision that sets its own starting date. The history runs on across commas until a clause
# opens on this event ("…，本届年会选举…", "…，在本次大会上当选…": ``THIS_EVENT_CLAUSE``).
SINCE_YEAR = re.compile(
    r"(?:从|自)(?:[0-9]{4}|[〇零一二三四五六七八九]{4})年(?:开始|起|以来)?[，,]?\s*"
    r"(?:[^\s，,。；;：:]{1,8}?)?(?:就(?![业职读医餐近地])|便|已经?|一直|始终|先后|陆续|持续|累计)"
)
# A sentence whose subject is a body that decides ("会议研究了…，决定启动…", "经研究，决定…"): a bare
# 决定 opening a later clause is its decision. Elsewhere it may be "determines" ("这项工作很重要，决定
# 全县未来的发展空间").
DECIDING_SUBJECT = re.compile(
    r"经过?[^，,。；;]{0,8}?(?:研究|讨论|协商|审议|表决)|"
    r"(?:会议|大会|会上|会中|全会|常委会|常务会|理事会|董事会|委员会|办公会|党组|党委|双方|各方)"
    r"(?!结束|后|前|期间|间隙|之余|开始)[^。；;]{0,60}?(?:研究|审议|讨论|听取|协商)"
)
THIS_EVENT_CLAUSE = re.compile(
    r"[，,；;]\s*(?:在|于)?(?:本届|本次|此次|这次|今次|是次|今天|今日|当天|会上|大会|会议|全会)"
)
# A later clause that points at this event by a demonstrative ("三年来，…，本次大会选举…").
THIS_EVENT_DEICTIC = re.compile(r"[，,；;]\s*(?:在|于)?(?:本届|本次|此次|这次|今次|是次)")
# A photo caption places people by position ("张三（右六）", "（前排左三、左四）", "（左起第二）"): it
# restates what the body reports, so it is not where an outcome is quoted from. A bare "（中）"
# or "（左）" counts only before a connective ("张三（中）与…"): "华泰（中）实业" is a name.
_POSITION = (
    r"(?:前排|后排|中排|第[一二三四]排)?"
    r"(?:[左右]起?第?(?:[一二三四五六七八九十]{1,2}|[0-9]{1,2})(?:[至到、][左右]?[一二三四五六七八九十0-9]{1,2})*)"
)
# An event decided or planned in the sentence ("会议决定，第十届茶文化节于明年4月举办，由协会与市政府共同
# 主办"): the hosts it names are that event's, not the reported one's.
ANOTHER_EVENT_DECIDED = re.compile(
    r"决定[，,]?[^。；;]{0,40}?(?:举办|举行|召开|(?:将|拟)由)|(?:下一届|下届|明年的?|下次)[^。；;]{0,20}?(?:拟|将)"
)
# "副市长介绍，茶博会将于明年4月17日在会展中心举办。本届茶博会由甲、乙主办": an event to come in
# someone's account earlier in the paragraph (a press conference announcing it), whose hosts are not
# those of the event reported. A preview's own "本届博览会将于5月10日开幕，由甲主办" is not told so.
EVENT_TO_COME = re.compile(r"(?:介绍|表示|透露|指出|宣布)[，,：:](?:(?!下届|下一届|下次)[^。；;\n]){0,60}?"
                           r"(?:将于|拟于|定于|计划于)\s*(?:[0-9]{4}年|明年)?[0-9]{1,2}月[0-9]{1,2}日"
                           r"[^。；;\n]{0,40}?(?:举办|举行|召开|开幕)")
# A caption named as one ("图为与会嘉宾为…授牌", "上图：…"): it restates the body.
CAPTION_OPENER = re.compile(r"\s*(?:图为|图片为|上图为?|下图为?|左图为?|右图为?|图[：:])")
# What follows an outcome's verb up to a colon that opens the list of what it decided ("会议决定：一、…",
# "会议表决通过了人事任免事项：任命…").
LEADS_INTO_LIST = re.compile(r"[^，,。；;：:\n]{0,20}[：:]")
# An adoption that ends its line on a colon before numbered items ("全体会员一致通过三项提案，包括：\n一、…；
# \n二、…"): the items are what was adopted.
LIST_LEAD_END = re.compile(r"[^。；;！!？?\n]{0,30}?[：:][ \t]*\n")
# A resolution notice's form: a line naming an item and, within two lines below it, the line that
# gives its result ("1、议案名称：《2023年度董事会工作报告》\n审议结果：通过").
# Minutes write the same as "案由一：…，提请审议。\n说明：…\n决议：照案通过。" (a result line that says more
# than the verdict is an outcome of its own).
_FORM_ITEM_LABEL = (r"(?:\d+[、.．]|[一二三四五六七八九十]+、|[（(]\d+[）)])?\s*"
                    r"(?:议案名称|(?:案由|提案|议案|议题)[一二三四五六七八九十\d]{0,3})")
FORM_ITEM = re.compile(rf"(?m)^\s*{_FORM_ITEM_LABEL}[：:][^\n]{{2,120}}$")
# (at most one line between, and that line no item of its own)
FORM_RESULT = re.compile(rf"(?:\n(?!\s*{_FORM_ITEM_LABEL})[^\n]{{0,120}}){{0,1}}\n\s*"
                         r"(?:(?:审议|表决)结果[：:]\s*(?P<verdict>通过|不通过|未通过|否决)|"
                         r"决议[：:]\s*(?:照案|原则|一致|全票|无异议|修正)?(?P<minuted>通过|不通过|未通过|不予通过)"
                         r"[。.]?[ \t]*(?=\n|$))")
# A triangle opens a photo's caption, or an item of a list of points ("议程如下：▲审议通过了…；").
TRIANGLE = re.compile(r"\s*[▲△▼▽]")
# The lead of a list whose items are not acts of the meeting: an agenda, a plan, someone's points.
NOT_DECIDED_LEAD = re.compile(r"议程|拟|待|意见|建议|看法|设想|打算|计划")
# The honoured named as people ("受表彰人员", "获奖代表", "为受表彰的集体颁发…"): an award told
# elsewhere, referred to, not one made here.
HONOURED = re.compile(
    r"(?:受|获|被)表彰(?:的|者|人员|代表|集体|个人|单位|教师|职工|企业|对象|名单)|获奖(?:的|者|人员|代表|集体|个人|单位|企业|名单)"
)
# Signing named as the people or place of the ceremony ("签约企业代表共200余人参加", "签约现场"), or an act
# submitted to another body for later approval ("方案将另行提交会长办公会审定"): no outcome here.
SIGNING_AS_ATTRIBUTE = re.compile(r"企业代表|代表|单位代表|客商|嘉宾|现场|金额|总额|额")
SUBMITTED_FOR = re.compile(r"(?:提交|报请|报送|提请|呈报)(?!的)[^，,。；;的]{0,16}$")
# A sentence of the writer's plans ("下一步，市投资促进局将…"): what is to be done, not what was.
PLAN_OPENER = re.compile(r"\s*(?:下一步|下阶段|下一阶段|今后一个时期)")
# A commendation that names no winner ("大会对2023年度表现突出的集体和个人进行了表彰"): the lead of an
# award list that follows.
COMMENDATION_LEAD = re.compile(r"对[^，,。；;、等]{0,40}?(?:进行了?|予以|给予了?)(?:隆重|通报)?表彰")
# A record of hosting tallied ("协会共组织承办市级以上赛事46场"): past activity, not this event.
HOSTING_TALLIED = re.compile(r"(?:共|累计|全年共?|年内共?)(?:组织|参与)?$")
# An election or a change of officers as an item on the agenda, closing the clause that convenes or
# holds it ("召开会员大会暨理监事选举，", "进行支部委员会换届选举，"): the result is told elsewhere.
# "…会员大会暨理事改选，于4月13日在礼堂举行": the election named with the meeting, held, not its result.
HELD_AFTER = re.compile(r"[，,]\s*(?:于|在)[^。；;]{0,40}?(?:举行|召开|举办)")
HELD_ELECTION = re.compile(r"(?:召开|举行|举办|进行|开展|组织|办理)[^，,。；;：:并完成]*$")
PHOTO_POSITION = re.compile(
    rf"[（(]{_POSITION}(?:[、，,]{_POSITION})*[）)]|[（(](?:前排|后排)?[左中右][）)](?=[与和及、，,为向在同])"
)
# A deal still to be made ("拟签署的协议内容包括…", "即将签订的备忘录"): its terms are no outcome yet.
DEAL_TO_COME = re.compile(r"(?:拟|将|准备|计划|即将|有望|待)(?:正式)?(?:签署|签订|签约|续签|缔结)")
# An outcome stated as done tonight, as opposed to one planned, asked for or allowed ("计划于年底表彰",
# "要求各单位推选", "会员可通过《…》报名"): words of intent or direction before the verb in its clause.
UNSETTLED = re.compile(
    r"如果|假如|倘若|(?<!倘)若(?!干)|(?<![^\s，,；;：:。！？])如(?![期下今实同何此])|一旦|可望|仍需|有待|尚未|未(?!来)|方可|只有|[须需]获|[须需应]经|"
    r"计划|准备|打算|有望|争取|力争|预计|要求|号召|鼓励|倡议|倡导|呼吁|可以|能够|应当|需要|将于|拟于|[要应须拟]将|"
    r"(?:将|拟|可|能|应|须|要)$"
)
# Any date with a year: a membership step dated so is a biography, not this meeting's decision.
YEAR_DATED = re.compile(r"(?<![0-9])(?:[0-9]{4}|[〇零一二三四五六七八九]{4})年")
# A year with no month or day ("2019年该公司荣获…", "张三2015年当选"): a past step, not this event's act.
BARE_YEAR = re.compile(
    r"(?<![0-9])(?:[0-9]{4}|[〇零一二三四五六七八九]{4})年(?![0-9]|[一二三四五六七八九十]{1,2}月|度|会|第)"
)
# What an adoption by 通过 adopted: a document, a plan, a list — or the clause ends on the verb
# ("一致通过。"). "通过视频连线方式", "通过PPT展示" use 通过 as "by means of".
ADOPTED_OBJECT = re.compile(
    rf"了?\s*(?:[《“\"「]|{_ADOPTED_THING}|"
    # an act adopted: "通过委任甲为核数师", "通过修订会章第八条"
    r"(?:修订|修改|委任|任命|增补|增选|接纳|吸收|聘任|聘请|续聘|授予|颁发|表彰|撤销|免去|设立|成立|追认|接受|授权)"
    r"(?![^，,。；;]*(?:方式|办法|形式|途径|手段))|\s*(?:[。；;！!，,]|$))"
)
# "新当选的会长", "新当选会长张三": an office newly taken named as an attribute ("重新选举",
# "新增选了13名委员" and "王立新当选会长" are acts): 新 opens the phrase, after a clause break or
# a function word.
NEWLY_ELECTED = re.compile(r"(?:(?<![\u3400-\u9fff])|(?<=[的是为由与和及位名]))新(?:当选|选举产生|选出)(?!了)")
# "经选举，新任…", "经过表决，会议通过…": the procedure that leads into a further outcome in the same
# sentence is not one of its own ("管理办法已经大会审议通过，即日起施行" is).
_BY = r"(?<!已)经(?!济|营|理(?!事)|销|费|验|典|历|常|纪|贸|信|委|开|管|发)过?"  # not 经济, 经理, 经信局…
BY_PROCEDURE = re.compile(rf"{_BY}[^\s，,。；;]{{0,12}}$")
# Clauses that only lead into an act: its basis or the procedure before it ("按照党章规定，",
# "经上级党委批准，", "经选举，"). A quote starts after them.
LEAD_IN_CLAUSE = re.compile(
    rf"(?:按照|依照|依据|根据(?!地)|{_BY})[^，,。；;：:]{{0,24}}?"
    r"(?:批准|提名|研究|讨论|议论|磋商|选举|表决|审议|协商|推荐|考察|投票|酝酿|规定|安排|部署|章程|精神|程序)[，,]\s*"
)
# A clause that only says who relays what follows ("县府指出，", "据介绍，"): a quote starts after it.
REPORTED_BY = re.compile(r"[^，,。；;：:“”\"]{0,20}?(?:指出|表示|介绍|说道|谈到|讲到|透露)[，,：:]\s*")
# "以捐赠人的名字命名": naming after someone, not an award.
NAMED_AFTER = re.compile(r"以[^，,。；;]{1,20}$")
# An act dated only to a year or a month ("于2012年当选", "于今年2月签约") is a past step:
# the event's own acts are dated to the day or not at all.
COARSE_DATED = re.compile(
    r"于(?:[0-9]{4}|[〇零一二三四五六七八九]{4}|今|去|前|上|本)年(?:[0-9]{1,2}月|[一二三四五六七八九十]{1,2}月)?(?:份|初|底|中|末)?"
    r"(?:经[^\s，,。；;]{1,10}?)?\S{0,4}$"
)
# The ceremony named as a thing, not the act reported ("出席签约仪式").
CEREMONY_NOUN = re.compile(r"(?:签约|签署|揭牌|颁奖|启动)(?:仪式|典礼|礼(?![品物金包仪貌]))")
# "新当选的会长…": the election named as an attribute, not reported as an act.
# "由各车间选举产生的职工代表", "改选后的理事会": the elected named as an attribute.
ATTRIBUTIVE = re.compile(r"(?:产生|出来|出|后)?的")
# An act named as a thing by the noun it qualifies ("学位授予建议名单", "表彰名单", "授予条件"); what a
# meeting adopted may be a list ("审议通过…名单"), so adoptions are not read so.
NOMINAL_AFTER = re.compile(
    r"(?:建议|拟)?(?:名单|条件|标准|程序|流程|细则|资格|权限|事宜)(?=[，,。；;、）)和及与等的]|$)|环节|阶段|过程|期间"
)
# "此前/早前/先前…": a sentence about an earlier time, unless a later clause turns to this event.
EARLIER = re.compile(
    r"(?:^|(?<=[，,；;。！!？?\n]))\s*(?:早前|先前|此前)|(?:早前|先前|此前)(?=于|在|已|曾|举行|召开|举办)"
)
# A room of a body's premises after its name ("在县人大常委会会议室举行"): the body owns the venue, which
# does not say it is no host.
# A name that ends as a body that meets, not as a place that hosts meetings (饭店, 中心, 馆).
BODY_NAME_END = re.compile(r"(?:会|委|局|办|府|部|院|党组|公司|集团|大学|学校|学院)$")
ROOM = re.compile(r"\S{0,2}?(?:会议室|会议厅|报告厅|多功能厅|礼堂|会堂|大厅|讲堂|会所)")
# "其余议案均获通过": the rest of items whose results are told one by one elsewhere, summed up.
REMAINDER = re.compile(r"(?:其余|其他|其它)[^，,。；;]{0,12}?[均都皆亦]$")
# "同意26票", "同意者35人": the count of a vote, whose result is told beside it.
VOTE_COUNT = re.compile(r"\s*[0-9０-９〇零一二两三四五六七八九十百]+\s*(?:票|人|张|份|位|名|户)")
# "该事项未获通过", "不予通过", "没有当选": the act denied.
NEGATED = re.compile(r"(?:未|没有|没|不|未能|无法|不予|不获|未获|没获|未予|没能)$")
# A question or a form's field ("是否当选", "是否通过"): no act.
WHETHER = re.compile(r"是否|能否|可否")
# "为表彰他在…方面的贡献", "以表扬…": the purpose an award serves, told beside the award itself.
AWARD_PURPOSE = re.compile(r"(?:为了?|以)$")
# "（授予他终身成就奖，）表彰他在冻土理论方面的开创性贡献": what is honoured is a contribution, the
# reason of the award told beside it; "表彰了在…中作出突出贡献的先进个人" names the honoured.
AWARD_REASON = re.compile(r"(?:贡献|成就|付出|努力|精神|事迹)$")
# "缔结签约仪式", "签约仪式": a ceremony named as a thing.
CEREMONY_AFTER = re.compile(r"[^\s。，,；;：:！!？?、]{0,2}?(?:仪式|典礼|大会|晚会)|礼(?![品物金包仪貌])")
# "以本次签约为契机": an act pointed at by a demonstrative is named as a thing, not reported.
DEMONSTRATIVE = re.compile(r"(?:本次|此次|这次|该次|此番|这一|是次|今次|本届)$")
# "经上级批准，…": an outside authority's approval is the condition of what follows, not an outcome.
APPROVED_BY = re.compile(r"经[^，,。；;]{1,24}$")
# Witnesses of an act: "出席并见证签约" reports who watched, the act is reported elsewhere.
# "在X的见证下，双方签署…" is the act itself: the witness phrase ends before the comma.
# "出席会员无异议通过" has the members who attended as its subject: no witness.
WITNESSED = re.compile(r"(?:见证|出席|参加|观摩|观看)了?(?!会员|代表|人员|党员|者)[^\s，,。；;：:、]{0,4}$")


def clause_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each non-empty clause in ``text[start:end]``."""
    end = len(text) if end is None else end
    spans, at = [], start
    for match in CLAUSE_SPLIT.finditer(text, start, end):
        if text[at : match.start()].strip():
            spans.append(_strip_span(text, at, match.start()))
        at = match.end()
    if text[at:end].strip():
        spans.append(_strip_span(text, at, end))
    return spans


_SENTENCE = re.compile(rf"[^{re.escape(SENTENCE_END)}]+")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: split at 。；！？ and line breaks."""
    return [_strip_span(text, m.start(), m.end()) for m in _SENTENCE.finditer(text) if not m.group().isspace()]


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Spans without surrounding whitespace, so evidence quotes are exact substrings."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# ---------------------------------------------------------------- events
# Nouns that end the name of an event: "…发展论坛", "…会员大会", "…签约仪式".
EVENT_NOUN = (
    r"(?:会议|大会|年会|例会|全会|办公会|常务会|论坛|峰会|仪式|典礼|庆典|开幕式|闭幕式|座谈会|研讨会|推介会|交流会|"
    r"洽谈会|博览会|展览会|交易会|发布会|表彰会|报告会|联谊会|恳谈会|茶话会|见面会|说明会|推进会|部署会|动员会|"
    r"评审会|启动会|观摩会|对接会|分享会|培训会|碰头会|协调会|讨论会|汇报会|总结会|颁奖礼|晚会|餐会|晚宴|宴会|酒会|"
    r"联欢会|团拜会|培训班|研修班|"
    r"大赛|沙龙|会晤|次(?:常务)?(?:理事|董事|监事|委员|常委)会)"
)
# What an event's name may hold: no clause punctuation. "A会议暨B大会" is one event.
_EVENT_CHAR = r"[^\s，,。；;！!？?：:\n“”「」『』]"
# Each part after 暨/及 holds no other 暨/及, so a chain splits one way only (no backtracking blow-up
# on a long line that fails later); three joins at most.
_CHAIN_CHAR = r"[^\s，,。；;！!？?：:\n“”「」『』暨及]"
_EVENT_NAME = rf"{_EVENT_CHAR}{{0,40}}?{EVENT_NOUN}(?:[暨及]{_CHAIN_CHAR}{{0,30}}?{EVENT_NOUN}){{0,3}}"
# "“X论坛”", "“X”高峰论坛", "“X论坛”暨Y典礼": a quoted name, or a quoted theme before the event's
# noun, continued after the quotes by 暨.
EVENT_QUOTED = re.compile(
    rf"[“「『](?P<inner>[^“”「」『』\n]{{1,48}})[”」』](?P<tail>{_EVENT_CHAR}{{0,30}}?{EVENT_NOUN})?"
    rf"(?P<more>暨{_CHAIN_CHAR}{{0,30}}?{EVENT_NOUN})?"
)
ENDS_AS_EVENT = re.compile(rf"{EVENT_NOUN}$")
# "X论坛在扬州举行", "X大会12月20日在省城召开", "X大会昨天开幕": the event as the subject of its own
# convening; what stands between (a time, a place) holds no other event noun.
EVENT_SUBJECT = re.compile(
    rf"(?P<name>{_EVENT_NAME})(?:(?!{EVENT_NOUN}(?![室厅馆]|中心))[^，,。；;]){{0,30}}?(?:隆重|顺利|如期|正式|成功)?"
    r"(?:召开|举行|举办|开幕(?!式))"
)
# "召开本年度第一次理事会议。": the event as what a body convenes, up to the end of the clause.
EVENT_OBJECT = re.compile(
    rf"(?:召开|举行|举办)了?(?:一次|一场|首次|第一次)?(?P<name>{_EVENT_NAME})(?=[，,。；;！!？?\n]|$)"
)
# A demonstrative or a bare noun is a reference to the event, not its name ("本次会议", "此次论坛");
# "这是一次…会议" is someone's opinion of it; a phrase holding an attendee's verb or a role marker
# is a clause ("王五应邀参加论坛"), not a name.
EVENT_REFERENCE = re.compile(
    rf"^(?:本次|此次|这次|该次|本届|此届|该|这|此|的|了|会上)?{EVENT_NOUN}$|^(?:本次|此次|这次|该|的|这|那|是)|"
    rf"是一[次场个届]|在(?!线)|假(?![期日])|出席|参加|列席|应邀|受邀|莅临|陪同|{ORGANISER_MARK}|{CO_ORGANISER_MARK}|{CHAIR_MARK}|"
    r"召开|举行|举办"
)
# An event referred to, not reported: "传达…会议精神", "会议期间".
EVENT_REFERRED_AFTER = re.compile(r"精神|成果|期间|上的|以来|结束后")
# A clause that plans an event rather than reports one ("计划于明年召开…", "将于5月举办…", "距…开幕还有
# 100天"), or adds a side event to the one reported ("同期举行了…", "会议期间还举办了…").
EVENT_PLANNED = re.compile(
    r"将|拟|计划|准备|即将|筹备|明年|下一届|下届|届时|预计|定于|距|同期|同时|期间|其间|此外|另外|还"
)
# How a reply's event ends when it names an event; or the act that names one ("甲与乙签署协议").
_EVENT_END = re.compile(
    rf"(?:{EVENT_NOUN}|会|式|礼|赛|(?<![发开进拓扩伸])展|(?<![环细调季关情])节|班|活动|讲座|培训|马拉松|团拜|"
    r"(?<![进执运发旅银航])行|(?:开放|纪念|宣传|活动|主题|接待)日|亚运|奥运)$"
)
EVENT_ACT = re.compile(
    r"签署|签订|签约|续签|缔结|揭牌|揭幕|挂牌|成立|开业|开工|奠基|启动|开幕|闭幕|颁奖|表彰|发布|会见|会谈|访问|"
    r"考察|调研|换届|选举|开班|结业|庆祝|纪念|授牌|授旗|签字|开园|开馆|通车|竣工|投产|落成|剪彩|宣讲|义诊|慰问|"
    r"走访|拜访|座谈|研讨|评选|评审|招聘|召开|举行|举办|启幕|开展|落幕|收官|开锣|启航|迎客|开跑|开赛|开园|开班"
)
_NAME_WRAPPING = re.compile(r"(?:[（(][^（）()]*[）)]|[“”「」『』\"'《》！!。.，,\s])+$")


def names_an_event(folded: str) -> bool:
    """Whether a (folded) event name reads as an event: it ends in an event noun ("…年会",
    "…峰会（线上）") or names the act that is the event ("甲与乙签署合作协议"). A headline such
    as "百佳联盟会聚南通" or "院士助力健康产业发展" does neither."""
    bare = _NAME_WRAPPING.sub("", folded)
    return bool(_EVENT_END.search(bare) or EVENT_ACT.search(folded))
