"""Editors for admin tests: two organisations and staff users made editors of them the way
the README tells an administrator to (``manage.py create_editor_group``). The organisations
themselves are the ``org_a`` and ``org_b`` fixtures in conftest.py.

This is also the package of the editors app's tests, so the helpers that were tests/editors.py
live here and ``from tests.editors import …`` reads them as before."""

from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from tests.admin_forms import admin_form_data

PASSWORD = "ett-långt-lösenord-för-tester"


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def make_editor(django_user_model, username, *organisations):
    django_user_model.objects.create_user(username, f"{username}@example.org", PASSWORD)
    args = ["create_editor_group", "--user", username]
    for org in organisations:
        args += ["--organisation", org.slug]
    call_command(*args, stdout=StringIO())
    return django_user_model.objects.get(username=username)


def login_editor(client, django_user_model, username, *organisations):
    client.force_login(make_editor(django_user_model, username, *organisations))
    return client


def save_in_admin(client, obj, **changes):
    """Saves ``obj`` through its admin change form as an editor's browser would, with
    ``changes`` made to what the form shows; returns the data posted."""
    url = admin_url(type(obj), "change", obj.pk)
    data = admin_form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return data
