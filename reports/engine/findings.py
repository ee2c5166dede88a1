"""A finding of the consistency check: which stated value contradicts what its inputs compute.
Defined beside the engine because indicator methods check themselves (engine.methods); the
checks package collects every finding of a report (reports.checks)."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    message: str
    subject: str
    area: str = ""  # indicator | budget | revenue | services | evaluation
    indicator_pk: int | None = None

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "subject": self.subject,
        }
