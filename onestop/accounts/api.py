from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import exceptions, permissions, serializers
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from onestop.accounts.lockout import SignInLocked
from onestop.accounts.models import User
from onestop.accounts.requests import signed_in_user
from onestop.api_errors import ApiErrorSerializer
from onestop.throttling import LoginThrottle


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(label=_("tên đăng nhập"))
    password = serializers.CharField(label=_("mật khẩu"), style={"input_type": "password"})


class ObtainTokenView(ObtainAuthToken):
    """Exchange a username and password for a token (`Authorization: Token …`).

    DRF's serializer passes the request to ``authenticate``, so django-axes counts the
    failures per account and client address; once locked, the answer is 429 ``locked_out``.
    """

    throttle_classes = [LoginThrottle]

    @extend_schema(
        request=TokenRequestSerializer,
        responses={
            200: inline_serializer("Token", {"token": serializers.CharField()}),
            400: ApiErrorSerializer,
            429: OpenApiResponse(
                ApiErrorSerializer,
                description="`throttled` (too many requests from the address) or "
                "`locked_out` (too many wrong passwords for the account from the address).",
            ),
            503: OpenApiResponse(
                ApiErrorSerializer,
                description="`sign_in_unavailable`: attempts cannot be counted right now.",
            ),
        },
        tags=["auth"],
    )
    def post(self, request: Request, *args: object, **kwargs: object) -> Response:
        try:
            return super().post(request, *args, **kwargs)
        except exceptions.ValidationError:
            # axes marks the request it was given (this DRF request) when it refused.
            if getattr(request, "axes_locked_out", False):
                raise SignInLocked(request) from None
            raise


class MeSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(source="get_full_name")
    roles = serializers.ListField(child=serializers.CharField())
    agency = serializers.CharField(source="agency.code", default=None, allow_null=True)

    class Meta:
        model = User
        fields = ["username", "full_name", "roles", "agency"]


class MeView(APIView):
    """Who the caller is: username, full name, role codes and agency code."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=MeSerializer, tags=["auth"])
    def get(self, request: Request) -> Response:
        user = (
            User.objects.select_related("agency")
            .prefetch_related("groups")
            .get(pk=signed_in_user(request).pk)
        )
        return Response(MeSerializer(user).data)
