from django.conf import settings


def portal(request):
    """Values every public template may show."""
    return {"PORTAL_CONTACT_EMAIL": settings.PORTAL_CONTACT_EMAIL}
