"""The registry's spreadsheets: one column schema for the public exports, the staff's
export and import, and the data-schema document.

- ``columns``: the columns of actors, offers and projects; ``cells``: how each cell is
  written, in Python and, where the database can compute it, in SQL.
- ``formats``: reading and writing CSV (comma, and Excel's Swedish semicolons), XLSX
  and JSON, with formulas neutralised.
- ``exports``: the public exports of a list's result, streamed; ``copy_csv``: their CSV
  written by PostgreSQL's ``COPY``.
- ``imports``: the admin's import, by step; ``admin``: the admin's import and export
  screens.

The admin's import and export stay django-import-export's, with the project's rules in
its hooks, rather than a pipeline of the project's own. The product's description names
the library for the staff's import and export, and its screens already do what staff
need of them: the upload and format form, the dry-run preview with each row's changes,
the confirmation of the stored file, the one transaction, the export form and the
permissions. A pipeline of our own (a file form, a row form per row, a view, a
duplicate check, as data-hub-api's CSV import) would write all of that again to be rid
of hooks; what the hooks add is the project's own either way (natural keys, drafts and
the publish permission, batches, history, duplicates), and each now sits in a module of
its step in ``imports``, with the per-import state made afresh for each pass over a
file instead of reset by hand.
"""
