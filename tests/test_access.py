"""Every page needs a login."""

import pytest

pytestmark = pytest.mark.django_db


def test_home_redirects_to_login_when_logged_out(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_login_page_renders_in_indonesian(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert "Kata sandi" in response.content.decode()


def test_demo_user_can_log_in(client):
    response = client.post("/accounts/login/", {"username": "kepala", "password": "perkin-demo"})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_login_attempts_are_throttled(client):
    for _ in range(4):
        response = client.post("/accounts/login/", {"username": "kepala", "password": "salah"})
        assert response.status_code == 200
    response = client.post("/accounts/login/", {"username": "kepala", "password": "salah"})
    assert response.status_code == 429  # the fifth failure locks
    response = client.post("/accounts/login/", {"username": "kepala", "password": "perkin-demo"})
    assert response.status_code == 429
    assert "Terlalu banyak percobaan masuk" in response.content.decode()


def test_membership_role_sets_the_django_group(db):
    from django.contrib.auth import get_user_model

    from perkin.models import UnitMembership

    user = get_user_model().objects.get(username="perencana")
    assert list(user.groups.values_list("name", flat=True)) == ["Perencana"]
    membership = UnitMembership.objects.get(user=user)
    membership.role = UnitMembership.Role.HEAD
    membership.save()
    assert list(user.groups.values_list("name", flat=True)) == ["Kepala unit"]
    assert user.has_perm("perkin.view_monthlyrealisation")


def test_interface_is_indonesian_by_default_and_english_on_request(client, head):
    client.force_login(head)
    html = client.get("/u/BSPJI-PLG/?year=2024&q=4", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert "Peringatan dini" in html and "Rp 5.186.827.000" in html
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/u/BSPJI-PLG/?year=2024&q=4").content.decode()
    assert "Early warnings" in html and "Indicators achieved" in html
    assert "Rp 5.186.827.000" in html  # numbers stay in Indonesian format
