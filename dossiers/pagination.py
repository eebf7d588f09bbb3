"""Paging dossier lists whose size grows without bound.

An exact count of what a supervisor sees is a scan of the whole dossier table (a quarter
of a second at a million dossiers) on every page. Lists therefore count at most
``DOSSIER_LIST_COUNT_LIMIT`` matches, which stops as soon as that many are found, and say
whether the count is exact; beyond the limit the caller narrows with filters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.core.paginator import Paginator
from django.utils.functional import cached_property
from rest_framework.response import Response

from onestop.api_pagination import PortalPagination

if TYPE_CHECKING:
    from django.db.models import QuerySet


class CappedPaginator(Paginator):
    """A Paginator whose ``count`` stops at the limit; ``count_exact`` tells which."""

    @cached_property
    def count_limit(self) -> int:
        return int(settings.DOSSIER_LIST_COUNT_LIMIT)

    @cached_property
    def _counted(self) -> int:
        # Counting a slice is a COUNT over a LIMIT subquery: it stops at limit + 1 rows.
        return cast("QuerySet[Any]", self.object_list)[: self.count_limit + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._counted, self.count_limit)

    @property
    def count_exact(self) -> bool:
        return self._counted <= self.count_limit


class DossierPagination(PortalPagination):
    """The portal's page shape plus ``count_exact`` (False once the count is capped)."""

    django_paginator_class = CappedPaginator

    def get_paginated_response(self, data: Any) -> Response:
        response = super().get_paginated_response(data)
        # Set by paginate_queryset, with a paginator of django_paginator_class.
        assert self.page is not None
        paginator = cast(CappedPaginator, self.page.paginator)
        response.data["count_exact"] = paginator.count_exact
        return response

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        shape = super().get_paginated_response_schema(schema)
        shape["properties"]["count_exact"] = {
            "type": "boolean",
            "description": "False when more dossiers match than `count` says (the limit).",
        }
        return shape
