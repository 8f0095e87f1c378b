"""Bytes to text: encoding detection, HTML extraction, stable ids.

Scraped pages arrive as UTF-8 (with or without BOM), UTF-16, GB18030/GBK or
Big5. BOMs and strict UTF-8 are trusted first because they are unambiguous;
everything else goes to charset-normalizer, which scores candidate decodings
by how much "chaos" they produce instead of guessing from byte ranges.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from .schema import RawArticle

DEFAULT_MAX_BYTES = 2_000_000
# Pages saved by scrapers keep the server's extension: all of these hold HTML.
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml", ".aspx", ".asp", ".php", ".jsp", ".vue"}
ARTICLE_SUFFIXES = {".txt", ".md", *HTML_SUFFIXES}
STDIN = "-"

# Candidate encodings for Chinese pages; charset-normalizer ranks them.
_CJK_ENCODINGS = ["utf_8", "gb18030", "big5", "big5hkscs", "utf_16", "cp950", "gbk"]
# Markup at the start of the *decoded* text (after any BOM and whitespace): a declaration,
# a server-side header, a template root, or a common block-level tag.
_HTML_SNIFF = re.compile(
    r"^[\ufeff\s]*(?:<\?php|<\?xml|<%|<!doctype|<!--|<template[\s>]"
    r"|<(?:html|head|body|meta|title|link|script|style|div|p|span|section|article|main|header|footer|nav"
    r"|table|ul|ol|h[1-6]|form|center|font|br|img|a)[\s>/])",
    re.IGNORECASE,
)
# Server-side code blocks are not page content (<?php … ?>, <% … %>).
_SERVER_CODE = re.compile(r"<\?php.*?(?:\?>|\Z)|<%.*?(?:%>|\Z)", re.IGNORECASE | re.DOTALL)
# An HTML parser keeps <template> content out of the document; a component file's page is in one.
_TEMPLATE_TAG = re.compile(r"<(/?)template\b", re.IGNORECASE)
_HTML_ROOT = re.compile(r"<html[\s>]|<body[\s>]", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)


class InputError(ValueError):
    """An input that cannot become an article; the message is one line for the user."""


def iter_article_paths(inputs: Iterable[str | Path]) -> Iterator[str | Path]:
    """Expand directories recursively (sorted, so runs are reproducible)."""
    for item in inputs:
        if str(item) == STDIN:
            yield STDIN
            continue
        path = Path(item)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in ARTICLE_SUFFIXES:
                    yield child
        else:
            yield path


def load_all(inputs: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES,
             ) -> tuple[list[RawArticle], list[tuple[str, str]]]:
    """Every input that loads, and (path, one-line reason) for each one that does not.

    The one loop the CLI and the digest share: a bad file is reported and the rest go on.
    """
    loaded: list[RawArticle] = []
    failed: list[tuple[str, str]] = []
    for path in iter_article_paths(inputs):
        try:
            loaded.append(load_article(path, max_bytes=max_bytes))
        except InputError as exc:
            failed.append((str(path), str(exc)))
    return loaded, failed


def read_source(source: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[bytes, str]:
    """Return the raw bytes and a display path, enforcing the size cap."""
    if str(source) == STDIN:
        data = sys.stdin.buffer.read(max_bytes + 1)
        name = "<stdin>"
    else:
        path = Path(source)
        if not path.exists():
            raise InputError(f"{path}: no such file")
        if path.is_dir():
            raise InputError(f"{path}: is a directory with no article files ({suffix_list()})")
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path}: {size} bytes is over the size cap of {max_bytes} bytes")
        data = path.read_bytes()
        name = str(path)
    if len(data) > max_bytes:
        raise InputError(f"{name}: over the size cap of {max_bytes} bytes")
    return data, name


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode article bytes; raise InputError for binary or undecodable data."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    declared = _declared_charset(data)
    if b"\x00" not in data:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
        if declared:
            try:
                return data.decode(declared), declared
            except (LookupError, UnicodeDecodeError):
                pass
    else:
        for encoding in ("utf-16-le", "utf-16-be"):
            text = _strict_decode(data, encoding)
            if text is not None and _plausible_ratio(text) > 0.9:
                return text, encoding
        raise InputError("binary data (NUL bytes), not a text or HTML article")

    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_CJK_ENCODINGS).best()
    if best is None:
        best = from_bytes(data).best()
    if best is None:
        raise InputError("could not detect a text encoding; is this a binary file?")
    text = str(best)
    if _control_ratio(text) > 0.05:
        raise InputError("binary data, not a text or HTML article")
    return text, best.encoding


def load_article(
    source: str | Path | bytes,
    *,
    article_id: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> RawArticle:
    """Load one article from a path, ``-`` (stdin) or raw bytes."""
    if isinstance(source, bytes):
        data, name = source, "<bytes>"
        if len(data) > max_bytes:
            raise InputError(f"{name}: over the size cap of {max_bytes} bytes")
        stem = article_id or "article"
    else:
        data, name = read_source(source, max_bytes=max_bytes)
        stem = article_id or ("stdin" if str(source) == STDIN else Path(source).stem)
    if not data.strip():
        raise InputError(f"{name}: empty file")
    try:
        text, encoding = decode_bytes(data)
    except InputError as exc:
        raise InputError(f"{name}: {exc}") from None
    if not text.strip():
        raise InputError(f"{name}: empty file (whitespace only)")
    sha = hashlib.sha256(data).hexdigest()
    suffix = Path(name).suffix.lower()
    if suffix in HTML_SUFFIXES or (suffix != ".md" and looks_like_markup(text)):
        page = _TEMPLATE_TAG.sub(r"<\1div", _SERVER_CODE.sub("", text))
        if not _HTML_ROOT.search(page[:4096]):  # a fragment: the extractor wants a whole document
            page = f"<html><body>{page}</body></html>"
        return _from_html(page, stem, name, sha, encoding)
    if suffix == ".md":
        return RawArticle(
            id=stem, path=name, sha256=sha, encoding=encoding, format="markdown",
            text=_markdown_to_text(text),
        )
    return RawArticle(id=stem, path=name, sha256=sha, encoding=encoding, format="text", text=text)


def looks_like_markup(text: str) -> bool:
    """Decoded text that opens with markup is a page, whatever its file name says."""
    return bool(_HTML_SNIFF.match(text[:1024]))


def suffix_list() -> str:
    """The article file extensions, for messages."""
    return ", ".join(sorted(ARTICLE_SUFFIXES))


def looks_like_path(text: str) -> bool:
    """A short one-line string that names a file (an article suffix, or an ASCII path with a
    folder separator) rather than holding an article: summarising it would pay for nothing."""
    text = text.strip()
    if not text or len(text) > 255 or any(ch.isspace() for ch in text):
        return False
    if Path(text).suffix.lower() in ARTICLE_SUFFIXES:
        return True
    return text.isascii() and ("/" in text or "\\" in text)


def _from_html(html: str, stem: str, name: str, sha: str, encoding: str) -> RawArticle:
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True, favor_recall=True
    )
    if doc is None:
        raise InputError(f"{name}: HTML page has no extractable main text")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = (data.get("text") or "").strip()
    if not text:
        raise InputError(f"{name}: HTML page has no extractable main text")
    return RawArticle(
        id=stem,
        path=name,
        sha256=sha,
        encoding=encoding,
        format="html",
        text=text,
        title=(data.get("title") or None),
        source=(data.get("sitename") or None),
        author=(data.get("author") or None),
        published=(data.get("date") or None),
    )


_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.MULTILINE)
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def _markdown_to_text(text: str) -> str:
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_HEADING.sub("", text)
    return _MD_EMPHASIS.sub(r"\2", text)


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii").lower()
    return {"gb2312": "gb18030", "gbk": "gb18030"}.get(name, name)


def _strict_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _plausible_ratio(text: str) -> float:
    """Share of characters a Chinese or English article would plausibly hold."""
    if not text:
        return 0.0
    plausible = sum(
        1
        for ch in text
        if ch in "\n\r\t"
        or 0x20 <= ord(ch) < 0x7F
        or 0x3000 <= ord(ch) <= 0x30FF
        or 0x4E00 <= ord(ch) <= 0x9FFF
        or 0xFF00 <= ord(ch) <= 0xFFEF
        or 0x2000 <= ord(ch) <= 0x206F
    )
    return plausible / len(text)


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / len(text)
