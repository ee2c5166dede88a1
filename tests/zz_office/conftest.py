"""A real spreadsheet and word processor in the tests: LibreOffice, headless, with an
Indonesian locale (as a planner's office would have), converting files the product makes.
`make test` installs it where it can; elsewhere these tests are skipped with a warning."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
LOCALE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">
<value>id-ID</value></prop></item>
</oor:items>
"""


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "zz_office" in str(item.fspath):
            item.add_marker(pytest.mark.libreoffice)
            if SOFFICE is None:
                item.add_marker(pytest.mark.skip(reason="LibreOffice (soffice) is not installed"))


class LibreOffice:
    """Converts files with `soffice --headless --convert-to`, in a profile of its own."""

    def __init__(self, root: Path):
        self.root = root
        self.profile = root / "profile"
        (self.profile / "user").mkdir(parents=True)
        (self.profile / "user" / "registrymodifications.xcu").write_text(LOCALE)

    def convert(
        self, files: list[Path], target: str, *, infilter: str | None = None, outdir: Path
    ) -> list[Path]:
        outdir.mkdir(parents=True, exist_ok=True)
        command = [
            SOFFICE,
            f"-env:UserInstallation={self.profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
        ]
        if infilter:
            command.append(f"--infilter={infilter}")
        subprocess.run([*command, *map(str, files)], check=True, capture_output=True, timeout=240)
        extension = target.split(":")[0]
        out = [outdir / f"{f.stem}.{extension}" for f in files]
        missing = [p for p in out if not p.exists()]
        assert not missing, f"LibreOffice did not write {missing}"
        return out


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory) -> LibreOffice:
    return LibreOffice(tmp_path_factory.mktemp("libreoffice"))
