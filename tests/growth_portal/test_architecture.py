"""The code's own rules, read from its source (README, "Architecture"): Django's and the
libraries' public API only, no copy or iteration tricks, HTML written in templates, and files
of a readable size. The apps' layers are import-linter's contracts (`make lint`)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = (
    "growth_portal",
    "search",
    "surveys",
    "awards",
    "themes",
    "content",
    "publications",
    "programmes",
    "indicators",
    "organisations",
    "geography",
    "finders",
    "pagecache",
    "editors",
    "history",
    "publishing",
    "images",
    "redirects",
    "richtext",
    "uploads",
    "formguard",
    "privacy",
    "questions",
)
# Modules of Django and django-filter that are their internals: the ORM's query machinery,
# model construction, the template engine's nodes, the filters' own helpers.
INTERNAL_MODULES = (
    "django.db.models.base",
    "django.db.models.query",
    "django.db.models.query_utils",
    "django.db.models.sql",
    "django.db.models.fields.related_descriptors",
    "django.db.models.fields.related_lookups",
    "django.db.backends.base",
    "django.template.base",
    "django.template.loader_tags",
    "django.utils.choices",
    "django_filters.constants",
    "django_filters.filters",
    "django_filters.utils",
)
# The documented parts of the model API whose names start with an underscore.
DOCUMENTED_UNDERSCORE = {"_meta", "_default_manager", "_base_manager"}
# Special methods that change how Django's objects are copied or iterated.
COPY_AND_ITERATION = {"__copy__", "__deepcopy__", "__iter__", "__reduce__", "__getstate__"}
# Where the project marks text safe: editors' rich text, once it is sanitized, and structured
# data as JSON whose <, > and & are escaped as json_script does (not HTML).
MARKED_SAFE_IN = {"richtext/templatetags/rich_text.py", "growth_portal/templatetags/json_ld.py"}
SAFE_MARKERS = {"mark_safe", "format_html", "format_html_join", "SafeString"}
LONGEST_MODULE = 450


def application_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path.relative_to(ROOT).as_posix()


def problems(source, name="module.py"):
    """What breaks the rules in ``source``, as lines "name:line: what"."""
    found = []
    tree = ast.parse(source)
    for node in ast.walk(tree):
        where = f"{name}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.startswith(INTERNAL_MODULES):
                found.append(f"{where}: imports from {node.module}")
            for alias in node.names:
                if alias.name.startswith("_") and not node.module.startswith(APPS):
                    found.append(f"{where}: imports {node.module}.{alias.name}")
                if alias.name in SAFE_MARKERS and name not in MARKED_SAFE_IN:
                    found.append(f"{where}: imports {alias.name}: HTML belongs in templates")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(INTERNAL_MODULES):
                    found.append(f"{where}: imports {alias.name}")
        elif isinstance(node, ast.Attribute) and node.attr.startswith("_"):
            if node.attr.startswith("__") or node.attr in DOCUMENTED_UNDERSCORE:
                continue
            if isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
                continue
            found.append(f"{where}: reads the private attribute .{node.attr}")
        elif isinstance(node, ast.FunctionDef) and node.name in COPY_AND_ITERATION:
            found.append(f"{where}: defines {node.name}")
        elif isinstance(node, ast.Name) and node.id in SAFE_MARKERS and name not in MARKED_SAFE_IN:
            found.append(f"{where}: marks text safe ({node.id}): HTML belongs in templates")
    return found


def test_the_application_uses_public_apis_and_writes_html_in_templates():
    found = []
    for name in application_modules():
        found += problems((ROOT / name).read_text(encoding="utf-8"), name)
    assert found == []


@pytest.mark.parametrize(
    "source",
    [
        "from django.db.models.base import ModelState",
        "from django.db.models.query import get_related_populators",
        "import django.db.models.sql.compiler",
        "from django_filters.constants import EMPTY_VALUES",
        "from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute",
        "from django.forms.utils import _private",
        "queryset._iterable_class",
        "admin_site._registry.get(model)",
        "state = instance._state",
        "class Copied(dict):\n    def __deepcopy__(self, memo):\n        return self",
        "class Rows(ModelChoiceIterator):\n    def __iter__(self):\n        yield 1",
        "from django.utils.safestring import mark_safe",
        "html = format_html('<li>{}</li>', text)",
    ],
)
def test_each_rule_finds_what_it_forbids(source):
    assert problems(source)


@pytest.mark.parametrize(
    "source",
    [
        "from django.db.models import Exists, OuterRef",
        "from django.forms.models import ModelChoiceIteratorValue",
        "field = model._meta.get_field(name)",
        "objects = model._default_manager.all()",
        "self._offers = {}",
        "from publishing.models import Publishable",
    ],
)
def test_what_is_public_passes(source):
    assert problems(source) == []


def test_no_module_of_code_is_over_its_length():
    long = {
        name: length
        for name in application_modules()
        if (length := len((ROOT / name).read_text(encoding="utf-8").splitlines())) > LONGEST_MODULE
    }
    assert long == {}
