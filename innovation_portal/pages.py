# Being written: about, accessibility, privacy, robots.txt, sitemap and error pages.
from django.http import HttpResponse


def _todo(request, *args, **kwargs):
    return HttpResponse("")


about = accessibility = privacy = robots_txt = sitemap = page_not_found = server_error = _todo
