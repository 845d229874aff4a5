"""ChartsWhenShown: a view's charts made when the view is first shown (or asked for), not when it is built.

The views in docks hidden at start (loss landscape, network health, hidden-layer space) spent most of their
construction on their pyqtgraph charts, and the window builds them all as it opens. A view mixes this in before
its Qt class, names its chart attributes in ``CHARTS``, stands a ``chart_place`` where each chart goes, and makes
them in ``make_charts`` (putting each in its place with ``put_in_place``). They are made:

- when the view is first shown (its dock opened by a person, or shown again by a layout the window restores),
  before it is painted;
- when any code asks for one of them before that (``view.plot``, a test, a lesson): made on the spot, the view
  still hidden.

A view whose drawing waits until it is visible (``ThrottledView``) keeps its data meanwhile and draws it then.
"""

from __future__ import annotations

from PySide6.QtWidgets import QSizePolicy, QWidget


def chart_place(min_width: int = 0, min_height: int = 0, vertical=QSizePolicy.Policy.Expanding) -> QWidget:
    """An empty widget standing where a chart will go, with the chart's least size and size policy (a graphics
    view's: expanding, unless the chart says otherwise vertically)."""
    place = QWidget()
    place.setMinimumSize(min_width, min_height)
    place.setSizePolicy(QSizePolicy.Policy.Expanding, vertical)
    return place


class ChartsWhenShown:
    """Mix in before the view's Qt class; see the module's docstring."""

    #: the attributes ``make_charts`` sets (asking for one before they are made makes them)
    CHARTS: frozenset[str] = frozenset()

    def make_charts(self) -> None:
        raise NotImplementedError

    @property
    def charts_made(self) -> bool:
        return bool(self.__dict__.get("_charts_made", False))

    def __getattr__(self, name: str):
        if name in type(self).CHARTS and not self.__dict__.get("_charts_made", False):
            self._make_charts_now()
            return getattr(self, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _make_charts_now(self) -> None:
        self._charts_made = True
        self.make_charts()

    def showEvent(self, event) -> None:
        if not self.charts_made:
            self._make_charts_now()
        super().showEvent(event)  # type: ignore[misc]

    def put_in_place(self, place: QWidget, chart: QWidget) -> None:
        """``chart`` where ``place`` stood in the view's layout (nested layouts too); shown if the view is."""
        layout = self.layout()
        layout.replaceWidget(place, chart)
        place.hide()
        place.deleteLater()
        chart.setVisible(True)  # a child added to a widget already shown stays hidden otherwise
