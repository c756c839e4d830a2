from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from actors.models import Actor, Municipality, Participation, Project, SupportOffer


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]
    ordering = ["code"]


class SupportOfferInline(admin.StackedInline):
    model = SupportOffer
    extra = 0
    fields = ["name_sv", "name_en", "slug", "kind", "status"]
    prepopulated_fields = {"slug": ["name_sv"]}
    show_change_link = True


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name_sv", "kind", "municipality", "status", "last_reviewed_on", "updated_at"]
    list_filter = ["status", "kind", "helix_sector", "priority_areas", "municipality"]
    list_select_related = ["municipality"]
    search_fields = ["name_sv", "name_en", "slug", "organisation_number"]
    prepopulated_fields = {"slug": ["name_sv"]}
    filter_horizontal = ["priority_areas"]
    readonly_fields = ["last_reviewed_on", "created_at", "updated_at"]
    inlines = [SupportOfferInline]
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
        (
            _("Contact"),
            {"fields": ["website", "email", "phone", "logo", "organisation_number"]},
        ),
        (_("Review"), {"fields": ["last_reviewed_on", "created_at", "updated_at"]}),
    ]


@admin.register(SupportOffer)
class SupportOfferAdmin(admin.ModelAdmin):
    list_display = ["name_sv", "actor", "kind", "cost", "status", "last_reviewed_on"]
    list_filter = ["status", "kind", "cost", "application", "priority_areas"]
    list_select_related = ["actor"]
    search_fields = ["name_sv", "name_en", "slug", "actor__name_sv"]
    prepopulated_fields = {"slug": ["name_sv"]}
    autocomplete_fields = ["actor"]
    filter_horizontal = ["priority_areas"]
    readonly_fields = ["last_reviewed_on", "created_at", "updated_at"]


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 1
    autocomplete_fields = ["actor"]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name_sv", "acronym", "funding_programme", "start_date", "end_date", "status"]
    list_filter = ["status", "funding_programme", "priority_areas"]
    search_fields = ["name_sv", "name_en", "acronym", "slug"]
    prepopulated_fields = {"slug": ["name_sv"]}
    filter_horizontal = ["priority_areas"]
    date_hierarchy = "start_date"
    readonly_fields = ["last_reviewed_on", "created_at", "updated_at"]
    inlines = [ParticipationInline]
