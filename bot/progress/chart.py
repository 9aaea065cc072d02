"""The /stats chart: one small panel per key (and the overall score), drawn for a phone screen.

matplotlib is imported at the first render so the bot starts fast; only the Agg canvas is used (no
pyplot, no display). The figure is built once and redrawn with each user's data; renders are
serialised by a lock, since the handler renders in a worker thread and a figure is not thread-safe.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    from matplotlib.lines import Line2D

WIDTH, HEIGHT = 810, 1080  # pixels: portrait, fills a phone's width in Telegram
DPI = 90
COLUMNS = 2
LINE_COLOR = "#0072B2"  # Okabe-Ito blue and vermilion: readable for colour-blind people
OVERALL_COLOR = "#D55E00"
DOT_COLOR = "#9AA5B1"
TEXT_COLOR = "#1F2933"

_lock = threading.Lock()


class SeriesLike(Protocol):
    @property
    def dots(self) -> Sequence[tuple[int, float]]: ...
    @property
    def line(self) -> Sequence[tuple[int, float]]: ...


@dataclass(frozen=True, slots=True)
class Labels:
    """Every word on the chart, already in the user's language."""

    title: str
    subtitle: str
    x_label: str
    not_measured: str
    panels: Mapping[str, str]  # series name -> panel title, in display order


@dataclass(frozen=True, slots=True)
class Chart:
    png: bytes
    width: int
    height: int
    # What was actually drawn, read back from the figure: name -> {"dots": [(x, y)], "line": [(x, y)]}.
    plotted: dict[str, dict[str, list[tuple[float, float]]]]


class _Template:
    """The figure and its panels, built once and redrawn with new data: building the axes is about a
    third of a render, and /stats should answer fast."""

    def __init__(self, panels: int) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib.ticker import FixedLocator

        self.fig = Figure(figsize=(WIDTH / DPI, HEIGHT / DPI), dpi=DPI, facecolor="white")
        FigureCanvasAgg(self.fig)
        rows = -(-panels // COLUMNS)
        grid = self.fig.add_gridspec(
            rows, COLUMNS, left=0.09, right=0.97, top=0.865, bottom=0.075, hspace=0.62, wspace=0.14
        )
        self.title = self.fig.text(
            0.5, 0.975, "", ha="center", va="top", fontsize=25, weight="bold", color=TEXT_COLOR
        )
        self.subtitle = self.fig.text(0.5, 0.925, "", ha="center", va="top", fontsize=15, color=TEXT_COLOR)
        self.panels = []
        for i in range(panels):
            row, col = divmod(i, COLUMNS)
            ax = self.fig.add_subplot(grid[row, col])
            (dots,) = ax.plot([], [], "o", ms=6, color=DOT_COLOR, zorder=2)
            (line,) = ax.plot([], [], "-", lw=4, color=LINE_COLOR, zorder=3)
            empty = ax.text(
                0.5, 0.5, "", ha="center", va="center", fontsize=15, color=DOT_COLOR, transform=ax.transAxes
            )
            ax.set_ylim(-5, 105)
            ax.yaxis.set_major_locator(FixedLocator([0, 50, 100]))
            ax.tick_params(labelsize=14, colors=TEXT_COLOR, labelleft=col == 0, length=0)
            ax.grid(axis="y", color="#E4E7EB", lw=1.5, zorder=0)
            for side in ("top", "right", "left"):
                ax.spines[side].set_visible(False)
            self.panels.append((ax, dots, line, empty))


_templates: dict[int, _Template] = {}


def _drawn(line: Line2D) -> list[tuple[float, float]]:
    """The points a line draws, read back from the figure. matplotlib types its data as any array:
    here it is the sequences of numbers given to `set_data`."""
    xs = cast(Sequence[float], line.get_xdata())
    ys = cast(Sequence[float], line.get_ydata())
    return list(zip(xs, ys, strict=True))


def render(series: Mapping[str, SeriesLike], labels: Labels) -> Chart:
    """Draw one panel per entry of `labels.panels` (dots: each rehearsal; line: running average)."""
    from matplotlib.ticker import MaxNLocator, NullLocator

    names = list(labels.panels)
    xs = [x for name in names for x, _y in series[name].dots]
    low, high = (min(xs), max(xs)) if xs else (1, 1)
    pad = max(0.5, (high - low) * 0.04)
    with _lock:
        template = _templates.get(len(names))
        if template is None:
            template = _templates[len(names)] = _Template(len(names))
        template.title.set_text(labels.title)
        template.subtitle.set_text(labels.subtitle)
        plotted: dict[str, dict[str, list[tuple[float, float]]]] = {}
        for i, (name, (ax, dots, line, empty)) in enumerate(zip(names, template.panels, strict=True)):
            data = series[name]
            dots.set_data([x for x, _y in data.dots], [y for _x, y in data.dots])
            line.set_data([x for x, _y in data.line], [y for _x, y in data.line])
            line.set_color(OVERALL_COLOR if name == "overall" else LINE_COLOR)
            # What is really drawn, read back from the figure (tests compare it with the scores).
            plotted[name] = {
                "dots": _drawn(dots),
                "line": _drawn(line),
            }
            # An explicit y keeps matplotlib from measuring every tick label to place the title.
            ax.set_title(labels.panels[name], fontsize=19, loc="left", y=1.04, color=TEXT_COLOR)
            empty.set_text("" if data.dots else labels.not_measured)
            ax.set_xlim(low - pad, high + pad)
            last_row = i + COLUMNS >= len(names)
            ax.xaxis.set_major_locator(MaxNLocator(4, integer=True) if last_row else NullLocator())
            ax.set_xlabel(labels.x_label if last_row else "", fontsize=15, color=TEXT_COLOR)
        buffer = io.BytesIO()
        # Fast zlib level: Telegram recompresses photos anyway, and level 6 costs ~50 ms more.
        template.fig.savefig(buffer, format="png", dpi=DPI, pil_kwargs={"compress_level": 1})
    return Chart(buffer.getvalue(), WIDTH, HEIGHT, plotted)
