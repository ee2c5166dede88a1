"""Seed the category bands with the values of DOMAIN.md 5.4; administrators may edit them."""

from decimal import Decimal

from django.db import migrations

IKM = "PermenPAN-RB 14/2017"
IPP = "PermenPAN-RB 29/2022 jo. 4/2023"
SAKIP = "PermenPAN-RB 88/2021"

BANDS = [
    # scheme, lower, lower_inclusive, upper, code, label, regulation
    ("ikm", "25.00", True, "64.99", "D", "Tidak Baik", IKM),
    ("ikm", "65.00", True, "76.60", "C", "Kurang Baik", IKM),
    ("ikm", "76.61", True, "88.30", "B", "Baik", IKM),
    ("ikm", "88.31", True, "100.00", "A", "Sangat Baik", IKM),
    ("ipp", "0.00", True, "1.00", "F", "Gagal", IPP),
    ("ipp", "1.01", True, "1.50", "E", "Sangat Buruk", IPP),
    ("ipp", "1.51", True, "2.00", "D", "Buruk", IPP),
    ("ipp", "2.01", True, "2.50", "C-", "Cukup (dengan catatan)", IPP),
    ("ipp", "2.51", True, "3.00", "C", "Cukup", IPP),
    ("ipp", "3.01", True, "3.50", "B-", "Baik (dengan catatan)", IPP),
    ("ipp", "3.51", True, "4.00", "B", "Baik", IPP),
    ("ipp", "4.01", True, "4.50", "A-", "Sangat Baik", IPP),
    ("ipp", "4.51", True, "5.00", "A", "Pelayanan Prima", IPP),
    ("sakip", "0.00", True, "30.00", "D", "Sangat Kurang", SAKIP),
    ("sakip", "30.00", False, "50.00", "C", "Kurang", SAKIP),
    ("sakip", "50.00", False, "60.00", "CC", "Cukup", SAKIP),
    ("sakip", "60.00", False, "70.00", "B", "Baik", SAKIP),
    ("sakip", "70.00", False, "80.00", "BB", "Sangat Baik", SAKIP),
    ("sakip", "80.00", False, "90.00", "A", "Memuaskan", SAKIP),
    ("sakip", "90.00", False, "100.00", "AA", "Sangat Memuaskan", SAKIP),
]


def seed(apps, schema_editor):
    CategoryBand = apps.get_model("reports", "CategoryBand")
    for scheme, lower, lower_incl, upper, code, label, regulation in BANDS:
        CategoryBand.objects.update_or_create(
            scheme=scheme,
            lower=Decimal(lower),
            defaults={
                "lower_inclusive": lower_incl,
                "upper": Decimal(upper),
                "code": code,
                "label": label,
                "regulation": regulation,
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("reports", "CategoryBand").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
