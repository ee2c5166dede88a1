"""Static files in production: Plotly is the official basic partial bundle, vendored with its
licence; collectstatic gives every file a content-hashed name (production also writes gzip and
brotli copies, left out here: compressing the bundle takes seconds) and WhiteNoise serves
hashed files with a one-year immutable cache."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings

BUNDLE = "vendor/plotly.js-basic-dist-min-4.1.1/plotly-basic.min.js"


def test_the_plotly_bundle_is_vendored_with_its_licence():
    folder = Path(settings.BASE_DIR) / "static" / Path(BUNDLE).parent
    assert (folder / "LICENSE").read_text().startswith("MIT License")
    head = (folder / "plotly-basic.min.js").read_text()[:200]
    assert "plotly.js (basic - minified) v4.1.1" in head


@pytest.mark.django_db
def test_collected_files_have_hashed_names_and_a_long_cache(tmp_path):
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages, DEBUG=False):
        call_command("collectstatic", interactive=False, verbosity=0)
        from django.contrib.staticfiles.storage import staticfiles_storage

        url = staticfiles_storage.url(BUNDLE)
        hashed = Path(url.removeprefix(settings.STATIC_URL))
        assert hashed.name != Path(BUNDLE).name  # plotly-basic.min.<hash>.js
        assert (tmp_path / hashed).stat().st_size < 1.3 * 1024 * 1024  # the full bundle: 4,8 MB
        response = Client().get(url)
        assert response.status_code == 200
        assert "immutable" in response["Cache-Control"]
        assert "max-age=315360000" in response["Cache-Control"]
