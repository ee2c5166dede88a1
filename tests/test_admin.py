"""Every admin list page loads for the administrator, in Indonesian."""

import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_admin_changelist_loads(client, admin_user_demo):
    client.force_login(admin_user_demo)
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        response = client.get(url)
        assert response.status_code == 200, url
        # a search box where search fields are declared
        if admin.site._registry[model].search_fields:
            assert b'id="searchbar"' in response.content, url


def test_admin_index_is_in_indonesian(client, admin_user_demo):
    client.force_login(admin_user_demo)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Realisasi bulanan".lower() in response.content.decode().lower()
    assert "Perjanjian kinerja".lower() in response.content.decode().lower()


def test_admin_change_page_of_a_realisation_shows_history_link(client, admin_user_demo):
    from perkin.models import MonthlyRealisation

    client.force_login(admin_user_demo)
    row = MonthlyRealisation.objects.filter(month=11).first()
    response = client.get(reverse("admin:perkin_monthlyrealisation_change", args=[row.pk]))
    assert response.status_code == 200
    response = client.get(reverse("admin:perkin_monthlyrealisation_history", args=[row.pk]))
    assert response.status_code == 200


def test_admin_cannot_change_a_locked_month_either(client, admin_user_demo):
    from perkin.models import MonthlyRealisation

    client.force_login(admin_user_demo)
    row = MonthlyRealisation.objects.filter(
        month=5, indicator__goal__agreement__unit__code="BSPJI-PLG"
    ).first()
    url = reverse("admin:perkin_monthlyrealisation_change", args=[row.pk])
    data = {
        "indicator": row.indicator_id,
        "month": 5,
        "physical_pct": "41",
        "activities_done": "x",
        "value_to_date": "",
        "status": "approved",
        "return_reason": "",
        "version": row.version,
        "updated_by": "",
        "evidence-TOTAL_FORMS": "0",
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "1000",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "sudah disetujui dan dikunci" in response.content.decode()
    row.refresh_from_db()
    assert row.physical_pct == 40
