"""Page links for any paginated list: first and last pages, and a few around the current one."""

from collections.abc import Iterator

from django import template
from django.core.paginator import Page

register = template.Library()


@register.simple_tag
def page_links(page: Page) -> Iterator[int | str]:
    """Page numbers with the paginator's ellipsis string standing in for long gaps."""
    return page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
