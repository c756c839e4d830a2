from django.contrib import admin
from django.db.models import Count, Max, Min, Q
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from innovation_portal.lib.history import history_baseline
from innovation_portal.lib.history_admin import HistoryAdmin
from innovation_portal.lib.reference_admin import FixedRowsAdminMixin
from spetsomraden.models import Milestone, PriorityArea, Roadmap


class BaselineHistoryAdmin(HistoryAdmin):
    """Reference data comes from data migrations: record it before its first change."""

    def save_model(self, request, obj, form, change):
        if change:
            history_baseline(obj)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.initial_forms:
            if inline_form.has_changed():
                history_baseline(inline_form.instance)
        super().save_formset(request, form, formset, change)


@admin.register(PriorityArea)
class PriorityAreaAdmin(FixedRowsAdminMixin, BaselineHistoryAdmin):
    """The strategy fixes the four areas; they come from a data migration."""

    list_display = [
        "number",
        "name_sv",
        "name_en",
        "roadmap_status",
        "actor_count",
        "offer_count",
        "project_count",
    ]
    list_select_related = ["roadmap"]
    ordering = ["number"]
    search_fields = ["name_sv", "name_en", "short_name_sv", "short_name_en", "slug"]
    readonly_fields = ["number", "slug", "public_page"]
    fields = [
        "number",
        "slug",
        "public_page",
        "name_sv",
        "name_en",
        "short_name_sv",
        "short_name_en",
        "description_sv",
        "description_en",
    ]

    def get_queryset(self, request):
        # Counts of each kind in one query: subqueries keep the joins from multiplying.
        return (
            super()
            .get_queryset(request)
            .annotate(
                actor_total=Count("actors", distinct=True),
                offer_total=Count("offers", distinct=True),
                project_total=Count("projects", distinct=True),
            )
        )

    @admin.display(description=_("roadmap"), ordering="roadmap__status")
    def roadmap_status(self, obj):
        try:
            return obj.roadmap.get_status_display()
        except Roadmap.DoesNotExist:
            return gettext("No roadmap")

    @admin.display(description=_("actors"), ordering="actor_total")
    def actor_count(self, obj):
        return obj.actor_total

    @admin.display(description=_("support offers"), ordering="offer_total")
    def offer_count(self, obj):
        return obj.offer_total

    @admin.display(description=_("projects"), ordering="project_total")
    def project_count(self, obj):
        return obj.project_total

    @admin.display(description=_("public page"))
    def public_page(self, obj):
        url = obj.get_absolute_url()
        return format_html('<a href="{}">{}</a>', url, url)

    def view_on_site(self, obj):
        return obj.get_absolute_url()


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 1
    fields = ["date", "date_precision", "title_sv", "title_en", "is_reached"]
    ordering = ["date", "pk"]


class MilestoneReachedFilter(admin.SimpleListFilter):
    title = _("milestones")
    parameter_name = "milestones"

    def lookups(self, request, model_admin):
        return [("open", _("Has milestones not yet reached")), ("none", _("Has no milestones"))]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(milestones__is_reached=False).distinct()
        if self.value() == "none":
            return queryset.filter(milestones__isnull=True)
        return queryset


@admin.register(Roadmap)
class RoadmapAdmin(FixedRowsAdminMixin, BaselineHistoryAdmin):
    """One roadmap per priority area, created with the areas."""

    list_display = [
        "area",
        "status",
        "work_started_year",
        "milestone_count",
        "next_milestone",
        "updated_at",
    ]
    list_select_related = ["area"]
    list_filter = ["status", MilestoneReachedFilter]
    ordering = ["area__number"]
    search_fields = ["area__name_sv", "area__name_en", "summary_sv", "summary_en"]
    inlines = [MilestoneInline]
    readonly_fields = ["area", "updated_at"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                milestone_total=Count("milestones"),
                reached_total=Count("milestones", filter=Q(milestones__is_reached=True)),
                next_milestone_date=Min("milestones__date", filter=Q(milestones__is_reached=False)),
                last_milestone_date=Max("milestones__date"),
            )
        )

    @admin.display(description=_("milestones reached"), ordering="milestone_total")
    def milestone_count(self, obj):
        return f"{obj.reached_total} / {obj.milestone_total}"

    @admin.display(description=_("next milestone"), ordering="next_milestone_date")
    def next_milestone(self, obj):
        return obj.next_milestone_date or "–"

    def view_on_site(self, obj):
        return obj.area.get_absolute_url()
