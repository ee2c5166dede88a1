"""The organisation chart: uploaded per unit and year (type read from the bytes, size checked),
printed as Gambar 1.1, and a text's figure reference always points at it."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from perkin.models import OrganisationChart
from reports.checks import build_quarterly_report
from reports.pp39.document import build_document
from tests.helpers import quarters_opened

pytestmark = pytest.mark.django_db
URL = "/u/BSPJI-PLG/atur/2024/struktur-organisasi/"


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 20), "#0b5394").save(buf, format="PNG")
    return buf.getvalue()


def test_without_a_chart_the_text_points_at_no_figure(demo_unit):
    doc = build_document(build_quarterly_report(demo_unit, 2024, 4))
    assert doc.org_chart is None
    assert "Gambar" not in doc.texts["organisation"]  # typed "Gambar 1.1" would hit staff chart
    assert "Struktur organisasi" in doc.texts["organisation"]


def test_planner_uploads_the_chart_and_it_becomes_figure_1_1(client, planner, demo_unit):
    client.force_login(planner)
    with quarters_opened(demo_unit, 2024):  # every quarter of 2024 prints the chart
        response = client.post(URL, {"image": SimpleUploadedFile("so.png", _png())}, follow=True)
    assert "Struktur organisasi disimpan." in response.content.decode()
    chart = OrganisationChart.objects.get(unit=demo_unit, year=2024)
    assert chart.content_type == "image/png"
    image = client.get(URL + "gambar")
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    doc = build_document(build_quarterly_report(demo_unit, 2024, 4))
    assert doc.org_chart.number == "1.1" and doc.org_chart.svg_data_uri.startswith(
        "data:image/png;base64,"
    )
    assert "seperti terlihat pada Gambar 1.1" in doc.texts["organisation"]
    assert [f.number for _s, f in doc.staff_figures] == ["1.2"]
    assert "Gambar 1.2" in doc.staff_figures[0][0]


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("so.png", b"not an image at all", "harus berupa gambar PNG atau JPEG"),
        ("so.gif", b"GIF89a" + b"\0" * 20, "harus berupa gambar PNG atau JPEG"),
        ("so.png", b"\x89PNG" + b"\0" * (2 * 1024 * 1024), "terlalu besar"),
    ],
)
def test_bad_upload_is_refused_with_a_message(client, planner, demo_unit, name, content, message):
    client.force_login(planner)
    response = client.post(URL, {"image": SimpleUploadedFile(name, content)}, follow=True)
    assert message in response.content.decode()
    assert not OrganisationChart.objects.filter(unit=demo_unit).exists()


def test_only_the_planner_uploads_and_other_units_see_nothing(client, head, other_planner):
    client.force_login(head)
    assert client.get(URL).status_code == 200
    assert client.post(URL, {"image": SimpleUploadedFile("so.png", _png())}).status_code == 403
    client.force_login(other_planner)
    assert client.get(URL).status_code == 404
    assert client.get(URL + "gambar").status_code == 404


def test_the_chart_of_a_locked_year_is_refused_with_the_lock(client, planner, demo_unit):
    client.force_login(planner)
    response = client.post(URL, {"image": SimpleUploadedFile("so.png", _png())}, follow=True)
    assert "Triwulan 1 2024 sudah dikunci" in response.content.decode()
    assert not OrganisationChart.objects.filter(unit=demo_unit, year=2024).exists()
