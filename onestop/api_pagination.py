from rest_framework.pagination import PageNumberPagination


class PortalPagination(PageNumberPagination):
    """`count`, `next`, `previous`, `results`; the caller may ask for up to 100 a page."""

    page_size_query_param = "page_size"
    max_page_size = 100
