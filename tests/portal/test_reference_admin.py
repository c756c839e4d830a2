"""Reference data in the admin: a row may be corrected, never added or deleted."""

import pytest
from django.urls import reverse

from registry.models import Municipality
from spetsomraden.models import PriorityArea, Roadmap

pytestmark = pytest.mark.django_db


def _admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", [Municipality, PriorityArea, Roadmap])
def test_reference_data_can_be_changed_but_not_added_or_deleted(admin_client, model):
    row = model.objects.order_by("pk").first()

    assert admin_client.get(_admin_url(model, "change", row.pk)).status_code == 200
    assert admin_client.get(_admin_url(model, "add")).status_code == 403
    assert admin_client.get(_admin_url(model, "delete", row.pk)).status_code == 403
    changelist = admin_client.get(_admin_url(model, "changelist"))
    assert _admin_url(model, "add") not in changelist.content.decode()
    assert "delete_selected" not in changelist.content.decode()
