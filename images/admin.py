"""The image bank in the admin: upload, describe and find images; pick them on pages,
news, events and programmes with the autocomplete and its add button.

Images are shared media, not an organisation's content: any editor may pick, add and improve
any image (a better alternative text helps every page that shows it). Deleting one takes it
off every page that shows it, other organisations' included, so only superusers may delete
(the editor group has view, add and change; create_editor_group). No revision history:
a replaced file is removed from storage, so an old version would point at nothing."""

from django.contrib import admin
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from uploads.admin import KeepsChosenFilesAdmin

from .models import Image


@admin.register(Image)
class ImageAdmin(KeepsChosenFilesAdmin, admin.ModelAdmin):
    list_display = ["thumbnail", "__str__", "decorative", "caption", "credit", "size"]
    list_display_links = ["__str__"]
    list_filter = ["decorative"]
    search_fields = ["alt_text", "caption", "credit", "file"]
    date_hierarchy = "uploaded_at"
    fields = ["file", "preview", "alt_text", "decorative", "caption", "credit", "size"]
    readonly_fields = ["preview", "size"]

    @admin.display(description=_("bild"))
    def thumbnail(self, obj):
        return render_to_string("admin/images/thumbnail.html", {"image": obj, "width": 120})

    @admin.display(description=_("förhandsvisning"))
    def preview(self, obj):
        return render_to_string("admin/images/thumbnail.html", {"image": obj, "width": 480})

    @admin.display(description=_("originalets storlek"))
    def size(self, obj):
        if not obj.width:
            return "–"
        return _("%(width)s × %(height)s bildpunkter") % {"width": obj.width, "height": obj.height}
