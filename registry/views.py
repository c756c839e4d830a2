from django.shortcuts import render

from registry import areas, selectors
from registry.spreadsheets import exports
from registry.structured_data import actor_jsonld, offer_jsonld, project_jsonld


def actor_list(request):
    listing = selectors.actor_list(data=request.GET)
    return render(request, "registry/actor_list.html", {"listing": listing})


def actor_detail(request, slug):
    actor = selectors.actor_detail(slug=slug)
    return render(
        request,
        "registry/actor_detail.html",
        {"actor": actor, "entry": actor, "jsonld": actor_jsonld(actor, request)},
    )


def offer_list(request):
    listing = selectors.offer_list(data=request.GET)
    return render(request, "registry/offer_list.html", {"listing": listing})


def offer_detail(request, slug):
    offer = selectors.offer_detail(slug=slug)
    return render(
        request,
        "registry/offer_detail.html",
        {"offer": offer, "entry": offer, "jsonld": offer_jsonld(offer, request)},
    )


def project_list(request):
    listing = selectors.project_list(data=request.GET)
    return render(request, "registry/project_list.html", {"listing": listing})


def project_detail(request, slug):
    project = selectors.project_detail(slug=slug)
    return render(
        request,
        "registry/project_detail.html",
        {"project": project, "entry": project, "jsonld": project_jsonld(project, request)},
    )


def area_list(request):
    priority_areas = areas.priority_area_list_with_counts()
    return render(request, "registry/area_list.html", {"priority_areas": priority_areas})


def area_detail(request, slug):
    area = areas.priority_area_detail(slug=slug)
    return render(request, "registry/area_detail.html", {"area": area})


# Downloads of a list's current result: ?q=…&kind=…&sort=… as on the list page, and
# ?archived=1 to include archived entries. Drafts are never exported.


def actor_export(request, fmt):
    return exports.export_response(exports.ACTOR_EXPORT, fmt, request.GET)


def offer_export(request, fmt):
    return exports.export_response(exports.OFFER_EXPORT, fmt, request.GET)


def project_export(request, fmt):
    return exports.export_response(exports.PROJECT_EXPORT, fmt, request.GET)
