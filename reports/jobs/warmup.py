"""A worker readies its renderers when it starts (WeasyPrint and its fonts, the report
templates, matplotlib), so the first report file it renders costs what every later one does."""

from __future__ import annotations

import logging
from time import perf_counter

from django.template.loader import get_template

log = logging.getLogger(__name__)
TEMPLATES = ["reports/pp39/standalone.html", "reports/pp39/_document.html"]


def warm_renderers(**kwargs) -> float:
    """Loads what rendering a report file needs; returns the seconds it took."""
    start = perf_counter()
    import io

    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure
    from weasyprint import HTML

    for name in TEMPLATES:
        get_template(name)
    figure = Figure(figsize=(1, 1))
    FigureCanvasSVG(figure)
    figure.gca().bar([0], [1], label="a")
    figure.savefig(io.BytesIO(), format="svg")
    HTML(string="<p style='font-family: Liberation Sans'>Perkin 1.234,56</p>").write_pdf()
    seconds = perf_counter() - start
    log.info("renderers warmed in %.2f s", seconds)
    return seconds
