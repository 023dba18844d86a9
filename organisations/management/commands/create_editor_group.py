"""Create or update the editor group, and optionally make a user an editor of organisations.

The group "Redaktörer" gets exactly the model permissions an editor needs, and loses any other:
view, add, change and delete on the content an organisation owns and the parts edited with it
(inlines), export of publication lists, view and change on organisations (editors present their
own; only superusers add or delete organisations or choose editors), view on geography, and
view, add and change on the site's indicators with the import of their values, and view, add
and change on the shared images. Which objects an editor may
touch is decided by ``Organisation.editors`` (editors/admin.py), not by the group.
Revision history needs no permissions of its own: django-reversion's admin checks the model's.
Visitors' accessibility requests and slug redirects concern the whole site and are left to
superusers. Running the command again changes nothing.

    manage.py create_editor_group
    manage.py create_editor_group --user anna --organisation lansstyrelsen-stockholm
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from organisations.models import Organisation

GROUP_NAME = "Redaktörer"
ALL = ("view", "add", "change", "delete")
EDITOR_PERMISSIONS = {
    "programmes.programme": ALL,
    "programmes.programmegoal": ALL,
    "programmes.programmefocuspoint": ALL,
    "programmes.programmelink": ALL,
    "programmes.contact": ALL,
    "programmes.focusareaset": ALL,
    "programmes.focusarea": ALL,
    # Funding programmes are the whole site's: editors link their focus areas to them.
    "programmes.fundprogramme": ("view",),
    "organisations.organisation": ("view", "change"),
    "geography.county": ("view",),
    "geography.municipality": ("view",),
    "geography.region": ("view",),
    # Indicators are the whole site's, not an organisation's: editors keep them up to date and
    # import their values (change indicator + add observation); deleting one is left to
    # superusers, as it takes every value with it.
    "indicators.indicator": ("view", "add", "change"),
    "indicators.observation": ("view", "add"),
    "indicators.importbatch": ("view",),
    "publications.publication": (*ALL, "export"),
    "content.contentpage": ALL,
    "content.pagesection": ALL,
    "content.keyfigure": ALL,
    "content.pagelink": ALL,
    "content.newsitem": ALL,
    "content.event": ALL,
    "awards.award": ALL,
    "awards.awardwinner": ALL,
    # Images are shared by every organisation's pages: editors pick, add and describe any of
    # them; deleting one takes it off other organisations' pages, so that is left to superusers.
    "images.image": ("view", "add", "change"),
    # Surveys and the programmes imported into them (Importera needs add).
    "surveys.survey": ALL,
    "surveys.surveyfigure": ALL,
    "surveys.municipalprogramme": ALL,
    # Visitors' questions to the editor's organisation: read, answer and mark answered; they
    # come only from visitors, and deleting them is left to superusers.
    "questions.question": ("view", "change"),
}


def editor_permissions():
    """The Permission rows of EDITOR_PERMISSIONS; fails loudly if one is missing."""
    wanted = []
    for label, actions in EDITOR_PERMISSIONS.items():
        app_label, model_name = label.split(".")
        content_type = ContentType.objects.get_by_natural_key(app_label, model_name)
        for action in actions:
            wanted.append(
                Permission.objects.get(content_type=content_type, codename=f"{action}_{model_name}")
            )
    return wanted


class Command(BaseCommand):
    help = (
        "Create or update the group 'Redaktörer' with the permissions editors need; with "
        "--user, add that user to the group and make them an editor of each --organisation."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", help="User name of a user to make an editor.")
        parser.add_argument(
            "--organisation",
            action="append",
            default=[],
            metavar="SLUG",
            help="Slug of an organisation the user edits for; repeat for several.",
        )

    @transaction.atomic
    def handle(self, *args, user=None, organisation=(), **options):
        if organisation and not user:
            raise CommandError("--organisation needs --user.")
        group, created = Group.objects.get_or_create(name=GROUP_NAME)
        permissions = editor_permissions()
        group.permissions.set(permissions)
        self.stdout.write(
            f"Group '{GROUP_NAME}' {'created' if created else 'updated'}: "
            f"{len(permissions)} permissions."
        )
        if not user:
            return
        User = get_user_model()
        try:
            account = User.objects.get(**{User.USERNAME_FIELD: user})
        except User.DoesNotExist as exc:
            raise CommandError(f"No user named {user!r}.") from exc
        organisations = []
        for slug in organisation:
            try:
                organisations.append(Organisation.objects.get(slug=slug))
            except Organisation.DoesNotExist as exc:
                raise CommandError(f"No organisation with the slug {slug!r}.") from exc
        if not account.is_staff:
            account.is_staff = True
            account.save(update_fields=["is_staff"])
        account.groups.add(group)
        for org in organisations:
            org.editors.add(account)
        names = ", ".join(org.name for org in account.editor_organisations.all()) or "none"
        self.stdout.write(f"{account.get_username()} is an editor of: {names}.")
