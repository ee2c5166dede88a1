"""factory_boy factories for rows a test needs of its own, so a test need not ride on the
seed year: ``IndicatorFactory(goal__agreement__unit=unit)``, ``UserFactory(role="planner",
unit=unit)``. Money is whole rupiah and percentages are Decimal, as in the models."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from budget.models import (
    Allocation,
    Budget,
    BudgetItem,
    BudgetRevision,
    OutputRealisation,
    RevenueLine,
    RevenueReceipt,
    RevenueTarget,
    ServiceKind,
    ServiceOutput,
)
from perkin.models import (
    ActionPlanStep,
    Agreement,
    Goal,
    Indicator,
    MonthlyRealisation,
    QuarterLock,
    QuarterNarrative,
    Team,
    UnitMembership,
    WorkUnit,
)

PASSWORD = "test-password-1"


class WorkUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkUnit
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"UJI-{n:03d}")
    name = factory.LazyAttribute(lambda o: f"Balai Uji {o.code}")
    short_name = factory.LazyAttribute(lambda o: o.code)
    kind = WorkUnit.Kind.OFFICE
    city = "Kota Uji"


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    unit = factory.SubFactory(WorkUnitFactory)
    name = factory.Sequence(lambda n: f"Tim {n}")


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a membership: ``UserFactory(role=UnitMembership.Role.HEAD, unit=unit)``."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        self.save()
        if extracted:
            UnitMembership.objects.create(
                user=self,
                unit=kwargs.get("unit") or WorkUnitFactory(),
                role=extracted,
                team=kwargs.get("team"),
            )


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    unit = factory.SubFactory(WorkUnitFactory)
    year = 2025


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    agreement = factory.SubFactory(AgreementFactory)
    number = factory.Sequence(lambda n: n % 12 + 1)
    text = factory.LazyAttribute(lambda o: f"Sasaran {o.number}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    goal = factory.SubFactory(GoalFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.LazyAttribute(lambda o: f"Indikator {o.number}")
    target = Decimal("100")
    unit = "Persen"
    method = Indicator.Method.DIRECT


class ActionPlanStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlanStep

    indicator = factory.SubFactory(IndicatorFactory)
    month = 1
    interim_target_pct = factory.LazyAttribute(lambda o: Decimal(o.month * 100 // 12))


class MonthlyRealisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MonthlyRealisation

    indicator = factory.SubFactory(IndicatorFactory)
    month = 1
    physical_pct = Decimal("10")
    activities_done = "Kegiatan terlaksana"


class QuarterNarrativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuarterNarrative

    indicator = factory.SubFactory(IndicatorFactory)
    quarter = 1
    analysis = "Analisis capaian."


class QuarterLockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuarterLock

    unit = factory.SubFactory(WorkUnitFactory)
    year = 2025
    quarter = 1
    locked = True


class BudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Budget

    unit = factory.SubFactory(WorkUnitFactory)
    year = 2025


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetItem

    budget = factory.SubFactory(BudgetFactory)
    level = "programme"
    parent = None
    code = factory.Sequence(lambda n: f"P{n:02d}")
    full_code = factory.LazyAttribute(lambda o: o.code)
    name = factory.LazyAttribute(lambda o: f"Program {o.code}")


class ActivityFactory(ProgrammeFactory):
    level = "activity"
    parent = factory.SubFactory(ProgrammeFactory, budget=factory.SelfAttribute("..budget"))
    code = factory.Sequence(lambda n: f"{6000 + n}")
    full_code = factory.LazyAttribute(lambda o: f"{o.parent.full_code}.{o.code}")
    name = factory.LazyAttribute(lambda o: f"Kegiatan {o.code}")


class BudgetItemFactory(ProgrammeFactory):
    """A KRO under an activity under a programme of the same budget."""

    level = "kro"
    parent = factory.SubFactory(ActivityFactory, budget=factory.SelfAttribute("..budget"))
    code = factory.Sequence(lambda n: f"K{n:02d}")
    full_code = factory.LazyAttribute(lambda o: f"{o.parent.full_code}.{o.code}")
    name = factory.LazyAttribute(lambda o: f"Output {o.code}")


class BudgetRevisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetRevision

    budget = factory.SubFactory(BudgetFactory)
    number = 0
    date = factory.LazyAttribute(lambda o: date(o.budget.year, 1, 2))
    authority = "DJA"


class AllocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Allocation

    revision = factory.SubFactory(BudgetRevisionFactory)
    item = factory.SubFactory(BudgetItemFactory, budget=factory.SelfAttribute("..revision.budget"))
    amount = Decimal("1000000000")


class OutputRealisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutputRealisation

    item = factory.SubFactory(BudgetItemFactory)
    month = 1
    period_start_month = factory.LazyAttribute(lambda o: o.month)
    spent = Decimal("100000000")


class RevenueLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RevenueLine

    unit = factory.SubFactory(WorkUnitFactory)
    code = factory.Sequence(lambda n: f"P{n:02d}")
    name = factory.LazyAttribute(lambda o: f"Jasa {o.code}")


class RevenueTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RevenueTarget

    line = factory.SubFactory(RevenueLineFactory)
    year = 2025
    amount = Decimal("100000000")


class RevenueReceiptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RevenueReceipt

    line = factory.SubFactory(RevenueLineFactory)
    year = 2025
    month = 1
    period_start_month = factory.LazyAttribute(lambda o: o.month)
    amount = Decimal("1000000")


class ServiceKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceKind

    unit = factory.SubFactory(WorkUnitFactory)
    code = factory.Sequence(lambda n: f"L{n:02d}")
    name = factory.LazyAttribute(lambda o: f"Layanan {o.code}")
    unit_of_measure = "LHU"


class ServiceOutputFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceOutput

    kind = factory.SubFactory(ServiceKindFactory)
    year = 2025
    month = 1
    period_start_month = factory.LazyAttribute(lambda o: o.month)
    count = 10
