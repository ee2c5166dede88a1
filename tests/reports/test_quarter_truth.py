"""A quarter's report is true to its date: quarter q shows only facts dated up to its end,
and the regulations' categories are classified at their own precision on both sides of
every band edge."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from reports.calculations.categories import classify
from reports.checks import build_quarterly_report
from reports.engine.facts import category_bands

pytestmark = pytest.mark.django_db
END_Q1 = date(2024, 3, 31)


def test_q1_contains_no_fact_dated_after_march(demo_unit):
    r = build_quarterly_report(demo_unit, 2024, 1)
    for ind in r.indicators:
        later = [m for m in ind.months[3:] if m.physical_pct is not None or m.activities_done]
        later += [m for m in ind.months[3:] if m.value_to_date is not None or m.status]
        assert later == [], ind.code
    assert all(v is None for v in r.revenue.monthly_cumulative[3:])
    assert all(v is None for v in r.budget.monthly_actual_pct[3:])
    # the initial DIPA counts from the start of the year whatever its date (14 November: a
    # finding of its own); every revision shown is dated by the quarter's end
    assert [rev.number for rev in r.budget.revisions if rev.date > END_Q1] == [0]
    assert all(t.start <= END_Q1 for t in r.trainings)
    assert r.financial_peers == []  # the financial-report scores were published 22 July 2024
    q4 = build_quarterly_report(demo_unit, 2024, 4)
    assert q4.financial_peers and any(
        m.physical_pct is not None for m in q4.indicators[0].months[9:]
    )


def test_q1_document_prints_no_date_after_march_but_the_initial_dipas(demo_unit):
    import html
    import re

    from reports.exporters.html_export import render_report_html

    page = render_report_html(build_quarterly_report(demo_unit, 2024, 1))
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))
    later = "April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember"
    dates = re.findall(rf"(?:\d{{1,2}} (?:{later}) 2024|\d{{2}}-(?:0[4-9]|1[0-2])-2024)", text)
    # the initial DIPA (table 2.1) and the finding about its date
    assert set(dates) == {"14 November 2024", "14-11-2024"}, dates


def test_q1_document_says_what_is_missing_instead_of_dashes(demo_unit):
    from reports.pp39.document import build_document

    doc = build_document(build_quarterly_report(demo_unit, 2024, 1))
    for ps in doc.programmes:
        for o in ps.outputs:
            assert "adalah - dari" not in o.sentence
    text = " ".join(
        s.comparison_sentence + str(s.result_sentence) for g in doc.goals for s in g.indicators
    )
    assert "sebesar -" not in text


@pytest.fixture
def bands():
    out = {}
    for b in category_bands():
        out.setdefault(b.scheme, []).append(b)
    return out


@pytest.mark.parametrize(
    "value, code",
    [
        ("0.9999", None),
        ("1.0000", "D"),
        ("2.5996", "D"),
        ("2.5999", "D"),  # between the stated bands: not yet C
        ("2.6000", "C"),
        ("3.0640", "C"),
        ("3.0643", "C"),
        ("3.0644", "B"),
        ("3.5320", "B"),
        ("3.5323", "B"),
        ("3.5324", "A"),
        ("4.0000", "A"),
        ("3.53235", "A"),  # rounded half-up to the regulation's 4 decimals first
        ("3.53234", "B"),
    ],
)
def test_ikm_band_edges_on_the_index_at_four_decimals(bands, value, code):
    band = classify(D(value), bands["ikm"])
    assert (band.code if band else None) == code


@pytest.mark.parametrize(
    "value, code",
    [
        ("1.00", "F"), ("1.01", "E"), ("1.50", "E"), ("1.51", "D"), ("2.00", "D"),
        ("2.01", "C-"), ("2.50", "C-"), ("2.51", "C"), ("3.00", "C"), ("3.01", "B-"),
        ("3.50", "B-"), ("3.51", "B"), ("4.00", "B"), ("4.01", "A-"), ("4.50", "A-"),
        ("4.51", "A"), ("4.505", "A"), ("4.504", "A-"), ("5.00", "A"), ("0.00", "F"),
    ],
)  # fmt: skip
def test_ipp_band_edges(bands, value, code):
    assert classify(D(value), bands["ipp"]).code == code


@pytest.mark.parametrize(
    "value, code",
    [
        ("0", "D"), ("30.00", "D"), ("30.01", "C"), ("50.00", "C"), ("50.01", "CC"),
        ("60.00", "CC"), ("60.01", "B"), ("70.00", "B"), ("70.01", "BB"), ("80.00", "BB"),
        ("80.01", "A"), ("90.00", "A"), ("90.01", "AA"), ("100", "AA"), ("82.25", "A"),
    ],
)  # fmt: skip
def test_sakip_band_edges(bands, value, code):
    assert classify(D(value), bands["sakip"]).code == code


def test_the_demo_ikm_is_classified_on_its_index(demo_unit):
    v1 = next(i for i in build_quarterly_report(demo_unit, 2024, 4).indicators if i.code == "V.1")
    assert (v1.realisation, v1.category_code) == (D("3.68"), "A")


def test_q1_dashboard_charts_draw_nothing_after_march(demo_unit):
    from reports.dashboard import charts

    report = build_quarterly_report(demo_unit, 2024, 1, full=False)
    i1 = next(i for i in report.indicators if i.code == "I.1")
    realised = charts.indicator_progress(i1)["data"][1]["y"]
    assert realised[3:] == [None] * 9 and any(v is not None for v in realised[:3])
