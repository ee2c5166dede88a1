"""Data versions per unit and period, raised in the same transaction as the change of a fact,
so a cached report (file or summary) is reused exactly while the facts its period reads stand.

A fact is dated (see ``FACTS``): by a month or quarter of a year (a realisation of November
2024 is dated 2024 Q4), by a whole year (the agreement, the budget, the action plan, which the
report prints for every month), or by nothing (the unit's name, its teams). The report of
(unit, Y, Q) reads the facts dated in Y up to Q, anything of year Y-1 (last year's
comparisons), and the unit's undated facts; so an edit of November 2024 raises (unit, 2024, 4)
only, and the reports of 2023 and of 2024 Q1-Q3 keep their key. Evaluations and units are
printed in sibling units' reports (tables 3.17 and 3.18): their parent's versions are raised
too. Category bands classify every report: they raise the one row without a unit.

``QuerySet.update`` and ``bulk_create`` send no signals: bulk writes of facts are announced by
``perkin.signals.facts_bulk_changed`` (realisations: their periods are read from the history
rows just written), or must call ``bump``. Version rows are created by the first change of
their period; every raise is an upsert, one statement, in the writer's transaction.
"""

from __future__ import annotations

import hashlib
import threading
from collections import defaultdict
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.db import connection, transaction
from django.db.models import ExpressionWrapper, F, IntegerField, Model, Q, QuerySet, Value
from django.db.models.functions import ExtractMonth
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import Signal
from django.utils import timezone

from perkin.signals import facts_bulk_changed
from reports.models import DataVersion

EVERY_YEAR = 0  # year 0: a fact of the unit itself, read by every report of the unit
WHOLE_YEAR = 0  # quarter 0: a fact of the whole year, read by every quarter of it
# Bulk-written realisations are found by the history rows the write just added (stamped when
# they are inserted, immediately before the write announces itself); rows written by others in
# the same short span only widen the net (their periods are raised too, never missed).
RECENT_HISTORY = timedelta(minutes=2)

# Sent once the transaction that raised versions commits, with the set of (unit id, year,
# quarter) raised: the job queue refreshes what depends on them.
versions_raised = Signal()


@dataclass(frozen=True)
class Dating:
    """Where a fact's unit, year and month (or quarter) are, as lookups from its own row."""

    unit: str
    year: str | None = None  # None: the fact belongs to every year of the unit
    month: str | None = None  # a month field (1..12)
    quarter: str | None = None  # a quarter field (1..4)
    date: str | None = None  # a date field whose month dates the fact
    parent: str | None = None  # printed in sibling units' reports: the parent unit's id

    def periods(self, queryset: QuerySet) -> list[QuerySet]:
        """Querysets of (uid, y, q) rows: the unit's period and, where printed by siblings,
        the parent's."""
        integer = IntegerField()
        if self.month:
            quarter = ExpressionWrapper((F(self.month) + 2) / 3, output_field=integer)
        elif self.date:
            quarter = ExpressionWrapper((ExtractMonth(self.date) + 2) / 3, output_field=integer)
        elif self.quarter:
            quarter = F(self.quarter)
        else:
            quarter = Value(WHOLE_YEAR, output_field=integer)
        year = F(self.year) if self.year else Value(EVERY_YEAR, output_field=integer)
        owners = [self.unit] + ([self.parent] if self.parent else [])
        return [
            queryset.annotate(uid=F(owner), y=year, q=quarter).values("uid", "y", "q")
            for owner in owners
        ]


IND = "indicator__goal__agreement__"
REAL = "realisation__indicator__goal__agreement__"
MONTHLY = Dating(IND + "unit_id", IND + "year", month="month")
FACTS: dict[str, Dating] = {
    "perkin.WorkUnit": Dating("pk", parent="parent_id"),
    "perkin.Team": Dating("unit_id"),
    "perkin.Agreement": Dating("unit_id", "year"),
    "perkin.ReportText": Dating("unit_id", "year", quarter="quarter"),
    "perkin.QuarterLock": Dating("unit_id", "year", quarter="quarter"),
    "perkin.PublishedFigure": Dating("unit_id", "year", quarter="quarter"),
    "perkin.Training": Dating("unit_id", "year", date="start"),
    "perkin.StaffComposition": Dating("unit_id", "year"),
    "perkin.Goal": Dating("agreement__unit_id", "agreement__year"),
    "perkin.Indicator": Dating("goal__agreement__unit_id", "goal__agreement__year"),
    # the action plan table prints all twelve months of the plan
    "perkin.ActionPlanStep": Dating(IND + "unit_id", IND + "year"),
    "perkin.MonthlyRealisation": MONTHLY,
    "perkin.QuarterNarrative": Dating(IND + "unit_id", IND + "year", quarter="quarter"),
    "perkin.Measurement": MONTHLY,
    "perkin.FacilitatedCompany": MONTHLY,
    "perkin.SurveyElementScore": MONTHLY,
    "perkin.ServiceIndexAspect": MONTHLY,
    "perkin.RatioObservation": MONTHLY,
    "perkin.Evidence": Dating(REAL + "unit_id", REAL + "year", month="realisation__month"),
    "perkin.UnitEvaluation": Dating("unit_id", "year", parent="unit__parent_id"),
    "perkin.EvaluationComponent": Dating(
        "evaluation__unit_id", "evaluation__year", parent="evaluation__unit__parent_id"
    ),
    "budget.Budget": Dating("unit_id", "year"),
    "budget.RevenueLine": Dating("unit_id"),
    "budget.ServiceKind": Dating("unit_id"),
    "budget.BudgetItem": Dating("budget__unit_id", "budget__year"),
    "budget.BudgetRevision": Dating("budget__unit_id", "budget__year"),
    "budget.Allocation": Dating("revision__budget__unit_id", "revision__budget__year"),
    "budget.RevisionBreakdown": Dating("revision__budget__unit_id", "revision__budget__year"),
    # the plan and the absorption chart are printed for every month entered
    "budget.DisbursementPlan": Dating("item__budget__unit_id", "item__budget__year"),
    "budget.OutputRealisation": Dating("item__budget__unit_id", "item__budget__year"),
    "budget.OutputNarrative": Dating(
        "item__budget__unit_id", "item__budget__year", quarter="quarter"
    ),
    "budget.RevenueTarget": Dating("line__unit_id", "year"),
    # a value covering months on both sides of a quarter's end changes that quarter's report
    "budget.RevenueReceipt": Dating("line__unit_id", "year", month="period_start_month"),
    "budget.ServiceOutput": Dating("kind__unit_id", "year", month="period_start_month"),
    # last year's figures recorded by hand: read by next year's reports as last year's facts
    "perkin.PriorYearIndicator": Dating("unit_id", "year", quarter="quarter"),
    "perkin.PriorYearTotals": Dating("unit_id", "year", quarter="quarter"),
    "perkin.OrganisationChart": Dating("unit_id", "year"),
    # the head's acknowledgement changes the quarter's annex and DRAF mark
    "reports.FindingAcknowledgement": Dating("unit_id", "year", quarter="quarter"),
    # set by an echelon-I unit for itself and its units (their reports read the parent's rows)
    "budget.AbsorptionTarget": Dating("issuer_id", "year", quarter="quarter"),
}
# who may read, when a report is due, which reminders went out: changes no report
NOT_FACTS = {"perkin.UnitMembership", "perkin.QuarterDeadline", "perkin.ReminderSent"}


# --- raising ----------------------------------------------------------------------------------


def bump(
    selects: Iterable[QuerySet] = (), periods: Iterable[tuple[int, int, int]] = ()
) -> set[tuple[int, int, int]]:
    """Raises the versions of the (unit id, year, quarter) periods named by the querysets of
    (uid, y, q) rows and by the literal periods, creating missing rows: one statement
    (an upsert, PostgreSQL and SQLite >= 3.35). Returns the periods raised."""
    parts, params = [], []
    for qs in selects:
        sql, p = qs.query.sql_with_params()
        parts.append(f"SELECT s.uid AS uid, s.y AS y, s.q AS q FROM ({sql}) s")
        params += p
    for uid, y, q in set(periods):
        parts.append("SELECT %s AS uid, %s AS y, %s AS q")
        params += [uid, y, q]
    if not parts:
        return set()
    table = connection.ops.quote_name(DataVersion._meta.db_table)
    sql = (
        f"INSERT INTO {table} (unit_id, year, quarter, version) "
        f"SELECT DISTINCT t.uid, t.y, t.q, 1 FROM ({' UNION '.join(parts)}) t WHERE t.uid IS NOT NULL "
        f"ON CONFLICT (unit_id, year, quarter) DO UPDATE SET version = {table}.version + 1 "
        f"RETURNING unit_id, year, quarter"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        raised = {tuple(row) for row in cursor.fetchall()}
    _announce(raised)
    return raised


def bump_units(unit_ids: Iterable[int]) -> set[tuple[int, int, int]]:
    """Raises every version of the units (a change whose period is unknown)."""
    return bump(periods=[(pk, EVERY_YEAR, WHOLE_YEAR) for pk in unit_ids])


def bump_everything() -> None:
    """Raises the row every report reads (category bands classify every unit's figures)."""
    DataVersion.objects.filter(unit__isnull=True).update(version=F("version") + 1)
    _announce({(None, EVERY_YEAR, WHOLE_YEAR)})


_paused_state = threading.local()


@contextmanager
def paused():
    """Per-row raises off in this thread (bulk loaders, which raise their units once at the
    end with bump_units); everything else goes on as usual."""
    _paused_state.paused = getattr(_paused_state, "paused", 0) + 1
    try:
        yield
    finally:
        _paused_state.paused -= 1


def _is_paused() -> bool:
    return bool(getattr(_paused_state, "paused", 0))


class _Raised:
    """The periods raised in one transaction, sent once after it commits."""

    def __init__(self, periods: set) -> None:
        self.periods = set(periods)

    def send(self) -> None:
        conn = transaction.get_connection()
        if getattr(conn, "_versions_raised", None) is self:
            conn._versions_raised = None
        versions_raised.send(sender=DataVersion, periods=self.periods)


def _announce(raised: set) -> None:
    """Collects the periods raised in the current transaction; versions_raised is sent once,
    after it commits (at once outside a transaction). A transaction rolled back takes its
    collection with it: its callback is gone from the connection's list, so the next raise
    starts a new one."""
    if not raised:
        return
    conn = transaction.get_connection()
    pending = getattr(conn, "_versions_raised", None)
    if pending is not None and any(entry[1] == pending.send for entry in conn.run_on_commit):
        pending.periods |= raised
        return
    pending = _Raised(raised)
    conn._versions_raised = pending if conn.in_atomic_block else None
    transaction.on_commit(pending.send)  # runs at once outside a transaction


def _dating(instance: Model) -> Dating:
    return FACTS[instance._meta.label]


def _own_row(instance: Model) -> QuerySet:
    return type(instance)._base_manager.filter(pk=instance.pk)


def _periods_now(instance: Model) -> list[tuple[int, int, int]]:
    """The instance's periods as stored (before a save or a deletion changes them)."""
    return [
        (row["uid"], row["y"], row["q"])
        for qs in _dating(instance).periods(_own_row(instance))
        for row in qs
    ]


def fact_before_save(sender, instance: Model, raw=False, **kwargs) -> None:
    """A stored fact that moves (another month, indicator or unit) changes its old period too."""
    if raw or instance._state.adding or instance.pk is None or _is_paused():
        return
    instance._versions_before = _periods_now(instance)


def fact_saved(sender, instance: Model, raw=False, **kwargs) -> None:
    if raw or _is_paused():  # loaddata: no lookups on half-loaded rows
        return
    before = instance.__dict__.pop("_versions_before", [])
    bump(_dating(instance).periods(_own_row(instance)), before)


def fact_before_delete(sender, instance: Model, **kwargs) -> None:
    if _is_paused():
        return
    instance._versions_before = _periods_now(instance)


def fact_deleted(sender, instance: Model, **kwargs) -> None:
    bump(periods=instance.__dict__.pop("_versions_before", []))


def bands_changed(sender, instance: Model, **kwargs) -> None:
    bump_everything()


def bulk_facts_changed(sender, unit_ids, periods=None, **kwargs) -> None:
    """Bulk writes of facts (announced by the services): the periods they name; for
    realisations, the periods of the history rows just written; otherwise every period of
    the units."""
    if periods:
        bump(periods=periods)
        return
    realisation = apps.get_model("perkin", "MonthlyRealisation")
    if sender is realisation:
        recent = realisation.history.filter(
            indicator__goal__agreement__unit_id__in=list(unit_ids),
            history_date__gte=timezone.now() - RECENT_HISTORY,
        )
        bump(MONTHLY.periods(recent))
        return
    bump_units(unit_ids)


def connect() -> None:
    for label in FACTS:
        model = apps.get_model(label)
        pre_save.connect(fact_before_save, sender=model, dispatch_uid=f"dv-pre-save-{label}")
        post_save.connect(fact_saved, sender=model, dispatch_uid=f"dv-save-{label}")
        pre_delete.connect(fact_before_delete, sender=model, dispatch_uid=f"dv-pre-del-{label}")
        post_delete.connect(fact_deleted, sender=model, dispatch_uid=f"dv-delete-{label}")
    facts_bulk_changed.connect(bulk_facts_changed, dispatch_uid="dv-bulk")
    band = apps.get_model("reports", "CategoryBand")
    post_save.connect(bands_changed, sender=band, dispatch_uid="dv-save-band")
    post_delete.connect(bands_changed, sender=band, dispatch_uid="dv-delete-band")


# --- reading ----------------------------------------------------------------------------------


def _reads(year: int, quarter: int, y: int, q: int) -> bool:
    """Whether the report of (year, quarter) reads facts of the period (y, q)."""
    return y in (EVERY_YEAR, year - 1) or (y == year and q <= quarter)


def version_keys(units: list, year: int, quarter: int) -> dict[int, str]:
    """For each unit, a short key of every version its report of (year, quarter) reads: its
    own periods, its parent's and the global row (one query whatever the number of units)."""
    owners = {u.pk for u in units} | {u.parent_id for u in units if u.parent_id}
    rows = DataVersion.objects.filter(
        Q(unit_id__in=owners, year__in=[EVERY_YEAR, year - 1, year]) | Q(unit__isnull=True)
    ).values_list("unit_id", "year", "quarter", "version")
    by_owner: dict[int | None, list] = defaultdict(list)
    for uid, y, q, v in rows:
        if uid is None or _reads(year, quarter, y, q):
            by_owner[uid].append((y, q, v))
    everyone = sorted(by_owner.get(None, []))
    keys = {}
    for unit in units:
        own = sorted(by_owner.get(unit.pk, []))
        parent = sorted(by_owner.get(unit.parent_id, [])) if unit.parent_id else []
        text = repr((own, parent, everyone)).encode()
        keys[unit.pk] = hashlib.sha1(text).hexdigest()[:16]
    return keys


def version_key(unit, year: int, quarter: int) -> str:
    return version_keys([unit], year, quarter)[unit.pk]


def periods_affected(year: int, quarter: int) -> list[tuple[int, int]]:
    """The (year, quarter) reports that read facts of the period (year, quarter): the quarters
    from it to the end of its year and every quarter of the next year (a year's own facts:
    every quarter of it and of the next)."""
    first = max(quarter, 1)
    return [(year, q) for q in range(first, 5)] + [(year + 1, q) for q in range(1, 5)]
