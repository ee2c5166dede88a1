"""Raise the data version of every unit whose reports a saved or deleted fact changes, in the
same transaction as the change, so a cached report is reused exactly while its facts stand.

Each fact model names how to reach its unit: directly (``unit_id``) or through one foreign key
and a lookup path from that key's model (one ``UPDATE ... WHERE unit_id IN (SELECT ...)``).
Evaluations and units also raise the parent unit's version: sibling units' reports print them
(tables 3.17 and 3.18). Category bands change every report. ``QuerySet.update`` and
``bulk_create`` send no signals; code that writes facts that way must call ``bump_units``.
A unit's version row is created by its first change or its first cached report.
"""

from __future__ import annotations

from django.apps import apps
from django.db import connection
from django.db.models import F, Model, QuerySet
from django.db.models.signals import post_save, pre_delete

from perkin.signals import facts_bulk_changed
from reports.models import DataVersion

IND = ("perkin.Indicator", "goal__agreement__unit_id")
# model label -> (foreign key attribute, model it points to, path to the unit id from there);
# None: the instance has unit_id itself.
FACT_MODELS: dict[str, tuple[str, str, str] | None] = {
    "perkin.Agreement": None,
    "perkin.Team": None,
    "perkin.ReportText": None,
    "perkin.QuarterLock": None,
    "perkin.Training": None,
    "perkin.StaffComposition": None,
    "perkin.PublishedFigure": None,
    "perkin.Goal": ("agreement_id", "perkin.Agreement", "unit_id"),
    "perkin.Indicator": ("goal_id", "perkin.Goal", "agreement__unit_id"),
    "perkin.ActionPlanStep": ("indicator_id", *IND),
    "perkin.MonthlyRealisation": ("indicator_id", *IND),
    "perkin.QuarterNarrative": ("indicator_id", *IND),
    "perkin.Measurement": ("indicator_id", *IND),
    "perkin.FacilitatedCompany": ("indicator_id", *IND),
    "perkin.SurveyElementScore": ("indicator_id", *IND),
    "perkin.ServiceIndexAspect": ("indicator_id", *IND),
    "perkin.RatioObservation": ("indicator_id", *IND),
    "perkin.Evidence": (
        "realisation_id",
        "perkin.MonthlyRealisation",
        "indicator__goal__agreement__unit_id",
    ),
    "budget.Budget": None,
    "budget.RevenueLine": None,
    "budget.ServiceKind": None,
    "budget.BudgetItem": ("budget_id", "budget.Budget", "unit_id"),
    "budget.BudgetRevision": ("budget_id", "budget.Budget", "unit_id"),
    "budget.Allocation": ("revision_id", "budget.BudgetRevision", "budget__unit_id"),
    "budget.RevisionBreakdown": ("revision_id", "budget.BudgetRevision", "budget__unit_id"),
    "budget.DisbursementPlan": ("item_id", "budget.BudgetItem", "budget__unit_id"),
    "budget.OutputRealisation": ("item_id", "budget.BudgetItem", "budget__unit_id"),
    "budget.OutputNarrative": ("item_id", "budget.BudgetItem", "budget__unit_id"),
    "budget.RevenueTarget": ("line_id", "budget.RevenueLine", "unit_id"),
    "budget.RevenueReceipt": ("line_id", "budget.RevenueLine", "unit_id"),
    "budget.ServiceOutput": ("kind_id", "budget.ServiceKind", "unit_id"),
}
# Printed in sibling units' reports too: the unit's and its parent's versions are raised.
WITH_PARENT: dict[str, tuple[str, str, str]] = {
    "perkin.WorkUnit": ("pk", "perkin.WorkUnit", "parent_id"),
    "perkin.UnitEvaluation": ("unit_id", "perkin.WorkUnit", "parent_id"),
    "perkin.EvaluationComponent": ("evaluation_id", "perkin.UnitEvaluation", "unit__parent_id"),
}
# who may read, when a report is due, which reminders went out: changes no report
NOT_FACTS = {"perkin.UnitMembership", "perkin.QuarterDeadline", "perkin.ReminderSent"}


def _unit_sources(instance: Model) -> list:
    """What names the units a change of instance touches: unit ids, or querysets of them."""
    label = instance._meta.label
    if label in WITH_PARENT:
        attr, model, path = WITH_PARENT[label]
        own = (
            instance.pk
            if label == "perkin.WorkUnit"
            else instance.unit_id
            if label == "perkin.UnitEvaluation"
            else _subquery("perkin.UnitEvaluation", instance.evaluation_id, "unit_id")
        )
        return [own, _subquery(model, getattr(instance, attr), path)]
    spec = FACT_MODELS[label]
    if spec is None:
        return [instance.unit_id]
    attr, model, path = spec
    return [_subquery(model, getattr(instance, attr), path)]


def _subquery(model: str, pk, path: str) -> QuerySet:
    return apps.get_model(model).objects.filter(pk=pk).annotate(uid=F(path)).values("uid")


def bump_units(source, *, create: bool = True) -> None:
    """Raises the data version of the unit(s) named by source: a unit id, or a queryset of
    one column 'uid'. One statement whether or not the unit has a version row yet (an upsert,
    PostgreSQL and SQLite >= 3.24). create=False (deletions) only raises existing rows: a row
    inserted while a unit is being deleted would be left pointing at it."""
    if source is None:
        return
    if not create:
        ids = source if isinstance(source, QuerySet) else [source]
        DataVersion.objects.filter(unit_id__in=ids).update(version=F("version") + 1)
        return
    table = connection.ops.quote_name(DataVersion._meta.db_table)
    if isinstance(source, QuerySet):
        inner, params = source.query.sql_with_params()
        select = f"SELECT s.uid, 1 FROM ({inner}) s WHERE s.uid IS NOT NULL"
    else:
        select, params = "SELECT %s, 1 WHERE TRUE", (source,)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (unit_id, version) {select} "
            f"ON CONFLICT (unit_id) DO UPDATE SET version = {table}.version + 1",
            params,
        )


def fact_changed(sender, instance: Model, signal=None, **kwargs) -> None:
    if kwargs.get("raw"):  # loaddata: no lookups on half-loaded rows
        return
    for source in _unit_sources(instance):
        bump_units(source, create=signal is not pre_delete)


def bands_changed(sender, instance: Model, **kwargs) -> None:
    """Category bands classify every unit's figures."""
    DataVersion.objects.update(version=F("version") + 1)


def connect() -> None:
    for label in [*FACT_MODELS, *WITH_PARENT]:
        model = apps.get_model(label)
        post_save.connect(fact_changed, sender=model, dispatch_uid=f"dv-save-{label}")
        pre_delete.connect(fact_changed, sender=model, dispatch_uid=f"dv-delete-{label}")
    facts_bulk_changed.connect(bulk_facts_changed, dispatch_uid="dv-bulk")
    band = apps.get_model("reports", "CategoryBand")
    post_save.connect(bands_changed, sender=band, dispatch_uid="dv-save-band")
    pre_delete.connect(bands_changed, sender=band, dispatch_uid="dv-delete-band")


def bulk_facts_changed(sender, unit_ids, **kwargs) -> None:
    """Bulk writes of facts (announced by the services) raise the units' data versions too."""
    for unit_id in unit_ids:
        bump_units(unit_id)
