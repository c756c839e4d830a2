"""The staff admin of the registry: lists, forms, lifecycle actions, history, import and export.

Over 400 lines because the three entries' admins share one EntryAdmin (lifecycle,
deletion, history), which reads best beside the classes that extend it; the import and
export screens are ``registry.spreadsheets.admin``.
"""

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from innovation_portal.lib.history_admin import HistoryAdmin
from innovation_portal.lib.reference_admin import FixedRowsAdminMixin
from registry.choices import PUBLIC_STATUSES, OfferLanguage, ProjectPhase, Stage, Status
from registry.duplicates import entry_duplicates
from registry.forms import ActorAdminForm, ActorMergeForm, EntryAdminForm
from registry.models import Actor, Municipality, Participation, Project, SupportOffer
from registry.services import (
    actor_logo_files_delete,
    actor_logo_replace,
    actor_merge,
    entry_archive,
    entry_mark_reviewed,
    entry_publish,
    entry_return_to_draft,
    history_baseline,
)
from registry.spreadsheets.admin import SpreadsheetAdminMixin
from registry.spreadsheets.imports.kinds import ActorResource, ProjectResource, SupportOfferResource

admin.site.site_header = _("Innovation portal: staff")
admin.site.site_title = _("Innovation portal staff")
admin.site.index_title = _("The registry")

# The fields whose change makes a duplicate check worth showing again.
_DUPLICATE_FIELDS = {"name_sv", "name_en", "organisation_number", "website", "acronym", "actor"}


# Filters


class NeedsReviewFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("needed", _("Needs review (never, or over 12 months ago)")),
            ("recent", _("Reviewed in the last 12 months")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "needed":
            return queryset.needs_review()
        if self.value() == "recent":
            return queryset.exclude(pk__in=queryset.model.objects.needs_review().values("pk"))
        return queryset


class _ArrayValueFilter(admin.SimpleListFilter):
    field_name = ""
    codes = None  # the TextChoices of the array's values

    def lookups(self, request, model_admin):
        return self.codes.choices

    def queryset(self, request, queryset):
        if self.value() in self.codes.values:
            return queryset.filter(**{f"{self.field_name}__contains": [self.value()]})
        return queryset


class StageFilter(_ArrayValueFilter):
    title = _("company stage")
    parameter_name = "stage"
    field_name = "stages"
    codes = Stage


class LanguageFilter(_ArrayValueFilter):
    title = _("language")
    parameter_name = "language"
    field_name = "languages"
    codes = OfferLanguage


class PhaseFilter(admin.SimpleListFilter):
    title = _("phase")
    parameter_name = "phase"

    def lookups(self, request, model_admin):
        return ProjectPhase.choices

    def queryset(self, request, queryset):
        if self.value() in ProjectPhase.values:
            return queryset.in_phase(self.value())
        return queryset


# The entries' shared admin


class EntryAdmin(SpreadsheetAdminMixin, HistoryAdmin):
    """Lists, lifecycle actions, history with restore, import and export for one kind of entry."""

    form = EntryAdminForm
    actions = [
        "publish_selected",
        "archive_selected",
        "return_to_draft_selected",
        "mark_reviewed_selected",
        "delete_selected",  # replaces Django's: archives what other entries refer to
    ]
    # Relations whose rows refer to an entry: with any, deleting it archives it instead.
    deletion_references: list[str] = []
    readonly_fields = ["public_page", "last_reviewed_on", "created_at", "updated_at"]
    prepopulated_fields = {"slug": ["name_sv"]}
    autocomplete_fields = ["priority_areas"]
    list_per_page = 50
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    show_full_result_count = False  # one COUNT query, not two

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("priority_areas")

    # Permissions: publish_<model> and review_<model>, added by the models' Meta.

    def has_publish_permission(self, request, obj=None):
        return self._has_model_permission(request, "publish")

    def has_review_permission(self, request, obj=None):
        return self._has_model_permission(request, "review")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            fields.append("status")
        return fields

    # Links to the public site

    def view_on_site(self, obj):
        if obj.pk and obj.status in PUBLIC_STATUSES:
            return obj.get_absolute_url()
        return None

    @admin.display(description=_("public page"))
    def public_page(self, obj):
        url = self.view_on_site(obj) if obj else None
        if url is None:
            return gettext(
                "No public page yet: a draft is not shown on the site. Publish it to give it one."
            )
        if obj.status == Status.ARCHIVED:
            return format_html(
                '<a href="{}">{}</a> ({})', url, url, gettext("archived: shown with a notice")
            )
        return format_html('<a href="{}">{}</a>', url, url)

    @admin.display(description=_("priority areas"))
    def areas(self, obj):
        return ", ".join(str(area.short_name) for area in obj.priority_areas.all())

    # Saving

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        request.restoring_version = True
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        saved = form.saved_entry() if hasattr(form, "saved_entry") else None
        may_publish = self.has_publish_permission(request)
        restoring = getattr(request, "restoring_version", False)
        if saved is None:
            if not may_publish:
                obj.status = Status.DRAFT
        else:
            # Review dates record a staff action, not content: a restored version keeps today's.
            obj.last_reviewed_on = saved.last_reviewed_on
            obj.created_at = saved.created_at
            if obj.status != saved.status:
                if not may_publish:
                    obj.status = saved.status
                elif restoring:
                    messages.warning(
                        request,
                        gettext(
                            "Restoring this version changed the status from “%(old)s” to “%(new)s”."
                        )
                        % {"old": saved.get_status_display(), "new": obj.get_status_display()},
                    )
            if restoring:
                obj._change_reason = gettext("Restored an earlier version")
            history_baseline(saved)
        super().save_model(request, obj, form, change)
        if restoring and saved is not None and not may_publish:
            messages.info(
                request,
                gettext("The status stays “%(status)s”: only a publisher can change it.")
                % {"status": obj.get_status_display()},
            )
        if not change or _DUPLICATE_FIELDS & set(form.changed_data):
            self.message_duplicates(request, obj)

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.initial_forms:
            if inline_form.has_changed():
                history_baseline(inline_form.instance)
        super().save_formset(request, form, formset, change)

    def message_duplicates(self, request, obj):
        duplicates = entry_duplicates(obj)
        if not duplicates:
            return
        opts = obj._meta
        links = format_html_join(
            "; ",
            '<a href="{}">{}</a> ({})',
            (
                (
                    reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[d.entry.pk]),
                    str(d.entry),
                    ", ".join(d.reasons),
                )
                for d in duplicates
            ),
        )
        messages.warning(
            request,
            format_html("{} {}", gettext("This may be a duplicate of:"), links),
        )

    # Lifecycle actions

    def _apply(self, request, queryset, service, done_message, **service_kwargs):
        done, refused = [], []
        for entry in queryset:
            try:
                service(entry=entry, by=request.user, **service_kwargs)
            except ValidationError as error:
                refused.extend(error.messages)
            else:
                done.append(str(entry))
        if done:
            self.message_user(
                request, done_message % {"count": len(done), "entries": ", ".join(done)}
            )
        for message in refused:
            self.message_user(request, message, level=messages.ERROR)

    @admin.action(description=_("Publish the selected entries"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._apply(
            request, queryset, entry_publish, gettext("Published (%(count)s): %(entries)s.")
        )

    @admin.action(description=_("Archive the selected entries"), permissions=["publish"])
    def archive_selected(self, request, queryset):
        self._apply(request, queryset, entry_archive, gettext("Archived (%(count)s): %(entries)s."))

    @admin.action(description=_("Return the selected entries to draft"), permissions=["publish"])
    def return_to_draft_selected(self, request, queryset):
        self._apply(
            request,
            queryset,
            entry_return_to_draft,
            gettext("Returned to draft (%(count)s): %(entries)s."),
        )

    @admin.action(
        description=_("Mark the selected entries as reviewed today"), permissions=["review"]
    )
    def mark_reviewed_selected(self, request, queryset):
        self._apply(
            request,
            queryset,
            entry_mark_reviewed,
            gettext("Marked as reviewed today (%(count)s): %(entries)s."),
            on=timezone.localdate(),
        )

    # Deleting. A published or archived entry that other rows refer to is archived instead:
    # its page stays, with an "archived" notice, and nothing that refers to it is lost. A
    # draft never had a page, so Django's confirmation applies to it as to every other
    # delete, listing everything that would go.

    def deletion_blockers(self, queryset) -> dict[int, str]:
        """Entries of ``queryset`` to archive instead of delete, by pk: what refers to each."""
        if not self.deletion_references:
            return {}
        counts = {f"_{name}_total": Count(name, distinct=True) for name in self.deletion_references}
        rows = (
            queryset.filter(status__in=PUBLIC_STATUSES)
            .order_by()
            .annotate(**counts)
            .values("pk", *counts)
        )
        blockers = {}
        for row in rows:
            parts = []
            for name in self.deletion_references:
                count = row[f"_{name}_total"]
                if count:
                    related = self.model._meta.get_field(name).related_model._meta
                    noun = related.verbose_name if count == 1 else related.verbose_name_plural
                    parts.append(f"{count} {noun}")
            if parts:
                blockers[row["pk"]] = ", ".join(parts)
        return blockers

    def _archive_instead(self, request, entry, references: str) -> None:
        if entry.status == Status.ARCHIVED:
            self.message_user(
                request,
                gettext(
                    "“%(entry)s” was not deleted, because it is linked to other entries "
                    "(%(references)s). It stays archived."
                )
                % {"entry": entry, "references": references},
                level=messages.WARNING,
            )
            return
        entry_archive(entry=entry, by=request.user)
        self.message_user(
            request,
            gettext(
                "“%(entry)s” was archived instead of deleted, because it is linked to other "
                "entries (%(references)s). Its page stays with an “archived” notice."
            )
            % {"entry": entry, "references": references},
            level=messages.WARNING,
        )

    def delete_view(self, request, object_id, extra_context=None):
        entry = self.get_object(request, unquote(object_id))
        references = (
            self.deletion_blockers(self.model._default_manager.filter(pk=entry.pk)).get(entry.pk)
            if entry is not None
            else None
        )
        if not references:
            return super().delete_view(request, object_id, extra_context)
        if not self.has_delete_permission(request, entry):
            raise PermissionDenied
        opts = self.opts
        if request.method == "POST" and request.POST.get("post"):
            self._archive_instead(request, entry, references)
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk])
            )
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Archive instead of delete"),
            "subtitle": None,
            "object": entry,
            "object_name": str(opts.verbose_name),
            "opts": opts,
            "app_label": opts.app_label,
            "references": references,
            "already_archived": entry.status == Status.ARCHIVED,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/actors/archive_instead_confirmation.html", context)

    @admin.action(description=_("Delete selected %(verbose_name_plural)s"), permissions=["delete"])
    def delete_selected(self, request, queryset):
        """Django's delete action, except that referenced entries are archived instead."""
        blockers = self.deletion_blockers(queryset)
        if not blockers:
            return django_delete_selected(self, request, queryset)
        archive = list(queryset.filter(pk__in=blockers))
        rest = queryset.exclude(pk__in=blockers)
        if request.POST.get("post"):
            for entry in archive:
                self._archive_instead(request, entry, blockers[entry.pk])
            return django_delete_selected(self, request, rest) if rest.exists() else None
        response = django_delete_selected(self, request, rest)
        response.context_data["archive_instead"] = [
            {"entry": entry, "references": blockers[entry.pk]} for entry in archive
        ]
        return response


@admin.register(Municipality)
class MunicipalityAdmin(FixedRowsAdminMixin, admin.ModelAdmin):
    """The county's 26 municipalities, from a data migration."""

    list_display = ["code", "name", "actor_count"]
    search_fields = ["code", "name"]
    ordering = ["code"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(actor_total=Count("actors"))

    @admin.display(description=_("actors"), ordering="actor_total")
    def actor_count(self, obj):
        return obj.actor_total


class SupportOfferInline(admin.TabularInline):
    model = SupportOffer
    extra = 0
    fields = ["name_sv", "slug", "kind", "cost", "status"]
    readonly_fields = ["status"]  # published and archived through the actions
    prepopulated_fields = {"slug": ["name_sv"]}
    show_change_link = True


@admin.register(Actor)
class ActorAdmin(EntryAdmin):
    form = ActorAdminForm
    resource_classes = [ActorResource]
    list_display = [
        "name_sv",
        "kind",
        "helix_sector",
        "municipality",
        "areas",
        "status",
        "last_reviewed_on",
        "updated_at",
    ]
    list_filter = [
        "status",
        NeedsReviewFilter,
        "kind",
        "helix_sector",
        "priority_areas",
        "municipality",
    ]
    list_select_related = ["municipality"]
    search_fields = ["name_sv", "name_en", "slug", "organisation_number", "website", "email"]
    ordering = ["name_sort_sv"]
    autocomplete_fields = ["priority_areas", "municipality"]
    readonly_fields = [*EntryAdmin.readonly_fields, "logo_preview"]
    inlines = [SupportOfferInline]
    actions = [*EntryAdmin.actions, "merge_selected"]
    deletion_references = ["offers", "participations"]
    fieldsets = [
        (None, {"fields": ["name_sv", "name_en", "slug", "status", "kind", "helix_sector"]}),
        (_("Description"), {"fields": ["description_sv", "description_en", "priority_areas"]}),
        (
            _("Location"),
            {
                "fields": [
                    "municipality",
                    "street_address",
                    "postal_code",
                    "postal_town",
                    "latitude",
                    "longitude",
                ]
            },
        ),
        (_("Contact"), {"fields": ["website", "email", "phone", "organisation_number"]}),
        (_("Logo"), {"fields": ["logo_preview", "logo_upload", "logo_remove"]}),
        (
            _("Review"),
            {"fields": ["public_page", "last_reviewed_on", "created_at", "updated_at"]},
        ),
    ]

    @admin.display(description=_("current logo"))
    def logo_preview(self, obj):
        if obj and obj.logo_thumbnail:
            return format_html(
                '<img src="{}" alt="{}">',
                obj.logo_thumbnail.url,
                gettext("Logo of %(actor)s") % {"actor": obj.name_sv},
            )
        return gettext("No logo.")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        logo = form.cleaned_data.get("logo_upload")
        if logo is not None:
            actor_logo_replace(actor=obj, logo=logo, by=request.user)
        elif form.cleaned_data.get("logo_remove") and obj.logo:
            actor_logo_replace(actor=obj, logo=None, by=request.user)

    def delete_model(self, request, obj):
        actor_logo_files_delete(actor=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for actor in queryset:
            actor_logo_files_delete(actor=actor)
        super().delete_queryset(request, queryset)

    # Merging two actors

    def has_merge_permission(self, request, obj=None):
        return self.has_change_permission(request) and self.has_publish_permission(request)

    @admin.action(description=_("Merge the two selected actors"), permissions=["merge"])
    def merge_selected(self, request, queryset):
        actors = list(queryset.select_related("municipality")[:3])
        if len(actors) != 2:
            self.message_user(
                request, gettext("Select exactly two actors to merge."), level=messages.ERROR
            )
            return None
        form = ActorMergeForm(
            request.POST if "confirm_merge" in request.POST else None, actors=actors
        )
        if form.is_valid():
            keep, remove = form.cleaned_data["keep"], form.removed
            try:
                result = actor_merge(keep=keep, remove=remove, by=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), level=messages.ERROR)
                return None
            self.message_user(
                request,
                gettext(
                    "“%(removed)s” was merged into “%(kept)s” and archived: %(offers)s offers "
                    "and %(participations)s project participations moved, %(combined)s combined."
                )
                % {
                    "removed": remove,
                    "kept": keep,
                    "offers": result.offers_moved,
                    "participations": result.participations_moved,
                    "combined": len(result.participations_combined),
                },
            )
            return None
        counts = {
            row["pk"]: row
            for row in Actor.objects.filter(pk__in=[a.pk for a in actors])
            .annotate(
                offer_total=Count("offers", distinct=True),
                participation_total=Count("participations", distinct=True),
            )
            .values("pk", "offer_total", "participation_total")
        }
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Merge two actors"),
            "opts": self.opts,
            "form": form,
            "actors": [(actor, counts[actor.pk]) for actor in actors],
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/actors/actor/merge_confirmation.html", context)


@admin.register(SupportOffer)
class SupportOfferAdmin(EntryAdmin):
    resource_classes = [SupportOfferResource]
    list_display = [
        "name_sv",
        "actor",
        "kind",
        "cost",
        "stage_list",
        "areas",
        "status",
        "last_reviewed_on",
    ]
    list_filter = [
        "status",
        NeedsReviewFilter,
        "kind",
        StageFilter,
        "cost",
        LanguageFilter,
        "application",
        "priority_areas",
        ("actor__municipality", admin.RelatedFieldListFilter),
    ]
    list_select_related = ["actor"]
    search_fields = ["name_sv", "name_en", "slug", "actor__name_sv"]
    ordering = ["name_sort_sv"]
    autocomplete_fields = ["actor", "priority_areas"]
    fieldsets = [
        (None, {"fields": ["actor", "name_sv", "name_en", "slug", "status", "kind"]}),
        (_("Description"), {"fields": ["description_sv", "description_en", "priority_areas"]}),
        (
            _("Who and how"),
            {"fields": ["stages", "cost", "languages", "application", "deadline", "link"]},
        ),
        (
            _("Review"),
            {"fields": ["public_page", "last_reviewed_on", "created_at", "updated_at"]},
        ),
    ]

    @admin.display(description=_("company stages"))
    def stage_list(self, obj):
        return ", ".join(obj.get_stage_labels())


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 1
    fields = ["actor", "organisation_name", "country", "role"]
    autocomplete_fields = ["actor"]


@admin.register(Project)
class ProjectAdmin(EntryAdmin):
    resource_classes = [ProjectResource]
    list_display = [
        "name_sv",
        "acronym",
        "funding_programme",
        "start_date",
        "end_date",
        "phase_display",
        "areas",
        "status",
        "last_reviewed_on",
    ]
    list_filter = [
        "status",
        NeedsReviewFilter,
        "funding_programme",
        PhaseFilter,
        "priority_areas",
    ]
    search_fields = ["name_sv", "name_en", "acronym", "slug"]
    ordering = ["-start_date", "name_sort_sv"]
    date_hierarchy = "start_date"
    inlines = [ParticipationInline]
    deletion_references = ["participations"]
    fieldsets = [
        (None, {"fields": ["name_sv", "name_en", "acronym", "slug", "status"]}),
        (_("Description"), {"fields": ["description_sv", "description_en", "priority_areas"]}),
        (
            _("Funding and dates"),
            {
                "fields": [
                    "funding_programme",
                    "start_date",
                    "end_date",
                    "budget",
                    "currency",
                    "website",
                ]
            },
        ),
        (
            _("Review"),
            {"fields": ["public_page", "last_reviewed_on", "created_at", "updated_at"]},
        ),
    ]

    @admin.display(description=_("phase"))
    def phase_display(self, obj):
        return obj.phase_label
