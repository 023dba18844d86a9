"""factory_boy factories for test data. Slugs and names are unique per instance."""

import io

import factory
from django.core.files.base import ContentFile
from factory.django import DjangoModelFactory
from PIL import Image as PillowImage

from awards.models import Award, AwardWinner
from content.choices import EventKind
from content.models import (
    AccessibilityRequest,
    ContentPage,
    Event,
    KeyFigure,
    NewsItem,
    PageSection,
)
from geography.models import County, Municipality
from images.models import Image
from organisations.choices import OrganisationKind
from organisations.models import Organisation
from programmes.choices import FocusAreaSetKind
from programmes.models import (
    Contact,
    FocusArea,
    FocusAreaSet,
    FundProgramme,
    Programme,
    ProgrammeFocusPoint,
    ProgrammeGoal,
)
from publications.choices import PublicationKind
from publications.models import Publication
from publishing.choices import PublishState
from questions.models import Question


class CountyFactory(DjangoModelFactory):
    class Meta:
        model = County

    name = factory.Sequence(lambda n: f"Testlän {n}")
    slug = factory.Sequence(lambda n: f"testlan-{n}")


class MunicipalityFactory(DjangoModelFactory):
    class Meta:
        model = Municipality

    name = factory.Sequence(lambda n: f"Testkommun {n}")
    slug = factory.Sequence(lambda n: f"testkommun-{n}")


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Testorganisation {n}")
    slug = factory.Sequence(lambda n: f"testorganisation-{n}")
    kind = OrganisationKind.NATIONAL_AGENCY
    description = "En organisation för tester."


class FocusAreaSetFactory(DjangoModelFactory):
    class Meta:
        model = FocusAreaSet

    name = factory.Sequence(lambda n: f"Testindelning {n}")
    slug = factory.Sequence(lambda n: f"testindelning-{n}")
    kind = FocusAreaSetKind.STRATEGY


class FocusAreaFactory(DjangoModelFactory):
    class Meta:
        model = FocusArea

    name = factory.Sequence(lambda n: f"Fokusområde {n}")
    slug = factory.Sequence(lambda n: f"fokusomrade-{n}")
    focus_area_set = factory.SubFactory(FocusAreaSetFactory)


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    title = factory.Sequence(lambda n: f"Testprogram {n}")
    slug = factory.Sequence(lambda n: f"testprogram-{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    start_year = 2016
    end_year = 2018
    summary = "Ett program för tester."
    # Public by default; tests of drafts and scheduling set publish_state and publish_from.
    publish_state = PublishState.PUBLISHED


class ProgrammeGoalFactory(DjangoModelFactory):
    class Meta:
        model = ProgrammeGoal

    programme = factory.SubFactory(ProgrammeFactory)
    text = factory.Sequence(lambda n: f"Mål {n}")
    position = factory.Sequence(int)


class ProgrammeFocusPointFactory(DjangoModelFactory):
    class Meta:
        model = ProgrammeFocusPoint

    programme = factory.SubFactory(ProgrammeFactory)
    text = factory.Sequence(lambda n: f"Inriktning {n}")
    position = factory.Sequence(int)


class ContactFactory(DjangoModelFactory):
    class Meta:
        model = Contact

    name = factory.Sequence(lambda n: f"Kontakt {n}")
    role = "Handläggare"
    organisation = factory.SubFactory(OrganisationFactory)


class PublicationFactory(DjangoModelFactory):
    class Meta:
        model = Publication
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Testrapport {n}")
    slug = factory.Sequence(lambda n: f"testrapport-{n}")
    kind = PublicationKind.REPORT
    year = 2018
    summary = "En rapport för tester."
    # Public by default; tests of drafts and scheduling set publish_state and publish_from.
    publish_state = PublishState.PUBLISHED

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        if not create:
            return
        self.organisations.set(extracted or [OrganisationFactory()])


class ContentPageFactory(DjangoModelFactory):
    class Meta:
        model = ContentPage

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Testsida {n}")
    slug = factory.Sequence(lambda n: f"testsida-{n}")
    intro = "En sida för tester."
    # Public by default; tests of drafts and scheduling set publish_state and publish_from.
    publish_state = PublishState.PUBLISHED


class PageSectionFactory(DjangoModelFactory):
    class Meta:
        model = PageSection

    page = factory.SubFactory(ContentPageFactory)
    heading = factory.Sequence(lambda n: f"Avsnitt {n}")
    body = "Text i avsnittet."
    position = factory.Sequence(int)


class KeyFigureFactory(DjangoModelFactory):
    class Meta:
        model = KeyFigure

    page = factory.SubFactory(ContentPageFactory)
    value = "116"
    label = "program"


class EventFactory(DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Testkonferens {n}")
    slug = factory.Sequence(lambda n: f"testkonferens-{n}")
    kind = EventKind.CONFERENCE
    start_date = factory.Faker("date_object")

    @factory.post_generation
    def organisers(self, create, extracted, **kwargs):
        if not create:
            return
        self.organisers.set(extracted or [OrganisationFactory()])


class NewsItemFactory(DjangoModelFactory):
    class Meta:
        model = NewsItem

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Testnyhet {n}")
    slug = factory.Sequence(lambda n: f"testnyhet-{n}")
    summary = "En nyhet för tester."
    # Public by default; tests of drafts and scheduling set publish_state and publish_from.
    publish_state = PublishState.PUBLISHED


class AccessibilityRequestFactory(DjangoModelFactory):
    class Meta:
        model = AccessibilityRequest

    kind = AccessibilityRequest.Kind.PROBLEM
    message = factory.Sequence(lambda n: f"Knappen går inte att nå med tangentbordet ({n}).")


def image_bytes(width=1600, height=900, image_format="JPEG", exif=None, color=(30, 110, 160)):
    """A real image made with Pillow in memory: a plain colour with a white square in its top
    left corner (so a test can see which way up it is), optionally with EXIF data."""
    mode = "RGBA" if image_format == "PNG" else "RGB"
    picture = PillowImage.new(mode, (width, height), color)
    picture.paste((255, 255, 255), (0, 0, max(1, width // 4), max(1, height // 4)))
    buffer = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    picture.save(buffer, format=image_format, **options)
    return buffer.getvalue()


class ImageFactory(DjangoModelFactory):
    """An image with its renditions written to storage: use with a temporary MEDIA_ROOT (the
    ``media_root`` fixture)."""

    class Meta:
        model = Image

    file = factory.LazyFunction(lambda: ContentFile(image_bytes(), name="workshop.jpg"))
    alt_text = factory.Sequence(lambda n: f"Deltagare i workshop {n} vid ett bord")


class AwardFactory(DjangoModelFactory):
    class Meta:
        model = Award
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Testpris {n}")
    slug = factory.Sequence(lambda n: f"testpris-{n}")
    description = "Ett pris för tester."
    # Public by default; tests of drafts set publish_state.
    publish_state = PublishState.PUBLISHED

    @factory.post_generation
    def organisers(self, create, extracted, **kwargs):
        if not create:
            return
        self.organisers.set(extracted or [OrganisationFactory()])


class AwardWinnerFactory(DjangoModelFactory):
    class Meta:
        model = AwardWinner

    award = factory.SubFactory(AwardFactory)
    year = factory.Sequence(lambda n: 1990 + n % 100)
    municipality = factory.SubFactory(MunicipalityFactory)
    reasons = "Juryns motivering för tester."
    publish_state = PublishState.PUBLISHED


class FundProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = FundProgramme

    name = factory.Sequence(lambda n: f"Testfondprogram {n}")
    slug = factory.Sequence(lambda n: f"testfondprogram-{n}")
    start_year = 2014
    end_year = 2020


class QuestionFactory(DjangoModelFactory):
    class Meta:
        model = Question

    organisation = factory.SubFactory(OrganisationFactory, accepts_questions=True)
    text = factory.Sequence(lambda n: f"Hur söker man stöd för regional utveckling? ({n})")
    name = "Anna Andersson"
    email = factory.Sequence(lambda n: f"besokare{n}@example.se")
