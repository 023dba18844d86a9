"""What editors can link to from rich text by choosing a page (richtext/references.py): the
project wires it here, because the rich text app sits below the domain apps and knows none."""

from django.utils.translation import gettext_lazy as _

from content.models import ContentPage, Event, NewsItem
from indicators.models import Indicator
from organisations.models import Organisation
from programmes.models import FocusArea, Programme
from publications.models import Publication
from richtext.references import link_targets

LIST_PAGES = [
    ("publications:publication_list", _("Publikationer")),
    ("programmes:programme_list", _("Program")),
    ("organisations:organisation_list", _("Organisationer")),
    ("content:news_list", _("Nyheter")),
    ("programmes:contact_list", _("Kontakter")),
    ("indicators:indicator_list", _("Statistik")),
]
ITEMS = [ContentPage, NewsItem, Event, Organisation, Programme, Publication, FocusArea, Indicator]


def register_link_targets():
    for url_name, title in LIST_PAGES:
        link_targets.register_list(url_name, title)
    for model in ITEMS:
        link_targets.register_model(model)
