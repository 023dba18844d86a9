"""Importing an indicator's observations from a file: plain CSV or SCB PxWeb's JSON-stat 2.0.

``plan_file`` reads and checks a whole file and compares it with what is stored (added,
changed, unchanged, errors per row); ``import_file`` does that and, when the file has no
error, writes it in one transaction. The formats are described in the README, "Regional
statistics: import formats".
"""

from .apply import apply_plan, import_file
from .formats import detect_format
from .plan import ImportPlan, plan_file
from .rows import ImportFileError

__all__ = [
    "ImportFileError",
    "ImportPlan",
    "apply_plan",
    "detect_format",
    "import_file",
    "plan_file",
]
