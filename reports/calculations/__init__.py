"""Pure calculations of DOMAIN.md section 5: Decimal in, Decimal out, no ORM.

Every figure a person can read in a view, export or report is computed by a function here.
"""
