from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import permissions, serializers
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from onestop.accounts.models import User
from onestop.accounts.requests import signed_in_user


class LoginThrottle(AnonRateThrottle):
    scope = "login"


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(label=_("tên đăng nhập"))
    password = serializers.CharField(label=_("mật khẩu"), style={"input_type": "password"})


class ObtainTokenView(ObtainAuthToken):
    """Exchange a username and password for a token (`Authorization: Token …`)."""

    throttle_classes = [LoginThrottle]

    @extend_schema(
        request=TokenRequestSerializer,
        responses={200: inline_serializer("Token", {"token": serializers.CharField()})},
        tags=["auth"],
    )
    def post(self, request: Request, *args: object, **kwargs: object) -> Response:
        return super().post(request, *args, **kwargs)


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
