"""Links between the public site and the staff admin."""

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, gettext

register = template.Library()


@register.simple_tag(takes_context=True)
def admin_edit_link(context, entry):
    """An "Edit in admin" link for staff who may change ``entry``; nothing for anyone else."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if entry is None or user is None or not (user.is_active and user.is_staff):
        return ""
    opts = entry._meta
    if not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        return ""
    try:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk])
    except NoReverseMatch:
        return ""
    return format_html('<a class="admin-edit-link" href="{}">{}</a>', url, gettext("Edit in admin"))


@register.simple_tag(takes_context=True)
def admin_language_links(context):
    """Links to the current admin page in the other languages of the site."""
    request = context.get("request")
    if request is None:
        return ""
    current = (get_language() or settings.LANGUAGE_CODE)[:2]
    path = request.get_full_path()
    links = [
        (translate_url(path, code), code, name)
        for code, name in settings.LANGUAGES
        if code != current
    ]
    return format_html_join(
        "", '<a href="{}" hreflang="{}" lang="{}">{}</a> / ', ((u, c, c, n) for u, c, n in links)
    )
