from django.shortcuts import render

from actors.selectors import newest_entries
from spetsomraden.selectors import priority_area_list_with_counts


def home(request):
    return render(
        request,
        "home.html",
        {
            "priority_areas": priority_area_list_with_counts(),
            "newest": newest_entries(limit=4),
        },
    )
