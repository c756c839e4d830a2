import pytest
from django.utils import translation

from actors.models import Municipality
from spetsomraden.models import PriorityArea


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
