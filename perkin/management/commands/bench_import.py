"""Time to import a full year's workbook for a unit: every value cell of every month changed
(the quarters are unlocked first; run it on a throwaway database, as `make bench` does)."""

import io
import time

import openpyxl
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from perkin.entry import workbook_export
from perkin.entry import workbook_import as workbook
from perkin.models import QuarterLock, UnitMembership, WorkUnit


class Command(BaseCommand):
    help = "Times export, check and apply of a full year's workbook (throwaway databases only)."

    def add_arguments(self, parser):
        parser.add_argument("--unit", default="BSPJI-PLG")
        parser.add_argument("--year", type=int, default=2024)

    def handle(self, *args, unit, year, **options):
        work_unit = WorkUnit.objects.get(code=unit)
        user, _ = get_user_model().objects.get_or_create(username=f"bench-planner-{unit}")
        UnitMembership.objects.update_or_create(
            user=user, defaults={"unit": work_unit, "role": "planner"}
        )
        QuarterLock.objects.filter(unit=work_unit, year=year).update(locked=False)
        start = time.perf_counter()
        content = workbook_export.export_workbook(work_unit, year, list(range(1, 13)), user)
        exported = time.perf_counter() - start
        wb = openpyxl.load_workbook(io.BytesIO(content))
        cells = 0
        for ws in wb.worksheets[1:]:
            headers = [c.value for c in ws[1]]
            for row in ws.iter_rows(min_row=2):
                for kind in workbook.MONTH_KINDS:
                    if kind.sheet != ws.title:
                        continue
                    for col in kind.value_columns:
                        cell = row[headers.index(col.header)]
                        if col.name == "activities_done":
                            cell.value = f"{cell.value or ''} (impor)"
                        elif col.name == "physical_pct":
                            continue  # keep the cumulative series valid
                        elif (
                            col.name == "amount"
                            and row[headers.index("Pengembalian")].value == "Ya"
                        ):
                            continue  # refunds stay as they are
                        elif col.type == "int":
                            cell.value = int(cell.value or 0) + 1
                        else:
                            continue
                        cells += 1
        buffer = io.BytesIO()
        wb.save(buffer)
        content = buffer.getvalue()
        start = time.perf_counter()
        checked = workbook.parse_import(content, unit=work_unit, year=year, user=user)
        parse_time = time.perf_counter() - start
        for e in checked.errors[:5]:
            self.stderr.write(f"  {e.sheet} baris {e.row} {e.column}: {e.message}")
        start = time.perf_counter()
        result = workbook.apply_import(content, unit=work_unit, year=year, user=user)
        apply_time = time.perf_counter() - start
        self.stdout.write(
            f"\nImpor workbook satu tahun {unit} {year}: {result.rows_read} baris dibaca, "
            f"{len(result.writes)} baris diubah ({cells} sel), {len(checked.errors)} kesalahan\n"
            f"  unduh (buat workbook) {exported:.2f} s · periksa + pratinjau {parse_time:.2f} s · "
            f"terapkan (periksa ulang + tulis + riwayat) {apply_time:.2f} s"
        )
