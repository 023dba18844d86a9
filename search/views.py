"""The site search page, /sok/."""

from django.shortcuts import render

from .forms import SearchForm
from .query import run_search


def search(request):
    form = SearchForm(request.GET)
    context = {"form": form, "result": None}
    if not form.is_valid():
        return render(request, "search/search.html", context, status=400)
    result = run_search(
        form.cleaned_data["q"], form.selected_facets(), request.GET.get("page") or 1
    )
    for facet in result.facets:
        for value in facet.values:
            value.url = facet_url(request.GET, facet.name, value)
    context["result"] = result
    return render(request, "search/search.html", context)


def facet_url(query, name, value):
    """The search with ``value`` of facet ``name`` chosen, or removed if it is chosen; back to
    the first page."""
    query = query.copy()
    query.pop("page", None)
    if value.selected:
        query.pop(name, None)
    else:
        query[name] = value.value
    return "?" + query.urlencode()
