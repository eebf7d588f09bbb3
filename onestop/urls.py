from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, re_path
from django.views.i18n import JavaScriptCatalog, set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from dossiers.views.tracking import track_dossier
from onestop import views
from onestop.accounts.api import MeView, ObtainTokenView
from onestop.api import router
from onestop.bad_requests import api_not_found
from onestop.health import healthz

api_v1: list[URLPattern | URLResolver] = [
    path("auth/token/", ObtainTokenView.as_view(), name="auth-token"),
    path("auth/me/", MeView.as_view(), name="auth-me"),
    path("", include(router.urls)),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("ngon-ngu/", set_language, name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("tai-khoan/", include("onestop.accounts.urls")),
    path("thu-tuc/", include("procedures.urls")),
    path("lich-lam-viec/", include("onestop.calendar.urls")),
    path("ho-so/", include("dossiers.urls")),
    path("tra-cuu/", track_dossier, name="tracking"),
    path("quan-tri/", admin.site.urls),
    path("api/v1/", include((api_v1, "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start script from its own URL, not inline, so the
    # page works under the Content-Security-Policy.
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema", template_name="api/swagger_ui.html"
        ),
        name="api-docs",
    ),
    # Last: any other address under /api/ ending in a slash (a malformed id, say) is the
    # API's JSON 404; one without the slash is first redirected to it by APPEND_SLASH.
    re_path(r"^api/(?:.*/)?$", api_not_found),
]

handler400 = "onestop.bad_requests.bad_request"
handler404 = "onestop.bad_requests.not_found"

admin.site.site_header = settings.PORTAL_NAME
admin.site.site_title = settings.PORTAL_NAME
# A database failure outside a view answers 503 like one inside it (the middleware).
handler500 = "onestop.database_unavailable.server_error_or_unavailable"
