"""Backup and restore of everything Perkin keeps: the database (PostgreSQL through pg_dump's
custom format, SQLite through its online backup) and the evidence files under MEDIA_ROOT.
A backup is one folder: database.dump or database.sqlite3, media.tar.gz and MANIFEST.json
(when, what, sizes and SHA-256 sums). ``manage.py backup`` and ``manage.py restore`` use it."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import connection

MANIFEST = "MANIFEST.json"
MEDIA = "media.tar.gz"


class BackupError(Exception):
    pass


def _pg_env_and_args() -> tuple[dict, list[str]]:
    db = connection.settings_dict
    env = os.environ.copy()
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = ["--dbname", db["NAME"]]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    return env, args


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:2000]}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def backup(directory: Path) -> Path:
    """Writes a new backup folder under directory and returns it."""
    target = Path(directory) / datetime.now().strftime("perkin-%Y%m%d-%H%M%S")
    target.mkdir(parents=True, exist_ok=False)
    vendor = connection.vendor
    if vendor == "postgresql":
        env, args = _pg_env_and_args()
        database = target / "database.dump"
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(database), *args], env)
    elif vendor == "sqlite":
        database = target / "database.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(database) as copy:
            connection.connection.backup(copy)
    else:
        raise BackupError(f"no backup for a {vendor} database")
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(target / MEDIA, "w:gz") as tar:
        if media_root.exists():
            tar.add(media_root, arcname="media")
    files = [database, target / MEDIA]
    manifest = {
        "created": datetime.now().isoformat(timespec="seconds"),
        "database": vendor,
        "media_root": str(media_root),
        "files": {p.name: {"bytes": p.stat().st_size, "sha256": _sha256(p)} for p in files},
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return target


def verify(source: Path) -> dict:
    """The backup's manifest, after checking every file's size and checksum."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except FileNotFoundError as exc:
        raise BackupError(f"{source} has no {MANIFEST}: not a Perkin backup") from exc
    for name, facts in manifest["files"].items():
        path = source / name
        if not path.exists() or _sha256(path) != facts["sha256"]:
            raise BackupError(f"{path} is missing or damaged (checksum differs)")
    return manifest


def restore(source: Path) -> dict:
    """Replaces the configured database and MEDIA_ROOT by the backup's; returns its manifest."""
    source = Path(source)
    manifest = verify(source)
    vendor = connection.vendor
    if manifest["database"] != vendor:
        raise BackupError(f"a {manifest['database']} backup cannot go into a {vendor} database")
    if vendor == "postgresql":
        env, args = _pg_env_and_args()
        connection.close()
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--exit-on-error",
                *args,
                str(source / "database.dump"),
            ],
            env,
        )
    else:
        connection.ensure_connection()
        with sqlite3.connect(source / "database.sqlite3") as copy:
            copy.backup(connection.connection)
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.exists():
        shutil.rmtree(media_root)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / MEDIA, "r:gz") as tar:
        members = [m for m in tar.getmembers() if m.name == "media" or m.name.startswith("media/")]
        staging = media_root.parent / f".{media_root.name}-restoring"
        shutil.rmtree(staging, ignore_errors=True)
        tar.extractall(staging, members=members, filter="data")
    restored = staging / "media"
    if restored.exists():
        restored.rename(media_root)
    else:
        media_root.mkdir(parents=True)
    shutil.rmtree(staging, ignore_errors=True)
    # computed reports are keyed by data versions, which the restored database numbers again
    caches["reports"].clear()
    return manifest
