"""Static SVG charts of the PP 39 report, drawn on the server with matplotlib's SVG backend (no
browser, no JavaScript), embedded as data URIs in both the screen view and the PDF.

Text is drawn as paths so the SVG looks the same wherever it is rendered, without fonts.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence

from matplotlib import rc_context
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure

from perkin.formatting import number

COLOURS = ["#0b5394", "#3d85c6", "#6fa8dc", "#e69138", "#93c47d", "#8e7cc3", "#c27ba0", "#999999"]


def _data_uri(fig: Figure) -> str:
    """The figure as an SVG data URI; the same figure always gives the same bytes (no date, ids
    from a fixed salt), so a final report can be rendered again identically."""
    buf = io.BytesIO()
    with rc_context({"svg.hashsalt": "perkin-pp39"}):
        FigureCanvasSVG(fig).print_svg(buf, metadata={"Date": None})
    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def composition_bar_chart(labels: Sequence[str], counts: Sequence[int], title: str) -> str:
    """A horizontal bar chart of staff counts per category with each bar's count and share;
    returns an SVG data URI."""
    total = sum(counts) or 1
    height = 0.9 + 0.42 * len(labels)
    fig = Figure(figsize=(6.2, height))
    fig.set_layout_engine("tight")
    ax = fig.add_subplot()
    positions = list(range(len(labels)))[::-1]
    colours = [COLOURS[i % len(COLOURS)] for i in range(len(labels))]
    bars = ax.barh(positions, counts, color=colours, height=0.62)
    ax.set_yticks(positions, labels=labels, fontsize=9)
    ax.set_title(title, fontsize=10, loc="left")
    ax.set_xlim(0, max(counts or [1]) * 1.3)
    ax.xaxis.set_visible(False)
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    for bar, count in zip(bars, counts, strict=True):
        share = number(count * 100 / total, 1)
        ax.text(
            bar.get_width() + max(counts) * 0.02,
            bar.get_y() + bar.get_height() / 2,
            f"{count} ({share}%)",
            va="center",
            fontsize=8.5,
        )
    return _data_uri(fig)
