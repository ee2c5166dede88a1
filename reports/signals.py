"""Raise the data version of every unit whose reports a saved or deleted fact changes, in the
same transaction as the change, so a cached report is reused exactly while its facts stand.

Each fact model names how to reach its unit: directly (``unit_id``) or through one foreign key
and a lookup path from that key's model (one ``UPDATE ... WHERE unit_id IN (SELECT ...)``).
Evaluations and units also raise the parent unit's version: sibling units' reports print them
(tables 3.17 and 3.18). Category bands change every report. ``QuerySet.update`` and
``bulk_create`` send no signals; code that writes facts that way must call ``bump_units``.
"""

from __future__ import annotations

from django.apps import apps
from django.db import IntegrityError, transaction
from django.db.models import F, Model, Q
from django.db.models.signals import post_save, pre_delete

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
NOT_FACTS = {"perkin.UnitMembership"}  # who may read; changes no report


def _unit_filter(instance: Model) -> Q:
    label = instance._meta.label
    if label == "perkin.EvaluationComponent":
        own = Q(unit_id__in=_subquery("perkin.UnitEvaluation", instance.evaluation_id, "unit_id"))
    elif label == "perkin.WorkUnit":
        own = Q(unit_id=instance.pk)
    elif label in WITH_PARENT:
        own = Q(unit_id=instance.unit_id)
    else:
        spec = FACT_MODELS[label]
        if spec is None:
            return Q(unit_id=instance.unit_id)
        attr, model, path = spec
        return Q(unit_id__in=_subquery(model, getattr(instance, attr), path))
    attr, model, path = WITH_PARENT[label]
    return own | Q(unit_id__in=_subquery(model, getattr(instance, attr), path))


def _subquery(model: str, pk, path: str):
    return apps.get_model(model).objects.filter(pk=pk).values(path)


def bump_units(unit_filter: Q) -> None:
    """Raises the versions of the units matching unit_filter (over DataVersion.unit_id): one
    UPDATE when their rows exist."""
    if DataVersion.objects.filter(unit_filter).update(version=F("version") + 1):
        return
    # No row yet (no report of the unit was ever keyed): create the rows, then raise them, so
    # a report keyed meanwhile on a row a reader created is invalidated as well.
    WorkUnit = apps.get_model("perkin", "WorkUnit")
    ids = list(
        WorkUnit.objects.filter(_as_workunit_filter(unit_filter)).values_list("pk", flat=True)
    )
    for pk in ids:
        try:
            with transaction.atomic():
                DataVersion.objects.get_or_create(unit_id=pk)
        except IntegrityError:  # created concurrently
            pass
    if ids:
        DataVersion.objects.filter(unit_id__in=ids).update(version=F("version") + 1)


def _as_workunit_filter(q: Q) -> Q:
    """The same filter over WorkUnit: unit_id -> pk."""
    out = Q()
    out.connector, out.negated = q.connector, q.negated
    for child in q.children:
        if isinstance(child, Q):
            out.children.append(_as_workunit_filter(child))
        else:
            key, value = child
            out.children.append((key.replace("unit_id", "pk", 1), value))
    return out


def fact_changed(sender, instance: Model, **kwargs) -> None:
    if kwargs.get("raw"):  # loaddata: no lookups on half-loaded rows
        return
    bump_units(_unit_filter(instance))


def bands_changed(sender, instance: Model, **kwargs) -> None:
    """Category bands classify every unit's figures."""
    DataVersion.objects.update(version=F("version") + 1)


def connect() -> None:
    for label in [*FACT_MODELS, *WITH_PARENT]:
        model = apps.get_model(label)
        post_save.connect(fact_changed, sender=model, dispatch_uid=f"dv-save-{label}")
        pre_delete.connect(fact_changed, sender=model, dispatch_uid=f"dv-delete-{label}")
    band = apps.get_model("reports", "CategoryBand")
    post_save.connect(bands_changed, sender=band, dispatch_uid="dv-save-band")
    pre_delete.connect(bands_changed, sender=band, dispatch_uid="dv-delete-band")
