"""A password validator for the guesses people make at the office: the product's or a
ministry's name, or one word followed by a year or a few digits ("Perkin2024", "Bandung123!")."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

NAMES = ("perkin", "kemenperin", "bskji", "bspji", "balai", "password", "sandi", "admin")
WORD_AND_NUMBER = re.compile(r"^[^\W\d_]+[\W_]?\d{1,6}[\W_]?$")


class GuessablePasswordValidator:
    def validate(self, password: str, user=None) -> None:
        lowered = password.lower()
        if any(name in lowered for name in NAMES):
            raise ValidationError(
                _("Kata sandi tidak boleh memuat nama aplikasi, instansi atau kata 'password'."),
                code="password_names",
            )
        if WORD_AND_NUMBER.match(password):
            raise ValidationError(
                _("Kata sandi berupa satu kata diikuti angka (mis. tahun) mudah ditebak."),
                code="password_word_and_number",
            )

    def get_help_text(self) -> str:
        return _(
            "Kata sandi tidak memuat nama aplikasi atau instansi dan bukan satu kata diikuti angka."
        )
