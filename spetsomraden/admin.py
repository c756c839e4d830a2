from django.contrib import admin

from spetsomraden.models import Milestone, PriorityArea, Roadmap


@admin.register(PriorityArea)
class PriorityAreaAdmin(admin.ModelAdmin):
    list_display = ["number", "name_sv", "name_en"]
    ordering = ["number"]
    search_fields = ["name_sv", "name_en", "slug"]
    readonly_fields = ["number", "slug"]

    def has_add_permission(self, request):
        # The strategy fixes the four areas; they come from a data migration.
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 1


@admin.register(Roadmap)
class RoadmapAdmin(admin.ModelAdmin):
    list_display = ["area", "status", "work_started_year", "updated_at"]
    list_select_related = ["area"]
    list_filter = ["status"]
    inlines = [MilestoneInline]
