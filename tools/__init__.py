"""Scripts run by hand or by CI against a throwaway copy of the site (Lighthouse, screenshots).

Not a Django app and not tests: nothing here is installed, collected by pytest or checked by
import-linter's contracts. Run them from the project's root with ``python -m tools.<name>``.
"""
