"""The footer's facts about who runs the portal (a context processor).

Which organisation runs an installation is a fact of the deployment, so it is a setting
(``PORTAL_ORGANISATION``, the organisation's slug); its name and contact details are the
organisation's own, edited in the admin. Looked up only when a page's footer asks for it, and
remembered like other derived values, so a page does not query for it."""

from django.conf import settings

from organisations.models import Organisation
from pagecache.versions import remember


def portal_organisation():
    """The organisation that runs the portal, or None where the setting names none (or one
    that does not exist)."""
    slug = settings.PORTAL_ORGANISATION
    if not slug:
        return None
    return remember(
        ("portal_organisation", slug), lambda: Organisation.objects.filter(slug=slug).first()
    )


def footer(request):
    # A callable: the template calls it where the footer uses it, and only then.
    return {"portal_organisation": portal_organisation}
