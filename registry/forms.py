"""Forms of the staff admin: entries with lifecycle checks, logo upload, merging."""

from copy import deepcopy

from django import forms
from django.db import models
from django.forms.models import construct_instance
from django.utils.translation import gettext_lazy as _
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME

from registry.choices import Status
from registry.logos import MAX_BYTES as LOGO_MAX_BYTES
from registry.logos import process_logo
from registry.models import Actor
from registry.services import status_change_problem


def _formfield(db_field, **kwargs):
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class LogoField(forms.FileField):
    """A logo upload, checked for what it really is and returned processed (``ProcessedLogo``)."""

    widget = forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp"})
    default_error_messages = {
        "invalid": _("Upload a PNG, JPEG or WebP image."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text",
            _(
                "PNG, JPEG or WebP, at most %(size)s MB and 16 megapixels. The image is "
                "re-encoded without its metadata, and a thumbnail is made for the public pages."
            )
            % {"size": LOGO_MAX_BYTES // (1024 * 1024)},
        )
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload or upload is initial:
            return None
        return process_logo(upload, name=getattr(upload, "name", "logo").rsplit(".", 1)[0])


class EntryAdminForm(forms.ModelForm):
    """An entry's admin form: publishing rules hold whatever the form changes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Restoring a version: show that version's priority areas, not today's.
        record = getattr(self.instance, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None)
        if record is not None and not self.is_bound and "priority_areas" in self.fields:
            self.initial["priority_areas"] = [
                row.priorityarea_id for row in record.priority_areas.all()
            ]

    def saved_entry(self):
        if not self.instance.pk:
            return None
        if not hasattr(self, "_saved_entry"):
            self._saved_entry = type(self.instance).objects.filter(pk=self.instance.pk).first()
        return self._saved_entry

    def clean(self):
        cleaned_data = super().clean()
        if self.errors:
            return cleaned_data
        saved = self.saved_entry()
        old_status = saved.status if saved is not None else Status.DRAFT
        new_status = cleaned_data.get("status", old_status)
        candidate = construct_instance(self, deepcopy(self.instance))
        candidate.status = new_status
        areas = cleaned_data.get("priority_areas") if "priority_areas" in self.fields else None
        problem = status_change_problem(
            candidate,
            old_status=old_status,
            new_status=new_status,
            priority_areas=areas,
            before=saved,
        )
        if problem:
            self.add_error("status" if "status" in self.fields else None, problem)
        return cleaned_data


class ActorAdminForm(EntryAdminForm):
    logo_upload = LogoField(label=_("Logo"), required=False)
    logo_remove = forms.BooleanField(label=_("Remove the logo"), required=False)

    class Meta:
        model = Actor
        formfield_callback = _formfield
        # The logo file is written by the logo service, from ``logo_upload``.
        fields = [
            "name_sv",
            "name_en",
            "slug",
            "status",
            "kind",
            "helix_sector",
            "description_sv",
            "description_en",
            "priority_areas",
            "municipality",
            "street_address",
            "postal_code",
            "postal_town",
            "latitude",
            "longitude",
            "website",
            "email",
            "phone",
            "organisation_number",
        ]

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("logo_upload") and cleaned_data.get("logo_remove"):
            self.add_error(
                "logo_remove", _("Either upload a new logo or remove the logo, not both.")
            )
        return cleaned_data


class ActorMergeForm(forms.Form):
    """Which of two actors to keep; the other's offers and participations move to it."""

    keep = forms.ModelChoiceField(
        queryset=Actor.objects.none(),
        widget=forms.RadioSelect,
        label=_("Keep this actor"),
        empty_label=None,
    )

    def __init__(self, *args, actors, **kwargs):
        super().__init__(*args, **kwargs)
        self.actors = list(actors)
        self.fields["keep"].queryset = Actor.objects.filter(pk__in=[a.pk for a in self.actors])

    @property
    def removed(self):
        keep = self.cleaned_data["keep"]
        return next(actor for actor in self.actors if actor.pk != keep.pk)
