"""The IKM bands as PermenPAN-RB 14/2017 states them: on the 1-4 index, to four decimals
(classified before any display rounding)."""

from decimal import Decimal

from django.db import migrations

IKM = "PermenPAN-RB 14/2017"
INDEX_BANDS = [
    ("1.0000", "2.5996", "D", "Tidak Baik"),
    ("2.6000", "3.0640", "C", "Kurang Baik"),
    ("3.0644", "3.5320", "B", "Baik"),
    ("3.5324", "4.0000", "A", "Sangat Baik"),
]
CONVERTED_BANDS = [
    ("25.00", "64.99", "D", "Tidak Baik"),
    ("65.00", "76.60", "C", "Kurang Baik"),
    ("76.61", "88.30", "B", "Baik"),
    ("88.31", "100.00", "A", "Sangat Baik"),
]


def _replace(apps, bands):
    CategoryBand = apps.get_model("reports", "CategoryBand")
    CategoryBand.objects.filter(scheme="ikm").delete()
    for lower, upper, code, label in bands:
        CategoryBand.objects.create(
            scheme="ikm",
            lower=Decimal(lower),
            lower_inclusive=True,
            upper=Decimal(upper),
            code=code,
            label=label,
            regulation=IKM,
        )


def forwards(apps, schema_editor):
    _replace(apps, INDEX_BANDS)


def backwards(apps, schema_editor):
    _replace(apps, CONVERTED_BANDS)


class Migration(migrations.Migration):
    dependencies = [("reports", "0004_final_versions_and_acknowledgements")]
    operations = [migrations.RunPython(forwards, backwards)]
