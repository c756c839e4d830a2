"""django-simple-history's admin views, with malformed addresses answered like Django's own."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    """The history pages of an entry, where an id that cannot be one is not an error.

    simple-history filters by the id as given, so ``…/abc/history/`` raised a ValueError
    (a 500). An object id that is not a valid key gets Django's own answer for a missing
    entry (back to the list with a message); a version id that is not a number is a 404.
    """

    def _valid_object_id(self, object_id) -> bool:
        try:
            self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError:
            return False
        return True

    def history_view(self, request, object_id, extra_context=None):
        if not self._valid_object_id(object_id):
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not self._valid_object_id(object_id):
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        if not str(version_id).isdigit():
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context)
