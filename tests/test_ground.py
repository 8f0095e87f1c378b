from __future__ import annotations

from summarizer.clean import clean
from summarizer.ground import Grounder, ground
from summarizer.schema import ModelHost, ModelResolution, ModelSummary

TEXT = (
    "协会二届二次会长办公(扩大)会在张店召开\n"
    "12月5日下午,淄博市装备制造业协会二届二次会长办公(扩大)会在张店酩悦居召开。"
    "副会长王传强、刘美兰出席。会议由协会会长张辉新主持。\n"
    "会议讨论通过了《2022年重点工作计划》。会长张辉新指出,要抓好金融赋能。\n"
    "本次会议,由酩悦居酒店、青花郎酒业提供赞助支持。"
)


def summary(**fields) -> ModelSummary:
    base = {"event": "会长办公会", "date_phrase": "12月5日下午", "hosts": [], "resolutions": []}
    return ModelSummary.model_validate({**base, **fields})


def test_locate_normalises_width_and_whitespace() -> None:
    grounder = Grounder(clean(TEXT))
    span = grounder.locate("会议由协会会长 张辉新主持。")
    assert span and grounder.excerpt(span) == "会议由协会会长张辉新主持"
    # full-width comma in the quote, half-width in the text
    assert grounder.locate("12月5日下午，淄博市装备制造业协会")
    assert grounder.locate("由某某公司主办") is None


def test_ellipsis_joins_ordered_pieces_only() -> None:
    grounder = Grounder(clean(TEXT))
    assert grounder.locate("12月5日下午…在张店酩悦居召开")
    assert grounder.locate("在张店酩悦居召开…12月5日下午") is None


def test_fabricated_and_unsupported_hosts_are_dropped_and_reported() -> None:
    report = ground(
        clean(TEXT),
        summary(
            hosts=[
                ModelHost(name="张辉新", role="chair", evidence="会议由协会会长张辉新主持"),
                ModelHost(name="某某科技公司", role="organiser", evidence="由某某科技公司主办"),
                ModelHost(name="王传强", role="chair", evidence="副会长王传强、刘美兰出席"),
                ModelHost(name="酩悦居酒店", role="organiser", evidence="由酩悦居酒店、青花郎酒业提供赞助支持"),
            ]
        ),
    )
    names = {h.name for h in report.summary.hosts}
    assert "张辉新" in names and "某某科技公司" not in names
    assert "王传强" not in names and "酩悦居酒店" not in names
    reasons = {d.item["name"]: d.reason for d in report.dropped}
    assert reasons["某某科技公司"] == "name not found in the article"
    assert "主持" in reasons["王传强"]
    for host in report.summary.hosts:
        assert clean(TEXT).text[host.span[0] : host.span[1]] == host.evidence


def test_explicit_markers_fill_what_the_model_missed() -> None:
    report = ground(clean(TEXT), summary())
    roles = {(h.name, h.role) for h in report.summary.hosts}
    assert ("张辉新", "chair") in roles and ("淄博市装备制造业协会", "organiser") in roles


def test_speech_is_not_a_resolution() -> None:
    report = ground(
        clean(TEXT),
        summary(resolutions=[ModelResolution(text="抓好金融赋能", evidence="会长张辉新指出,要抓好金融赋能")]),
    )
    assert all("金融赋能" not in r.evidence for r in report.summary.resolutions)
    assert any("金融赋能" in d.item["evidence"] for d in report.dropped)
    assert any("2022年重点工作计划" in r.evidence for r in report.summary.resolutions)


def test_fabricated_resolution_is_dropped() -> None:
    report = ground(clean(TEXT), summary(resolutions=[ModelResolution(text="成立联盟", evidence="会议决定成立产业联盟")]))
    assert report.dropped and report.dropped[0].reason == "evidence not found in the article"


def test_model_date_cannot_add_a_year() -> None:
    report = ground(clean(TEXT), summary(date_phrase="2021年12月5日下午"))
    assert report.summary.date.value == "--12-05"
    assert any("not in the article" in w for w in report.warnings)


def test_no_date_means_null() -> None:
    report = ground(clean("协会召开会员大会。会议选举了新一届理事会。"), summary(date_phrase=None))
    assert report.summary.date.value is None and report.summary.date.precision == "unknown"


def test_notice_style_host_lists() -> None:
    from summarizer import hints

    found = hints.host_hints("2023年度行业峰会\n主办单位：某市工商联、某市商务局\n承办单位：某某会展有限公司\n主持人：王芳")
    assert {(h.name, h.role) for h in found} == {
        ("某市工商联", "organiser"), ("某市商务局", "organiser"), ("某某会展有限公司", "co-organiser"),
        ("王芳", "chair"),
    }


def test_organiser_and_co_organiser_by_markers() -> None:
    from summarizer import hints

    found = hints.host_hints("本次论坛由市工商联主办，市物流协会承办。副市长李明出席并致辞。")
    assert {(h.name, h.role) for h in found} == {("市工商联", "organiser"), ("市物流协会", "co-organiser")}


def test_model_host_from_a_listed_notice_is_kept() -> None:
    text = "2023年度行业峰会\n主办单位：某市工商联、某市商务局\n5月6日，峰会在某市举行。"
    report = ground(clean(text), summary(hosts=[ModelHost(name="某市商务局", role="organiser",
                                                          evidence="主办单位：某市工商联、某市商务局")]))
    assert report.dropped == []
    assert {h.name for h in report.summary.hosts} == {"某市商务局", "某市工商联"}


def test_event_names_are_tidied() -> None:
    from summarizer.ground import tidy_event

    assert tidy_event("2021湖北武黄同城暨黄石（光谷）产业投资推介会在武汉举行！") == "2021湖北武黄同城暨黄石（光谷）产业投资推介会"
    assert tidy_event("“第八屆中國鑄造產業集群年會”") == "第八屆中國鑄造產業集群年會"
    assert tidy_event("会议召开") == "会议召开"
