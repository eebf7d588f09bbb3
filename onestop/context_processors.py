from django.conf import settings
from django.http import HttpRequest


def portal(request: HttpRequest) -> dict[str, object]:
    """Names and contacts shown in every page's header and footer."""
    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "PORTAL_PROVINCE": settings.PORTAL_PROVINCE,
        "PORTAL_HOTLINE": settings.PORTAL_HOTLINE,
        "PORTAL_EMAIL": settings.PORTAL_EMAIL,
    }
