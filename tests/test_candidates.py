"""Rule candidates on invented sentences, each checked in simplified and in traditional script.

The sentences are made up to exercise one piece of grammar each: who a role
marker governs, who chairs, who holds a meeting, what a meeting decided, and
the many ways a name or a verb appears without being a host or an outcome.
The traditional copy is made by OpenCC at collection time, so every case also
proves the rules need no second spelling.
"""

from __future__ import annotations

import opencc
import pytest

from summarizer.candidates import Candidates, collect_candidates
from summarizer.schema import Article
from summarizer.script import fold

_TO_TRADITIONAL = opencc.OpenCC("s2t")
# Taiwan and Hong Kong pages use their own variant characters (臺/台, 爲/為, 峯/峰).
_REGIONAL = {"taiwan": opencc.OpenCC("s2tw"), "hongkong": opencc.OpenCC("s2hk")}


def _both_scripts(cases: list[tuple]) -> list:
    """Each case as written (simplified), converted to traditional script, and in the regional
    variants where they differ from it."""
    out = []
    for number, case in enumerate(cases):
        sentence, *rest = case
        traditional = _TO_TRADITIONAL.convert(sentence)
        assert traditional != sentence, f"no traditional form differs for {sentence!r}"
        out.append(pytest.param(sentence, *rest, id=f"simplified-{number:02d}"))
        out.append(pytest.param(traditional, *rest, id=f"traditional-{number:02d}"))
        for region, converter in _REGIONAL.items():
            variant = converter.convert(sentence)
            if variant != traditional:
                out.append(pytest.param(variant, *rest, id=f"{region}-{number:02d}"))
    return out


def _candidates(text: str) -> Candidates:
    article = Article(id="invented", path="invented.txt", sha256="0" * 64, text=text,
                      chars_in=len(text), chars_out=len(text))
    return collect_candidates(article)


def _hosts(text: str) -> set[tuple[str, str, str]]:
    return {(fold(host.name), host.role, host.rule) for host in _candidates(text).hosts}


# ------------------------------------------------------------------ hosts

HOST_CASES = [
    # the hosts of the event the paragraph reports, held
    ("5月3日，第七届茶博会在会展中心开幕。本届茶博会由省农业厅、江城市政府主办。",
     {("省农业厅", "organiser", "by-marker"), ("江城市政府", "organiser", "by-marker")}),
    # a byline in dateline brackets before the organiser; a body's working group is no chair
    ("（记者王明／台中报导）丙区公所主办的灯会昨晚开幕。", {("丙区公所", "organiser", "by-marker")}),
    ("江城电力（集团）公司主办的论坛昨日举行。", {("江城电力（集团）公司", "organiser", "by-marker")}),
    # a plan in someone's words earlier in the paragraph leaves this meeting's hosts alone
    ("会长张三表示，协会将于今年下半年开展系列培训活动。此次年会由甲商会主办，乙公司协办。",
     {("甲商会", "organiser", "by-marker"), ("乙公司", "co-organiser", "by-marker")}),
    ("〔记者陈思远／南湾报导〕南湾镇公所主办的灯会昨晚开幕。", {("南湾镇公所", "organiser", "by-marker")}),
    ("［本报讯］江城市书法家协会主办的书法展今日开展。", {("江城市书法家协会", "organiser", "by-marker")}),
    ("会议由协会筹备组组长、江城宏达公司总经理孙启明主持。", {("孙启明", "chair", "chair")}),
    # a courtesy after the chair's name
    ("本次股东大会由公司董事会召集，会议由公司董事长赵国平先生主持。", {("赵国平", "chair", "chair")}),
    ("大会由会长陈大文先生主持。", {("陈大文", "chair", "chair")}),
    ("会议由秘书长周美玲女士主持。", {("周美玲", "chair", "chair")}),
    ("晚会由陈女士主持。", {("陈女士", "chair", "chair")}),
    # a farmers' association; an evening before the venue
    ("台东县鹿野乡农会于3月18日上午在农会礼堂召开会员代表大会。", {("台东县鹿野乡农会", "organiser", "convene")}),
    ("江城同乡会昨晚在湾仔举行会董就职典礼。", {("江城同乡会", "organiser", "convene")}),
    ("江城同乡会昨晚假湾仔会议展览中心举行会董就职典礼。", {("江城同乡会", "organiser", "convene")}),
    # preparation, a future opening date, a word that only holds 拟 or 决定: still this event's hosts
    ("经过半年筹备，本届论坛由江城市人民政府主办，江城市商务局承办。",
     {("江城市人民政府", "organiser", "by-marker"), ("江城市商务局", "co-organiser", "by-marker")}),
    ("2024世界虚拟现实产业大会由江城省人民政府主办。", {("江城省人民政府", "organiser", "by-marker")}),
    ("本届博览会将于5月10日在江城国际会展中心开幕，由江城市人民政府主办。", {("江城市人民政府", "organiser", "by-marker")}),
    ("由江城市人民政府主办、已连续举办十届的江城国际茶博会今天开幕。", {("江城市人民政府", "organiser", "by-marker")}),
    ("3月5日，召开江城市商会第一季度会长办公会。", {("江城市商会", "organiser", "own-meeting")}),
    # a school's own meeting named with its year; a place's own ceremony names no body
    ("江城市2024年第二季度重大项目集中签约仪式在市民中心举行。", set()),
    # 假 + venue (Hong Kong, Macau): "held at"
    ("香港江城商会三月廿六日假湾仔会议展览中心举行会员大会。", {("香港江城商会", "organiser", "convene")}),
    ("国庆假期江城市文化和旅游局举办非遗展演活动。", {("江城市文化和旅游局", "organiser", "convene")}),
    # a chair whose title stacks two prefixes, after or before the name
    ("会议由王立新常务副主席主持。", {("王立新", "chair", "chair")}),
    ("大会由常务副会长李明远主持。", {("李明远", "chair", "chair")}),
    # role labels opening a sentence inside a paragraph, an event word before the label
    ("颁奖典礼在江城文化中心举行。活动主办单位：江城青年志愿者协会、江城社区服务总会；协办单位：江城大学学生会。",
     {("江城青年志愿者协会", "organiser", "listed"), ("江城社区服务总会", "organiser", "listed"),
      ("江城大学学生会", "co-organiser", "listed")}),
    # 由…主办 / 承办: the names the marker governs, without 由
    ("本次论坛由市文化局主办，东湖书院承办。",
     {("市文化局", "organiser", "by-marker"), ("东湖书院", "co-organiser", "by-marker")}),
    ("由江城市人民政府主办的首届茶叶博览会开幕。", {("江城市人民政府", "organiser", "by-marker")}),
    ("由江城市农业农村局主办、江城市种子协会承办的种业论坛于5月3日在江城宾馆举行。",
     {("江城市农业农村局", "organiser", "by-marker"), ("江城市种子协会", "co-organiser", "by-marker")}),
    ("由江城市总工会主办，江城市职工服务中心承办。",
     {("江城市总工会", "organiser", "by-marker"), ("江城市职工服务中心", "co-organiser", "by-marker")}),
    # A与B联合主办: two organisers, never one name
    ("江城市政府与甲乙科技公司联合主办本届峰会。",
     {("江城市政府", "organiser", "by-marker"), ("甲乙科技公司", "organiser", "by-marker")}),
    ("由市政府与甲乙科技有限公司联合主办的创新大赛今天启动。",
     {("市政府", "organiser", "by-marker"), ("甲乙科技有限公司", "organiser", "by-marker")}),
    # lists across 、/和/及, closed by 等单位 / 共同
    ("本次活动由江城市教育局、江城市科协和江城日报社共同主办，青禾教育集团承办。",
     {("江城市教育局", "organiser", "by-marker"), ("江城市科协", "organiser", "by-marker"),
      ("江城日报社", "organiser", "by-marker"), ("青禾教育集团", "co-organiser", "by-marker")}),
    ("此次展会由江城市贸促会及江城市外事办等单位主办。",
     {("江城市贸促会", "organiser", "by-marker"), ("江城市外事办", "organiser", "by-marker")}),
    ("活动由江城市团委、江城市学联主办，江城市青年志愿者协会协办。",
     {("江城市团委", "organiser", "by-marker"), ("江城市学联", "organiser", "by-marker"),
      ("江城市青年志愿者协会", "co-organiser", "by-marker")}),
    # 主办单位为 / 主办单位：A、B
    ("主办单位为江城市体育局和江城市足球协会。",
     {("江城市体育局", "organiser", "by-marker"), ("江城市足球协会", "organiser", "by-marker")}),
    ("主办单位：江城市商务局、江城市贸促会\n承办单位：江城会展中心有限公司",
     {("江城市商务局", "organiser", "listed"), ("江城市贸促会", "organiser", "listed"),
      ("江城会展中心有限公司", "co-organiser", "listed")}),
    ("主办单位：江城市文化广电旅游局\n承办单位：江城市文化馆、江城市图书馆\n协办单位：江城市书法家协会",
     {("江城市文化广电旅游局", "organiser", "listed"), ("江城市文化馆", "co-organiser", "listed"),
      ("江城市图书馆", "co-organiser", "listed"), ("江城市书法家协会", "co-organiser", "listed")}),
    ("主持人：张晓东", {("张晓东", "chair", "listed")}),
    # several labels on one line: each governs the names up to the next; only role labels name hosts
    ("指导单位：江城市文化广电旅游局 主办单位：江城市旅游协会", {("江城市旅游协会", "organiser", "listed")}),
    ("主办单位：江城市旅游协会；承办单位：江城国际旅行社有限公司",
     {("江城市旅游协会", "organiser", "listed"), ("江城国际旅行社有限公司", "co-organiser", "listed")}),
    # 和 inside a name is no list: "文化和旅游局" is one body
    ("主办单位：江城市文化和旅游局、江城市教育局",
     {("江城市文化和旅游局", "organiser", "listed"), ("江城市教育局", "organiser", "listed")}),
    ("由江城市文化和旅游局主办。", {("江城市文化和旅游局", "organiser", "by-marker")}),
    # 指导 is guidance, not hosting: the list stops at the clause that holds it
    ("由市委宣传部指导，市文联主办，江城市书法家协会承办。",
     {("市文联", "organiser", "by-marker"), ("江城市书法家协会", "co-organiser", "by-marker")}),
    ("会议由江城市商务局主办，江城市餐饮协会、江城市烹饪协会承办，甲乙酒店管理公司协办。",
     {("江城市商务局", "organiser", "by-marker"), ("江城市餐饮协会", "co-organiser", "by-marker"),
      ("江城市烹饪协会", "co-organiser", "by-marker"), ("甲乙酒店管理公司", "co-organiser", "by-marker")}),
    ("江城市科协、江城大学主办，江城市青少年科技中心承办。",
     {("江城市科协", "organiser", "by-marker"), ("江城大学", "organiser", "by-marker"),
      ("江城市青少年科技中心", "co-organiser", "by-marker")}),
    ("江城市旅游协会主办的第五届导游大赛今日开赛。", {("江城市旅游协会", "organiser", "by-marker")}),
    # a clause before the marker is not part of the name (nested clauses)
    ("在市委、市政府的大力支持下，由江城市旅游局主办的桃花节于3月2日开幕。",
     {("江城市旅游局", "organiser", "by-marker")}),
    ("会议于江城市政府大楼召开，由江城市发改委主办。", {("江城市发改委", "organiser", "by-marker")}),
    # chairs: title before the name, name before the title, bare name after 由, lists
    ("理事长李青山主持会议。", {("李青山", "chair", "chair")}),
    ("会议由副会长陈晓东主持。", {("陈晓东", "chair", "chair")}),
    ("5月3日上午，由会长王明远主持召开理事会议。", {("王明远", "chair", "chair")}),
    ("张三会长主持了座谈会。", {("张三", "chair", "chair")}),
    ("江城市旅游协会张三会长主持会议。", {("张三", "chair", "chair")}),
    ("江城市旅游协会会长张三主持会议。", {("张三", "chair", "chair")}),
    ("会议由协会秘书长李四主持并作工作报告。", {("李四", "chair", "chair")}),
    # "（主持工作）" is a duty in a title, not the act of chairing
    ("会议由江城市商务局副局长（主持工作）赵红主持。", {("赵红", "chair", "chair")}),
    ("江城市商务局副局长（主持工作）赵红主持会议。", {("赵红", "chair", "chair")}),
    ("会议由刘德华主持。", {("刘德华", "chair", "chair")}),
    ("会议由江城市政协副主席郑和平主持。", {("郑和平", "chair", "chair")}),
    ("县委副书记、代县长王华主持会议。", {("王华", "chair", "chair")}),
    ("江城市科技局局长周洋、江城大学校长吴凡共同主持开幕式。",
     {("周洋", "chair", "chair"), ("吴凡", "chair", "chair")}),
    ("开幕式由周洋和吴凡共同主持。", {("周洋", "chair", "chair"), ("吴凡", "chair", "chair")}),
    ("会议由市商务局局长赵红主持，市委常委钱力出席并讲话。", {("赵红", "chair", "chair")}),
    # a body convenes: datelines and time phrases before it, 于/在 before the place
    ("【江城日报3月2日讯】江城市工商联在市民中心召开第三届会员代表大会。",
     {("江城市工商联", "organiser", "convene")}),
    ("十九日，江城市侨联于侨联大厦举办迎春茶话会。", {("江城市侨联", "organiser", "convene")}),
    ("5月3日上午，江城市红十字会在会议中心召开第五次会员代表大会。",
     {("江城市红十字会", "organiser", "convene")}),
    ("江城市律师协会召开二〇二四年度工作会议。", {("江城市律师协会", "organiser", "convene")}),
    ("二〇二四年五月三日上午，江城市物流协会召开第二届会员代表大会。", {("江城市物流协会", "organiser", "convene")}),
    ("5月3日上午9时，江城市物流协会在江城宾馆召开理事会。", {("江城市物流协会", "organiser", "convene")}),
    ("3月2日至4日，江城市物流协会在江城宾馆举办培训班。", {("江城市物流协会", "organiser", "convene")}),
    ("本报讯（记者 王五）近日，江城市物流协会召开理事会。", {("江城市物流协会", "organiser", "convene")}),
    ("江城讯 5月3日，江城市物流协会举行成立十周年庆典。", {("江城市物流协会", "organiser", "convene")}),
    ("5月3日，江城市科协组织召开学术年会，副主席吴军主持会议。",
     {("江城市科协", "organiser", "convene"), ("吴军", "chair", "chair")}),
    # a time between the chair and 主持 is no part of the name
    ("县长黄志诚今（16）日主持第245次县务会议，副县长吴淑芬出席。", {("黄志诚", "chair", "chair")}),
    ("会长李四于3月5日上午主持召开理事会。", {("李四", "chair", "chair")}),
    ("县委书记张三16日主持召开县委常委会会议。", {("张三", "chair", "chair")}),
    # the same body named by a marker and by a notice line: the marker's candidate stands (it adds)
    ("由江城青年服务协会主办的颁奖典礼昨日举行。\n主办机构：江城青年服务协会\n合办机构：江城学院社会工作学系",
     {("江城青年服务协会", "organiser", "by-marker"), ("江城学院社会工作学系", "co-organiser", "listed")}),
    # 由A举办/召开: the agent after 由, not the topic before it; 自由 inside a name is no 由
    ("本次活动由江城市妇联举办。", {("江城市妇联", "organiser", "convene")}),
    ("会议由江城市人民政府召开。", {("江城市人民政府", "organiser", "convene")}),
    ("此次培训由江城市人社局和江城技师学院共同举办。",
     {("江城市人社局", "organiser", "convene"), ("江城技师学院", "organiser", "convene")}),
    ("由江城自由贸易试验区管委会主办。", {("江城自由贸易试验区管委会", "organiser", "by-marker")}),
    ("江城自由贸易试验区管委会召开招商推介会。", {("江城自由贸易试验区管委会", "organiser", "convene")}),
    # 联合/合办 inside a body's name ("联合办公室") neither splits it nor marks a co-host
    ("江城市人才工作联合办公室召开工作会议。", {("江城市人才工作联合办公室", "organiser", "convene")}),
    ("江城日报与江城电视台联合举办读书节。", {("江城日报", "organiser", "convene"), ("江城电视台", "organiser", "convene")}),
    ("全国运动会将由江城市承办。", {("江城市", "co-organiser", "by-marker")}),
    ("江城市体育局再次主办全民健身节。", {("江城市体育局", "organiser", "by-marker")}),
    ("由江城日报和江城晚报协办。", {("江城日报", "co-organiser", "by-marker"), ("江城晚报", "co-organiser", "by-marker")}),
    # support and guidance are not hosting
    ("江城市商会在江城市政府的支持下举办迎春联谊会。", {("江城市商会", "organiser", "convene")}),
    ("在江城市政府的指导下，江城市商会举办迎春联谊会。", {("江城市商会", "organiser", "convene")}),
    # the "今（21）日" of Taiwanese news is a time phrase, not part of the name
    ("台南市摄影学会今（21）日在市府大礼堂召开第十届会员大会。", {("台南市摄影学会", "organiser", "convene")}),
    ("会议由总干事李小华主持。", {("李小华", "chair", "chair")}),
    ("大会由执行长陈建国主持。", {("陈建国", "chair", "chair")}),
    # A与B举办: joint hosts; A联合B、C举办: A hosts, the list after 联合 co-hosts
    ("江城市作家协会与江城市图书馆在江城书城共同举办读书分享会。",
     {("江城市作家协会", "organiser", "convene"), ("江城市图书馆", "organiser", "convene")}),
    ("江城市政府与甲乙科技有限公司共同举办人才招聘会。",
     {("江城市政府", "organiser", "convene"), ("甲乙科技有限公司", "organiser", "convene")}),
    ("江城市文联联合江城大学举办书法展。",
     {("江城市文联", "organiser", "convene"), ("江城大学", "co-organiser", "convene")}),
    ("江城市人社局联合江城市总工会、江城市妇联举办招聘会。",
     {("江城市人社局", "organiser", "convene"), ("江城市总工会", "co-organiser", "convene"),
      ("江城市妇联", "co-organiser", "convene")}),
    ("3月2日下午，江城市餐饮协会与江城市烹饪协会、江城市食品协会等单位在江城饭店联合举办美食节。",
     {("江城市餐饮协会", "organiser", "convene"), ("江城市烹饪协会", "organiser", "convene"),
      ("江城市食品协会", "organiser", "convene")}),
    # a body's own meeting named as the subject
    ("江城市律师协会第三届理事会第五次会议在协会会议室召开。", {("江城市律师协会", "organiser", "own-meeting")}),
    # the body named inside a quoted meeting name holds it; the one that 承办 it co-hosts
    ("近日，江城市中心医院承办的“市护理学会第三届学术年会”在江城宾馆举行。",
     {("江城市中心医院", "co-organiser", "by-marker"), ("市护理学会", "organiser", "own-meeting")}),
]


@pytest.mark.parametrize(("text", "expected"), _both_scripts(HOST_CASES))
def test_host_candidates(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert _hosts(text) == expected


NOT_HOST_CASES = [
    # the hosts of an event to come, told after it in the paragraph (a press conference announcing it)
    "副市长介绍，第七届茶博会将于明年4月17日至20日在会展中心举办。本届茶博会由省农业厅、江城市政府主办。",
    # the next meeting's host, decided
    "闭幕式上宣布，经学会理事会研究决定，2026年学术年会将由江城理工大学承办。",
    # a promise of the signatories: 合办 with how often, no organiser named
    "倡议书提出，各签署单位每年至少合办一次交流活动。",
    # a site's labelled line with its contact details: a 承办 label does not govern the name after 主办：
    "主办：江城日报社 承办：江城新闻网 联系电话：0510-1234567",
    "江城市商会会长孙立平出席会议并致辞。",  # attendee and speaker
    "县议会议长张永和致词。",
    "台南市摄影学会理事长王大明致词时表示，感谢会员支持。",
    "江城市美术家协会参加了展览开幕式。",  # attendee
    "出席会议的有江城市工商联、江城市商会等单位负责人。",  # attendees listed
    "出席活动的还有江城市侨联主席陈华、江城市妇联主席林雪等。",
    "支持单位：江城市文化馆、江城市图书馆",  # supporters and sponsors are labelled, not hosts
    "赞助单位：甲乙银行江城分行",
    "甲乙银行赞助了本次比赛。",  # sponsor
    "本届博览会得到了甲乙集团的大力赞助。",
    "江城市商会会员代表参加了在江城举办的博览会。",  # attendees of someone else's event
    "江城市综合办公室主任王强出席。",
    "主办方代表张三致辞。",
    "江城市成功获得第十届运动会主办权。",
    "江城市曾主办过全国运动会。",  # a record of past hosting
    "江城体育中心多次承办国际赛事。",
    "该公司连续三年协办本活动。",
    "由于天气原因，主办方决定延期。",
    "座谈会在江城宾馆召开。",  # venue
    "市委副书记周海见证签约。",  # witness
    "甲公司与乙公司签署战略合作协议。",  # signing parties
    "主办：江城新闻网 版权所有 ICP备12345678号",  # site footer
    "江城市信息中心主办 版权所有 备案号：京ICP备12345678号",
    "本站由江城日报社主办 联系我们 网站地图",
    "主办单位：江城在线网站 技术支持：某某科技",
    "本网站主办单位：江城市信息中心 联系电话：12345678",
    # the hosts of an event decided or planned at the meeting, not of the meeting
    "会议决定，第三届文化节于明年5月举办，由商会与市文旅局共同主办。",
    "下一届论坛拟由江城大学承办。",
    # a record of hosting, counted; a footer giving a postcode
    "2023年，协会共组织承办市级以上赛事46场。",
    "江城大学党委宣传部主办 地址：江城市大学路1号 邮编：100000",
]


@pytest.mark.parametrize("text", _both_scripts([(t,) for t in NOT_HOST_CASES]))
def test_not_hosts(text: str) -> None:
    assert _hosts(text) == set()


def test_long_page_keeps_the_event_host_and_drops_footer_and_attendees() -> None:
    page = "\n".join([
        "首页 新闻中心 通知公告",
        "【江城日报5月3日讯】5月3日上午，江城市物流协会在江城宾馆召开第二届会员代表大会。",
        "会议由会长钱江主持。江城市商务局副局长孙丽出席会议并讲话。",
        "江城市快递协会、江城市货运协会等单位负责人参加了会议。",
        "江城日报社主办 版权所有 备案号：江ICP备00000000号",
    ])
    for text in (page, _TO_TRADITIONAL.convert(page)):
        assert _hosts(text) == {("江城市物流协会", "organiser", "convene"), ("钱江", "chair", "chair")}


def test_related_links_under_a_label_report_other_events() -> None:
    page = "\n".join([
        "江城市物流协会召开第二届会员代表大会",
        "5月3日，江城市物流协会在江城宾馆召开第二届会员代表大会。大会选举产生了第二届理事会。",
        "相关新闻：",
        "江城市快递协会举办业务培训班",
        "江城市货运协会召开理事会，会议选举产生新一届理事会",
        "这是一段重新开始的正文，江城市港口协会在江城港召开年会。",
    ])
    for text in (page, _TO_TRADITIONAL.convert(page)):
        candidates = _candidates(text)
        assert {(fold(h.name), h.rule) for h in candidates.hosts} == {
            ("江城市物流协会", "convene"), ("江城市港口协会", "convene")}
        assert [fold(o.evidence) for o in candidates.outcomes] == ["大会选举产生了第二届理事会"]


def test_host_spans_point_into_the_original_text() -> None:
    text = _TO_TRADITIONAL.convert("本次论坛由市文化局主办，东湖书院承办。会议由副会长陈晓东主持。")
    for host in _candidates(text).hosts:
        assert text[host.span[0] : host.span[1]] == host.evidence
        assert host.name in host.evidence


# ------------------------------------------------------------------ outcomes

OUTCOME_CASES = [
    # how the vote was taken, before 通过; a body re-engaged; a commendation, an election kept by 蝉联
    ("会长回应会员提问后，大会表决通过了年度预算。", "大会表决通过了年度预算"),
    ("张三蝉联江城市总商会会长。", "张三蝉联江城市总商会会长"),
    ("大会表彰了十位优秀志愿者的感人事迹。", "大会表彰了十位优秀志愿者的感人事迹"),
    ("大会以举手方式通过续聘江城会计师行为法团核数师。", "以举手方式通过续聘江城会计师行为法团核数师"),
    ("财务报表随即付诸表决，获在场大多数会员举手赞成通过。", "获在场大多数会员举手赞成通过"),
    ("大会也表扬服务满十年的志工李阿花等六人。", "大会也表扬服务满十年的志工李阿花等六人"),
    ("年会共评出优秀论文一等奖五篇、二等奖十篇。", "年会共评出优秀论文一等奖五篇、二等奖十篇"),
    ("在选举环节，林志强在无人竞选下蝉联会长。", "林志强在无人竞选下蝉联会长"),
    ("有会员提议设立奖学金，大会议决交由新届理事会研究。", "大会议决交由新届理事会研究"),
    # a commendation and the award handed over by its giver: one outcome
    ("大会表扬入会满二十年的资深会员，由会长颁发感谢状给陈阿土等十位会员。",
     "大会表扬入会满二十年的资深会员，由会长颁发感谢状给陈阿土等十位会员"),
    ("会议审议通过了《协会章程修正案》。", "审议通过了《协会章程修正案》"),
    ("会议审议并通过了财务报告和章程修改草案。", "通过了财务报告和章程修改草案"),
    ("会议决定，下一届年会在青州举行。", "下一届年会在青州举行"),
    ("会议决定成立青年企业家分会。", "会议决定成立青年企业家分会"),
    ("会议同意吸收五家单位为新会员。", "同意吸收五家单位为新会员"),
    ("会上，全体理事一致通过了年度工作报告。", "一致通过了年度工作报告"),
    ("大会选举产生了第四届理事会。", "选举产生了第四届理事会"),
    ("经投票表决，李华当选为协会新一届会长。", "李华当选为协会新一届会长"),
    ("双方签订了人才培养合作协议。", "签订了人才培养合作协议"),
    ("在市长张三的见证下，双方签署了合作协议。", "双方签署了合作协议"),
    ("在签约仪式上，甲公司与乙公司签署了合作协议。", "甲公司与乙公司签署了合作协议"),
    ("本次推介会共签约项目12个，总金额50亿元。", "共签约项目12个"),
    ("双方在会上签订了战略合作框架协议。", "签订了战略合作框架协议"),
    ("江城市商务局与甲乙物流有限公司签署了合作协议。", "签署了合作协议"),
    ("市政府向十家企业授予“诚信示范单位”称号。", "授予“诚信示范单位”称号"),
    ("大会为获奖者颁发了证书。", "颁发了证书"),
    ("江城市商会向江城大学颁发了“爱心助学单位”牌匾。", "颁发了“爱心助学单位”牌匾"),
    ("大会表彰了二十名优秀会员。", "表彰了二十名优秀会员"),
    ("大会颁奖表扬十位优秀会员。", "颁奖表扬十位优秀会员"),
    ("双方于今日签署合作备忘录（MOU）。", "签署合作备忘录（MOU）"),
    ("台南市摄影学会与高雄市摄影学会缔结为姊妹会。", "缔结为姊妹会"),
    ("江城市商会荣获“全国四好商会”称号。", "荣获“全国四好商会”称号"),
    # 曾 as a surname is no "once" of the past
    ("曾志强当选为新一届会长。", "曾志强当选为新一届会长"),
    ("会议选举曾志强为会长。", "会议选举曾志强为会长"),
    ("江城市青年创业中心正式揭牌。", "江城市青年创业中心正式揭牌"),
    # a directive (borderline) does not hide the decision that follows it
    ("会议要求各会员单位加强自律，并决定于下月召开理事会。", "并决定于下月召开理事会"),
    # the meeting or the parties as a whole stating their agreement
    ("双方一致同意建立定期会商机制。", "一致同意建立定期会商机制"),
    ("会上，双方表示将签署合作协议。", "双方表示将签署合作协议"),
    # a speech named as a thing (的讲话), and the meeting as the subject of a later clause
    ("会议听取了张三的讲话，并决定成立青年分会。", "并决定成立青年分会"),
    ("会长张三致辞后，大会选举产生了新一届理事会。", "大会选举产生了新一届理事会"),
    ("会议批准了新会员入会申请。", "批准了新会员入会申请"),
    ("2024年5月3日，双方签署了合作协议。", "双方签署了合作协议"),  # dated to the day: this event
    ("会议审定了《会员发展规划》。", "审定了《会员发展规划》"),
    ("会议修订了《会费管理办法》。", "修订了《会费管理办法》"),
    # "我院/我市" is the institution writing, not someone speaking
    ("我院与江城大学签署了合作协议。", "签署了合作协议"),
    ("双方签署会议纪要。", "签署会议纪要"),
    # a sentence that ends on the verb: the next sentence's 大会 is not a ceremony's name
    ("两份报告经全体会员一致通过。大会随后闭幕。", "两份报告经全体会员一致通过"),
    # the terms of a deal: what the agreement says the parties will do
    ("根据协议，双方将在人才培养和技术转移等领域开展合作。", "根据协议，双方将在人才培养和技术转移等领域开展合作"),
    ("按照框架协议，江城市将为项目提供用地保障。", "按照框架协议，江城市将为项目提供用地保障"),
    ("此次备忘录内容包括互派研修团和共办农产品展销会两项。", "此次备忘录内容包括互派研修团和共办农产品展销会两项"),
    ("合作协议的主要条款涵盖资金、场地和人员三个方面。", "合作协议的主要条款涵盖资金、场地和人员三个方面"),
    ("两市续签的MOU内容涉及观光宣传与青年交流。", "MOU内容涉及观光宣传与青年交流"),
    # taking up an office
    ("经董事会表决，赵明受命为新一届董事长。", "赵明受命为新一届董事长"),
    ("会议同意由孙丽出任协会秘书长。", "孙丽出任协会秘书长"),
    ("钱进接任江城市律师协会会长。", "钱进接任江城市律师协会会长"),
    # a decision read out
    ("秘书长宣读了《关于表彰优秀会员单位的决定》。", "宣读了《关于表彰优秀会员单位的决定》"),
    ("会上宣读了理事会换届选举结果的通报。", "宣读了理事会换届选举结果的通报"),
    # a speech verb with 了 ends with its own object; the next clause is the subject's next act
    ("与会代表提出了许多意见和建议，补充修改完善了《年度工作计划》。", "修改完善了《年度工作计划》"),
    ("理事们讨论了章程草案，一致同意提交会员大会审议。", "一致同意提交会员大会审议"),
    ("代表们踊跃发言，审议通过了新修订的会员公约。", "审议通过了新修订的会员公约"),
    # a deal's terms, whoever relays them
    ("县政府指出，备忘录内容包括农产品展销和观光宣传两项。", "备忘录内容包括农产品展销和观光宣传两项"),
    ("张局长表示，根据协议，两地将互派干部挂职。", "根据协议，两地将互派干部挂职"),
    # a starting year with no adverb of continuance is a date the decision sets
    ("会议决定，从2025年起执行新的会费标准。", "会议决定，从2025年起执行新的会费标准"),
    # a history clause does not silence the act of this event in a later clause
    ("从2018年开始，商会已连续举办六届年会，本届年会选举产生了新一届理事会。", "本届年会选举产生了新一届理事会"),
    ("自2012年起一直担任商会秘书长的李四，在本次大会上当选为新一届会长。", "在本次大会上当选为新一届会长"),
    ("从2012年以来，商会持续开展扶贫助学活动，大会为20名优秀志愿者颁发了荣誉证书。", "大会为20名优秀志愿者颁发了荣誉证书"),
    ("自2026年起，商会就业帮扶基金管理办法经大会审议通过后正式施行。", "经大会审议通过后正式施行"),
    ("本次会议还新增选了13名委员。", "新增选了13名委员"),  # 新增选 is an act, 新当选会长 an attribute
    # the officers an election produced, listed; the procedure that led to them is no outcome of its own
    ("经选举，新任常务理事张三、李四，理事王五、赵六。", "新任常务理事张三、李四，理事王五、赵六"),
    ("新任副会长王立新、李明远，秘书长赵强。", "新任副会长王立新、李明远，秘书长赵强"),
    # a procedure is left out only when the outcome it leads to follows in the same sentence
    ("经选举，张三为会长，李四为秘书长。", "张三为会长"),
    ("管理办法经大会审议通过，即日起施行。", "管理办法经大会审议通过"),
    ("该方案已经理事会审议通过，自下月起施行。", "该方案已经理事会审议通过"),
    # party membership decided
    ("按照党章规定，经上级党委批准，张三、李四等四名同志按期转为中国共产党正式党员。", "按期转为中国共产党正式党员"),
    ("王五、赵六等五名同志被接收为中国共产党预备党员。", "被接收为中国共产党预备党员"),
    # a position in brackets that is no photo's ("（试行）", "（中国）", a company's "（中）") hides nothing
    ("会上，商会向华泰（中）实业有限公司颁发了年度先进会员单位奖牌。", "颁发了年度先进会员单位奖牌"),
    ("会议审议通过了《会员管理办法（试行）》。", "审议通过了《会员管理办法（试行）》"),
    ("双方与甲（中国）有限公司签署了供货协议。", "签署了供货协议"),
    ("江城一中篮球队等8个单位被评为“年度先进集体”。", "江城一中篮球队等8个单位被评为“年度先进集体”"),
    # 通过 followed by the act it adopts
    ("大会并通过委任甲会计师事务所为2024年度核数师。", "通过委任甲会计师事务所为2024年度核数师"),
    ("会员以大比数通过修订会章第八条。", "通过修订会章第八条"),
    # a speech word inside a document's title is the title's
    ("大会审议通过了《关于增设夜班食堂的建议》。", "审议通过了《关于增设夜班食堂的建议》"),
    # a decision opening its clause, the meeting or a procedure of deciding as the sentence's subject
    ("会议听取了秋季开学工作汇报，决定新建江城实验小学东校区。", "决定新建江城实验小学东校区"),
    ("经研究，决定聘请王立新为协会名誉会长。", "决定聘请王立新为协会名誉会长"),
    ("市政府常务会议审议了《江城市停车管理办法（草案）》，决定提请市人大常委会审议。", "决定提请市人大常委会审议"),
    # a further adoption after 并/还, naming what it adopted
    ("大会审议通过了年度工作报告，并通过下年度工作计划及收支预算。", "并通过下年度工作计划及收支预算"),
    ("理事会还通过江城市商会会员发展规划。", "还通过江城市商会会员发展规划"),
    # a prize won: 获…奖/称号, and the prize with its winner by 由
    ("《城市交通流预测方法》获最佳论文奖。", "《城市交通流预测方法》获最佳论文奖"),
    ("另有十篇论文获优秀论文奖。", "另有十篇论文获优秀论文奖"),
    ("江城一中获得“书香校园”称号。", "江城一中获得“书香校园”称号"),
    ("公开组金奖由江城大学学生王敏的作品《渔灯》夺得。", "金奖由江城大学学生王敏的作品《渔灯》夺得"),
    ("银奖和铜奖分别由张明和李华获得。", "银奖和铜奖分别由张明和李华获得"),
    ("江城队夺得男子组冠军。", "江城队夺得男子组冠军"),
    # taking the oath of office
    ("会长陈立带领全体理事宣誓就职。", "会长陈立带领全体理事宣誓就职"),
    # a result announced after a colon is this event's ("回顾…：" is a record, "通报…：" is not)
    ("会议通报了选举结果：张三当选为会长。", "张三当选为会长"),
    ("大会向获奖者颁发了礼品和证书。", "颁发了礼品和证书"),
    # 当选人大代表; 礼 not right after the verb; an explanation given (作了说明) is no speech
    ("张三等15人当选人大代表。", "当选人大代表"),
    ("该校获评文明礼仪示范学校。", "获评文明礼仪示范学校"),
    ("秘书长张三对章程修改作了说明，大会表决通过了《章程修正案》。", "表决通过了《章程修正案》"),
    ("与会代表听取了秘书长所作财务收支情况说明，表决通过了《年度预算方案》。", "表决通过了《年度预算方案》"),
    # a bare 决定 after a deliberating body anywhere before it in the sentence
    ("10月16日，江城市政府召开常务会议，研究部署防汛工作，决定启动防汛四级应急响应。", "决定启动防汛四级应急响应"),
    ("经党组研究，决定成立数字经济工作专班。", "决定成立数字经济工作专班"),
    ("会中决定成立青年工作委员会。", "会中决定成立青年工作委员会"),
    ("江城中学队勇夺冠军。", "江城中学队勇夺冠军"),
    # an enumerated item and a short body line short of its 。 are the body's
    ("会议审议通过了以下事项：\n一、《协会工作报告》\n二、选举张三为第三届理事会会长", "选举张三为第三届理事会会长"),
    ("2024年3月5日，协会召开会员大会。\n大会审议通过了《章程修正案》", "大会审议通过了《章程修正案》"),
    # the members who attended as the subject, adopted as proposed (照案通过), nominating candidates
    ("一、年度工作报告，经监事会审核后提请大会承认，全体出席会员无异议照案通过。", "全体出席会员无异议照案通过"),
    ("经出席会员举手表决，赞成102票，照案通过。", "照案通过"),
    ("会中通过《长期照顾服务补助自治条例》草案。", "会中通过《长期照顾服务补助自治条例》草案"),
    ("支部委员会提出候选人，到会党员投票，王芳同志以41票当选为村党支部委员。", "王芳同志以41票当选为村党支部委员"),
    # the amount signed belongs to the signing it follows
    ("全县共签约12个项目，签约金额达36.5亿元。", "全县共签约12个项目，签约金额达36.5亿元"),
    # the terms of a deal after 依协议内容
    ("依协议内容，甲医院每周派医师到乡医院坐诊。", "依协议内容，甲医院每周派医师到乡医院坐诊"),
    # an adoption told of what was adopted, by the way it passed (also summed up after the items)
    ("大会审议了理事会工作报告、财务报告和修改章程的议案，上述议案均获通过。", "上述议案均获通过"),
    ("该议案获理事会通过。", "该议案获理事会通过"),
    ("修章案获得了通过。", "修章案获得了通过"),
    # an earlier time as an attribute, not the sentence's time; an earlier step, then this event
    ("大会按照此前公布的选举办法，选举张三为会长。", "选举张三为会长"),
    ("之前担任副会长的张三当选为会长。", "张三当选为会长"),
    ("早前获提名的李四，在是次会员大会上当选主席。", "当选主席"),
    ("三年来，商会会员从50家增至200家，本次大会选举产生了第四届理事会。", "选举产生了第四届理事会"),
    # a certificate or a title that only begins like a list or a rule
    ("协会为首批50名学员颁发资格证书。", "颁发资格证书"),
    ("会议命名标准化示范社区15个。", "命名标准化示范社区15个"),
    # a list of points opened by triangles
    ("本次大会主要完成以下议程：\n▲审议通过了《协会章程修正案》；\n▲选举产生了第五届理事会。", "审议通过了《协会章程修正案》"),
    # an amount without 元
    ("他当场宣布捐款100万，用于助学。", "宣布捐款100万"),
    ("会上，两份报告经与会会员鼓掌通过。", "两份报告经与会会员鼓掌通过"),
    ("经举手表决，章程修正案获得通过。", "章程修正案获得通过"),
    ("年度预算方案获全体理事投票通过。", "年度预算方案获全体理事投票通过"),
    # re-elected, elected by 获选
    ("赵明轩获选连任理事长，钱立群任秘书长。", "赵明轩获选连任理事长"),
    ("大会上，孙海燕连任会长。", "孙海燕连任会长"),
    # the deciding body as the subject
    ("理事会决定，明年三月召开第五次会员代表大会。", "理事会决定，明年三月召开第五次会员代表大会"),
    ("商会决定向县慈善总会捐赠二十万元。", "商会决定向县慈善总会捐赠二十万元"),
    # a gift pledged or made, with its amount
    ("基金会承诺未来三年每年拨款八十万元资助获奖学生。", "承诺未来三年每年拨款八十万元资助获奖学生"),
    ("他当场宣布个人捐资港币三十万元，设立助学基金。", "宣布个人捐资港币三十万元"),
    # a vote as a clause of its own, then what it adopted
    ("会议经表决，通过了《江城县物业管理条例实施办法》。", "通过了《江城县物业管理条例实施办法》"),
    ("经举手表决，同意接收赵丽同志为中共预备党员。", "同意接收赵丽同志为中共预备党员"),
    # the items of a list of decisions, and a further one after a semicolon
    ("会议议定：\n一、同意《东山镇垃圾分类实施方案》，由镇城建办牵头实施。\n二、同意增补王丽同志为镇团委委员；"
     "同意推荐李强同志为县劳动模范候选人。", "同意《东山镇垃圾分类实施方案》"),
    ("会议议定：\n一、同意《东山镇垃圾分类实施方案》，由镇城建办牵头实施。\n二、同意增补王丽同志为镇团委委员；"
     "同意推荐李强同志为县劳动模范候选人。", "同意推荐李强同志为县劳动模范候选人"),
    ("（三）原则同意新建村级养老服务站两处。", "原则同意新建村级养老服务站两处"),
]


@pytest.mark.parametrize(("text", "phrase"), _both_scripts(OUTCOME_CASES))
def test_outcome_candidates(text: str, phrase: str) -> None:
    outcomes = _candidates(text).outcomes
    assert any(phrase in fold(outcome.evidence) for outcome in outcomes), outcomes
    for outcome in outcomes:
        assert text[outcome.span[0] : outcome.span[1]] == outcome.evidence


def test_two_outcomes_in_one_sentence_are_two_candidates() -> None:
    text = "大会选举产生了第四届理事会，王立新当选会长。"
    for written in (text, _TO_TRADITIONAL.convert(text)):
        evidence = [fold(o.evidence) for o in _candidates(written).outcomes]
        assert evidence == ["大会选举产生了第四届理事会", "王立新当选会长"]


@pytest.mark.parametrize("text", [
    "会长张三回顾总结了上届理事会的工作，随后选举产生了新一届理事会。",
    "原会长张三于2019年当选，本次大会选举李四为新一届会长。",  # the past step stops at this event
    "协会于去年10月签署了合作意向书，今天双方正式签署了战略合作协议。",
    "理事会提交的《2024年工作报告》获大会一致通过。",  # 提交的: an attribute, not a later approval
    "接下来，大会以无记名投票方式选举产生了第五届理事会。",
    "江城市旅游协会召开第三届会员大会并顺利完成换届。",
])
def test_an_outcome_of_this_event_is_kept_beside_a_past_or_named_one(text: str) -> None:
    for written in (text, _TO_TRADITIONAL.convert(text)):
        assert _candidates(written).outcomes, written


def test_an_award_that_names_its_winners_is_kept_beside_another() -> None:
    text = "大会对张三、李四等10名优秀教师进行了表彰。会议还授予江城一中“文明校园”称号。"
    assert len(_candidates(text).outcomes) == 2
    text = "会议授予张三等10名同志“劳动模范”称号，获奖代表李四作表态发言。大会还为江城一中颁发了奖牌。"
    assert any("劳动模范" in o.evidence for o in _candidates(text).outcomes)


@pytest.mark.parametrize(("text", "parts"), [
    # the parties' commitments after their signing are the deal's terms, a part of their own
    ("江城商会与青石科技公司签署战略合作协议，双方将在人才培养、技术研发等领域开展合作。",
     [("签署战略合作协议", "signed"), ("双方将在人才培养、技术研发等领域开展合作", "terms")]),
    ("两市签订了友好合作备忘录，双方同意每年互派干部挂职。",
     [("签订了友好合作备忘录", "signed"), ("双方同意每年互派干部挂职", "terms")]),
    # …or in the sentence after it
    ("甲公司与乙大学签署产学研合作协议。两家还将共建联合实验室。",
     [("签署产学研合作协议", "signed"), ("两家还将共建联合实验室", "terms")]),
])
def test_the_parties_commitments_after_a_signing_are_its_terms(text: str, parts: list[tuple[str, str]]) -> None:
    for written in (text, _TO_TRADITIONAL.convert(text)):
        outcomes = _candidates(written).outcomes
        assert [(next(p for p, _ in parts if p in fold(o.evidence)), o.kind) for o in outcomes] == parts, outcomes
        assert all(o.settled for o in outcomes)


@pytest.mark.parametrize("text", [
    "如议案获得通过，商会将增设青年委员会。",
    "该草案尚未获得通过。",
    "该议案可望于下月获得通过。",
    "章程修改须获出席会员三分之二以上投票通过。",
])
def test_an_adoption_that_may_or_may_not_come_is_not_settled(text: str) -> None:
    for written in (text, _TO_TRADITIONAL.convert(text)):
        assert not any(o.settled for o in _candidates(written).outcomes)


@pytest.mark.parametrize(("text", "lead", "item"), [
    ("会议决定：一、同意张三同志辞去秘书长职务；二、同意增补李四为理事。", "会议决定", "同意张三同志辞去秘书长职务"),
    ("会议表决通过了人事任免事项：任命王明为县交通运输局局长，免去赵亮的县审计局局长职务。", "人事任免事项",
     "任命王明为县交通运输局局长"),
])
def test_a_decisions_lead_before_its_list_is_not_an_outcome_of_its_own(text: str, lead: str, item: str) -> None:
    for written in (text, _TO_TRADITIONAL.convert(text)):
        quotes = [fold(o.evidence) for o in _candidates(written).outcomes]
        assert not any(q.endswith(lead) for q in quotes) and any(item in q for q in quotes), quotes


def test_a_verb_heading_a_list_is_no_outcome() -> None:
    text = "会议于8月30日闭幕。\n任命：\n王明为县交通运输局局长"
    for written in (text, _TO_TRADITIONAL.convert(text)):
        assert [fold(o.evidence) for o in _candidates(written).outcomes] == [], _candidates(written).outcomes


def test_a_commendation_naming_no_winner_leads_into_the_list_that_names_them() -> None:
    text = "大会对年度表现突出的集体和个人进行了表彰，江城一中篮球队等8个单位被评为“年度先进集体”。"
    for written in (text, _TO_TRADITIONAL.convert(text)):
        assert [fold(o.evidence) for o in _candidates(written).outcomes] == [
            "江城一中篮球队等8个单位被评为“年度先进集体”"]
    alone = "大会对年度表现突出的集体和个人进行了表彰。"
    assert [fold(o.evidence) for o in _candidates(alone).outcomes] == ["大会对年度表现突出的集体和个人进行了表彰"]


def test_a_notice_line_among_the_sites_own_lines_names_no_host() -> None:
    page = "\n".join([
        "江城论坛开幕",
        "11月16日，第五届江城论坛在江城大学开幕，论坛由江城大学主办。",
        "关于我们 | 广告服务 | 网站地图",
        "主办单位：甲传媒有限公司 承办单位：乙新闻网编辑部",
    ])
    for text in (page, _TO_TRADITIONAL.convert(page)):
        assert _hosts(text) == {("江城大学", "organiser", "by-marker")}


def test_one_related_links_list_after_another_offers_nothing() -> None:
    page = "\n".join([
        "江城市商会召开会员大会",
        "5月3日，江城市商会召开会员大会，大会选举产生了新一届理事会。",
        "相关新闻：",
        "▸ 湖城市商会举行会员大会 选出新一届理事会",
        "热门文章",
        "・湖城市商会授予十家企业诚信单位称号",
    ])
    for text in (page, _TO_TRADITIONAL.convert(page)):
        assert [fold(o.evidence)[-13:] for o in _candidates(text).outcomes] == ["大会选举产生了新一届理事会"]


def test_an_award_handed_to_the_honoured_is_the_award_its_winners_were_named_for() -> None:
    """Told with its winners, the award is the outcome; the ceremony that hands it to "the honoured"
    refers back to it. Told only as the ceremony, the ceremony is the outcome."""
    named = "大会授予张三等10人“优秀会员”称号。会后，与会领导为受表彰的会员颁发了证书。"
    for written in (named, _TO_TRADITIONAL.convert(named)):
        assert [fold(o.evidence) for o in _candidates(written).outcomes] == ["大会授予张三等10人“优秀会员”称号"]
    alone = "年会上，与会领导为受表彰的会员颁发了证书。"
    assert [fold(o.evidence)[-16:] for o in _candidates(alone).outcomes] == ["与会领导为受表彰的会员颁发了证书"]


@pytest.mark.parametrize("text", [
    "双方将于下月正式签署合作协议。",  # a signing still to come
    "两市拟签订友好合作备忘录，双方将择期签署。",
    "甲公司与乙大学签署了合作协议。根据协议，双方将共建联合实验室。",  # one clause, opened by 根据协议
    "签约仪式后，双方将共同推进项目落地。",  # a ceremony named, no signing reported
    "甲公司与乙大学签署了战略合作协议。随后，双方将共同出席江城数字产业园开工仪式。",  # the day's next item
    "甲公司与乙大学签署了战略合作协议，双方将赴江城高新区实地考察。",
])
def test_no_parties_commitment_stands_alone_without_a_signing_done_before_it(text: str) -> None:
    for written in (text, _TO_TRADITIONAL.convert(text)):
        outcomes = _candidates(written).outcomes
        assert not any(o.kind == "terms" and fold(o.evidence).startswith("双方") for o in outcomes), outcomes


def test_no_outcome_is_offered_from_the_headline_line() -> None:
    """A headline restates the body; the outcome is quoted from the body's sentence."""
    text = "两市签署友好合作协议\n江城市与湖城市今天签署友好合作协议。\n两市代表出席了仪式。"
    for written in (text, _TO_TRADITIONAL.convert(text)):
        title = written.split("\n", 1)[0]
        article = Article(id="invented", path="invented.txt", sha256="0" * 64, text=written, title=title,
                          chars_in=len(written), chars_out=len(written))
        outcomes = collect_candidates(article).outcomes
        assert [fold(o.evidence) for o in outcomes] == ["江城市与湖城市今天签署友好合作协议"]
        # unpunctuated, the first line is a headline even when the page's title is the site's name;
        # punctuated, it is an ordinary sentence
        assert len(_candidates(written).outcomes) == 1
        assert len(_candidates(written.replace("\n", "。\n", 1)).outcomes) == 2
        # a headline line with a subtitle after the title, or a title cut short, is still the headline
        for known in (title[:6], title + "！市长会见客商"):
            subtitled = written.replace(title, title + "！市长会见客商", 1) if len(known) > len(title) else written
            article = Article(id="invented", path="invented.txt", sha256="0" * 64, text=subtitled, title=known,
                              chars_in=len(subtitled), chars_out=len(subtitled))
            assert len(collect_candidates(article).outcomes) == 1


def test_a_long_sentence_is_cut_around_the_act_not_the_ceremony_named_before_it() -> None:
    text = ("签约仪式当天上午在江城市民中心举行，由江城市副市长王立新、湖城市副市长李明远通过视频连线共同见证，"
            "还有两市商务部门、行业协会和企业代表六十余人现场观礼，最后两市代表正式完成签署。")
    for written in (text, _TO_TRADITIONAL.convert(text)):
        (outcome,) = _candidates(written).outcomes
        assert fold(outcome.evidence).endswith("最后两市代表正式完成签署")
        assert written[outcome.span[0] : outcome.span[1]] == outcome.evidence


@pytest.mark.parametrize(("text", "quote"), [
    ("根据协会章程规定，经理事会提名，大会选举王立新为会长。", "大会选举王立新为会长"),
    ("按照党章规定，经上级党委批准，张三、李四等四名同志按期转为中国共产党正式党员。",
     "张三、李四等四名同志按期转为中国共产党正式党员"),
    ("经过充分讨论，会议审议通过了《会员管理办法》。", "会议审议通过了《会员管理办法》"),
    # 经济, 经信局, 根据地 are no lead-in, and neither is a condition or a deal's basis
    ("经济工作会议上，大会选举王立新为会长。", "经济工作会议上，大会选举王立新为会长"),
    ("经信局局长王五，代表市政府与企业签订了投资协议。", "经信局局长王五，代表市政府与企业签订了投资协议"),
    ("根据地纪念馆馆长张三，与商会签署了合作协议。", "根据地纪念馆馆长张三，与商会签署了合作协议"),
    ("根据合同约定，乙方将于年底前正式启动项目建设。", "根据合同约定，乙方将于年底前正式启动项目建设"),
    # the list of officers an election produced stays with the election
    ("会议选举产生了新一届理事会，新任会长张三，秘书长李四。", "会议选举产生了新一届理事会，新任会长张三，秘书长李四"),
    ("新任会长张三、监事长李四共同为商会新址揭牌。", "新任会长张三、监事长李四共同为商会新址揭牌"),
    # the deal's terms open the quote: "根据协议" is the act's own clause, not a lead-in
    ("根据协议，双方将互派干部挂职。", "根据协议，双方将互派干部挂职"),
    # who relays the terms is no part of them
    ("县政府指出，备忘录内容包括农产品展销和观光宣传两项。", "备忘录内容包括农产品展销和观光宣传两项"),
    ("张局长表示，根据协议，两地将互派干部挂职。", "根据协议，两地将互派干部挂职"),
    ("市商务局介绍：本次协议的主要内容为共建物流园区。", "本次协议的主要内容为共建物流园区"),
])
def test_a_quote_starts_after_the_clauses_that_lead_into_the_act(text: str, quote: str) -> None:
    for written in (text, _TO_TRADITIONAL.convert(text)):
        evidence = [fold(o.evidence) for o in _candidates(written).outcomes]
        assert evidence == [quote], evidence


def test_three_documents_adopted_are_one_candidate_each() -> None:
    text = "会议审议通过了《年度工作报告》、《财务预算方案》和《会员管理办法》。"
    for written in (text, _TO_TRADITIONAL.convert(text)):
        outcomes = _candidates(written).outcomes
        assert [(fold(o.evidence), o.rule) for o in outcomes] == [
            ("《年度工作报告》", "document"), ("《财务预算方案》", "document"), ("《会员管理办法》", "document")]


NOT_OUTCOME_CASES = [
    # an answer to a question from the floor
    "有会员在会上质疑顾问费偏高，主席回应指顾问是经公开招标选出，过程透明。",
    # the elected named as an attribute; a vote's count; an act denied
    "该项目申请未获批准。",
    "市政府未予批准该项目。",
    "他在此次选举中没能当选。",
    # 会议决策, 审议决算: no 议决; a letter of praise; the election as a stage of the meeting
    "会议强调，要认真贯彻落实中央经济工作会议决策部署。",
    "会议审议决算报告和预算草案。",
    "社区近日收到居民送来的一封表扬信。",
    "在选举过程中，会员秩序井然。",
    "由各车间选举产生的九十六名职工代表出席了会议。",
    "改选后的理事会将于下月召开首次会议。",
    "表决结果：同意二十六票，反对十一票，弃权四票。",
    "该事项同意票未达到三分之二，未获通过。",
    "会议不予批准该项申请。",
    # why an award was given, not one; an earlier meeting's award in brackets
    "为表彰他在桥梁抗震研究方面的贡献，学会特别制作了纪念册。",
    "此举旨在表彰她多年来在社区服务中的无私付出。",
    "（去年年会在兰州举行，当时授予王教授终身成就奖。）",
    # the election named with the meeting that was held
    "江城同乡会第三十八届会员大会暨理事改选，于四月十三日上午在会馆礼堂举行。",
    # 会议 before 决定事项: no 议决
    "会议听取了上次会议决定事项落实情况的汇报。",
    "王书记指出，要进一步提高服务水平。",  # speech
    "李主任表示，将继续支持协会发展。",
    "他强调要加强队伍建设。",
    "会长希望全体会员团结一心。",
    "颁奖嘉宾为获奖会员送上祝福。",  # the people who hand out awards, named as a thing
    "张会长指出，过去一年协会工作取得了明显成效。",
    "周主席在讲话中表示，希望大家签订诚信公约。",  # an outcome verb inside speech
    "大会上，他表示将与江城大学签署合作协议。",  # a person speaking at the meeting, not the meeting
    "张会长指出，会议决定的事项要抓好落实。",  # outcomes named inside speech
    "李主任表示，大会通过的决议很有意义。",
    "王书记强调，双方签订的协议要落到实处。",
    "张三致辞，期待双方达成战略合作。",  # a wish about the parties, not their act
    "会议要求，各单位要认真落实会议精神。",  # a directive alone: borderline, not offered
    "新当选的会长王立新致辞。",  # an election named as an attribute
    "协会成立于2001年，现有会员三百余家。",  # background
    "去年，协会与江城大学签署了合作协议。",
    "2019年以来，协会已连续五年签订行业自律公约。",
    "江城市商会成立于1998年，曾多次当选全国先进商会。",
    "该协会曾多次当选全国先进社会组织。",
    "协会近年来与10所高校签订了合作协议。",
    "2023年，协会荣获全国先进社会组织称号。",  # a sentence dated to a year only
    "近五年来，协会累计表彰优秀会员200余名。",
    "该公司于2012年当选行业协会副会长单位。",  # dated to a year only: a past step
    "嘉宾们出席了签约仪式。",  # ceremony named, not reported
    "在签约仪式上，双方代表交换了文本。",
    "与会嘉宾共同见证了揭牌仪式。",
    "市委副书记周海出席并见证签约。",  # witnesses
    "江城市商会2024年度表彰大会隆重召开。",  # an event's name holding an outcome verb
    "双方表示，将以此次签约为契机，深化务实合作。",  # the act pointed at, not reported
    "经市民政局批准，协会更名为江城市数字经济协会。",  # an outside authority's approval
    "我们因此成立了青年工作部，专门服务年轻会员。",  # first person: someone speaking
    "张秘书长介绍了新一届理事会选举产生的经过。",  # the object of a speech verb with 了
    "他表示了感谢，并希望双方尽快签订协议。",  # 希望 still reports a wish
    "周会长曾出任江城市工商联副主席。",  # an office held before: background
    "李主任强调，要按照协议约定抓好落实。",  # the terms inside speech
    "王市长强调，根据协议，各部门要抓好落实。",  # the terms as a speaker's directive
    "双方就协议内容进行了深入磋商。",  # the terms negotiated, not stated
    # the parties' intentions with no signing before them, or a signing still to come
    # the honoured named as people, an election or a change of officers held as an agenda item, a
    # caption introduced as one
    "受表彰代表、市劳动模范王强作了交流发言。",
    "全体受表彰人员在会后合影留念。",
    "商会召开第五届会员大会暨理事会换届选举，会长李明主持大会。",
    "会议首先进行了监事会选举。",
    "会议还研究了商会换届事宜。",
    # the signing's people, a later approval, the writer's plans, a report's review, a period's tally
    "市领导及签约企业代表共200余人参加仪式。",
    "换届筹备工作方案将另行提交会长办公会审定。",
    "下一步，市商务局将建立签约项目全程跟踪机制。",
    "今年以来，全市共签约项目41个，总投资512亿元。",
    "本会第十届理事会于本年九月经会员大会选举产生，张三当选会长，李四当选秘书长。",  # dated to a month: a past step
    "图为与会领导为新成立的调解中心揭牌。",
    "会谈中，双方将进一步加强在文旅领域的交流。",
    # a majority's opinion
    "调查显示，绝大多数市民同意延长地铁运营时间。",
    "两市领导会见时表示，双方将共同推动产业协作。",
    "根据合同法第五十二条，该条款无效。",  # a law, not a deal
    "王市长在讲话中强调，要正式启动数字经济示范区建设。",  # 讲话 as an act, 强调 still reports speech
    "市委书记发表讲话指出，全市将正式启动营商环境改革。",
    "协会新闻发言人表示，协会将正式成立青年工作委员会。",
    "张书记提出了三点要求，一是要正式启动示范区建设。",  # a directive after 了: the speech's content
    "会议明确提出任务目标和时间节点。",  # 提出任务 holds no 出任
    "全体干部职工不得作出任何违反规定的行为。",  # nor 作出任何
    # counting from a past year with an adverb of continuance: what has been done since, not tonight's act
    "从2012年开始，协会就先后与五所高校签订了合作协议。",
    "自2018年起，商会一直坚持表彰优秀会员企业。",
    "从二〇一五年以来，联合会已累计授予三十家企业诚信单位称号。",
    # a photo caption places people by position and restates the body
    "图为会长张三（右六）为获奖企业颁发奖牌。",
    "双方代表（前排左三、左四）签署合作协议。",
    "新当选的理事长李四（中）与理事们合影，大会选举产生了新一届理事会。",
    "图为会长张三（左起第二）为获奖企业颁发奖牌。",
    "张三（左三至左五）等为获奖企业授牌。",
    "新当选会长张三在讲话中表示，将带领商会再上台阶。",  # the office as an attribute
    "该展馆以捐赠人张三的名字命名。",  # named after, not an award
    "该公司先后荣获省级专精特新企业等荣誉。",  # a record of honours
    "与会人员通过了解企业发展情况，对商会工作提出意见。",  # 通过了解 is "by learning"
    "会议通报了换届选举的筹备情况。",  # 换届选举 named as a thing
    "新任会长张三表示，将带领商会再上台阶。",  # 新任 naming a speaker, no list of officers
    "新任理事长张三，在讲话中表示要团结会员、服务会员。",
    "新任理事长罗启浚感谢会员肯定。",
    "新任会长张三、秘书长李四分别作表态发言。",  # the new officers doing something else
    "新任会长张三，理事会全体成员向其表示祝贺。",
    "张三同志1995年6月转为正式党员，先后在多个岗位工作。",  # a biography
    "各支部要将优秀青年及时接收为预备党员。",  # a directive
    "他于2010年转为正式党员。",  # a past step
    "张三表示，要把更多优秀青年发展为预备党员。",  # speech
    # 决定 as "determines", with no deciding body as the subject
    "这项工作很重要，决定全县未来的发展空间。",
    "人才是关键，决定着企业的竞争力。",
    "会长致辞后，决定性的一票由理事长投出。",
    # 获 with no prize named, a prize as an attribute, a prize won before
    "获奖作品将在市图书馆展出一周。",
    "获一等奖的学生代表在会上发言。",
    "该公司曾获国家科技进步奖。",
    "该团队先后获得省级科技进步奖等荣誉。",
    # a review of past work, its record opened by a colon; an award ceremony named as a thing
    "报告回顾了商会三年来的工作：累计发展会员200家，推动成立了青年企业家分会。",
    "第七届“绿色创意奖”颁奖礼在市文化馆举行。",
    "颁奖礼由协会副会长王芳主持，约一百五十人出席。",
    # a period's tally, an election named as a subject (是次), winners selected, credentials handed out
    "一季度，经开区新签约亿元以上项目9个。",
    "上半年，全县共签约项目21个。",
    "是次选举共派出选票二百八十七张，收回二百八十二张，全部有效。",
    "经三轮评审，最终选出十位得奖者。",
    "随后，校领导为毕业生代表颁发学位证书。",
    # 通过 as "by means of", 获 with no prize won, 摘得 inside 采摘得, a decision named as a thing,
    # a decision by people leaving a meeting, works selected, a Taiwanese quarter's tally
    "主办方还通过大屏幕展示了城市更新规划。",
    "区商务局同时通过问卷调查收集了企业意见。",
    "市长张三获邀担任颁奖嘉宾。",
    "孩子们的表现还获得了家长的夸奖。",
    "会上，甲村获得奖补资金50万元。",
    "游客们在果园里采摘得不亦乐乎。",
    "会议传达学习了市委全会决议精神。",
    "会议听取了上次会议决定事项落实情况的汇报。",
    "大会结束后，不少代表意犹未尽，决定留下来继续交流。",
    "评委从500幅作品中选出得奖作品30幅。",
    "今年首季，全市共签约项目26个。",
    # a line with no clause punctuation: a headline, a heading, a caption restating the body
    "江城市电器业商会换届 张三连任会长\n2024年3月5日，江城市电器业商会召开会员大会。",
    "选举事项\n与会会员对候选人名单进行了酝酿。",
    "现场签订战略协议\n峰会现场气氛热烈。",
    # an official's explanation and reminder are speech; a roster named as a thing
    "科长李芳代表县民政局说明社团管理规定，提醒各协会按期改选。",
    "会后三十日内须将会议纪要及当选名册报民政局备案。",
    # an election held as a procedure, its result told elsewhere
    "会议以无记名投票方式进行了支部委员增补选举。",
    "大会依章程以无记名投票办理第十届理监事改选。",
    # 并通过 as "by means of"
    "会员们还通过网络平台观看了直播。",
    # a rate, not an adoption; a candidate, not one elected; offices held before, or as an attribute
    "本期培训考试获得通过率达到九成。",
    "获选人名单将在官网公示。",
    "他曾连任三届会长。",
    "连任两届会长的王志远今天正式卸任。",
    # a decision cited, not taken here
    "根据理事会决定，会费标准维持不变。",
    # a gift with no amount, a funder named as a thing, a tally over years
    "会员企业踊跃捐款捐物，支援灾区重建。",
    "会议听取了关于政府方出资代表的情况汇报。",
    "五年来，商会组织会员企业结对帮扶，捐款折合人民币二千一百万元。",
    # a form's fields and a question: no act
    "审议结果：通过",
    "本次会议是否有否决议案：有",
    "候选人是否当选，以计票结果为准。",
    # the rest of items whose results are told one by one
    "其余议案均获通过。",
    # a vote held whose result is not told
    "会议就是否同意张三辞去副会长职务进行了表决。",
    # winners of a contest selected, not officers elected
    "获选作品将于下月在市美术馆展出。",
    "三名学生获选进入国家集训队。",
    # a body's decision cited or named as the one who decides; 学会 as "learn to"
    "该会的发展方向由理事会决定。",
    "根据本会理事会决定，会费标准维持不变。",
    "孩子们在活动中学会决定和承担。",
    # 连任 as a biography, a rule or a hope
    "张三连任会长一职后，带领商会取得长足发展。",
    "按章程规定，会长不得再连任会长。",
    # the items of an agenda, of someone's points, a view
    "本次大会议程如下：一、听取工作报告；二、同意接纳新会员。",
    "张三就下一步工作谈了几点意见：一、同意秘书处提出的方案。",
    "有人表示反对；同意者认为应尽快实施。",
    # a gift asked for, or given long ago
    "商会向市政府申请拨款50万元。",
    "张三曾捐资100万元兴建家乡小学。",
    # an earlier event told in the same sentence
    "同乡会早前于三月二十日举行会员大会，选出第十二届会董六十八人。",
    "此前，协会已在年初的理事会上选举张三为会长。",
    # a photo caption marked by a triangle
    "▲ 主礼嘉宾向荣誉会长颁发委任状。",
    # an act naming a list, a rule or a condition
    "各分委员会提交了学位授予建议名单。",
    "会上解读了表彰条件和评选程序。",
    "会议研究了镇属企业目标责任书签订事宜。",
]


@pytest.mark.parametrize("text", _both_scripts([(t,) for t in NOT_OUTCOME_CASES]))
def test_not_outcomes(text: str) -> None:
    assert _candidates(text).outcomes == ()


# ------------------------------------------------------------------ event names

EVENT_CASES = [
    # 假 places the event (Hong Kong, Macau); a venue named like a meeting is no event; a banquet ends a name
    ("江城同乡会昨晚假湾仔会议展览中心举行第十二届会董就职典礼暨联欢晚宴，嘉宾云集。",
     "第十二届会董就职典礼暨联欢晚宴"),
    # the subject of its own convening, after a date or dateline
    ("10月8日，江城市第二届文旅产业博览会在会展中心隆重开幕。", "江城市第二届文旅产业博览会"),
    ("今天上午，东湖区数字经济发展论坛在区政府礼堂举行。", "东湖区数字经济发展论坛"),
    # "由…主办的X": the name follows the modifier
    ("由江城县政府主办的青石镇招商推介会于5月3日举行。", "青石镇招商推介会"),
    # what a body convenes, to the end of its clause
    ("松原市茶叶协会于3月2日召开二届五次理事会议，会长王明主持。", "二届五次理事会议"),
    ("白沙商会召开了本年度第一次理事、监事联席会议。", "本年度第一次理事、监事联席会议"),
    # quoted, and continued after the quotes by 暨
    ("北城区举办“数字赋能·乡村振兴”高峰论坛暨项目签约仪式，十家企业参加。",
     "“数字赋能·乡村振兴”高峰论坛暨项目签约仪式"),
    ("由临江学会承办的“第三届临江医学年会”在临江宾馆召开。", "第三届临江医学年会"),
    # two meetings joined by 暨 are one event
    ("南岸县果品协会第三届第一次会员大会暨十周年联谊晚会在县城召开。", "南岸县果品协会第三届第一次会员大会暨十周年联谊晚会"),
    # a time or a place between the name and its convening
    ("全省经济工作会议12月20日在省城召开。", "全省经济工作会议"),
    ("第五届世界智能大会昨天在天津开幕。", "第五届世界智能大会"),
    ("全市重点项目现场观摩会在甲县召开。", "全市重点项目现场观摩会"),
    # an attribute before the name is no part of it
    ("丁公司在总部举行了盛大的十周年庆典。", "十周年庆典"),
]

NOT_EVENT_CASES = [
    "市长王五应邀参加论坛开幕式并致辞。",  # an attendee's clause, not a name
    "本次会议审议通过了年度工作报告。",  # a reference to the event
    "会议在市政府第一会议室召开。",  # a bare noun
    "协会决定召开会议，研究下一步工作。",  # a bare noun after the verb
    "百佳联盟会聚南通，携手顾家家居达成战略合作。",  # no event noun at all
    "与会代表一致认为，“这是一次求真务实的会议”。",  # an opinion of the event, quoted
    "丁公司计划于明年召开年度股东大会。",  # planned, not reported
    "第二届产业链发展大会将于明年在成都召开。",  # planned, after the name
    "会议传达学习了“十四五”规划编制工作会议精神。",  # another meeting, referred to
    "协会举办了一场以“绿色发展”为主题的交流会。",  # what follows 的 is a bare noun
    "第二届“数字丝路”高峰论坛将于6月在西安举办。",  # quoted, and planned
    "各地深入学习第三届“一带一路”国际合作高峰论坛成果。",  # quoted, and referred to
    "今天，距第六届中国国际进口博览会开幕还有100天。",  # a countdown
    "茶博会首日，同期举行了贸易投资促进论坛。",  # a side event
]


@pytest.mark.parametrize(("text", "name"), _both_scripts(EVENT_CASES))
def test_event_names(text: str, name: str) -> None:
    events = _candidates(text).events
    assert events and fold(events[0].name) == name, events
    assert all(text[e.span[0] : e.span[1]] == e.name for e in events)


@pytest.mark.parametrize("text", _both_scripts([(t,) for t in NOT_EVENT_CASES]))
def test_not_event_names(text: str) -> None:
    assert _candidates(text).events == ()


def test_the_fullest_name_comes_first() -> None:
    text = "西山区召开乡村振兴推进会。西山区第五届乡村振兴工作推进会在区委礼堂召开，推进会由区长主持。"
    assert [e.name for e in _candidates(text).events][:2] == ["西山区第五届乡村振兴工作推进会", "乡村振兴推进会"]


@pytest.mark.parametrize("line", ["暨会议" * 2000, "及大会" * 2000, "“" + "发展论坛" * 1250, "论坛" + "在" * 4990 + "召开"])
def test_a_long_line_without_an_event_ends(line: str) -> None:
    """A chain of 暨/及 splits one way only: a long line that matches nowhere must not send the
    event grammar into exponential backtracking (it hung on "暨会议" × 300 before). The alarm turns
    a hang into a failure; it is no speed target."""
    import signal

    def hung(*_):
        raise TimeoutError("event grammar backtracking")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(30)
    try:
        assert _candidates("标题\n" + line).events == ()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_a_resolution_notices_form_names_each_item_adopted() -> None:
    text = ("江城股份2023年年度股东大会决议公告\n二、议案审议情况\n1、议案名称：《2023年度董事会工作报告》\n审议结果：通过\n"
            "表决情况：同意180,233,005股\n2、议案名称：《关于续聘2024年度审计机构的议案》\n审议结果：通过\n"
            "3、议案名称：《关于为子公司提供担保的议案》\n审议结果：不通过")
    for written in (text, _TO_TRADITIONAL.convert(text)):
        adopted = [fold(o.evidence) for o in _candidates(written).outcomes if o.kind == "adopted" and o.settled]
        assert adopted == ["1、议案名称：《2023年度董事会工作报告》", "2、议案名称：《关于续聘2024年度审计机构的议案》"], adopted


def test_minutes_name_each_item_their_bare_result_adopts() -> None:
    """"案由…提请审议。/说明：…/决议：照案通过。": the item is the outcome and the bare result line none; a
    result that says more than its verdict is an outcome of its own, and one that puts an item off is no adoption."""
    text = ("八、讨论事项：\n案由一：一一三年度收支决算案，提请审议。\n说明：详如附件一。\n决议：照案通过。\n"
            "案由二：拟购置停车场用地，提请讨论。\n说明：地主开价过高。\n决议：本案保留，提下次大会讨论。\n"
            "案由三：一一四年度工作计划案，提请审议。\n决议：修正通过，活动经费删减为三十万元。\n")
    for written in (text, _TO_TRADITIONAL.convert(text)):
        evidence = [fold(o.evidence) for o in _candidates(written).outcomes]
        assert "案由一：一一三年度收支决算案，提请审议。" in evidence, evidence
        assert not any(e.startswith(("案由二", "案由三")) or e.endswith("照案通过") for e in evidence)
        assert any(e.startswith("决议：修正通过") for e in evidence), evidence
    # a bare amendment adopts its item; a rejection adopts nothing; 提案 names an item; one result line
    # below two items adopts the one above it only
    for minutes, adopted in (("案由二：会费调整案，提请审议。\n决议：修正通过。", ["案由二：会费调整案，提请审议。"]),
                             ("案由一：甲案。\n决议：不通过。", []),
                             ("提案一：增设青年委员会案。\n决议：照案通过。", ["提案一：增设青年委员会案。"]),
                             ("案由一：甲案，提请审议。\n案由二：乙案，提请审议。\n决议：照案通过。",
                              ["案由二：乙案，提请审议。"])):
        for written in (minutes, _TO_TRADITIONAL.convert(minutes)):
            assert [fold(o.evidence) for o in _candidates(written).outcomes] == adopted, written


def test_an_adoption_leading_into_numbered_items_adopts_each_item() -> None:
    text = ("大会上，全体会员一致通过三项提案，包括：\n一、会员年费由十元调高至二十元，自明年起实施；\n"
            "二、设立会员子女奖学金；\n三、增设青年团。\n会后举行了联欢晚宴。")
    for written in (text, _TO_TRADITIONAL.convert(text)):
        outcomes = _candidates(written).outcomes
        assert [fold(o.evidence) for o in outcomes] == [
            "会员年费由十元调高至二十元，自明年起实施", "设立会员子女奖学金", "增设青年团"], outcomes
        assert all(o.kind == "adopted" and o.settled for o in outcomes)
    # a plan leading into its items adopts nothing, and the list ends where someone speaks
    for planned in ("理事会拟通过以下提案：\n一、调高会费；\n二、设立奖学金。",
                    "大会将审议通过以下事项：\n一、调高会费；\n二、设立奖学金。"):
        assert not [o for o in _candidates(planned).outcomes if o.settled], planned
    spoken = ("会议审议通过了以下事项：\n1.《年度工作报告》；\n2.《财务报告》。\n3.会长张三作总结讲话，要求抓好落实。")
    assert [fold(o.evidence) for o in _candidates(spoken).outcomes] == ["《年度工作报告》", "《财务报告》"]
