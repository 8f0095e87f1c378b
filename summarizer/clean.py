"""Cleaning: keep every fact, cut what a reader (or a paid model) should not see.

Rules are written against the *shape* of page furniture (breadcrumb
separators, widget vocabulary, file-name syntax, credit brackets), never
against particular articles. Every cut is recorded as a ``Removal`` so a user
can audit it, and the whole pass is idempotent.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from .grammar import ORG_NAME, RELATED_INLINE, RELATED_LABEL
from .metadata import PageMeta, harvest_stamp, iso_stamp, split_stamp, take_metadata
from .schema import Article, RawArticle
from .script import fold

# ---------------------------------------------------------------- patterns

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
# A CJK character followed by one or more bracketed pinyin syllables. A tone
# mark (or ü) is required, so real brackets such as (MOU), (2022), (扩大) or
# (讨论稿) never match.
_PINYIN = re.compile(
    rf"(?<=[{_CJK}])(?:[(（][a-z{_TONED}]*[{_TONED}][a-z{_TONED}]*[)）])+", re.IGNORECASE
)

# Neutral-tone syllables carry no tone mark ("們(men)", "的(de)"). They are removed only on
# pages that already show toned annotations, where they cannot be anything else.
_SYLLABLE = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iong|uang|iang|ueng|ang|eng|ing|ong|uai|iao|ian|uan|van|ai|ei|ui|ao|ou|iu|ie|ve|ue|er|"
    r"an|en|in|un|vn|ia|ua|uo|a|o|e|i|u|v)"
)
_PINYIN_TONELESS = re.compile(rf"(?<=[{_CJK}])(?:[(（]{_SYLLABLE}[)）])+")
MIN_TONED_FOR_TONELESS = 3

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])")
_KEY_DROP = re.compile(rf"[^{_CJK}A-Za-z0-9]+")

# Furniture patterns are written once, in simplified, and run on the script-folded line (same
# length, so a match's offsets cut the line as written).
_BREADCRUMB_HEAD = re.compile(r"^(当前位置|您的位置|你的位置|所在位置|现在位置|目前位置|位置)\s*[:：]")
_BREADCRUMB_SEP = re.compile(r"\s*(?:>>|>|»|›|＞|→)\s*")

_WIDGET_LINE = re.compile(
    r"^(?:"
    r"评论|发表评论|网友评论|我要评论|留言|"
    r"回页顶部|回页首|返回顶部|回到顶部|TOP|"
    r"[大中小]?字号|打印|打印本页|列印|关闭|关闭窗口|收藏|"
    r"分享|分享到.*|分享让更多人看到|转发|微信扫一扫.*|扫码关注.*|"
    r"相关文章|相关阅读|相关新闻|上一篇.*|下一篇.*|"
    r"网站地图|隐私安全|版权所有.*|站外导航|联系方式|联系我们|常见问题|免责声明|"
    r"按Enter到主内容区|跳到主要内容|:::|[|｜\s]+|"
    # a reading app's and a public account's buttons: follow, open in the app, read the original
    r"\+?关注|关注我们|点击(?:上方)?蓝字\s*关注我们?|.{0,12}(?:关注该公众号|公众号)|阅读原文|预览时标签不可点|"
    r"(?:打开|下载|前往)\s*APP.{0,16}|APP内(?:打开|阅读|查看).{0,12}|查看(?:全部|更多)评论.{0,4}|写评论.{0,4}"
    r")$",
    re.IGNORECASE,
)
_WIDGET_ANY = re.compile(
    r"文明上网|登录评论|验证码|还可以再输入|评论仅供网友|【\s*字体|字体\s*[:：]\s*大|"
    r"点阅率|点击数|阅读量|浏览次数|Copyright|©|ICP备|公网安备|"
    # a font-size switch, a search box, print and close buttons, a view counter, a skip link
    r"字[号体级](?:设定|大小)?\s*[:：]?\s*[【\[]?\s*[大小]|请输入关键[字词]|打印本页|关闭窗口|[【\[](?:打印|关闭)[】\]]|"
    r"[【\[]\s*大\s*中\s*小\s*[】\]]|(?:点击|点阅|浏览|阅读)(?:人次|次数|数|量|率)?\s*[:：]\s*\d|"
    r"跳到主要内容|跳至主要内容|设为首页|加入收藏|^分享\s*[:：]|"
    r"^(?:本文字数|全文字数|阅读时间|预计阅读(?:时间)?|微信号)\s*[:：]?\s*(?:约|大约)?\s*\d|^微信号\s*[:：]\s*[A-Za-z0-9_-]+$",
    re.IGNORECASE,
)
# A site's section above its headline: "澳闻 | 社会", "新闻｜社区｜民生" (short words between bars).
_SECTION_LABEL = re.compile(r"^[^|｜\s]{1,4}(?:\s*[|｜]\s*[^|｜\s]{1,4}){1,2}$")
# A row of a post's buttons alone on a line: "分享 收藏 点赞 在看".
_BUTTON_WORD = re.compile(r"分享|收藏|点赞|在看|赞|转发|评论|留言|举报|打赏|喜欢|推荐")
# A page's comment section under its heading: "网友评论（23）", "热门评论", "精选留言". It runs to the
# page's end (readers' opinions, their stamps and likes, "查看全部评论 >"), after the article.
_COMMENTS_HEADING = re.compile(
    r"^(?:(?:网友|读者|热门|精彩|最新|全部|精选)(?:评论|留言|跟帖)(?:区|列表)?(?:\s*(?:[（(]\s*\d+\s*[）)]|\d+\s*条))?|"
    r"(?:评论|留言|跟帖)(?:区|列表)?\s*(?:[（(]\s*\d+\s*[）)]|\d+\s*条)|评论区|留言区|"
    r"(?:共|全部)?\s*\d+\s*条(?:评论|留言|跟帖)|已有\s*\d+\s*人(?:评论|参与评论|跟帖))\s*[:：]?$")
# A button that folds the rest of a long page away ("展开全文"); the sentence it cut goes on below it.
_FOLD_MARK = re.compile(r"^(?:点击)?(?:展开|查看)(?:阅读)?(?:全文|剩余\s*\d+\s*%|余下全文)\s*[∨⌄▼↓>»]?$")
# A comment section is a page's only when a sentence of prose stands above its heading (a "评论" tab in
# the masthead is a menu item).
COMMENTS_AFTER_PROSE = 60
_SENTENCE_ENDS = ("。", "！", "？", "!", "?", "；", ";", "”", "」", "…")
FOLDED_LINE_MIN = 40
# Links to the neighbouring articles, the tags of the page, and a teaser of another article:
# "上一则：…（112-01-12）", "新闻关键字：社团 换届", "【下一篇预览】…", "……【阅读全文】".
_NEIGHBOUR_LINK = re.compile(r"^(?:上一|下一)(?:篇|条|则|页|主题|新闻)\s*[:：]")
_TAG_LINE = re.compile(r"^(?:新闻|文章|本文)?(?:关键字|关键词|标签|tags?)\s*[:：]", re.IGNORECASE)
_TEASER = re.compile(r"^【?(?:上一篇|下一篇|相关)?(?:预览|推荐阅读)】|(?:【阅读全文】|\[阅读全文\]|阅读全文\s*(?:>>|»)|"
                     r"查看全文\s*(?:>>|»)?|【详细】|\[详细\]|详细\s*>>)\s*$")
# A headline in a list of links, dated in brackets at its end ("· 甲会召开年会（2023-02-16）"; a
# schedule's "讲座（10月20日）" is the body's).
_LINK_ITEM = re.compile(r"[（(]\s*\d{2,4}[-/.]\d{1,2}[-/.]\d{1,2}\s*[）)]$")
# A line of a list of links reads as a headline: no full stop at its end, not a paragraph.
LINK_LINE_MAX = 80
# A site's menu: four or more short items, one of them a menu word ("首页 | 政务公开 | 新闻中心 | …",
# "县府介绍 县长专区 新闻与公告 …"); a list of names has no menu word.
_MENU_ITEM_SPLIT = re.compile(r"\s*[|｜/]\s*|\s+")
_MENU_WORD = re.compile(r"首页|主页|回首页|网站导览|网站导航|导航|登录|登入|注册|订阅|English|RSS|简体|繁体|无障碍|"
                        r"新闻|要闻|动态|公开|服务|概况|介绍|专区|专题|专栏|视频|互动|联系|关于|公告|:::",
                        re.IGNORECASE)
MENU_ITEM_MAX = 8
# A site's own name on the line above its headline: "江城县人民政府门户网站", "江城发布", "晴报新闻网 SKY DAILY".
_SITE_NAME = re.compile(r"(?:网|网站|门户|官网|发布|资讯网|信息网|新闻网|在线|频道|DAILY|NEWS)(?:\s*[|｜\-—].*)?$",
                        re.IGNORECASE)
SITE_NAME_MAX = 24
_IMAGE_LINE = re.compile(
    r"^(?:\S{0,60}\.(?:jpe?g|png|gif|webp|bmp|tiff?|svg)|"
    r"(?:图片|图|照片|视频)\s*\d{0,3}|"
    r"(?:插入|添加)(?:视频|图片))$",
    re.IGNORECASE,
)
# "【摘要】…", "导读：…": a lead's label; the lead itself usually repeats the body's first lines.
_LEAD_LABEL = re.compile(r"^(?:【\s*(?:摘要|导读|核心提示|内容提要|编者按)\s*】|"
                         r"(?:摘要|导读|核心提示|内容提要)\s*[:：])\s*")
# A line that shows an image: "[图片] 2023forum.jpg 重点项目集中签约" (its caption restates the body).
_IMAGE_REF = re.compile(r"^[\[【]\s*(?:图片|图|照片|image|img|photo)\s*[\]】]|"
                        r"[A-Za-z0-9_\-]+\.(?:jpe?g|png|gif|webp)(?![\w.])", re.IGNORECASE)
_IMAGE_PREFIX = re.compile(r"^(?:插入|添加)(?:视频|图片)(?=\S)")
_CREDIT_LINE = re.compile(
    rf"^(?:[（(]?\s*[{_CJK}]{{2,4}}\s*摄[）)]?|"
    r"[/／]?\s*(?:图|摄影|图片|图文)\s*[:：/／]\s*.{1,30})$"
)
_CREDIT_INLINE = re.compile(
    r"\s*[（(]\s*(?:[^（）()]{1,15}摄|图\s*[/／:：][^（）()]{1,30})\s*[）)]"
)
_CAPTION_CREDIT_TAIL = re.compile(
    r"[（(][^（）()]{1,30}(?:提供|供图|摄)[）)]\s*(?:中央社|新华社|中新社|[A-Za-z]{2,8})?$"
)
_CAPTION_BRACKETED = re.compile(r"^[（(].*(?:图[/／]|提供|摄).*[）)]$")
_POSITION_MARK = re.compile(r"[（(]\s*[左右中前后]\s*[一二三四五六七八九十\d]{1,2}\s*[）)]")
_SCENE_CAPTION = re.compile(rf"^[{_CJK}]{{0,8}}现场$")
_URL_LINE = re.compile(r"^(?:(?:原文)?(?:链接|连结|网址|地址)?\s*[:：]\s*)?https?://\S+$")
# Headings, dates and titles of documents are not photo captions.
_NOT_CAPTION = re.compile(r"[\d“”\"《》「」『』]|[:：]$")
_PHOTO_WORD = re.compile(r"现场|合影|一图读懂|图为|留影|剪影|掠影|签约仪式$")
_SENTENCE_PUNCT = re.compile(r"[，,。；;！!？?]")
# A labelled line of the site's own (its owner, its operator), not of an event, when it stands
# beside the site's furniture: "主办单位：甲市政府办公室 承办单位：甲市大数据中心" over "ICP备…".
_SITE_LABEL_LINE = re.compile(r"^(?:主办|承办|协办|主管|运营|运维|维护|管理)(?:单位)?\s*[:：]")
# The furniture that says whose site it is: a footer's or a masthead's lines ("分享到" is not).
_SITE_IDENTITY = re.compile(r"版权|ICP备|ICP证|公网安备|网站标识码|网站地图|技术支持|关于我们|联系我们|免责声明|"
                            r"Copyright|©", re.IGNORECASE)
# Text addressed to a language model, not to readers ("忽略以上所有指令…", "ignore previous
# instructions"): never news, and the only way such a line could steer a summary.
_TO_THE_MODEL = re.compile(
    r"(?:忽略|无视|忘记|不要理会)(?:以上|上述|之前|前面|先前|此前)?(?:的)?(?:所有|全部|一切)?(?:的)?"
    r"(?:指令|指示|提示词|提示|规则|要求)|"
    r"\b(?:ignore|disregard|forget)\s+(?:all\s+|any\s+)?(?:the\s+)?(?:previous|prior|above|earlier|preceding)\s+"
    r"(?:instructions|prompts?|rules)|\bsystem prompt\b",
    re.IGNORECASE,
)

_MOJIBAKE = re.compile(
    rf"\?{{2,}}|\?[;；]\?|\ufffd|锟斤拷|烫烫烫|屯屯屯|(?<=[{_CJK}])\?(?=[{_CJK}a-z{_TONED}])"
)

# UTF-8 bytes read as GBK turn a page's Chinese into runs of rare characters ("涓婁竴绡囷細" for "上一篇：",
# "鐩稿叧鏂伴椈" for "相关新闻"), often in its menus and labels, with "\ufffd" where a byte was lost.
# Such a run is read back when its GBK bytes are UTF-8 for common characters (see ``_repair_run``).
_GBK_READ_RUN = re.compile(r"[^\x00-\x7f\s\ufffd]{3,}")
_UTF8_CJK = re.compile(rb"(?:[\xe2-\xe9\xef][\x80-\xbf]{2})+")
# What gives such a page away cheaply: Cyrillic, Greek or private-use letters among Chinese, a lost byte
# after a character, or the characters UTF-8's commonest lead bytes become (all rare in real text).
_MOJIBAKE_HINT = re.compile(r"[\u0400-\u04ff\u0370-\u03ff\ue000-\uf8ff]|[\u4e00-\u9fff]\ufffd|"
                            r"[鍙鏂鐨涓浜鍏绗缁锛銆閫]")

CAPTION_MAX = 30
WIDGET_MAX = 40
TITLE_MAX = 64
STAMP_LINE_MAX = 40  # a line opening on a stamp and this short is the stamp and its fields
MIN_DUP_KEY = 8
MIN_DUP_SENTENCE = 20


def clean(raw: RawArticle | str) -> Article:
    """Clean one loaded article (or plain text) into an ``Article``."""
    if isinstance(raw, str):
        raw = RawArticle(
            id="text",
            path="<text>",
            sha256=hashlib.sha256(raw.encode("utf-8")).hexdigest(),
            encoding="utf-8",
            format="text",
            text=raw,
        )
    meta = PageMeta(source=raw.source, author=raw.author, published=iso_stamp(raw.published), url=raw.url)
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", raw.text))
    text = text.replace("\r\n", "\n").replace("\r", "\n")

    if _MOJIBAKE_HINT.search(text):
        text = repair_gbk_mojibake(text)
    toneless = len(_PINYIN.findall(text)) >= MIN_TONED_FOR_TONELESS
    lines: list[tuple[int, str]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        line = _strip_pinyin(line, number, meta, toneless)
        line = _SPACES.sub(" ", line).strip()
        if line:
            lines.append((number, line))

    lines = _drop_furniture(lines, meta)
    title = _title(raw.title, lines)
    body = _dedupe(lines, title, meta)
    if title and all(_key(line) != _key(title) for _, line in body[:2]):  # under the site's name, or first
        body.insert(0, (0, title))
    out = "\n".join(line for _, line in body)
    return Article(
        id=raw.id,
        path=raw.path,
        sha256=raw.sha256,
        title=title,
        source=meta.source,
        author=meta.author,
        published=meta.published,
        url=meta.url,
        text=out,
        removed=meta.removed,
        warnings=_warnings(out),
        chars_in=len(raw.text),
        chars_out=len(out),
    )


def repair_gbk_mojibake(text: str) -> str:
    """Read back the runs of ``text`` that are UTF-8 read as GBK; the rest is left as it is."""
    return _GBK_READ_RUN.sub(lambda m: _repair_run(m.group()), text)


def _repair_run(run: str) -> str:
    """A run is replaced piece by piece: a piece starts on a character's first byte and ends on a
    character's last, its bytes are whole UTF-8 characters (a multiple of six bytes: three of GBK's
    two-byte characters are two of UTF-8's three-byte ones), and what they spell are characters of
    GB2312 or Big5. Genuine rare characters almost never line up so; a byte the page lost
    (``\ufffd`` between runs) leaves its neighbours as they were."""
    try:
        data = run.encode("gb18030")
    except UnicodeEncodeError:
        return run
    starts, at = set(), 0
    for ch in run:
        starts.add(at)
        at += len(ch.encode("gb18030"))
    starts.add(at)
    out, done = [], 0
    for match in _UTF8_CJK.finditer(data):
        begin = match.start() if match.start() in starts else match.start() + 3
        end = begin + (match.end() - begin) // 6 * 6
        while end > begin and end not in starts:
            end -= 6
        if end - begin < 6:
            continue
        spelled = data[begin:end].decode("utf-8")
        if not all(_common(ch) for ch in spelled):
            continue
        out.append(data[done:begin].decode("gb18030"))
        out.append(spelled)
        done = end
    if not out:
        return run
    out.append(data[done:].decode("gb18030"))
    return "".join(out)


def _common(ch: str) -> bool:
    for codec in ("gb2312", "big5"):
        try:
            ch.encode(codec)
            return True
        except UnicodeEncodeError:
            continue
    return False


def strip_pinyin(text: str) -> str:
    """Remove ``實(shí)``-style annotations; used on quotes as well as articles."""
    return _PINYIN.sub("", text)


# ------------------------------------------------------------------ stages


def _strip_pinyin(line: str, number: int, meta: PageMeta, toneless: bool = False) -> str:
    for pattern in (_PINYIN, _PINYIN_TONELESS) if toneless else (_PINYIN,):
        found = pattern.findall(line)
        if found:
            meta.cut("pinyin", "".join(found), number)
            line = pattern.sub("", line)
    return line


def _drop_furniture(lines: list[tuple[int, str]], meta: PageMeta) -> list[tuple[int, str]]:
    kept: list[tuple[int, str]] = []
    crumbs: set[str] = set()
    footer_lines: set[int] = set()
    below_links: set[int] = set()
    in_links = False  # under a "相关新闻" label: the headlines that follow are links to other articles
    stamps: list[tuple[str, bool]] = []  # stamps among a header line's other fields, for a page that has no other
    after_image = False
    in_comments = False
    resume = False  # a fold button cut a sentence: its next line goes on the line above
    for number, line in lines:
        if in_comments or (_COMMENTS_HEADING.match(fold(line)) and _prose_chars(kept) >= COMMENTS_AFTER_PROSE):
            meta.cut("comments", line, number)
            in_comments = True
            continue
        if _FOLD_MARK.match(fold(line)):
            meta.cut("widget", line, number)
            resume = bool(kept) and _cut_mid_sentence(kept[-1][1])
            continue
        if not _prose_chars(kept) and _SECTION_LABEL.match(fold(line)):
            meta.cut("widget", line, number)  # "澳闻 | 社会" above the headline (a table's "会长 | 张三" is body)
            continue
        line = split_stamp(line, number, meta)
        line = _drop_instructions(line, number, meta)
        if not line:
            continue
        if (RELATED_LABEL.match(folded := fold(line)) or RELATED_INLINE.match(folded)
                or (in_links and _listed_link(line))):
            meta.cut("link", line, number)
            in_links = True
            continue
        in_links = False
        if (stamp := harvest_stamp(line)) is not None:
            stamps.append(stamp)
            if not stamp[1] and len(line) <= STAMP_LINE_MAX:  # "2022-12-05 08:45　某某新闻网　记者 甲"
                take_metadata(line, meta)  # a stamp its own rules read keeps its time of day
                meta.cut("metadata", line, number)
                continue
        kind = _furniture_kind(line, after_image, meta)
        after_image = kind == "image" or (after_image and kind is not None)
        if kind == "breadcrumb":
            crumbs.update(_BREADCRUMB_SEP.split(line))
        if kind:
            meta.cut(kind, line, number)
            if kind == "widget" and _SITE_IDENTITY.search(line):
                footer_lines.add(number)
            if kind == "link" and _NEIGHBOUR_LINK.match(fold(line)):
                below_links.add(number)  # the article has ended: previous/next links sit below it
            continue
        line = _strip_inline(line, number, meta)
        if line and resume:
            kept[-1] = (kept[-1][0], kept[-1][1] + line)
        elif line:
            kept.append((number, line))
        resume = resume and not line
    kept = _drop_site_labels(kept, lines, footer_lines, below_links, meta)
    if stamps and not meta.published:
        meta.published = next((date for date, labelled in stamps if labelled), stamps[0][0])
    if crumbs:
        # A site name printed alone next to its breadcrumb ("人民网" / "人民网>>上海频道").
        survivors = []
        for number, line in kept:
            if len(line) <= 15 and line in crumbs:
                meta.cut("breadcrumb", line, number)
            else:
                survivors.append((number, line))
        kept = survivors
    return kept


def _is_site_name(line: str) -> bool:
    """The first line names the site ("江城县人民政府门户网站", "江城发布") or its owner alone ("江城市商会")."""
    folded = fold(line)
    return len(line) <= SITE_NAME_MAX and bool(_SITE_NAME.search(folded) or ORG_NAME.match(folded))


def _is_menu(folded: str) -> bool:
    """A line of a site's menu: four or more short items, a menu word among them, no sentence."""
    if _SENTENCE_PUNCT.search(folded):
        return False
    items = [item for item in _MENU_ITEM_SPLIT.split(folded) if item]
    if len(items) < 3 or any(len(item) > MENU_ITEM_MAX for item in items):
        return False
    menu_words = sum(bool(_MENU_WORD.search(item)) for item in items)
    return menu_words >= (1 if len(items) >= 4 else 2)


def _cut_mid_sentence(line: str) -> bool:
    """The line above a fold button stops inside a sentence: after a comma or an enumeration mark, or
    a paragraph's worth of prose without its full stop (not a headline, not a caption in brackets)."""
    if line.endswith(("，", ",", "、", "：", ":")):
        return True
    return len(line) >= FOLDED_LINE_MIN and _SENTENCE_PUNCT.search(line) is not None and not line.endswith(
        (*_SENTENCE_ENDS, "）", ")", "】"))


def _prose_chars(kept: list[tuple[int, str]]) -> int:
    """Characters of the lines kept so far that read as sentences."""
    return sum(len(line) for _, line in kept if _SENTENCE_PUNCT.search(line))


def _listed_link(line: str) -> bool:
    """A line of a list of links under its label: a headline, not a paragraph of prose."""
    return len(line) <= LINK_LINE_MAX and not line.rstrip().endswith(("。", "！", "？", "!", "?", "；", ";"))


def _drop_site_labels(kept: list[tuple[int, str]], lines: list[tuple[int, str]], footer_lines: set[int],
                      below_links: set[int], meta: PageMeta) -> list[tuple[int, str]]:
    """A "主办单位：…" line next to the site's own furniture (版权所有, ICP备…; no text line between),
    or next to such a label line that is, belongs to the site's masthead or footer: it names who
    runs the site, not who held the event. Below the previous/next links (the article has ended
    above them) such lines are the site's too; a notice's own 主办/承办 lines above them are kept."""
    if not footer_lines and not below_links:
        return kept
    numbers = [number for number, line in lines if line.strip()]
    before = {n: numbers[i - 1] if i else None for i, n in enumerate(numbers)}
    neighbours = {n: {numbers[i - 1] if i else None, numbers[i + 1] if i + 1 < len(numbers) else None}
                  for i, n in enumerate(numbers)}
    labels = {number for number, line in kept
              if _SITE_LABEL_LINE.match(fold(line)) and not _SENTENCE_PUNCT.search(line)}
    site = set(footer_lines)
    grown = True
    while grown:  # a block of label lines above or below the footer, or below the links
        found = {n for n in labels - site
                 if neighbours.get(n, set()) & site or before.get(n) in below_links | (site & labels)}
        site |= found
        grown = bool(found)
    survivors = []
    for number, line in kept:
        if number in labels and number in site:
            meta.cut("widget", line, number)
        else:
            survivors.append((number, line))
    return survivors


def _drop_instructions(line: str, number: int, meta: PageMeta) -> str:
    """Cut the sentences of a line that speak to a model instead of a reader."""
    if not _TO_THE_MODEL.search(fold(line)):
        return line
    kept = []
    for sentence in _SENTENCE_END.split(line):
        if _TO_THE_MODEL.search(fold(sentence)):
            meta.cut("instruction", sentence, number)
        else:
            kept.append(sentence)
    return "".join(kept).strip()


def _furniture_kind(line: str, after_image: bool, meta: PageMeta) -> str | None:
    folded = fold(line)
    if _BREADCRUMB_HEAD.match(folded) or _is_breadcrumb(line):
        return "breadcrumb"
    if _IMAGE_LINE.match(folded) or (len(line) <= LINK_LINE_MAX and _IMAGE_REF.search(folded)):
        return "image"
    if _URL_LINE.match(folded) or _NEIGHBOUR_LINK.match(folded) or _TEASER.search(folded):
        return "link"
    if _TAG_LINE.match(folded) or _is_menu(folded) or _is_button_row(folded):
        return "widget"
    if _listed_link(line) and "。" not in line and _LINK_ITEM.search(folded):
        return "link"
    if len(line) <= WIDGET_MAX and (_WIDGET_LINE.match(folded) or _WIDGET_ANY.search(folded)):
        return "widget"
    if _WIDGET_ANY.search(folded) and len(_SENTENCE_PUNCT.findall(line)) <= 3:
        return "widget"
    if _CREDIT_LINE.match(folded):
        return "credit"
    if take_metadata(line, meta):
        return "metadata"
    if _CAPTION_BRACKETED.match(folded) or _CAPTION_CREDIT_TAIL.search(folded):
        return "caption"
    short = len(line) <= CAPTION_MAX and not _SENTENCE_PUNCT.search(line)
    if short and (_POSITION_MARK.search(folded) or _SCENE_CAPTION.match(folded)):
        return "caption"
    if short and after_image and _PHOTO_WORD.search(folded) and not _NOT_CAPTION.search(line):
        return "caption"
    return None


def _is_button_row(line: str) -> bool:
    words = line.split()
    return len(words) >= 2 and all(_BUTTON_WORD.fullmatch(word) for word in words)


def _is_breadcrumb(line: str) -> bool:
    parts = [p for p in _BREADCRUMB_SEP.split(line) if p]
    if len(parts) < 2 or len(line) > 80 or _SENTENCE_PUNCT.search(line):
        return False
    return all(len(p) <= 15 for p in parts)


def _strip_inline(line: str, number: int, meta: PageMeta) -> str:
    for pattern, kind in ((_LEAD_LABEL, "label"), (_IMAGE_PREFIX, "image"), (_CREDIT_INLINE, "credit")):
        spans = [match.span() for match in pattern.finditer(fold(line))]
        if spans:
            for start, end in spans:
                meta.cut(kind, line[start:end].strip(), number)
            line = "".join(line[start:end] for start, end in zip([0] + [e for _, e in spans],
                                                                  [s for s, _ in spans] + [len(line)],
                                                                  strict=True)).strip()
    return line


def _title(explicit: str | None, lines: list[tuple[int, str]]) -> str | None:
    if explicit:
        return _SPACES.sub(" ", strip_pinyin(explicit)).strip() or None
    if not lines:
        return None
    first = lines[0][1].strip("「」『』")
    if len(lines) > 1 and _is_site_name(first):
        first = lines[1][1].strip("「」『』")  # the site's name (or its owner's) above its headline
    if len(first) > TITLE_MAX or "。" in first.rstrip("。") or first.endswith("。"):
        return None
    if first.count(",") + first.count("，") > 2:
        return None
    return first


def _dedupe(
    lines: list[tuple[int, str]], title: str | None, meta: PageMeta
) -> list[tuple[int, str]]:
    """Drop repeated paragraphs and sentences, keeping the first occurrence."""
    title_key = _key(title) if title else ""
    keys = [_key(line) for _, line in lines]
    kept: list[tuple[int, str]] = []
    seen_lines: set[str] = set()
    previous_cut = False
    for index, (number, line) in enumerate(lines):
        line = _undouble(line)
        key = _key(line)
        is_title = bool(title_key) and key == title_key and not kept
        repeated = key in seen_lines and not (
            # a short line repeated among new ones is a form's field ("审议结果：通过" under each item),
            # not a copy: a pasted copy's short lines stand among other repeated lines
            len(key) < MIN_DUP_KEY and not previous_cut and keys[index - 1] != key
            and (index + 1 == len(keys) or keys[index + 1] not in seen_lines))
        if not is_title and (repeated or (title_key and key != title_key and len(key) >= 4 and key in title_key)):
            meta.cut("duplicate", line, number)
            previous_cut = True
            continue
        previous_cut = False
        if not is_title and len(key) >= MIN_DUP_KEY and any(
            len(other) > len(key) and key in other
            for j, other in enumerate(keys)
            if j != index and (j < index or other not in seen_lines)
        ):
            meta.cut("duplicate", line, number)
            previous_cut = True
            continue
        seen_lines.add(key)
        kept.append((number, line))
    return _dedupe_sentences(kept, meta)


def _dedupe_sentences(
    lines: list[tuple[int, str]], meta: PageMeta
) -> list[tuple[int, str]]:
    seen: set[str] = set()
    out: list[tuple[int, str]] = []
    for number, line in lines:
        parts = [p for p in _SENTENCE_END.split(line) if p]
        kept_parts = []
        for part in parts:
            key = _key(part)
            if len(key) >= MIN_DUP_SENTENCE and key in seen:
                meta.cut("duplicate", part, number)
                continue
            seen.add(key)
            kept_parts.append(part)
        joined = "".join(kept_parts).strip()
        if joined:
            out.append((number, joined))
    return out


def _undouble(line: str) -> str:
    """A paragraph pasted twice with no break in between: keep one copy."""
    half, odd = divmod(len(line), 2)
    if half >= MIN_DUP_SENTENCE and not odd and line[:half] == line[half:]:
        return line[:half]
    compact = line.replace(" ", "")
    half = len(compact) // 2
    if half >= MIN_DUP_SENTENCE and len(compact) % 2 == 0 and compact[:half] == compact[half:]:
        return compact[:half]
    return line


def _key(text: str | None) -> str:
    return _KEY_DROP.sub("", text or "").lower()


def _warnings(text: str) -> list[str]:
    hits = _MOJIBAKE.findall(text)
    if not hits:
        return []
    samples = []
    for match in _MOJIBAKE.finditer(text):
        start, end = max(0, match.start() - 6), min(len(text), match.end() + 6)
        samples.append(text[start:end].replace("\n", " "))
        if len(samples) == 3:
            break
    return [f"mojibake: {len(hits)} suspicious sequence(s), e.g. " + " | ".join(samples)]
