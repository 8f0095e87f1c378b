from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.clean import clean, repair_gbk_mojibake, strip_pinyin
from summarizer.load import load_article

from .conftest import gold_pairs, gold_phrases

PAIRS = gold_pairs()
PINYIN_LEFT = re.compile(r"[\u4e00-\u9fff][(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]")


def kinds(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for removal in clean(text).removed:
        out.setdefault(removal.kind, []).append(removal.text)
    return out


# ------------------------------------------------------------- per rule


def test_pinyin_annotations_removed_real_brackets_kept() -> None:
    text = "為更好貫徹落實(shí)《關(guān)于推動(dòng)》,協(xié)會(huì)二届二次会长办公(扩大)会,(讨论稿)(2022)(另发)海納川(濱州)MOU續簽(MOU)"
    out = clean(text).text
    assert "實(shí)" not in out and "協會" in out and "關于推動" in out
    for kept in ("(扩大)", "(讨论稿)", "(2022)", "(另发)", "(濱州)", "(MOU)"):
        assert kept in out


def test_stacked_pinyin_removed_in_one_pass() -> None:
    assert clean("實(shí)(shí)現").text == "實現"


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("当前位置:首页>相关", "breadcrumb"),
        ("人民网>>上海频道", "breadcrumb"),
        ("评论", "widget"),
        ("文明上网,登录评论   评论仅供网友表达个人看法,并不表明本站同意其观点或证实其描述", "widget"),
        ("验证码:*", "widget"),
        ("还可以再输入500", "widget"),
        ("回页顶部", "widget"),
        ("回頁首", "widget"),
        ("【 字体：大 中 小 】", "widget"),
        ("小字号", "widget"),
        ("分享让更多人看到", "widget"),
        ("點閱率:821", "widget"),
        ("1_副本.jpg", "image"),
        ("图片3.png", "image"),
        ("图片", "image"),
        ("demo.jpg", "image"),
        ("插入视频", "image"),
        ("/图:荆常宝  胡晓博", "credit"),
        ("(工商協進會與日本宮城縣國際經濟振興協會續簽MOU,右爲理事長。圖/工商協進會提供)", "caption"),
        ("吴锦（右一）、魏华山（左一）会谈", "caption"),
        ("来源:中国铸造协会", "metadata"),
        ("(责编:沐一帆、轩召强)", "metadata"),
        ("链接：http://ms.newssc.org/system/20150721/001695105.html", "link"),
    ],
)
def test_boilerplate_line_kinds(line: str, kind: str) -> None:
    body = "2020年6月8日,中国铸造协会上海办事处隆重开业,近200位代表到场。"
    article = clean(f"{body}\n{line}\n{body}再次确认。")
    assert kind in kinds(f"{body}\n{line}\n{body}再次确认。"), article.removed
    assert "隆重开业" in article.text


@pytest.mark.parametrize(
    ("simplified", "traditional", "kind"),
    [
        # invented furniture, each written in both scripts: the patterns are written once, in simplified
        ("当前位置：首页 > 协会动态", "當前位置：首頁 > 協會動態", "breadcrumb"),
        ("相关阅读", "相關閱讀", "link"),
        ("浏览次数：1024", "瀏覽次數：1024", "widget"),
        ("评论仅供网友表达个人看法", "評論僅供網友表達個人看法", "widget"),
        ("发布时间：2023-05-02 10:00", "發佈時間：2023-05-02 10:00", "metadata"),
        ("责任编辑：李华", "責任編輯：李華", "metadata"),
        ("原文链接：https://example.org/news/1.html", "原文連結：https://example.org/news/1.html", "link"),
        ("（图/甲协会提供）", "（圖/甲協會提供）", "caption"),
    ],
)
def test_furniture_is_found_in_either_script(simplified: str, traditional: str, kind: str) -> None:
    body = "本会于5月2日召开理事会，会议审议通过了年度工作报告。"
    for line in (simplified, traditional):
        article = clean(f"{body}\n{line}\n{body}并形成决议。")
        assert kind in {r.kind for r in article.removed}, (line, article.removed)
        assert line.split("：")[-1] not in article.text.split("\n")


def test_a_traditional_stamp_and_byline_become_metadata() -> None:
    article = clean("甲協會召開年會\n發佈於2023/5/2 09:30 甲協會召開年會\n5月2日，甲協會召開年會。\n來源：乙報 記者：王明")
    assert article.published == "2023-05-02 09:30"
    assert article.source == "乙報" and article.author == "王明"
    assert "發佈於" not in article.text and "王明" not in article.text


def test_image_prefix_stripped_but_sentence_kept() -> None:
    out = clean("插入视频与会人员,围绕2022年重点工作计划(讨论稿),畅所欲言。").text
    assert out == "与会人员,围绕2022年重点工作计划(讨论稿),畅所欲言。"


def test_photo_credits_inline_and_caption() -> None:
    article = clean(
        "蔡西湖表示(詹宗翰攝),協會今年剛好成立十週年。\n"
        "金門縣歷任鄉鎮長協會成立十周年召開會員大會。 (詹宗翰攝)"
    )
    assert article.text == "蔡西湖表示,協會今年剛好成立十週年。"
    assert {r.kind for r in article.removed} == {"credit", "caption"}


def test_metadata_moves_out_of_body() -> None:
    article = clean(
        "中铸协上海办事处开业运行\n 发表于2020/6/8 22:23:59 中铸协上海办事处开业\n"
        "2020年6月8日,中国铸造协会上海办事处隆重开业。\n來源: 大眾網 作者: 董永芳"
    )
    assert article.published == "2020-06-08 22:23:59"
    assert article.source == "大眾網" and article.author == "董永芳"
    assert article.title == "中铸协上海办事处开业运行"
    assert article.text.split("\n")[0] == article.title
    assert "发表于" not in article.text and "董永芳" not in article.text


def test_stamp_only_line_is_publication_time() -> None:
    article = clean("标题一行\n2022年02月17日16:51 |\n上海市人民政府今天(2月16日)在沪签署协议。")
    assert article.published == "2022-02-17 16:51"
    assert "16:51" not in article.text


def test_repeated_body_kept_once() -> None:
    para = ["第一段讲的是会议的背景以及与会的各位领导和代表。", "第二段讲的是会议通过的决议以及下一步工作。"]
    text = "\n".join(["标题", *para, *para])
    out = clean(text).text
    assert out.count("第一段") == 1 and out.count("第二段") == 1


def test_duplicated_lead_inside_longer_paragraph() -> None:
    lead = "金門縣歷任鄉鎮長協會召開第三屆第三次會員大會暨十週年感恩聯誼餐會。"
    out = clean(f"{lead}\n{lead}邀請歷任鄉鎮長一敘,共聚一堂。").text
    assert out.count("第三屆第三次") == 1 and "共聚一堂" in out


def test_paragraph_pasted_twice_on_one_line() -> None:
    para = "會議原則通過《鐵嶺縣人民政府2022年目標管理績效考核工作實施方案》。"
    assert clean(para + para).text == para


def test_mojibake_flagged_not_invented() -> None:
    article = clean("推进产业集群规范化、规?;?、绿色化发展。能够?qū)崿F的目标。")
    assert article.warnings and "mojibake" in article.warnings[0]
    assert "?;?" in article.text


def test_script_is_not_converted() -> None:
    assert clean("中國醫藥工程設計協會會長會議在上海召開").text == "中國醫藥工程設計協會會長會議在上海召開"


def test_whitespace_normalized() -> None:
    assert clean("  龙湾水库\u3000\u3000友邻水库  \r\n\r\n\n第二行  ").text == "龙湾水库 友邻水库\n第二行"


# ------------------------------------------------------- the 17 articles


@pytest.mark.parametrize(("path", "gold"), PAIRS, ids=[p.stem for p, _ in PAIRS])
def test_gold_phrases_survive_and_no_pinyin_left(path, gold) -> None:
    article = clean(load_article(path))
    full = article.text
    assert not PINYIN_LEFT.search(full)
    for phrase in gold_phrases(gold):
        assert strip_pinyin(phrase) in full, phrase
    assert clean(full).text == full


def test_compression_targets() -> None:
    total_in = total_out = 0
    for path, _ in PAIRS:
        article = clean(load_article(path))
        total_in += article.chars_in
        total_out += article.chars_out
        if path.stem.startswith("003_"):
            assert article.chars_out <= 0.40 * article.chars_in
    assert total_out <= 0.72 * total_in


# ------------------------------------------------------------ properties

REAL_LINES = [line for path, _ in PAIRS for line in path.read_text(encoding="utf-8").splitlines()]
NOISE = ["当前位置:首页>新闻", "评论", "回页顶部", "1_副本.jpg", "图片", "来源:某某网", "|", "小字号"]
line_strategy = st.one_of(
    st.sampled_from(REAL_LINES),
    st.sampled_from(NOISE),
    st.text(alphabet=st.sampled_from("会议召开协会主持通过(shí)（扩大）,。 2021年5月日>|\n"), max_size=40),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(line_strategy, min_size=1, max_size=25))
def test_clean_is_idempotent(lines: list[str]) -> None:
    once = clean("\n".join(lines)).text
    assert clean(once).text == once


GOLD_LINES = [
    (line, phrase)
    for path, gold in PAIRS
    for phrase in gold_phrases(gold)
    for line in path.read_text(encoding="utf-8").splitlines()
    if phrase in line
]


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(GOLD_LINES),
    st.lists(st.sampled_from(NOISE + REAL_LINES[:40]), max_size=12),
    st.integers(min_value=0, max_value=12),
)
def test_never_drops_a_line_holding_a_gold_phrase(pair, noise, position) -> None:
    line, phrase = pair
    lines = list(noise)
    lines.insert(min(position, len(lines)), line)
    assert strip_pinyin(phrase) in clean("\n".join(lines)).text


def test_event_time_line_of_a_notice_is_kept() -> None:
    article = clean("关于召开年会的通知\n时间：2023年5月6日上午9时 地点：市政府会议室\n请各单位准时参加。")
    assert "时间：2023年5月6日上午9时" in article.text and article.published is None


def test_labelled_duplicate_lead_is_removed() -> None:
    lead = "9月5日，某市物流协会召开第三届理事会第二次会议，审议通过了年度工作报告。"
    article = clean(f"物流协会召开理事会\n【摘要】 {lead}\n{lead}会议由会长张三主持。")
    assert article.text.count("审议通过了年度工作报告") == 1 and "会长张三主持" in article.text
    assert "摘要" not in article.text


def test_neutral_tone_pinyin_removed_only_on_annotated_pages() -> None:
    annotated = "協(xié)會(huì)實(shí)現(xiàn)我們(men)的(de)目標,使用微信(wechat)和(MOU)。"
    out = clean(annotated).text
    assert out == "協會實現我們的目標,使用微信(wechat)和(MOU)。"
    plain = "我們(men)的目標"  # no toned annotations anywhere: leave it
    assert clean(plain).text == plain


def test_labelled_url_line_becomes_the_articles_url_in_either_script() -> None:
    body = "区商会召开会员大会。\n会议审议通过了年度工作报告。\n"
    for line, url in (("原文链接：https://news.example.org/2026/11/a.html", "https://news.example.org/2026/11/a.html"),
                      ("來源網址: http://tw.example.org/n?id=7", "http://tw.example.org/n?id=7"),
                      ("来源：晚报 网址：https://wb.example.cn/x.htm", "https://wb.example.cn/x.htm"),
                      ("URL: https://example.com/story", "https://example.com/story")):
        article = clean(body + line)
        assert article.url == url and article.text == body.strip()


def test_url_stated_by_the_page_wins_and_addresses_stay_text() -> None:
    from summarizer.schema import RawArticle

    raw = RawArticle(id="a", path="a.html", sha256="0" * 64, encoding="utf-8", format="html",
                     text="区商会召开会员大会。\n原文链接：https://mirror.example.net/a\n地址：北京市朝阳区建国路1号",
                     url="https://origin.example.org/a")
    article = clean(raw)
    assert article.url == "https://origin.example.org/a"
    assert "地址：北京市朝阳区建国路1号" in article.text
    assert clean("区商会召开会员大会。\n链接：点击查看").url is None


@pytest.mark.parametrize("footer", [
    "主办单位：江城市人民政府办公室 承办单位：江城市大数据中心\n网站标识码：3201000001 苏ICP备05001234号",
    "主办单位：江城市人民政府办公室\n承办单位：江城市大数据中心\n\n版权所有 江城市人民政府 苏ICP备05001234号",
    "網站地圖\n主辦單位：江城市政府新聞處\nCopyright © 2024 江城市政府",
])
def test_a_sites_owner_lines_beside_its_footer_are_furniture(footer: str) -> None:
    body = "2024年3月5日，江城市商会第五届会员大会在江城宾馆召开。会长张三主持会议。"
    article = clean(f"{body}\n{footer}\n")
    assert article.text == body
    assert any(r.text.startswith(("主办", "主辦", "承办")) for r in article.removed)


def test_an_events_organisers_before_share_buttons_are_kept() -> None:
    text = ("2024年3月5日，江城市商会第五届会员大会在江城宾馆召开。\n主办单位：江城市商会\n"
            "承办单位：江城市青年企业家协会\n分享到：\n微信")
    article = clean(text)
    assert "主办单位：江城市商会\n承办单位：江城市青年企业家协会" in article.text


@pytest.mark.parametrize(("header", "published"), [
    # a stamp among the fields of a line that is cut for its view counter
    ("发布时间：2023-04-12 09:15　来源：县政府办公室　浏览次数：1386", "2023-04-12"),
    ("發布日期：112-10-16　更新日期：112-10-17　發布單位：行政處　瀏覽人次：2,318", "2023-10-16"),  # a Minguo year
    ("2023年11月26日 星期日　06:30　更新：10:12", "2023-11-26"),
    ("时间：2023-05-08 10:42:17　来源：临澜区融媒体中心　点击：2745", "2023-05-08"),
    ("【发布时间：2023-10-16】【来源：县政府办】", "2023-10-16"),
    ("張貼日期：112-10-16　點閱數：1234", "2023-10-16"),
    ("發布日期：中華民國112年10月16日　發布單位：行政處", "2023-10-16"),
    # a notice's event time, a body sentence opening on the event's date, a today widget: no stamp
    ("时间：2023年5月6日上午9时 地点：市政府会议室", None),
    ("时间：2023年11月25日 14:30 地点：市图书馆三楼少儿阅读区", None),
    ("2018年10月8日 江城市物流协会正式成立", None),
    ("2024年3月5日 星期二 欢迎访问江城县人民政府网站", None),
    ("2023年6月28日上午，江城科技学院毕业典礼在体育馆举行。", None),
    ("设为首页 | 加入收藏 | 今天是：2023年2月1日 星期三", None),
    # a post's byline on a public account or an app: the date with its time among names and a place
    ("原创 江城商会 江城商会 2024年11月18日 18:05 广东", "2024-11-18"),
    ("江城晚报 2025-09-28 20:41 发布于江城 江城晚报官方账号", "2025-09-28"),
    # an event's time after its label or before its venue and verb is no stamp
    ("会议时间 2024年5月6日 9:30", None),
    ("江城市商会年会 2024年5月6日 9:30 在江城宾馆召开", None),
    ("会员大会 2024年11月16日 9:30 于市会展中心", None),
    ("报名截止 2024年12月1日 18:00", None),
    ("开幕 2024年11月16日 9:30 市会展中心", None),
])
def test_the_publication_stamp_is_read_from_a_header_line_whatever_else_it_holds(header: str,
                                                                                 published: str | None) -> None:
    article = clean(f"江城新闻网\n江城市商会召开会员大会\n{header}\n昨日，江城市商会召开第五届会员大会。")
    assert article.published == published or (published and article.published.startswith(published))


@pytest.mark.parametrize("links", [
    # a labelled list of headlines, in either script, with or without bullets
    "相关阅读\n· 江城市政协会议闭幕 选举产生新一届常委（2023-02-16）\n· 市长来江城调研项目建设（2023-04-06）",
    "相關消息\n．本會與江城國小簽訂茶文化教育合作備忘錄（111-09-15）\n．第十屆茶席競賽成果公告（111-06-02）",
    "相关新闻\n> 青年发展委员会举行大会 通过新一年资助计划（11月20日）",
    "相關報導\n江城縣啟動防汛應變機制\n2023年9月10日 江城縣啟動防汛IV級應急響應",
    # a bracketed label; the label and its headlines on one line
    "【相關新聞】\n‧ 江城潮州商會會董就職 選出陳遠明連任主席（4月12日）\n‧ 江城社團聯會舉行會員大會 通過修訂會章（4月10日）",
    "延伸阅读：江城机车公会改选 新任理事长誓言推动维修认证｜汽修业缺工严重 职训中心开设专班",
    # the neighbouring articles, the page's tags, a teaser of another article
    "上一則：本會獲評111年度社會團體評鑑優等（112-01-12）\n下一条：我校在省赛中获特等奖3项",
    "新聞關鍵字：社團 換屆 商會",
    "【下一篇预览】我县召开森林防灭火工作推进会\n会议决定，自即日起全县进入森林防火紧要期……【阅读全文】",
    # an image and its caption
    "[图片] 2023forum_sign.jpg 重点项目集中签约",
    # a dated headline standing alone
    "■ 2023江城旅游发展大会召开 授予8家单位“示范点”称号（2023-06-30）",
    # a public account's list of earlier posts
    "往期回顾\n▶江城商会举办政策宣讲会（2024年10月25日）\n▶喜报！我会两个基地获评市级示范点",
])
def test_links_to_other_articles_are_furniture(links: str) -> None:
    body = "2024年3月5日，江城市商会第五届会员大会在江城宾馆召开。大会选举张三为会长。"
    article = clean(f"{body}\n{links}\n")
    assert article.text == body, article.text
    assert {r.kind for r in article.removed} <= {"link", "widget", "image"}


def test_prose_after_a_list_of_links_is_kept() -> None:
    text = ("2024年3月5日，江城市商会召开会员大会。\n相关新闻\n· 江城市商会召开理事会（2024-01-05）\n"
            "会后，与会会员参观了江城港。")
    assert clean(text).text == "2024年3月5日，江城市商会召开会员大会。\n会后，与会会员参观了江城港。"


def test_a_schedule_and_a_latest_news_heading_are_the_body() -> None:
    schedule = "本届读书节共安排三项主要活动：\n名家讲座（10月20日）\n亲子阅读分享会（10月22日）"
    assert clean(schedule).text == schedule
    latest = "2024年7月16日，江城市启动防汛应急响应。\n最新消息\n截至16日18时全市已转移群众1200人"
    assert clean(latest).text == latest


def test_a_labelled_stamp_wins_over_a_mastheads_date_of_the_visit() -> None:
    article = clean("2024年3月5日 星期二\n江城县召开常务会议\n【发布时间：2023-10-16】【来源：县政府办】\n"
                    "昨日，江城县召开常务会议。")
    assert article.published == "2023-10-16"


@pytest.mark.parametrize("line", [
    "首页 | 政务公开 | 新闻中心 | 通知公告 | 政务服务 | 互动交流",
    "縣府介紹　縣長專區　新聞與公告　便民服務　施政計畫",
    "網站導覽 | English | 會員登入",
    "【字号 大 中 小】 【打印】 分享到：朋友圈 微博",
    "字级设定：小 中 大　友善列印",
    "搜索：请输入关键字  高级搜索",
    "设为首页 | 加入收藏",
])
def test_a_sites_menus_and_switches_are_furniture(line: str) -> None:
    body = "2024年3月5日，江城市商会第五届会员大会在江城宾馆召开。"
    assert clean(f"{body}\n{line}\n").text == body


def test_names_separated_by_spaces_are_no_menu() -> None:
    text = "2024年3月5日，江城市商会召开会员大会。\n新任理事：张三 李四 王五 赵六 孙七"
    assert clean(text).text == text


@pytest.mark.parametrize("site", ["江城县人民政府门户网站", "江城发布", "晴報新聞網 SKY DAILY", "江城市烘焙食品行业协会"])
def test_the_headline_under_the_sites_name_is_the_title(site: str) -> None:
    article = clean(f"{site}\n江城市商会召开第五届会员大会\n2022-12-05 08:45　江城新闻网　记者 王五\n"
                    "12月3日，江城市商会召开第五届会员大会。")
    assert article.title == "江城市商会召开第五届会员大会"
    assert article.published.startswith("2022-12-05") and "08:45" not in article.text


def _read_as_gbk(text: str) -> str:
    """What a page in UTF-8 looks like when read as GBK, a lost byte shown as U+FFFD."""
    return text.encode("utf-8").decode("gbk", errors="replace")


@pytest.mark.parametrize("label", ["上一篇：", "相关新闻", "下一條：", "分享到：", "关于我们"])
def test_labels_of_a_page_read_in_the_wrong_encoding_are_read_back(label: str) -> None:
    garbled = _read_as_gbk(label)
    assert garbled != label
    assert repair_gbk_mojibake(garbled) == label


def test_furniture_read_in_the_wrong_encoding_is_still_cut() -> None:
    body = "2024年3月5日，江城市商会第五届会员大会在江城宾馆召开。大会选举张三为会长。"
    page = f"{body}\n{_read_as_gbk('相关新闻')}\n· 江城市政协会议闭幕 选举产生新一届常委（2023-02-16）\n" \
           f"{_read_as_gbk('上一篇：')}江城市物流协会召开理事会\n"
    assert clean(page).text == body


@pytest.mark.parametrize("text", [
    # genuine text, rare characters and the other script included, is left as it is
    "鏈條協會第三屆會員大會在臺北召開，會議由理事長鄭鏈主持。",
    "浜松市与江城市缔结友好城市关系，双方签署了合作备忘录。",
    "會議審議通過了《章程修正案》，選舉產生第十屆理監事。",
    "鍙、鏂、鐨、涓、锛：这些字单独出现时不是乱码。",
])
def test_genuine_text_is_not_read_back(text: str) -> None:
    assert repair_gbk_mojibake(text) == text


def test_an_announcement_headed_by_its_kind_keeps_its_lines() -> None:
    page = ("学术预告\n题目：人工智能时代的法律挑战\n主讲人：张三教授\n时间：2024年3月5日14:30\n"
            "地点：法学院模拟法庭\n主办单位：法学院、科研处\n欢迎广大师生参加。")
    text = clean(page).text
    assert "主办单位：法学院、科研处" in text and "2024年3月5日" in text


def test_a_forms_field_repeated_under_each_item_is_kept() -> None:
    page = ("江城股份2023年年度股东大会决议公告\n1、议案名称：《2023年度董事会工作报告》\n审议结果：通过\n"
            "2、议案名称：《2023年度监事会工作报告》\n审议结果：通过\n3、议案名称：《关于续聘审计机构的议案》\n审议结果：通过")
    assert clean(page).text.count("审议结果：通过") == 3


def test_a_body_pasted_twice_loses_its_short_lines_too() -> None:
    body = ("江城市商会召开第五届会员大会\n一、会议概况\n2024年3月5日，江城市商会第五届会员大会在江城宾馆召开，"
            "会议由会长张三主持。\n二、会议成果\n大会审议通过了《章程修正案》，选举李四为新一届会长。")
    assert clean(f"{body}\n{body}").text == body


@pytest.mark.parametrize("line", [
    "点击蓝字 关注我们", "點擊藍字 關注我們", "打开APP阅读 体验更佳", "打开APP，查看更多精彩内容", "阅读原文",
    "分享 收藏 点赞 在看", "本文字数：1342 阅读时间：约4分钟", "微信号：jcshanghui", "预览时标签不可点", "+关注",
])
def test_a_public_accounts_and_an_apps_buttons_are_furniture(line: str) -> None:
    body = "2024年3月5日，江城市商会第五届会员大会在江城宾馆召开。大会选举张三为会长。"
    article = clean(f"{line}\n{body}\n{line}")
    assert article.text == body, article.text


@pytest.mark.parametrize("heading", ["网友评论（23）", "網友評論（23）", "热门评论", "精选留言", "评论 12 条",
                                     "12条评论", "共12条评论", "已有12人评论", "网友跟帖（8）"])
def test_a_comment_section_after_the_article_is_cut_to_the_end(heading: str) -> None:
    body = ("2024年3月5日，江城市商会第五届会员大会在江城宾馆召开，一百二十名会员出席。会议审议通过了理事会工作报告和"
            "财务报告，修订了商会章程，并以无记名投票方式选举产生了第五届理事会。张三当选会长，李四当选秘书长。"
            "会长张三表示，新一届理事会将继续服务会员，推动本地企业转型升级，为城市发展贡献力量。")
    comments = "江城老李：通过了又怎样，执行才是关键！\n2024-03-06 21:03 广东 赞 56\n我决定以后只找商会会员店。\n查看全部评论 >"
    article = clean(f"{body}\n{heading}\n{comments}")
    assert article.text == body, article.text
    # a comment tab in the masthead, above the article, cuts nothing
    assert clean(f"首页\n{heading}\n{body}").text.endswith(body)


def test_a_fold_button_joins_the_sentence_it_cut() -> None:
    text = "会上，张三当选会长，李四、\n展开全文\n王五当选副会长，赵六当选秘书长。\n会后合影留念。"
    for written in (text, text.replace("展开全文", "展開全文")):
        assert clean(written).text == "会上，张三当选会长，李四、王五当选副会长，赵六当选秘书长。\n会后合影留念。"


def test_a_sites_owner_line_below_the_previous_and_next_links_is_furniture() -> None:
    body = "2024年3月5日，江城村召开村民代表大会，表决通过了道路硬化方案。"
    page = f"{body}\n上一篇：江城村开展防溺水教育\n下一篇：江城镇召开秸秆禁烧推进会\n主办：江城镇人民政府　承办：江城镇党政办公室"
    article = clean(page)
    assert article.text == body, article.text


def test_a_sites_section_above_the_headline_is_furniture_and_a_table_below_is_body() -> None:
    body = "2024年3月5日，江城市商会第五届会员大会在江城宾馆召开。大会选举产生了新一届理事会，名单如下："
    for section in ("澳闻 | 社会", "新聞｜社區｜民生"):
        assert clean(f"{section}\n{body}").text == body
    table = "会长 | 张三\n副会长 | 李四\n秘書長｜王五"
    assert clean(f"{body}\n{table}").text == f"{body}\n{table}"


def test_a_notices_own_organisers_above_the_previous_and_next_links_are_kept() -> None:
    notice = "关于举办第三届茶艺大赛的通知\n各会员单位：定于2024年5月6日在江城茶城举办第三届茶艺大赛。\n主办：江城市茶叶协会\n承办：江城茶业有限公司"
    article = clean(f"{notice}\n上一篇：江城茶叶协会召开理事会\n下一篇：春茶开采")
    assert "主办：江城市茶叶协会\n承办：江城茶业有限公司" in article.text


def test_a_fold_button_under_a_headline_or_a_caption_joins_nothing() -> None:
    for above in ("江城市商会召开第三届会员大会", "会长为获奖会员颁发了证书（见下图）"):
        text = f"{above}\n展开全文\n11月16日，江城市商会召开第三届会员大会。"
        assert clean(text).text.split("\n")[-1] == "11月16日，江城市商会召开第三届会员大会。"


def test_prose_that_names_a_wechat_id_or_a_reading_figure_is_kept() -> None:
    for line in ("活动由江城市文明办主办。报名请添加工作人员微信号：jia123，报名截止11月20日。",
                 "本次活动预计阅读人数超过5000人。", "终审：12月20日，评出一等奖3名、二等奖10名。"):
        assert line in clean(f"2024年3月5日，江城市读书节开幕。\n{line}").text
