"""Meeting-ready files: static maps, slide decks, Excel tables, the Decision 830 report draft."""
