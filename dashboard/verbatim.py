"""Folium elements whose rendered text goes into the page as it is. No Streamlit here.

branca's ``MacroElement.render`` puts each rendered macro (header, html, script) into the page
as a new ``Element`` of that text, and an ``Element`` compiles its text as a Jinja template to
render it once more, unchanged. For a layer carrying a province's polygons or points, that
compile was most of the cost of drawing the map on every rerun (and a ``{{`` in a name would
have been read as template code). st_folium sends the browser the scripts it renders itself;
the page text matters to a full HTML render (``get_root().render()``) only.
"""

from __future__ import annotations

from branca.element import Element, Figure, MacroElement


class Verbatim(MacroElement):
    """A macro element rendered as :class:`MacroElement` renders, but whose rendered text is
    put into the page as it is. A folium class comes first in a subclass's bases (its own
    ``render`` runs, then this one in place of MacroElement's)."""

    def render(self, **kwargs: object) -> None:  # type: ignore[override]  # as MacroElement's
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise TypeError(f"{type(self).__name__} renders only inside a folium Figure")
        macros = self._template.module.__dict__
        for part, section in (
            ("header", figure.header),
            ("html", figure.html),
            ("script", figure.script),
        ):
            macro = macros.get(part)
            if macro is not None:
                section.add_child(Text(macro(self, kwargs)), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)


class Text(Element):
    """Text put into a page as it is (no template)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs: object) -> str:
        del kwargs
        return self._text
