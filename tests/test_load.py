from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from summarizer.load import InputError, iter_article_paths, load_article

SNIPPET_SIMPLIFIED = (
    "2020年6月8日,中国铸造协会上海办事处在广大铸造行业同仁的共同期许和美好祝愿下隆重开业。"
    "上海市青浦区经委、马鞍山市人民政府及经信局等政府部门领导近200位代表正装到场,共献祝福。"
)
SNIPPET_TRADITIONAL = (
    "2016年12月2日,中國醫藥工程設計協會在上海召開會長會議。來自全國各省市的15位副會長出席會議。"
    "大會選舉中石化上海工程有限公司連任下屆會長單位,並投票產生下屆協會會長及秘書長候選人。"
)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (SNIPPET_SIMPLIFIED, "gbk"),
        (SNIPPET_SIMPLIFIED, "gb18030"),
        (SNIPPET_TRADITIONAL, "big5"),
        (SNIPPET_SIMPLIFIED, "utf-16"),
        (SNIPPET_TRADITIONAL, "utf-16-le"),
        (SNIPPET_SIMPLIFIED, "utf-8-sig"),
        (SNIPPET_TRADITIONAL, "utf-8"),
    ],
)
def test_detects_encoding(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    article = load_article(path)
    assert article.text.strip() == text
    assert article.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert article.id == "a"


def test_loads_bytes_and_keeps_id() -> None:
    article = load_article(SNIPPET_SIMPLIFIED.encode("gb18030"), article_id="x1")
    assert article.id == "x1" and "铸造协会" in article.text


def test_html_extracts_main_text_and_metadata(tmp_path: Path) -> None:
    body = "".join(f"<p>{SNIPPET_SIMPLIFIED}第{i}段。</p>" for i in range(4))
    html = (
        "<html><head><meta charset='gbk'><title>中铸协上海办事处开业运行</title>"
        "<meta property='article:published_time' content='2020-06-08'></head>"
        f"<body><nav>首页 &gt; 新闻</nav><article><h1>中铸协上海办事处开业运行</h1>{body}"
        "</article><footer>版权所有</footer></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("gbk"))
    article = load_article(path)
    assert article.format == "html"
    assert article.title == "中铸协上海办事处开业运行"
    assert article.published == "2020-06-08"
    assert "隆重开业" in article.text
    assert "版权所有" not in article.text


def test_markdown_is_flattened(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("# 标题\n\n![图](a.jpg)\n正文[链接](http://x)。", encoding="utf-8")
    article = load_article(path)
    assert article.format == "markdown"
    assert article.text.split("\n")[0] == "标题"
    assert "a.jpg" not in article.text and "正文链接。" in article.text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"   \n\t \n", "empty file"),
        (bytes(range(256)) * 8, "binary"),
    ],
)
def test_bad_input_messages(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        load_article(path)


def test_missing_path_and_size_cap(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_article(tmp_path / "nope.txt")
    big = tmp_path / "big.txt"
    big.write_text("会" * 1000, encoding="utf-8")
    with pytest.raises(InputError, match="size cap"):
        load_article(big, max_bytes=100)


def test_directory_walk_is_recursive_and_filtered(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("b.txt", "sub/a.html", "sub/c.md", "skip.jpg", "sub/d.htm"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = [Path(p).relative_to(tmp_path).as_posix() for p in iter_article_paths([tmp_path])]
    assert found == ["b.txt", "sub/a.html", "sub/c.md", "sub/d.htm"]
