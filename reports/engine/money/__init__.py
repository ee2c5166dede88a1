"""The money parts of the computed quarterly report, one module per topic: the budget (DIPA)
and its absorption (``dipa``), revenue (PNBP, ``revenue``) and service outputs
(``service_outputs``)."""
