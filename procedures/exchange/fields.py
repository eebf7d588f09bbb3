"""Serializer fields that accept only the JSON types the exchange format names.

DRF's own fields coerce generously ("yes" becomes True, "12" becomes 12, 12 becomes "12"),
which would let a mistyped catalogue file through with a silently different meaning. These
fields take exactly what the format allows and say what is wrong, in Vietnamese.
"""

from __future__ import annotations

import datetime
import decimal
from typing import Any

from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

# DRF fills these with str.format(), hence the {braces} rather than %(name)s.
COMMON_MESSAGES = {
    "required": _("Thiếu trường bắt buộc."),
    "null": _("Không được để null."),
}
TEXT_MESSAGES = {
    "invalid": _("Phải là chuỗi ký tự."),
    "blank": _("Không được để trống."),
    "max_length": _("Dài quá {max_length} ký tự."),
    "min_length": _("Phải có ít nhất {min_length} ký tự."),
}
NUMBER_MESSAGES = {
    "min_value": _("Phải lớn hơn hoặc bằng {min_value}."),
    "max_value": _("Phải nhỏ hơn hoặc bằng {max_value}."),
    "max_string_length": _("Giá trị quá dài."),
}
LIST_MESSAGES = {
    "not_a_list": _("Phải là một danh sách."),
    "empty": _("Danh sách không được rỗng."),
    "min_length": _("Danh sách phải có ít nhất {min_length} phần tử."),
    "max_length": _("Danh sách có nhiều nhất {max_length} phần tử."),
}
OBJECT_MESSAGES = {"invalid": _("Phải là một đối tượng JSON (các cặp khóa: giá trị).")}


class StrictCharField(serializers.CharField):
    default_error_messages = {**COMMON_MESSAGES, **TEXT_MESSAGES}

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictSlugField(serializers.SlugField):
    default_error_messages = {
        **COMMON_MESSAGES,
        **TEXT_MESSAGES,
        "invalid": _("Chỉ gồm chữ không dấu, chữ số, dấu gạch ngang hoặc gạch dưới."),
    }

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictURLField(serializers.CharField):
    """An http(s) link; other schemes (javascript:, file:) are refused."""

    default_error_messages = {
        **COMMON_MESSAGES,
        **TEXT_MESSAGES,
        "invalid_url": _("Phải là liên kết http:// hoặc https:// hợp lệ."),
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators.append(
            URLValidator(schemes=["http", "https"], message=self.error_messages["invalid_url"])
        )

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictBooleanField(serializers.BooleanField):
    default_error_messages = {
        **COMMON_MESSAGES,
        "invalid": _("Phải là true hoặc false, không phải “{input}”."),
    }

    def to_internal_value(self, data: Any) -> bool:
        if not isinstance(data, bool):
            self.fail("invalid", input=data)
        return data


class StrictIntegerField(serializers.IntegerField):
    default_error_messages = {
        **COMMON_MESSAGES,
        **NUMBER_MESSAGES,
        "invalid": _("Phải là số nguyên."),
    }

    def to_internal_value(self, data: Any) -> int:
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictDecimalField(serializers.DecimalField):
    default_error_messages = {
        **COMMON_MESSAGES,
        **NUMBER_MESSAGES,
        "invalid": _("Phải là một số."),
        "max_digits": _("Không được quá {max_digits} chữ số."),
        "max_decimal_places": _("Không được quá {max_decimal_places} chữ số sau dấu thập phân."),
        "max_whole_digits": _("Không được quá {max_whole_digits} chữ số trước dấu thập phân."),
    }

    def to_internal_value(self, data: Any) -> decimal.Decimal:
        if isinstance(data, bool) or not isinstance(data, int | float | decimal.Decimal):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictChoiceField(serializers.ChoiceField):
    default_error_messages = {
        **COMMON_MESSAGES,
        "blank": TEXT_MESSAGES["blank"],
        "invalid_choice": _("Giá trị “{input}” không hợp lệ; chọn một trong: {choices}."),
    }

    def to_internal_value(self, data: Any) -> str:
        if data == "" and self.allow_blank:
            return ""
        if not isinstance(data, str) or data not in self.choice_strings_to_values:
            self.fail("invalid_choice", input=data, choices=", ".join(self.choices))
        return self.choice_strings_to_values[data]


class StrictDateField(serializers.DateField):
    default_error_messages = {
        **COMMON_MESSAGES,
        "invalid": _("Ngày không hợp lệ; dùng dạng YYYY-MM-DD."),
        "datetime": _("Phải là ngày (YYYY-MM-DD), không kèm giờ."),
    }

    def to_internal_value(self, data: Any) -> datetime.date:
        if not isinstance(data, str | datetime.date):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictListField(serializers.ListField):
    default_error_messages = {**COMMON_MESSAGES, **LIST_MESSAGES}


class ExchangeListSerializer(serializers.ListSerializer):
    default_error_messages = {**COMMON_MESSAGES, **LIST_MESSAGES}
