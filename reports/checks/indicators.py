"""Checks of indicators: plans, realisations, measurements and stated figures."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from perkin.formatting import percent, smart
from perkin.rules import first_decrease
from reports.checks.base import ERROR, Finding, published, same
from reports.engine.methods import method_for

if TYPE_CHECKING:
    from reports.engine.report import QuarterlyReport


def indicator_checks(report: QuarterlyReport) -> list[Finding]:
    out: list[Finding] = []
    by_code = {i.code: i for i in report.indicators}
    for ind in report.indicators:
        steps = [
            (m.month, m.interim_target_pct) for m in ind.months if m.interim_target_pct is not None
        ]
        decrease = first_decrease(steps)
        if decrease:
            m1, a, m2, b = decrease
            out.append(
                Finding(
                    "PLAN_NOT_CUMULATIVE",
                    ERROR,
                    _(
                        "Target antara rencana aksi %(code)s turun dari %(a)s (%(m1)s) menjadi "
                        "%(b)s (%(m2)s); target antara harus kumulatif dan tidak boleh menurun."
                    )
                    % {
                        "code": ind.code,
                        "a": percent(a),
                        "m1": f"B{m1:02d}",
                        "b": percent(b),
                        "m2": f"B{m2:02d}",
                    },
                    ind.code,
                    "indicator",
                    ind.pk,
                )
            )
        done = [
            (m.month, m.physical_pct)
            for m in ind.months[: report.last_month]
            if m.physical_pct is not None
        ]
        decrease = first_decrease(done)
        if decrease:
            m1, a, m2, b = decrease
            out.append(
                Finding(
                    "REALISED_DECREASING",
                    ERROR,
                    _(
                        "Realisasi fisik kumulatif %(code)s turun dari %(a)s (%(m1)s) menjadi %(b)s (%(m2)s)."
                    )
                    % {
                        "code": ind.code,
                        "a": percent(a),
                        "m1": f"B{m1:02d}",
                        "b": percent(b),
                        "m2": f"B{m2:02d}",
                    },
                    ind.code,
                    "indicator",
                    ind.pk,
                )
            )
        out += method_for(ind.method).check(ind)

    stated_plan: dict[str, list] = defaultdict(list)
    for p in published(report, "indicator.interim_target_pct"):
        code, _sep, month = p.subject.partition("@")
        ind = by_code.get(code)
        if ind is None or not month.isdigit():
            continue
        planned = ind.months[int(month) - 1].interim_target_pct
        if not same(planned, p.value):
            stated_plan[code].append((int(month), p.value, planned, p.source))
    for code, rows in stated_plan.items():
        ind = by_code[code]
        detail = "; ".join(
            _("%(month)s %(stated)s (rencana aksi %(planned)s)")
            % {"month": f"B{m:02d}", "stated": percent(v), "planned": percent(plan)}
            for m, v, plan, _source in rows
        )
        out.append(
            Finding(
                "PUBLISHED_INTERIM_DIFFERS",
                ERROR,
                _(
                    "Target antara %(code)s pada %(source)s tidak sama dengan rencana aksi: %(detail)s."
                )
                % {"code": code, "source": rows[0][3], "detail": detail},
                code,
                "indicator",
                ind.pk,
            )
        )

    labels = {
        "indicator.realisation": ("PUBLISHED_REALISATION_DIFFERS", _("realisasi"), "realisation"),
        "indicator.achievement": ("PUBLISHED_ACHIEVEMENT_DIFFERS", _("capaian"), "achievement_pct"),
        "indicator.target": ("PUBLISHED_TARGET_DIFFERS", _("target"), "target"),
        "indicator.physical_target": (
            "PUBLISHED_PHYSICAL_TARGET_DIFFERS",
            _("target fisik"),
            "physical_target_pct",
        ),
        "indicator.physical_realised": (
            "PUBLISHED_PHYSICAL_DIFFERS",
            _("realisasi fisik"),
            "physical_realised_pct",
        ),
    }
    pct_attrs = ("achievement_pct", "physical_target_pct", "physical_realised_pct")
    for key, (code_, label, attr) in labels.items():
        for p in published(report, key):
            ind = by_code.get(p.subject)
            if ind is None:
                continue
            computed = getattr(ind, attr)
            if computed is not None and not same(computed, p.value):
                show = percent if attr in pct_attrs else smart
                out.append(
                    Finding(
                        code_,
                        ERROR,
                        _(
                            "%(source)s menyatakan %(label)s %(code)s %(stated)s, sedangkan data "
                            "menghasilkan %(computed)s."
                        )
                        % {
                            "source": p.source,
                            "label": label,
                            "code": ind.code,
                            "stated": show(p.value),
                            "computed": show(computed),
                        },
                        ind.code,
                        "indicator",
                        ind.pk,
                    )
                )
    return out
