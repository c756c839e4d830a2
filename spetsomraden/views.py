from django.shortcuts import render

from spetsomraden import selectors


def area_list(request):
    areas = selectors.priority_area_list_with_counts()
    return render(request, "spetsomraden/area_list.html", {"priority_areas": areas})


def area_detail(request, slug):
    area = selectors.priority_area_detail(slug=slug)
    return render(request, "spetsomraden/area_detail.html", {"area": area})
