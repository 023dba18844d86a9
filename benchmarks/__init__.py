"""Benchmarks: measurements to run by hand, not tests (see benchmarks/README.md)."""

# The first statement of a pgbench script (``site_pages.py queries --sql-script``) whose kept
# statements are prepared on every run; ``site_load.py`` reads it to say so.
DEALLOCATE = "DEALLOCATE ALL"
