"""The site search page, /sok/."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pagecache.query import reads_query
from publishing.breadcrumbs import from_start

from .forms import SearchForm
from .query import run_search


@reads_query(*SearchForm.base_fields, "page")
def search(request):
    form = SearchForm(request.GET)
    context = {
        "form": form,
        "result": None,
        "breadcrumbs": from_start((_("Sök"), reverse("search:search"))),
    }
    if not form.is_valid():
        return render(request, "search/search.html", context, status=400)
    result = run_search(
        form.cleaned_data["q"],
        form.selected_facets(),
        request.GET.get("page") or 1,
        all_organisations=form.cleaned_data["alla_organisationer"],
    )
    set_facet_urls(request.GET, result.facets)
    context["result"] = result
    return render(request, "search/search.html", context)


def set_facet_urls(query, facets):
    """Give every facet value its link: the search with the value chosen, or removed if it is
    chosen; back to the first page. The same addresses as copying the QueryDict, setting or
    removing the facet and ``urlencode()`` for each value, but every other parameter is
    encoded once per page rather than once per link (a search can list hundreds of values)."""
    encoding = query.encoding

    def encode(key, value):
        return urlencode({key.encode(encoding): str(value).encode(encoding)})

    parameters = [
        (key, [encode(key, value) for value in values])
        for key, values in query.lists()
        if key != "page"
    ]
    keys = [key for key, _ in parameters]
    for facet in facets:
        # A parameter already in the query keeps its place when it is set.
        at = keys.index(facet.name) if facet.name in keys else len(keys)
        before = [pair for _, pairs in parameters[:at] for pair in pairs]
        after = [pair for _, pairs in parameters[at + 1 :] for pair in pairs]
        removed = "?" + "&".join(before + after)
        for value in facet.values:
            if value.selected:
                value.url = removed
            else:
                value.url = "?" + "&".join([*before, encode(facet.name, value.value), *after])
