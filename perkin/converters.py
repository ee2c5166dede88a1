"""URL parts for periods: a year, month or quarter outside its range is a 404 at routing, so no
view ever sees month 13 or year 99999999999999999999."""

from django.urls import register_converter


def parse_int(value: str | None, low: int, high: int) -> int | None:
    """The integer in value if it lies in [low, high], else None (query and form values)."""
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if low <= number <= high else None


class YearConverter:
    regex = "20[0-9]{2}|2100"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


class MonthConverter(YearConverter):
    regex = "1[0-2]|0?[1-9]"


class QuarterConverter(YearConverter):
    regex = "[1-4]"


class PrimaryKeyConverter(YearConverter):
    regex = "[0-9]{1,18}"  # fits a 64-bit key: a longer number is a 404, not a database error


def register() -> None:
    register_converter(YearConverter, "year")
    register_converter(MonthConverter, "month")
    register_converter(QuarterConverter, "quarter")
    register_converter(PrimaryKeyConverter, "pk")
