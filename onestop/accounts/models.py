from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from onestop.accounts.roles import Role
from onestop.validators import validate_birth_date, validate_citizen_id, validate_phone


class User(AbstractUser):
    """A person using the portal: a citizen, or an officer who belongs to one agency."""

    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    agency = models.ForeignKey(
        "procedures.Agency",
        verbose_name=_("cơ quan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
    )
    citizen_id = models.CharField(
        _("số CCCD"), max_length=12, blank=True, validators=[validate_citizen_id]
    )
    date_of_birth = models.DateField(
        _("ngày sinh"), null=True, blank=True, validators=[validate_birth_date]
    )
    phone = models.CharField(
        _("điện thoại"), max_length=20, blank=True, validators=[validate_phone]
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)

    class Meta(AbstractUser.Meta):
        # The stubs type AbstractUser.Meta's names as str; Django accepts lazy text.
        verbose_name = _("người dùng")  # type: ignore[assignment]
        verbose_name_plural = _("người dùng")  # type: ignore[assignment]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.username

    @property
    def roles(self) -> list[str]:
        """Role codes, in the order of :class:`Role` (uses the prefetched groups if any)."""
        names = {group.name for group in self.groups.all()}
        return [role for role in Role.values if role in names]

    @property
    def is_officer(self) -> bool:
        return self.agency_id is not None
