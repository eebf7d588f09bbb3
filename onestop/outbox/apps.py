from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "onestop.outbox"
    verbose_name = _("Hàng đợi tác vụ")
