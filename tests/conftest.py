import pytest
from django.conf import settings
from django.utils import translation

from registry.models import Municipality
from spetsomraden.models import PriorityArea


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the site's default language.

    A request activates its language in the thread and leaves it there, so without this
    a test that visits an English page would change what ``reverse`` gives the next test.
    """
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def areas(db):
    """The four priority areas created by the data migration, by slug."""
    return {area.slug: area for area in PriorityArea.objects.all()}


@pytest.fixture
def stockholm(db):
    return Municipality.objects.get(code="0180")


@pytest.fixture
def solna(db):
    return Municipality.objects.get(code="0184")


@pytest.fixture
def english():
    """Messages in English, whatever the site's default language."""
    with translation.override("en"):
        yield


# Staff roles and the admin (the groups come from migration actors 0009).


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploads go to a temporary folder, nowhere else."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _staff_user(django_user_model, username: str, group: str | None):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        username=username, password="a long test password", is_staff=True
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db, django_user_model):
    return _staff_user(django_user_model, "redaktor", "Redaktör")


@pytest.fixture
def publisher(db, django_user_model):
    return _staff_user(django_user_model, "publicerare", "Publicerare")


@pytest.fixture
def administrator(db, django_user_model):
    return _staff_user(django_user_model, "administrator", "Administratör")


def _logged_in(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(editor):
    return _logged_in(editor)


@pytest.fixture
def publisher_client(publisher):
    return _logged_in(publisher)


@pytest.fixture
def administrator_client(administrator):
    return _logged_in(administrator)


def _field_data(name, field, value) -> dict:
    from django import forms

    if isinstance(field, forms.FileField):
        return {}
    if isinstance(field.widget, forms.CheckboxInput):
        return {name: "on"} if value else {}
    value = field.prepare_value(value)
    if value is None:
        return (
            {}
            if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField)
            else {name: ""}
        )
    if isinstance(value, list | tuple):
        return {name: [str(item) for item in value]}
    return {name: str(value)}


def admin_form_data(response) -> dict:
    """The POST data of an admin change or add page as the browser would send it unchanged."""
    data = {}
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        data.update(_field_data(form.add_prefix(name), field, form[name].value()))
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for inline_form in formset.forms:
            for name, field in inline_form.fields.items():
                data.update(
                    _field_data(inline_form.add_prefix(name), field, inline_form[name].value())
                )
    return data


@pytest.fixture
def form_data():
    """``form_data(response)``: the POST data of an admin form page, values unchanged."""
    return admin_form_data
