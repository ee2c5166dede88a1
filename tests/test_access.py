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
