"""Backup and restore: a backup restored into another database and another MEDIA_ROOT gives
the same report JSON and the same evidence files (PostgreSQL, as in production and CI)."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection

from perkin.models import Evidence, MonthlyRealisation

ROOT = Path(__file__).resolve().parents[2]


def _manage(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, check=True
    )


def test_a_restored_backup_gives_identical_report_json_and_evidence(seeded, tmp_path, settings):
    if connection.vendor != "postgresql":
        pytest.skip("the backup test restores into a new PostgreSQL database")
    settings.MEDIA_ROOT = tmp_path / "media"
    realisation = MonthlyRealisation.objects.filter(
        indicator__goal__agreement__unit__code="BSPJI-PLG", month=11
    ).first()
    evidence = Evidence.objects.create(
        realisation=realisation,
        file=ContentFile(b"%PDF-1.4 bukti dukung uji", name="bukti-uji.pdf"),
        description="Bukti dukung uji",
    )
    before = tmp_path / "before.json"
    call_command("report", unit="BSPJI-PLG", year=2024, quarter=4, fmt="json", output=str(before))
    call_command("backup", dir=str(tmp_path / "backups"))
    (folder,) = (tmp_path / "backups").iterdir()
    assert {p.name for p in folder.iterdir()} == {"database.dump", "media.tar.gz", "MANIFEST.json"}

    db = connection.settings_dict
    name = f"perkin_restore_{uuid.uuid4().hex[:8]}"
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "MEDIA_ROOT": str(tmp_path / "restored-media"),
        "CACHE_DIR": str(tmp_path / "cache"),
        "CELERY_TASK_ALWAYS_EAGER": "1",
    }
    env.pop("CELERY_BROKER_URL", None)
    try:
        _manage(env, "restore", str(folder), "--yes")
        after = tmp_path / "after.json"
        _manage(
            env, "report", "--unit", "BSPJI-PLG", "--year", "2024", "--quarter", "4",
            "--format", "json", "--output", str(after),
        )  # fmt: skip
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
    assert after.read_bytes() == before.read_bytes()
    restored = tmp_path / "restored-media" / evidence.file.name
    assert restored.read_bytes() == b"%PDF-1.4 bukti dukung uji"


def test_restore_refuses_a_damaged_backup(tmp_path):
    from perkin.backup import BackupError, verify

    (tmp_path / "MANIFEST.json").write_text(
        '{"created": "x", "database": "postgresql", '
        '"files": {"media.tar.gz": {"bytes": 1, "sha256": "00"}}}'
    )
    (tmp_path / "media.tar.gz").write_bytes(b"x")
    with pytest.raises(BackupError, match="damaged"):
        verify(tmp_path)
