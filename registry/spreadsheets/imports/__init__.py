"""The admin's import of a spreadsheet, by step: the file form (``forms``), the cells of a
row (``cells``), the entry it is about (``match``), the rows written in batches
(``write``), the preview (``preview``), and the resources that run them in
django-import-export's row cycle (``resource``, ``kinds``)."""
