"""Synthetic registry entries for load tests and benchmarks: many, realistic, deterministic.

The same seed and day give the same rows. Text is bilingual and built from sentence
patterns whose slots are drawn from the domain's vocabulary with Zipf weights, so a
few words occur in most entries and a long tail in a handful, as in real prose.
Kinds, areas, municipalities and statuses follow rough real-world proportions.

Rows are loaded with COPY in one transaction. The BEFORE INSERT triggers still compute
the search vectors (they are the only definition of them); ``area_numbers`` is written
straight into the rows, so the per-row triggers on the priority-area link tables and
the participation trigger are switched off for the load and the link rows are derived
from ``area_numbers`` in SQL. Participations are copied before their projects (the
foreign keys are deferred), so each project's trigger already sees its partners' names.

A large load drops the tables' secondary indexes first and builds them again once the
rows are in (one sort per index instead of one index insertion per row), in the same
transaction: a failed load rolls back to the indexes as they were.

Rows are added, never replaced: meant for an empty or a dedicated benchmark database.
History (django-simple-history) is not written for them.
"""

from bench.synthetic.generator import Generator
from bench.synthetic.loading import LoadReport, existing_synthetic_rows, load
from bench.synthetic.vocabulary import SLUG_PREFIX, slug

__all__ = ["SLUG_PREFIX", "Generator", "LoadReport", "existing_synthetic_rows", "load", "slug"]
