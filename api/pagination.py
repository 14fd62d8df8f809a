"""Cursor paging of the catalogue lists: stable by page id, opaque cursors, a 400 for a cursor that is not one of ours."""
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound
from rest_framework.pagination import Cursor, CursorPagination

from core.errors import ValidationFailed
from search.query import MAX_PAGE_SIZE


class CataloguePagination(CursorPagination):
    """Pages ordered by id, oldest first, so a client walking `next` links sees every page exactly once.

    Ordering by the unique id makes DRF's cursor a plain keyset position (no offsets): pages
    published while a client is walking appear at the end, and none moves between pages.
    `page_size` is validated by the caller (`api.filters.parse_list_query`) and passed in.
    """

    ordering = ("pk",)
    cursor_query_param = "cursor"
    max_page_size = MAX_PAGE_SIZE

    def paginate(self, queryset, request, page_size):
        self.page_size = page_size
        return self.paginate_queryset(queryset, request)

    def get_page_size(self, request):
        return self.page_size

    def decode_cursor(self, request):
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            cursor = False
        if cursor is None:
            return None
        if cursor is False or (cursor.position is not None and not _is_id(cursor.position)):
            raise ValidationFailed(
                _("The cursor is not valid. Use the `next` or `previous` link of an earlier response as it is."),
                code="invalid_cursor", field=self.cursor_query_param,
            )
        # Positions are ids, which are unique: an offset is never needed and never honoured.
        return Cursor(offset=0, reverse=cursor.reverse, position=cursor.position)

    def links(self):
        """(next URL or None, previous URL or None) of the page just paginated."""
        return self.get_next_link(), self.get_previous_link()


def _is_id(position):
    # ASCII digits short enough for a 64-bit id: anything else would fail in the database, not here.
    return position.isascii() and position.isdigit() and len(position) <= 18
