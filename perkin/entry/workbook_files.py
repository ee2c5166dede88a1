"""Reading an uploaded workbook safely: the file's type, size, uncompressed size and cell count
are checked before and while it is parsed, so a hostile or broken file gets a clear
Indonesian message in bounded time and memory, never a server error.

Excel's .xlsx and LibreOffice's .ods (its default format) are both read, with the same limits,
into the same shape: ``{sheet title: [(row number, [cell values])]}``. A cell formatted as a
percentage arrives as ``Percent`` holding the number the person sees (95,5% -> 95.5), so a
percent column never silently divides by 100. Other formats are refused with advice on how
to save the file as .xlsx.
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import openpyxl
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.conf import settings
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perkin.formatting import number
from perkin.models import WorkUnit

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 20 * 1024 * 1024  # a year workbook unpacks to well under 1 MB
MAX_ARCHIVE_MEMBERS = 500
MAX_SHEETS = 30
MAX_ROWS = 5000  # rows per sheet (a year of 40 indicators is 480)
MAX_COLUMNS = 60  # columns read per row; cells further right are ignored
MAX_CELLS = 100_000  # non-empty cells in the whole file
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODS_TYPE = "application/vnd.oasis.opendocument.spreadsheet"
ACCEPT = ".xlsx,.ods"

SAVE_AS_XLSX = gettext_lazy(
    "Buka berkas itu di Excel atau LibreOffice Calc, pilih File > Simpan Sebagai (Save As), "
    "pilih jenis 'Excel Workbook (.xlsx)' (LibreOffice: 'Excel 2007-365 (.xlsx)'), lalu "
    "unggah berkas .xlsx tersebut."
)
REFUSED_FORMATS = {
    ".xls": gettext_lazy(
        "Berkas .xls (Excel 97-2003) tidak diterima karena formatnya sudah usang."
    ),
    ".csv": gettext_lazy(
        "Berkas .csv tidak diterima: CSV hanya memuat satu lembar tanpa kolom terkunci, dan "
        "pemisah angkanya berbeda antara Excel berbahasa Indonesia dan Inggris."
    ),
    ".xlsm": gettext_lazy("Berkas .xlsm (berisi makro) tidak diterima."),
    ".xlsb": gettext_lazy("Berkas .xlsb (biner) tidak diterima."),
    ".numbers": gettext_lazy("Berkas Apple Numbers tidak diterima."),
}

ODS_NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}


class Percent(Decimal):
    """A cell formatted as a percentage, holding the number shown (0,955 shown as 95,5% is
    Percent('95.5'))."""


class WorkbookRefused(ValueError):
    """Why a file cannot be read, in Indonesian."""


Sheets = dict[str, list[tuple[int, list[Any]]]]


@dataclass(frozen=True)
class Upload:
    name: str
    content: bytes

    @property
    def extension(self) -> str:
        return "." + self.name.rsplit(".", 1)[-1].lower() if "." in self.name else ""


def check_file(name: str, size: int, head: bytes) -> str | None:
    """Why the uploaded file cannot be imported (its name, size and first bytes), or None."""
    extension = Upload(name, b"").extension
    if extension in REFUSED_FORMATS:
        return f"{REFUSED_FORMATS[extension]} {SAVE_AS_XLSX}"
    if extension not in (".xlsx", ".ods"):
        return f"{_('Berkas harus berformat Excel .xlsx atau LibreOffice .ods.')} {SAVE_AS_XLSX}"
    if size > MAX_UPLOAD_BYTES:
        return _("Ukuran berkas %(size)s MB melebihi batas %(limit)s MB.") % {
            "size": number(Decimal(size) / 1024 / 1024, 1),
            "limit": MAX_UPLOAD_BYTES // 1024 // 1024,
        }
    if not head.startswith(b"PK\x03\x04"):
        return _("Isi berkas bukan workbook Excel (.xlsx) atau LibreOffice (.ods) yang sah.")
    return None


def read_workbook(content: bytes, name: str = "berkas.xlsx") -> Sheets | str:
    """The workbook's sheets as {title: [(row number, cell values)]}, or an Indonesian message
    saying why it cannot be read. Limits are checked on the archive's directory before any
    XML is parsed, then while rows are streamed."""
    try:
        archive = _open_archive(content)
        if Upload(name, b"").extension == ".ods":
            return _read_ods(archive)
        return _read_xlsx(content)
    except WorkbookRefused as exc:
        return str(exc)
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        ParseError,
        DefusedXmlException,
        KeyError,
        ValueError,
        TypeError,
        IndexError,
        AttributeError,
        OSError,
    ):
        return _(
            "Berkas rusak atau terpotong sehingga tidak dapat dibaca sebagai workbook. Simpan "
            "ulang berkas di Excel atau LibreOffice lalu unggah kembali."
        )


def _open_archive(content: bytes) -> zipfile.ZipFile:
    """The file as a zip archive whose stated unpacked size is within the limits. Python's
    zipfile never unpacks a member beyond its stated size (a lie fails its check), so these
    limits bound the memory of everything parsed afterwards."""
    archive = zipfile.ZipFile(io.BytesIO(content))
    members = archive.infolist()
    if len(members) > MAX_ARCHIVE_MEMBERS:
        raise WorkbookRefused(
            _("Berkas berisi %(n)s bagian; workbook yang sah tidak sebanyak itu.")
            % {"n": number(len(members), 0)}
        )
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_UNCOMPRESSED_BYTES:
        raise WorkbookRefused(
            _(
                "Isi berkas bila dibuka berukuran %(size)s MB, melebihi batas %(limit)s MB; "
                "berkas ditolak tanpa dibaca. Hapus lembar, gambar atau format yang tidak "
                "diperlukan, atau unduh ulang lembar isian dari Perkin."
            )
            % {
                "size": number(Decimal(unpacked) / 1024 / 1024, 1),
                "limit": MAX_UNCOMPRESSED_BYTES // 1024 // 1024,
            }
        )
    return archive


class _Counter:
    """Counts non-empty cells and rows while a sheet is streamed; raises when a limit is
    passed, so reading stops early."""

    def __init__(self) -> None:
        self.cells = 0

    def row(self, title: str, number_: int, values: list[Any]) -> None:
        filled = sum(1 for v in values if v is not None and v != "")
        if not filled:
            return
        if number_ > MAX_ROWS:
            raise WorkbookRefused(
                _(
                    "Lembar '%(sheet)s' berisi data sampai melewati baris %(limit)s; batasnya "
                    "%(limit)s baris per lembar. Berkas ditolak tanpa diperiksa lebih lanjut."
                )
                % {"sheet": title, "limit": number(MAX_ROWS, 0)}
            )
        self.cells += filled
        if self.cells > MAX_CELLS:
            raise WorkbookRefused(
                _("Berkas berisi lebih dari %(limit)s sel terisi; berkas ditolak.")
                % {"limit": number(MAX_CELLS, 0)}
            )

    @staticmethod
    def sheets(count: int) -> None:
        if count > MAX_SHEETS:
            raise WorkbookRefused(
                _("Berkas berisi %(n)s lembar; paling banyak %(limit)s.")
                % {"n": count, "limit": MAX_SHEETS}
            )


_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def is_percent_format(number_format: str | None) -> bool:
    """Whether an Excel number format shows the value times 100 with '%' ('0.00%'), as opposed
    to a literal '%' text ('0.00"%"')."""
    return bool(number_format) and "%" in _QUOTED.sub("", number_format)


def _xlsx_value(cell) -> Any:
    value = cell.value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if is_percent_format(getattr(cell, "number_format", None)):
            return Percent(Decimal(str(value)) * 100)
    return value


def _read_xlsx(content: bytes) -> Sheets:
    # openpyxl parses the XML with defusedxml (installed): no entity expansion
    wb = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    counter = _Counter()
    try:
        counter.sheets(len(wb.worksheets))
        sheets: Sheets = {}
        for ws in wb.worksheets:
            ws.reset_dimensions()  # the stated dimension may lie; read what is there
            rows = []
            # max_col bounds every row's width whatever column a cell claims
            for number_, cells in enumerate(ws.iter_rows(max_col=MAX_COLUMNS), start=1):
                values = [_xlsx_value(c) for c in cells]
                while values and values[-1] in (None, ""):
                    values.pop()
                counter.row(ws.title, number_, values)
                if values:
                    rows.append((number_, values))
            sheets[ws.title] = rows
        return sheets
    finally:
        wb.close()


def _q(prefix: str, name: str) -> str:
    return f"{{{ODS_NS[prefix]}}}{name}"


def _ods_value(cell) -> Any:
    kind = cell.get(_q("office", "value-type"))
    value = cell.get(_q("office", "value"))
    try:
        if kind in ("float", "currency") and value is not None:
            return Decimal(value)
        if kind == "percentage" and value is not None:
            return Percent(Decimal(value) * 100)
        if kind == "boolean":
            return cell.get(_q("office", "boolean-value")) == "true"
        if kind == "date":
            text = cell.get(_q("office", "date-value")) or ""
            return datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)
    except (InvalidOperation, ValueError):
        pass
    paragraphs = ["".join(p.itertext()) for p in cell.iter(_q("text", "p"))]
    text = "\n".join(paragraphs)
    return text if text else None


def _repeat(element, attribute: str) -> int:
    try:
        return max(1, int(element.get(_q("table", attribute)) or 1))
    except ValueError:
        return 1


def _read_ods(archive: zipfile.ZipFile) -> Sheets:
    """LibreOffice's format: content.xml streamed row by row. Repeated rows and cells (how
    LibreOffice writes runs of empty cells to the sheet's end) are expanded only where they
    hold a value and only up to the limits."""
    counter = _Counter()
    sheets: Sheets = {}
    title, rows, row_number = "", [], 0
    table, row, cell = _q("table", "table"), _q("table", "table-row"), _q("table", "table-cell")
    covered = _q("table", "covered-table-cell")
    with archive.open("content.xml") as stream:
        for event, element in iterparse(stream, events=("start", "end")):
            tag = element.tag
            if event == "start" and tag == table:
                title, rows, row_number = element.get(_q("table", "name")) or "", [], 0
                counter.sheets(len(sheets) + 1)
            elif event == "end" and tag == row:
                values: list[Any] = []
                for child in element:
                    if child.tag not in (cell, covered):
                        continue
                    value = _ods_value(child) if child.tag == cell else None
                    times = _repeat(child, "number-columns-repeated")
                    if value is None:
                        values.extend([None] * min(times, MAX_COLUMNS - len(values)))
                    else:
                        values.extend([value] * min(times, MAX_COLUMNS - len(values)))
                    if len(values) >= MAX_COLUMNS:
                        break
                while values and values[-1] in (None, ""):
                    values.pop()
                times = _repeat(element, "number-rows-repeated")
                if not values:
                    row_number += times
                else:
                    for _i in range(times):
                        row_number += 1
                        counter.row(title, row_number, values)
                        rows.append((row_number, list(values)))
                element.clear()
            elif event == "end" and tag == table:
                sheets[title] = rows
                element.clear()
    return sheets


# --- keeping an upload between preview and apply ------------------------------------------


def stash_upload(
    request: HttpRequest, space: str, unit: WorkUnit, year: int, upload: Upload
) -> str:
    """Keeps the uploaded file between preview and apply, outside static/, for this session;
    returns the token the apply form sends back."""
    token = uuid.uuid4().hex
    folder = Path(settings.MEDIA_ROOT) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / token).write_bytes(upload.content)
    stash = request.session.get(space, {})
    stash[token] = {"unit": unit.code, "year": year, "name": upload.name}
    request.session[space] = stash
    return token


def unstash_upload(
    request: HttpRequest, space: str, token: str, unit: WorkUnit
) -> tuple[Upload, int]:
    """The stashed upload and its year; 404 when the token is not this session's."""
    entry = request.session.get(space, {}).get(token)
    path = Path(settings.MEDIA_ROOT) / "imports" / token
    if not entry or entry["unit"] != unit.code or not token.isalnum() or not path.exists():
        raise Http404(_("Pratinjau impor tidak ditemukan; unggah ulang berkasnya."))
    return Upload(entry.get("name", "berkas.xlsx"), path.read_bytes()), entry["year"]


def forget_upload(request: HttpRequest, space: str, token: str) -> None:
    stash = request.session.get(space, {})
    stash.pop(token, None)
    request.session[space] = stash
    if token.isalnum():
        (Path(settings.MEDIA_ROOT) / "imports" / token).unlink(missing_ok=True)
