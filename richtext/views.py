"""The admin's side of links to the site's pages: the list of pages an editor can choose from
in the link dialog, and the links whose target visitors cannot see."""

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.mixins import UserPassesTestMixin
from django.db.models import Q
from django.http import JsonResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from .links import is_public, links_to_hidden_pages
from .references import link_targets, reference


def linkable(request, model):
    """The items of ``model`` that the user may link to: what their admin shows them (an
    editor: their own organisations' items, drafts included) and everything visitors can see.
    The same rule as the admin's relation fields (editors/admin.py), read through the model
    admin's public ``get_queryset`` so that this app needs no app above it."""
    items = model._default_manager.all()
    if not hasattr(items, "published"):
        return items  # no drafts: always public
    if not admin.site.is_registered(model):
        return items.published()
    own = admin.site.get_model_admin(model).get_queryset(request)
    return items.filter(Q(pk__in=own.values("pk")) | Q(pk__in=items.published().values("pk")))


@method_decorator(never_cache, name="dispatch")
class SitePagesView(UserPassesTestMixin, View):
    """The site's pages for the link dialog of the rich text editor, as JSON: list pages, then
    each kind of item, published ones and drafts, with their addresses and references. Staff
    only; anyone else gets 403."""

    raise_exception = True

    def test_func(self):
        return self.request.user.is_active and self.request.user.is_staff

    def get(self, request):
        pages = [
            {
                "type": str(_("Listsida")),
                "title": str(title),
                "url": link_targets.list_url(url_name),
                "reference": url_name,
                "public": True,
            }
            for url_name, title in link_targets.lists
        ]
        for model in link_targets.models:
            kind = str(capfirst(model._meta.verbose_name))
            pages += [
                {
                    "type": kind,
                    "title": str(item),
                    "url": item.get_absolute_url(),
                    "reference": reference(item),
                    "public": is_public(item),
                }
                for item in linkable(request, model)
            ]
        return JsonResponse({"pages": pages})


@method_decorator(staff_member_required, name="dispatch")
class LinksToHiddenPagesView(TemplateView):
    """Links in rich text to pages visitors cannot see (deleted, drafts, not yet published),
    so that an editor can find and mend them instead of leaving visitors a dead link."""

    template_name = "admin/richtext/hidden_links.html"

    def get_context_data(self, **kwargs):
        links = []
        for link in links_to_hidden_pages():
            link["edited_in"], link["admin_url"] = _change_page(link["item"])
            links.append(link)
        links = [link for link in links if self._may_change(link["edited_in"])]
        for link in links:
            link["item_type"] = capfirst(link["item"]._meta.verbose_name)
            target = link["target"]
            # A draft of another organisation is named only by its kind.
            if target is not None and not self._may_link_to(target):
                link["target"] = None
                link["hidden_draft"] = True
        return {
            **super().get_context_data(**kwargs),
            **admin.site.each_context(self.request),
            "title": _("Länkar till sidor som inte visas"),
            "links": links,
        }

    def _may_change(self, owner):
        if owner is None:
            return False
        model_admin = admin.site.get_model_admin(type(owner))
        return model_admin.get_queryset(self.request).filter(pk=owner.pk).exists()

    def _may_link_to(self, target):
        return linkable(self.request, type(target)).filter(pk=target.pk).exists()


def _change_page(item):
    """The item whose admin page edits ``item``'s text, and that page's address: the item
    itself, or for a row edited inline (a page's section) the item it belongs to."""
    if admin.site.is_registered(type(item)):
        owner = item
    else:
        owner = next(
            (
                getattr(item, field.name)
                for field in item._meta.get_fields()
                if field.many_to_one and admin.site.is_registered(field.related_model)
            ),
            None,
        )
        if owner is None:
            return None, None
    meta = owner._meta
    return owner, reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[owner.pk])
