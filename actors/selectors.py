from actors.models import Actor, Project, SupportOffer


def newest_entries(*, limit: int = 6):
    """The most recently added published actors, offers and projects, for the start page."""
    actors = list(
        Actor.objects.published().select_related("municipality").order_by("-created_at")[:limit]
    )
    offers = list(
        SupportOffer.objects.published().select_related("actor").order_by("-created_at")[:limit]
    )
    projects = list(Project.objects.published().order_by("-created_at")[:limit])
    return {"actors": actors, "offers": offers, "projects": projects}
