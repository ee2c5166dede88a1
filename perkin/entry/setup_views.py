"""Pages for the annual setup, supporting rows, narratives and report texts, and the annual
setup workbook (download, import all or nothing)."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

import openpyxl
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import models, transaction
from django.forms import modelformset_factory
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from openpyxl.styles import Font, PatternFill, Protection

from budget.models import BudgetItem, BudgetRevision, RevenueLine
from perkin import access
from perkin.access import Action
from perkin.entry import setup_tables as setup
from perkin.entry.navigation import setup_years
from perkin.entry.workbook_import import XLSX_TYPE, RowError, check_file, read_workbook
from perkin.models import Goal, Indicator, Team, WorkUnit

NATURAL_KEYS = {Goal: "number", BudgetItem: "full_code", RevenueLine: "code", Team: "name"}


def _context(request: HttpRequest, unit: WorkUnit, year: int, table: setup.Table) -> setup.Context:
    ctx = setup.Context(unit=unit, year=year)
    if table.scope == "indicator":
        pk = request.GET.get("indikator") or request.POST.get("indikator")
        ctx.indicator = (
            Indicator.objects.filter(
                pk=pk if str(pk).isdigit() else 0,
                goal__agreement__unit=unit,
                goal__agreement__year=year,
            )
            .select_related("goal", "team")
            .first()
        )
        if ctx.indicator is None:
            raise Http404(_("Indikator tidak ditemukan."))
        access.require(
            access.can_edit_indicator(request.user, ctx.indicator, unit) or request.method == "GET"
        )
    elif table.scope == "revision":
        number = request.GET.get("revisi") or request.POST.get("revisi")
        ctx.revision = BudgetRevision.objects.filter(
            budget__unit=unit, budget__year=year, number=number if str(number).isdigit() else -1
        ).first()
        if ctx.revision is None:
            raise Http404(_("Revisi tidak ditemukan."))
    return ctx


@login_required
def setup_index(request: HttpRequest, code: str, year: int) -> HttpResponse:
    unit = access.unit_for(request.user, code, Action.OPEN_ENTRY)
    indicators = list(
        Indicator.objects.filter(goal__agreement__unit=unit, goal__agreement__year=year)
        .select_related("goal")
        .order_by("goal__number", "number")
    )
    revisions = list(
        BudgetRevision.objects.filter(budget__unit=unit, budget__year=year).order_by("number")
    )
    rows = [
        (
            ind,
            [
                setup.BY_SLUG[s]
                for s in ["rencana-aksi", *setup.INDICATOR_TABLES.get(ind.method, []), "narasi"]
            ],
        )
        for ind in indicators
    ]
    years = setup_years(unit)
    ctx = {
        "unit": unit,
        "year": year,
        "rows": rows,
        "revisions": revisions,
        "year_tables": [t for t in setup.TABLES if t.scope == "year"],
        "can_edit": access.can(request.user, Action.EDIT_SETUP, unit),
        "has_agreement": year in years,
        "next_year_exists": year + 1 in years,
        "years": sorted(years | {year}),
    }
    return render(request, "entry/setup_index.html", ctx)


@login_required
def setup_table(request: HttpRequest, code: str, year: int, slug: str) -> HttpResponse:
    """One table as an editable formset; saving is all or nothing."""
    unit = access.get_unit_for_user(request.user, code)
    table = setup.BY_SLUG.get(slug)
    if table is None:
        raise Http404
    access.require(access.can(request.user, Action.OPEN_ENTRY, unit))
    ctx = _context(request, unit, year, table)
    can_edit = access.can(request.user, Action.EDIT_SETUP, unit) or (
        table.scope == "indicator" and access.can_edit_indicator(request.user, ctx.indicator, unit)
    )
    FormSet = modelformset_factory(
        table.model, form=setup.form_class(table, ctx), extra=3, can_delete=True
    )
    status = 200
    if request.method == "POST":
        access.require(can_edit)
        with transaction.atomic():
            formset = FormSet(request.POST, queryset=table.queryset(ctx), prefix="t")
            problems = []
            if formset.is_valid():
                problems = setup.check_locks(table, ctx, formset.forms)
                rows = [
                    f.cleaned_data
                    for f in formset.forms
                    if f.cleaned_data and not f.cleaned_data.get("DELETE")
                ]
                if table.clean and not problems:
                    try:
                        table.clean(ctx, rows)
                    except setup.ValidationError as exc:
                        problems += exc.messages
                if not problems:
                    saved = formset.save()
                    deleted = len(formset.deleted_objects)
                    messages.success(
                        request,
                        _("%(table)s: %(saved)s baris disimpan, %(deleted)s dihapus.")
                        % {"table": table.title, "saved": len(saved), "deleted": deleted},
                    )
                    return redirect(request.get_full_path())
            transaction.set_rollback(True)
        for p in problems:
            messages.error(request, p)
        if not problems:
            messages.error(request, _("Tidak ada yang disimpan: periksa isian yang ditandai."))
        status = 400
    else:
        formset = FormSet(queryset=table.queryset(ctx), prefix="t")
    return render(
        request,
        "entry/setup_table.html",
        {
            "unit": unit,
            "year": year,
            "table": table,
            "formset": formset,
            "setup_ctx": ctx,
            "can_edit": can_edit,
            "read_only_reason": "" if can_edit else _read_only_reason(request.user, unit, table),
        },
        status=status,
    )


def _read_only_reason(user, unit: WorkUnit, table: setup.Table) -> str:
    """Why this user sees the table without inputs."""
    if table.scope == "indicator" and access.can(user, Action.ENTER_REALISATIONS, unit):
        return _(
            "Tabel ini milik indikator tim lain; Anda dapat mengubah data pendukung indikator "
            "tim Anda sendiri."
        )
    return _("Hanya perencana unit yang dapat mengubah tabel ini; halaman ini hanya untuk dibaca.")


# --- the annual setup workbook -----------------------------------------------------------------


def _cell(value):
    if isinstance(value, models.Model):
        key = NATURAL_KEYS.get(type(value))
        return getattr(value, key) if key else value.pk
    if isinstance(value, Decimal):
        return float(value)
    return value


@login_required
def setup_download(request: HttpRequest, code: str, year: int) -> HttpResponse:
    unit = access.unit_for(request.user, code, Action.EDIT_SETUP)
    wb = openpyxl.Workbook()
    wb.active.title = "Petunjuk"
    wb.active["A1"] = f"Pengaturan tahunan {unit.display_name} {year}"
    wb.active["A1"].font = Font(bold=True)
    wb.active["A3"] = (
        "Kolom ID terkunci: kosongkan untuk baris baru. Referensi ditulis dengan kodenya "
        "(nomor sasaran, kode butir anggaran lengkap, kode jenis PNBP, nama tim)."
    )
    wb.active.column_dimensions["A"].width = 110
    grey = PatternFill("solid", fgColor="DDDDDD")
    for table in (t for t in setup.TABLES if t.in_annual_workbook):
        ctx = setup.Context(unit=unit, year=year)
        ws = wb.create_sheet(table.slug)
        ws.append(["ID"] + [str(table.model._meta.get_field(f).verbose_name) for f in table.fields])
        for obj in table.queryset(ctx):
            ws.append([obj.pk] + [_cell(getattr(obj, f)) for f in table.fields])
        ws.freeze_panes = "A2"
        for c in ws[1]:
            c.font = Font(bold=True)
        for row in ws.iter_rows(min_row=2):
            row[0].protection = Protection(locked=True)
            row[0].fill = grey
            for c in row[1:]:
                c.protection = Protection(locked=False)
        for i in range(len(table.fields) + 1):
            ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width = 22
    buffer = io.BytesIO()
    wb.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="pengaturan-{unit.code.lower()}-{year}.xlsx"'
    )
    return response


def _form_value(table, name, raw, ctx):
    field = table.model._meta.get_field(name)
    if raw is None:
        return ""
    if isinstance(field, models.ForeignKey):
        key = NATURAL_KEYS.get(field.related_model)
        limit = table.limit.get(name)
        qs = limit(ctx) if limit else field.related_model.objects.none()
        obj = (
            qs.filter(**{key: str(raw).strip() if key != "number" else raw}).first()
            if key
            else None
        )
        return obj.pk if obj else f"tidak dikenal: {raw}"
    if isinstance(raw, (datetime, date)):
        return raw.strftime("%Y-%m-%d")
    if isinstance(raw, (int, float, Decimal)) and not isinstance(raw, bool):
        text = format(Decimal(str(raw)).normalize(), "f")
        return text.replace(".", ",")  # the forms are localised (Indonesian decimal comma)
    if isinstance(raw, bool):
        return "on" if raw else ""
    return str(raw)


@login_required
def setup_import(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """Imports the annual setup workbook: every sheet valid, or nothing is written."""
    unit = access.unit_for(request.user, code, Action.EDIT_SETUP)
    errors: list[RowError] = []
    saved = 0
    if request.method == "POST":
        upload = request.FILES.get("file")
        problem = (
            "Pilih berkas Excel (.xlsx)."
            if upload is None
            else check_file(upload.name, upload.size, upload.read(4))
        )
        if problem:
            errors.append(RowError("", None, "", problem))
        else:
            upload.seek(0)
            sheets = read_workbook(upload.read())
            if isinstance(sheets, str):
                errors.append(RowError("", None, "", sheets))
            else:
                saved, errors = _import_setup(sheets, unit, year)
        if not errors:
            messages.success(request, f"Pengaturan tahunan diimpor: {saved} baris disimpan.")
            return redirect("entry:setup_index", code=unit.code, year=year)
    return render(
        request,
        "entry/setup_import.html",
        {"unit": unit, "year": year, "errors": errors},
        status=400 if errors else 200,
    )


def _import_setup(sheets, unit, year) -> tuple[int, list[RowError]]:
    errors: list[RowError] = []
    saved = 0
    known = {t.slug: t for t in setup.TABLES if t.in_annual_workbook}
    with transaction.atomic():
        for title in sheets:
            if title != "Petunjuk" and title not in known:
                errors.append(RowError(title, None, "", f"Lembar '{title}' tidak dikenal."))
        # sheets are applied in dependency order (goals before indicators, items before revisions)
        for slug, table in known.items():
            rows = sheets.get(slug)
            if not rows:
                continue
            ctx = setup.Context(unit=unit, year=year)
            labels = ["ID"] + [
                str(table.model._meta.get_field(f).verbose_name) for f in table.fields
            ]
            header = [str(h).strip() if h is not None else "" for h in rows[0][1]][: len(labels)]
            if header != labels:
                extra = [h for h in header if h not in labels] or [
                    h for h in labels if h not in header
                ]
                errors.append(
                    RowError(
                        slug,
                        1,
                        ", ".join(extra) or "-",
                        "Kolom tidak sesuai dengan lembar unduhan.",
                    )
                )
                continue
            Form = setup.form_class(table, ctx)
            existing = {o.pk: o for o in table.queryset(ctx)}
            seen: set = set()
            for number, values in rows[1:]:
                if all(v is None or str(v).strip() == "" for v in values):
                    continue
                pk, cells = values[0], values[1:]
                instance = existing.get(pk) if pk not in (None, "") else None
                if pk not in (None, "") and instance is None:
                    errors.append(
                        RowError(slug, number, "ID", f"ID {pk} bukan milik unit dan tahun ini.")
                    )
                    continue
                if pk in seen:
                    errors.append(RowError(slug, number, "ID", f"Baris ganda untuk ID {pk}."))
                    continue
                seen.add(pk)
                data = {
                    f: _form_value(table, f, cells[i] if i < len(cells) else None, ctx)
                    for i, f in enumerate(table.fields)
                }
                form = Form(data=data, instance=instance)
                if not form.is_valid():
                    for name, errs in form.errors.items():
                        label = (
                            labels[table.fields.index(name) + 1] if name in table.fields else "-"
                        )
                        errors.append(RowError(slug, number, label, " ".join(errs)))
                    continue
                form.save()
                saved += 1
        if errors:
            transaction.set_rollback(True)
            saved = 0
    return saved, errors
