"""Forms of the monthly entry. Messages are Indonesian and name the field and its range."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from perkin.formatting import NumberParseError, number, parse_number, smart

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
EVIDENCE_TYPES = {
    ".pdf": "PDF",
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".png": "PNG",
    ".xlsx": "XLSX",
    ".docx": "DOCX",
}


def check_evidence_file(upload) -> None:
    """Accepts pdf, jpg, png, xlsx and docx up to 10 MB, checked by name AND content."""
    ext = Path(upload.name).suffix.lower()
    if ext not in EVIDENCE_TYPES:
        raise ValidationError(
            gettext_now(
                "Bukti dukung: jenis berkas tidak diizinkan; gunakan pdf, jpg, png, xlsx atau docx."
            )
        )
    if upload.size > MAX_EVIDENCE_BYTES:
        raise ValidationError(
            gettext_now("Bukti dukung: ukuran berkas %(size)s MB melebihi batas 10 MB.")
            % {"size": number(Decimal(upload.size) / 1024 / 1024, 1)}
        )
    head = upload.read(8)
    upload.seek(0)
    kind = EVIDENCE_TYPES[ext]
    ok = {
        "PDF": head.startswith(b"%PDF"),
        "JPEG": head.startswith(b"\xff\xd8\xff"),
        "PNG": head.startswith(b"\x89PNG\r\n\x1a\n"),
        "XLSX": head.startswith(b"PK\x03\x04"),
        "DOCX": head.startswith(b"PK\x03\x04"),
    }[kind]
    if ok and kind in ("XLSX", "DOCX"):
        try:
            with zipfile.ZipFile(upload) as z:
                names = z.namelist()
            ok = any(n.startswith("xl/" if kind == "XLSX" else "word/") for n in names)
        except zipfile.BadZipFile:
            ok = False
        upload.seek(0)
    if not ok:
        raise ValidationError(
            gettext_now("Bukti dukung: isi berkas bukan %(kind)s yang sah.") % {"kind": kind}
        )


class NumberField(forms.DecimalField):
    """A number typed the Indonesian way in either language ('85,5', '85,5%', '1.234,5'),
    read by the one parser the grids and workbooks use (perkin.formatting.parse_number); the
    page shows numbers the same way (entry_format.input_num)."""

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        try:
            return parse_number(value)
        except NumberParseError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class NumberInput(forms.TextInput):
    """A number shown the way the parser reads it back, in either language: whole numbers
    with thousands dots ('20.535.869.000'), others with the decimal comma ('85,5')."""

    input_type = "text"

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "class": "num", **(attrs or {})})

    def format_value(self, value):
        if value is None or value == "" or isinstance(value, str):
            return super().format_value(value)
        d = Decimal(str(value))
        if d == d.to_integral_value():
            return number(d, 0)
        return format(d.normalize(), "f").replace(".", ",")


def model_number_field(model_field, **kwargs) -> forms.Field | None:
    """A model form's field, numbers read by the one parser (perkin.formatting.parse_number)
    and shown by NumberInput in both languages: the setup tables read '95,5', '95,5%' and
    '1.234.000' as the grids, the entry page and the workbooks do (a ``formfield_callback``)."""
    kwargs.pop("localize", None)
    number_kind = isinstance(model_field, (models.DecimalField, models.IntegerField))
    if not number_kind or model_field.choices:
        return model_field.formfield(localize=True, **kwargs)
    field = model_field.formfield(**kwargs)
    field.widget = NumberInput()
    whole = isinstance(model_field, models.IntegerField)

    def to_python(value):
        if value in field.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        try:
            parsed = parse_number(value)
        except NumberParseError:
            raise ValidationError(field.error_messages["invalid"], code="invalid") from None
        if whole:
            if parsed != parsed.to_integral_value():
                raise ValidationError(field.error_messages["invalid"], code="invalid")
            return int(parsed)
        return parsed

    field.to_python = to_python
    return field


class RealisationForm(forms.Form):
    """One indicator's row of the monthly entry page."""

    physical_pct = NumberField(
        label=_("Realisasi fisik kumulatif (%)"),
        max_digits=7,
        decimal_places=2,
        # Django formats some of these with the limit or the value (message % params), so they
        # hold no '%' sign
        error_messages={
            "required": _("Realisasi fisik wajib diisi (0 sampai 100 persen)."),
            "invalid": _("Realisasi fisik harus berupa angka antara 0 dan 100, mis. 85,5."),
            "max_decimal_places": _("Realisasi fisik paling banyak 2 angka desimal."),
            "max_digits": _("Realisasi fisik harus antara 0 dan 100."),
            "max_whole_digits": _("Realisasi fisik harus antara 0 dan 100."),
        },
    )
    activities_done = forms.CharField(
        label=_("Realisasi kegiatan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    value_to_date = NumberField(
        label=_("Nilai indikator s.d. bulan ini"),
        required=False,
        max_digits=16,
        decimal_places=4,
        error_messages={
            "invalid": _("Nilai indikator harus berupa angka, mis. 3,68."),
            "max_decimal_places": _("Nilai indikator paling banyak 4 angka desimal."),
            "max_digits": _("Nilai indikator paling banyak 12 angka sebelum koma."),
            "max_whole_digits": _("Nilai indikator paling banyak 12 angka sebelum koma."),
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    evidence_file = forms.FileField(label=_("Unggah bukti dukung"), required=False)
    evidence_url = forms.URLField(
        label=_("atau tautan bukti"), required=False, assume_scheme="https"
    )
    evidence_description = forms.CharField(
        label=_("Keterangan bukti"), required=False, max_length=300
    )

    def clean_physical_pct(self) -> Decimal:
        value = self.cleaned_data["physical_pct"]
        if value < 0 or value > 100:
            raise ValidationError(
                gettext_now("Realisasi fisik (%%) harus antara 0 dan 100; yang diisi %(value)s.")
                % {"value": smart(value)}
            )
        return value

    def clean_value_to_date(self):
        value = self.cleaned_data.get("value_to_date")
        if value is not None and value < 0:
            raise ValidationError(gettext_now("Nilai indikator tidak boleh negatif."))
        return value

    def clean_evidence_file(self):
        upload = self.cleaned_data.get("evidence_file")
        if upload:
            check_evidence_file(upload)
        return upload


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Alasan wajib diisi.")},
    )
