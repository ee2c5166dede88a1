"""A finding of the consistency check: which stated value contradicts what its inputs compute.
Defined beside the engine because indicator methods check themselves (engine.methods); the
checks package collects every finding of a report (reports.checks)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

ERROR = "error"
_FIGURES = re.compile(r"[A-Z]{0,4}\d[\d.,:-]*")
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    message: str
    subject: str
    area: str = ""  # indicator | budget | revenue | services | evaluation
    indicator_pk: int | None = None

    @property
    def fingerprint(self) -> str:
        """Identifies the finding across renders and languages: its code, area, indicator and
        the figures and codes of its subject and message. A changed figure makes a new finding
        (which needs a new acknowledgement); a translated message does not."""
        figures = _FIGURES.findall(self.subject) + ["|"] + _FIGURES.findall(self.message)
        text = "\x1f".join([self.code, self.area, str(self.indicator_pk or ""), *figures])
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "subject": self.subject,
        }
