from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from registry.areas import priority_area_list_with_counts
from registry.choices import OfferKind
from registry.search import MAX_QUERY_LENGTH
from registry.selectors import newest_entries

# The start page's entry points: a need in the visitor's words, and the offers that meet it.
NEEDS = [
    (OfferKind.FUNDING, _("I need funding")),
    (OfferKind.LAB_ACCESS, _("I need a lab or test bed")),
    (OfferKind.INCUBATION, _("I want to join an incubator")),
    (OfferKind.ACCELERATION, _("I want to grow faster")),
    (OfferKind.OFFICE_SPACE, _("I need an office")),
    (OfferKind.ADVICE, _("I need advice")),
    (OfferKind.NETWORK, _("I want to meet partners")),
    (OfferKind.INTERNATIONALISATION, _("I want to go international")),
    (OfferKind.TRAINING, _("I want to learn")),
]

SEARCH_TARGETS = {
    "offers": "registry:offer_list",
    "actors": "registry:actor_list",
    "projects": "registry:project_list",
}


def home(request):
    return render(
        request,
        "home.html",
        {
            "priority_areas": priority_area_list_with_counts(),
            "newest": newest_entries(limit=4),
            "needs": [{"kind": kind.value, "label": label} for kind, label in NEEDS],
        },
    )


def search(request):
    """The start page's search box: send the query on to the list the visitor chose."""
    target = SEARCH_TARGETS.get(request.GET.get("in", ""), SEARCH_TARGETS["offers"])
    query = " ".join((request.GET.get("q") or "").split())[:MAX_QUERY_LENGTH]
    url = reverse(target)
    return redirect(f"{url}?{urlencode({'q': query})}" if query else url)
