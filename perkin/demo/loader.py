"""Loads the demo data: the BSPJI Palembang 2024 seed year transcribed in ``fixtures/demo``.

Every row is found by its natural key and written only when a value differs, so a second
run changes nothing (not even the history tables).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import models, transaction

from perkin.demo.base import _date, _dec, _load
from perkin.demo.budget_facts import BudgetLoaderMixin
from perkin.demo.previous_year import PreviousYearLoaderMixin
from perkin.models import (
    ActionPlanStep,
    Agreement,
    EvaluationComponent,
    FacilitatedCompany,
    Goal,
    Indicator,
    Measurement,
    MonthlyRealisation,
    PublishedFigure,
    QuarterLock,
    QuarterNarrative,
    RatioObservation,
    ReportText,
    ServiceIndexAspect,
    StaffComposition,
    SurveyElementScore,
    Team,
    Training,
    UnitEvaluation,
    UnitMembership,
    WorkUnit,
)

DEMO_UNIT = "BSPJI-PLG"
OTHER_UNIT = "BSPJI-MDN"
DEMO_MAIL_DOMAIN = "perkin-demo.example"  # a reserved domain: nothing leaves the machine
GROWTH_BASIS = {"III.2": "revenue", "III.3": "service_outputs"}
# The report states that months before October were realised as planned; V.1's published
# plan is not cumulative (a known contradiction), so its earlier months follow the
# cumulative shape that its own achievement table (3.10) shows for B10-B12.
STANDARD_CUMULATIVE = ["5", "10", "25", "35", "40", "50", "60", "65", "75", "80", "90", "100"]
EARLIER_MONTHS_TEXT = (
    "Terlaksana sesuai rencana aksi (laporan Triwulan IV tidak merinci kegiatan bulan ini)."
)


@dataclass
class LoadStats:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    by_model: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> int:
        return self.created + self.updated


class Loader(BudgetLoaderMixin, PreviousYearLoaderMixin):
    def __init__(self) -> None:
        self.stats = LoadStats()

    def upsert(self, model: type[models.Model], lookup: dict, values: dict | None = None):
        values = values or {}
        obj = model.objects.filter(**lookup).first()
        label = model._meta.label
        if obj is None:
            obj = model.objects.create(**lookup, **values)
            self.stats.created += 1
            self.stats.by_model[label] = self.stats.by_model.get(label, 0) + 1
            return obj
        changed = False
        for key, value in values.items():
            if getattr(obj, key) != value:
                setattr(obj, key, value)
                changed = True
        if changed:
            obj.save()
            self.stats.updated += 1
        else:
            self.stats.unchanged += 1
        return obj

    # --- units -----------------------------------------------------------------------------

    def units(self) -> dict[str, WorkUnit]:
        data = _load("units.json")
        profile = _load("profile-2024.json")
        p = data["parent"]
        parent = self.upsert(
            WorkUnit,
            {"code": p["code"]},
            {
                "name": p["name"],
                "short_name": p["short_name"],
                "kind": p["kind"],
                "city": p["city"],
            },
        )
        units = {parent.code: parent}
        for u in data["units"]:
            units[u["code"]] = self.upsert(
                WorkUnit,
                {"code": u["code"]},
                {
                    "name": u["name"],
                    "short_name": u["short_name"],
                    "kind": u["kind"],
                    "city": u["city"],
                    "parent": parent,
                },
            )
        u = profile["unit"]
        units[u["code"]] = self.upsert(
            WorkUnit,
            {"code": u["code"]},
            {
                "name": u["name"],
                "short_name": u["short_name"],
                "kind": WorkUnit.Kind.OFFICE,
                "city": u["city"],
                "province": u["province"],
                "head_name": u["head_name"],
                "head_title": u["head_title"],
                "parent": parent,
                **{k: v for k, v in profile["profile"].items()},
            },
        )
        for ev in data["evaluations"]:
            evaluation = self.upsert(
                UnitEvaluation,
                {"unit": units[ev["unit"]], "year": ev["year"], "kind": ev["kind"]},
                {
                    "assessed_year": ev["assessed_year"],
                    "stated_total": _dec(ev["stated_total"]),
                    "stated_category": ev["stated_category"],
                    "published_on": _date(ev["published_on"]),
                    "note": ev["note"],
                },
            )
            for c in ev["components"]:
                self.upsert(
                    EvaluationComponent,
                    {"evaluation": evaluation, "number": c["number"]},
                    {
                        "name": c["name"],
                        "score": _dec(c["score"]),
                        "max_score": _dec(c["max_score"]),
                    },
                )
        return units

    # --- agreement and monitoring ------------------------------------------------------------

    def agreement(self, unit: WorkUnit) -> dict[str, Indicator]:
        data = _load("agreement-2024.json")
        year = data["year"]
        agreement = self.upsert(
            Agreement,
            {"unit": unit, "year": year, "revision_no": 0},
            {
                "signed_on": _date(data.get("signed_on")),
                "first_party": unit.head_title,
                "second_party": "Kepala Badan Standardisasi dan Kebijakan Jasa Industri",
            },
        )
        indicators: dict[str, Indicator] = {}
        for g in data["goals"]:
            goal = self.upsert(
                Goal, {"agreement": agreement, "number": g["number"]}, {"text": g["text"]}
            )
            for i in g["indicators"]:
                team = self.upsert(Team, {"unit": unit, "name": i["team"]}) if i["team"] else None
                code = f"{goal.roman}.{i['number']}"
                ind = self.upsert(
                    Indicator,
                    {"goal": goal, "number": i["number"]},
                    {
                        "name": i["name"],
                        "target": _dec(i["target"]),
                        "unit": i["unit"],
                        "direction": i["direction"],
                        "method": i["method"],
                        "growth_basis": GROWTH_BASIS.get(code, ""),
                        "definition": i["definition"],
                        "team": team,
                        "data_source": i["data_source"],
                    },
                )
                indicators[code] = ind
                self._plan_and_realisations(unit, year, ind, i)
        return indicators

    def _plan_and_realisations(self, unit: WorkUnit, year: int, ind: Indicator, i: dict) -> None:
        for step in i["action_plan"]:
            self.upsert(
                ActionPlanStep,
                {"indicator": ind, "month": step["month"]},
                {
                    "interim_target_pct": _dec(step["interim_target_pct"]),
                    "planned_activities": step["planned_activities"],
                },
            )
        q4 = {r["month"]: r for r in i["realisations_q4"]}
        for month in range(1, 13):
            if month in q4:
                r = q4[month]
                values = {
                    "physical_pct": _dec(r["physical_pct"]),
                    "activities_done": r["activities_done"],
                    "value_to_date": _dec(r["value_to_date"]),
                    "status": MonthlyRealisation.Status.SUBMITTED,
                }
                self.upsert(
                    PublishedFigure,
                    {
                        "unit": unit,
                        "year": year,
                        "quarter": 4,
                        "key": "indicator.interim_target_pct",
                        "subject": f"{ind.code}@{month}",
                        "source": "Tabel capaian kinerja TW IV",
                    },
                    {
                        "value": _dec(r["stated_interim_target_pct"]),
                        "text": r["planned_activities_stated"],
                    },
                )
            else:
                values = {
                    "physical_pct": Decimal(STANDARD_CUMULATIVE[month - 1]),
                    "activities_done": EARLIER_MONTHS_TEXT,
                    "value_to_date": None,
                    "status": MonthlyRealisation.Status.APPROVED,
                }
            self.upsert(MonthlyRealisation, {"indicator": ind, "month": month}, values)
        n = i["narrative_q4"]
        self.upsert(
            QuarterNarrative,
            {"indicator": ind, "quarter": 4},
            {
                "analysis": n["analysis"],
                "obstacles": n["obstacles"],
                "recommendation": n["recommendation"],
            },
        )

    def supporting(self, indicators: dict[str, Indicator]) -> None:
        data = _load("supporting-2024.json")
        for m in data["measurements"]:
            self.upsert(
                Measurement,
                {"indicator": indicators[m["indicator"]], "company": m["company"]},
                {
                    "month": m["month"],
                    "order": m["order"],
                    "service": m["service"],
                    "kind": m["kind"],
                    "before_text": m["before_text"],
                    "after_text": m["after_text"],
                    "before_value": _dec(m["before_value"]),
                    "after_value": _dec(m["after_value"]),
                    "measure_unit": m["measure_unit"],
                    "stated_pct": _dec(m["stated_pct"]),
                },
            )
        for c in data["facilitated_companies"]:
            self.upsert(
                FacilitatedCompany,
                {"indicator": indicators[c["indicator"]], "company": c["company"]},
                {"standard": c["standard"], "month": c["month"]},
            )
        for s in data["survey_elements"]:
            self.upsert(
                SurveyElementScore,
                {
                    "indicator": indicators[s["indicator"]],
                    "month": s["month"],
                    "number": s["number"],
                },
                {
                    "element": s["element"],
                    "score": _dec(s["score"]),
                    "respondents": s["respondents"],
                },
            )
        for a in data["service_aspects"]:
            self.upsert(
                ServiceIndexAspect,
                {
                    "indicator": indicators[a["indicator"]],
                    "month": a["month"],
                    "number": a["number"],
                },
                {
                    "aspect": a["aspect"],
                    "index_value": _dec(a["index_value"]),
                    "weight_pct": _dec(a["weight_pct"]),
                },
            )
        for r in data["ratio_observations"]:
            self.upsert(
                RatioObservation,
                {"indicator": indicators[r["indicator"]], "month": r["month"]},
                {
                    "numerator_label": r["numerator_label"],
                    "numerator": _dec(r["numerator"]),
                    "denominator_label": r["denominator_label"],
                    "denominator": _dec(r["denominator"]),
                    "stated_pct": _dec(r["stated_pct"]),
                    "note": r["note"],
                },
            )

    def profile(self, unit: WorkUnit, year: int) -> None:
        data = _load("profile-2024.json")
        for key, text in data["report_texts"].items():
            self.upsert(
                ReportText, {"unit": unit, "year": year, "quarter": 4, "key": key}, {"text": text}
            )
        for t in data["trainings"]:
            self.upsert(
                Training,
                {"unit": unit, "year": year, "number": t["no"]},
                {
                    "name": t["name"],
                    "dates_text": t["dates_text"],
                    "start": _date(t["start"]),
                    "end": _date(t["end"]),
                    "organiser": t["organiser"],
                    "audience": t["audience"],
                    "participants": t["participants"],
                },
            )
        for s in data["staff_composition"]:
            self.upsert(
                StaffComposition,
                {
                    "unit": unit,
                    "year": year,
                    "dimension": s["dimension"],
                    "category": s["category"],
                },
                {"count": s["count"], "as_of": _date(data["staff_as_of"])},
            )

    def published(self, unit: WorkUnit) -> None:
        data = _load("published-2024-q4.json")
        for f in data["figures"]:
            self.upsert(
                PublishedFigure,
                {
                    "unit": unit,
                    "year": data["year"],
                    "quarter": data["quarter"],
                    "key": f["key"],
                    "subject": f["subject"],
                    "source": f["source"],
                },
                {"value": _dec(f["value"]), "text": f["text"]},
            )

    def locks(self, unit: WorkUnit, year: int) -> None:
        for quarter in (1, 2, 3):
            self.upsert(
                QuarterLock, {"unit": unit, "year": year, "quarter": quarter}, {"locked": True}
            )

    # --- users -----------------------------------------------------------------------------

    def users(self, units: dict[str, WorkUnit], password: str) -> list[tuple[str, str]]:
        User = get_user_model()
        demo = units[DEMO_UNIT]
        team = Team.objects.get(unit=demo, name="Fungsi OPTIPK")
        specs = [
            ("admin", None, None, None, "Administrator (superuser)"),
            ("kepala", demo, UnitMembership.Role.HEAD, None, "Kepala BSPJI Palembang"),
            ("perencana", demo, UnitMembership.Role.PLANNER, None, "Perencana BSPJI Palembang"),
            ("pic", demo, UnitMembership.Role.PIC, team, "Ketua tim Fungsi OPTIPK"),
            (
                "perencana_lain",
                units[OTHER_UNIT],
                UnitMembership.Role.PLANNER,
                None,
                "Perencana BSPJI Medan",
            ),
            ("reviewer", units["BSKJI"], UnitMembership.Role.REVIEWER, None, "Reviewer BSKJI"),
        ]
        out = []
        for username, unit, role, team_, description in specs:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(username=username, first_name=description[:150])
                user.set_password(password)
                if username == "admin":
                    user.is_staff = user.is_superuser = True
                user.save()
                self.stats.created += 1
            elif not user.check_password(password):
                user.set_password(password)
                user.save(update_fields=["password"])
                self.stats.updated += 1
            if not user.email:  # reminders go to this address (console backend in the demo)
                user.email = f"{username}@{DEMO_MAIL_DOMAIN}"
                user.save(update_fields=["email"])
            if unit is not None:
                self.upsert(
                    UnitMembership, {"user": user}, {"unit": unit, "role": role, "team": team_}
                )
            out.append((username, description))
        return out


@transaction.atomic
def load_demo(*, password: str) -> tuple[LoadStats, list[tuple[str, str]]]:
    """Loads (or brings up to date) the demo data; returns the counts and the demo logins."""
    loader = Loader()
    units = loader.units()
    unit = units[DEMO_UNIT]
    indicators = loader.agreement(unit)
    loader.supporting(indicators)
    loader.profile(unit, 2024)
    loader.budget(unit)
    loader.published(unit)
    loader.previous_year(units, unit)
    loader.locks(unit, 2024)
    logins = loader.users(units, password)
    return loader.stats, logins
