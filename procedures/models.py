"""The catalogue of administrative procedures (thủ tục hành chính).

A :class:`Procedure` is the editable, current description of one national procedure code.
Whenever a published procedure changes, :func:`procedures.services.record_version` freezes
its whole content into an immutable :class:`ProcedureVersion`; dossiers point at the
version they were received under, so a later edit never rewrites what a citizen was told.
"""

from __future__ import annotations

from typing import Self

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from onestop.text import fold
from procedures import search
from procedures.search import searchable_text

procedure_code_validator = RegexValidator(
    r"^\d\.\d{6}$", _("Mã thủ tục có dạng N.NNNNNN, ví dụ 1.001193.")
)
agency_code_validator = RegexValidator(
    r"^[0-9A-Z]{2,3}(\.[0-9A-Z]{2,3}){3}$",
    _("Mã cơ quan có dạng 000.00.00.H38 (mã định danh theo Thông tư 10/2016/TT-BTTTT)."),
)


class Channel(models.TextChoices):
    ONLINE = "online", _("Trực tuyến")
    COUNTER = "counter", _("Trực tiếp")
    POSTAL = "postal", _("Dịch vụ bưu chính")


class TimeUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("ngày làm việc")
    CALENDAR_DAYS = "calendar_days", _("ngày")
    WORKING_HOURS = "working_hours", _("giờ làm việc")
    SAME_DAY = "same_day", _("trong ngày")


class Level(models.TextChoices):
    MINISTRY = "ministry", _("Cấp bộ")
    PROVINCE = "province", _("Cấp tỉnh")
    COMMUNE = "commune", _("Cấp xã")
    OTHER = "other", _("Cơ quan khác")


class OnlineMode(models.TextChoices):
    FULL = "full", _("Toàn trình")
    PARTIAL = "partial", _("Một phần")
    OFFLINE = "offline", _("Không trực tuyến")


class SupplementPolicy(models.TextChoices):
    RESTART = "restart", _("Tính lại từ đầu khi nhận đủ hồ sơ")
    PAUSE = "pause", _("Tạm dừng trong thời gian bổ sung")


class Agency(models.Model):
    """A state agency or unit, in a tree: province → departments and communes."""

    code = models.CharField(
        _("mã định danh"), max_length=20, unique=True, validators=[agency_code_validator]
    )
    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên ngắn"), max_length=100, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan cấp trên"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices)
    has_one_stop_desk = models.BooleanField(_("có bộ phận một cửa"), default=False)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")

    def __str__(self) -> str:
        return self.name

    def subtree_ids(self) -> list[int]:
        """This agency and every agency below it (the tree is a few hundred rows deep at most)."""
        ids, frontier = [self.pk], [self.pk]
        while frontier:
            frontier = list(
                Agency.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
            )
            ids.extend(frontier)
        return ids


class Field(models.Model):
    """A field of state management (lĩnh vực), e.g. Hộ tịch."""

    code = models.SlugField(_("mã"), max_length=80, unique=True)
    name = models.CharField(_("tên"), max_length=255, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")

    def __str__(self) -> str:
        return self.name


class ProcedureQuerySet(models.QuerySet["Procedure"]):
    def published(self) -> Self:
        return self.filter(is_published=True)

    def search(self, query: str) -> Self:
        """Procedures whose code or name match the query's words, ignoring accents and case,
        annotated with ``search_rank`` (how many terms matched) and ``search_whole`` (how
        many as whole words); see procedures/search.py.
        """
        found = search.terms(query)
        if not found:
            return self
        required = search.required_matches(len(found))
        result = self.annotate(
            search_rank=search.rank_expression(found),
            search_whole=search.rank_expression(found, whole=True),
        )
        if required == len(found):
            # Each term a condition of its own, which the trigram index serves directly.
            for term in found:
                result = result.filter(term.condition())
            return result
        anywhere = Q()
        for term in found:
            anywhere |= term.condition()
        return result.filter(anywhere, search_rank__gte=required)

    def best_matches_first(self) -> Self:
        """After :meth:`search`, the rows matching most terms as whole words first; then
        frequent procedures, then (after a search) the rows matching most terms at all, then
        the shortest names: "khai sinh" lists "Đăng ký khai sinh" before "Đăng ký khai sinh
        có yếu tố nước ngoài tại khu vực biên giới"."""
        if "search_rank" not in self.query.annotations:
            return self.order_by("-is_frequent", Length("name"), "code")
        return self.order_by(
            "-search_whole", "-is_frequent", "-search_rank", Length("name"), "code"
        )

    def with_details(self) -> Self:
        return self.select_related("field").prefetch_related(
            "levels",
            "agencies",
            "processing_times",
            "fees",
            "documents",
            "steps",
            "legal_bases",
        )


class Procedure(models.Model):
    code = models.CharField(
        _("mã thủ tục"), max_length=10, unique=True, validators=[procedure_code_validator]
    )
    name = models.CharField(_("tên thủ tục"), max_length=500)
    field = models.ForeignKey(
        Field, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, related_name="procedures"
    )
    agencies = models.ManyToManyField(
        Agency, verbose_name=_("cơ quan thực hiện"), blank=True, related_name="procedures"
    )
    authority = models.TextField(_("cơ quan có thẩm quyền"), blank=True)
    applicants = models.TextField(_("đối tượng thực hiện"), blank=True)
    conditions = models.TextField(_("yêu cầu, điều kiện"), blank=True)
    result = models.TextField(_("kết quả thực hiện"), blank=True)
    decision_number = models.CharField(_("quyết định công bố"), max_length=100, blank=True)
    online_mode = models.CharField(
        _("dịch vụ công trực tuyến"),
        max_length=10,
        choices=OnlineMode.choices,
        default=OnlineMode.OFFLINE,
    )
    supplement_policy = models.CharField(
        _("khi yêu cầu bổ sung"),
        max_length=10,
        choices=SupplementPolicy.choices,
        default=SupplementPolicy.RESTART,
    )
    # Decree 118/2025 Điều 19(5): the desk closes a dossier not supplemented within 15 days
    # of the request "trừ trường hợp pháp luật chuyên ngành có quy định khác"; a procedure
    # whose specialised law sets another period carries it here. Null: the decree's 15 days.
    supplement_period_days = models.PositiveSmallIntegerField(
        _("thời hạn bổ sung hồ sơ (ngày)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_(
            "Số ngày kể từ khi yêu cầu bổ sung mà người nộp không bổ sung thì bộ phận một cửa "
            "đóng hồ sơ, khi pháp luật chuyên ngành quy định khác; để trống là 15 ngày theo "
            "Điều 19 khoản 5 Nghị định 118/2025/NĐ-CP."
        ),
    )
    on_the_spot = models.BooleanField(_('giải quyết "4 tại chỗ"'), default=False)
    # Part of a group of inter-agency procedures (nhóm thủ tục hành chính liên thông): its
    # dossiers are coded with the receiving desk's identifier (Decree 118/2025 Điều 28(2)(a)).
    is_inter_agency = models.BooleanField(
        _("thuộc nhóm thủ tục liên thông"),
        default=False,
        help_text=_(
            "Mã số hồ sơ của thủ tục liên thông dùng mã định danh của bộ phận một cửa nơi "
            "tiếp nhận, không dùng mã của cơ quan giải quyết."
        ),
    )
    is_frequent = models.BooleanField(_("thủ tục thường xuyên"), default=False)
    effective_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    effective_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    is_published = models.BooleanField(_("công bố"), default=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=0, editable=False)
    # Folded words of the code and name, kept by save() (procedures/search.py): the column
    # the accent-insensitive word search scans.
    search_text = models.TextField(editable=False, default="")
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    objects = ProcedureQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        indexes = [
            models.Index(fields=["field", "code"], name="procedure_field_idx"),
            models.Index(fields=["online_mode", "code"], name="procedure_online_mode_idx"),
            models.Index(
                fields=["code"], name="procedure_published_idx", condition=Q(is_published=True)
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_from__isnull=True)
                | Q(effective_to__gte=models.F("effective_from")),
                name="procedure_effective_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_text = searchable_text(self.code, self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse("procedures:detail", kwargs={"code": self.code})


class ProcedureLevel(models.Model):
    """One level at which a procedure is carried out; a procedure may have several."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="levels")
    level = models.CharField(_("cấp thực hiện"), max_length=10, choices=Level.choices)

    class Meta:
        verbose_name = _("cấp thực hiện")
        verbose_name_plural = _("cấp thực hiện")
        constraints = [
            models.UniqueConstraint(fields=["level", "procedure"], name="procedure_level_unique")
        ]

    def __str__(self) -> str:
        return self.get_level_display()


class ProcessingTime(models.Model):
    """The time limit (thời hạn giải quyết) for one submission channel."""

    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="processing_times"
    )
    channel = models.CharField(_("hình thức nộp"), max_length=10, choices=Channel.choices)
    amount = models.DecimalField(
        _("thời hạn"), max_digits=6, decimal_places=1, validators=[MinValueValidator(0)]
    )
    unit = models.CharField(_("đơn vị"), max_length=15, choices=TimeUnit.choices)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["procedure", "channel"]
        verbose_name = _("thời hạn giải quyết")
        verbose_name_plural = _("thời hạn giải quyết")
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "channel"], name="processing_time_per_channel"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()}: {self.amount:g} {self.get_unit_display()}"


class Fee(models.Model):
    """A fee or charge line (phí, lệ phí); no amount means free or set locally."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="fees")
    channel = models.CharField(
        _("hình thức nộp"), max_length=10, choices=Channel.choices, blank=True
    )
    name = models.CharField(_("tên phí, lệ phí"), max_length=500)
    amount_vnd = models.PositiveBigIntegerField(_("mức thu (đồng)"), null=True, blank=True)
    exemption = models.TextField(_("miễn, giảm"), blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["procedure", "order", "pk"]
        verbose_name = _("phí, lệ phí")
        verbose_name_plural = _("phí, lệ phí")

    def __str__(self) -> str:
        return self.name

    @property
    def is_free(self) -> bool:
        """No charge: a zero amount, or a line the portal publishes as "Miễn phí"."""
        return self.amount_vnd == 0 or (
            self.amount_vnd is None and fold(self.exemption).startswith("mien phi")
        )


class DocumentForm(models.TextChoices):
    ORIGINAL = "original", _("Bản chính")
    COPY = "copy", _("Bản sao")
    CERTIFIED_COPY = "certified_copy", _("Bản sao có chứng thực")
    PRESENT = "present", _("Xuất trình")


class RequiredDocument(models.Model):
    """One item of the dossier checklist (thành phần hồ sơ)."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="documents")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.TextField(_("tên giấy tờ"))
    form = models.CharField(
        _("loại bản"), max_length=15, choices=DocumentForm.choices, default=DocumentForm.ORIGINAL
    )
    quantity = models.PositiveSmallIntegerField(_("số lượng"), default=1)
    is_mandatory = models.BooleanField(_("bắt buộc"), default=True)
    template_name = models.CharField(_("mẫu đơn, tờ khai"), max_length=255, blank=True)
    template_file = models.FileField(_("tệp mẫu"), upload_to="procedure-templates/", blank=True)
    # When the row applies (docs/catalogue-format.md, "When a row applies"): channels it is
    # limited to (empty: every channel), the yes/no question it depends on
    # ({"key", "question"} or null) and the alternatives group it belongs to ("" for none).
    channels = models.JSONField(_("chỉ áp dụng cho hình thức nộp"), default=list, blank=True)
    condition = models.JSONField(_("điều kiện áp dụng"), null=True, blank=True)
    alternative_group = models.CharField(_("nhóm thay thế"), max_length=80, blank=True)
    template_url = models.URLField(_("liên kết tới mẫu"), max_length=500, blank=True)

    class Meta:
        ordering = ["procedure", "order", "pk"]
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")

    def __str__(self) -> str:
        return self.name[:80]

    @property
    def applicability(self) -> str:
        """The row's applicability class (see procedures.portal_records.applicability)."""
        from procedures.portal_records.applicability import applicability_class

        return applicability_class(
            {
                "is_mandatory": self.is_mandatory,
                "alternative_group": self.alternative_group,
                "condition": self.condition,
                "channels": self.channels,
            }
        )


class ProcedureStep(models.Model):
    """An ordered processing step (trình tự thực hiện), each ending where the next starts."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    description = models.TextField(_("nội dung"))
    agency_role = models.CharField(_("đơn vị thực hiện"), max_length=255, blank=True)
    duration = models.DecimalField(
        _("thời gian"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    duration_unit = models.CharField(
        _("đơn vị"), max_length=15, choices=TimeUnit.choices, blank=True
    )

    class Meta:
        ordering = ["procedure", "order", "pk"]
        verbose_name = _("bước thực hiện")
        verbose_name_plural = _("bước thực hiện")

    def __str__(self) -> str:
        return self.description[:80]


class LegalBasis(models.Model):
    """A legal document the procedure rests on (căn cứ pháp lý)."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="legal_bases")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    number = models.CharField(_("số, ký hiệu"), max_length=100, blank=True)
    title = models.TextField(_("trích yếu"))

    class Meta:
        ordering = ["procedure", "order", "pk"]
        verbose_name = _("căn cứ pháp lý")
        verbose_name_plural = _("căn cứ pháp lý")

    def __str__(self) -> str:
        return self.number or self.title[:80]


class ProcedureVersion(models.Model):
    """An immutable snapshot of a published procedure, in the catalogue exchange format."""

    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("phiên bản"))
    content = models.JSONField(_("nội dung"))
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        ordering = ["procedure", "-number"]
        verbose_name = _("phiên bản thủ tục")
        verbose_name_plural = _("phiên bản thủ tục")
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"], name="procedure_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.procedure.code} v{self.number}"

    def time_limit(self, channel: str) -> tuple[float, str] | None:
        """(amount, unit) for `channel` as it was in this version, or None if not offered."""
        for row in self.content.get("processing_times", []):
            if row["channel"] == channel:
                return float(row["amount"]), row["unit"]
        return None


def checklist_row_key(name: str) -> str:
    """The folded name a correction finds its row by: case, accents and spacing ignored."""
    return fold(name)


class ChecklistCorrection(models.Model):
    """An administrator's correction of when one checklist row applies.

    The catalogue build classifies rows by rules (procedures.portal_records.applicability);
    where a rule is wrong, this says what is right. It names the row by procedure code and
    row name rather than by database id, so it still finds the row after a rebuild and
    re-import replaced every row (see docs/adr/0012-checklist-corrections.md).
    """

    procedure_code = models.CharField(
        _("mã thủ tục"), max_length=10, validators=[procedure_code_validator]
    )
    row_name = models.TextField(
        _("tên giấy tờ"), help_text=_("Như in trong danh mục; không phân biệt hoa thường, dấu.")
    )
    row_key = models.TextField(editable=False)
    is_mandatory = models.BooleanField(
        _("bắt buộc"), default=True, help_text=_("Bỏ chọn nếu chỉ nộp khi có (“nếu có”).")
    )
    channels = models.JSONField(_("chỉ áp dụng cho hình thức nộp"), default=list, blank=True)
    condition_key = models.SlugField(_("mã điều kiện"), max_length=80, blank=True)
    condition_question = models.CharField(_("câu hỏi điều kiện"), max_length=255, blank=True)
    alternative_group = models.SlugField(_("nhóm thay thế"), max_length=80, blank=True)
    template_url = models.URLField(_("liên kết tới mẫu"), max_length=500, blank=True)
    note = models.TextField(_("lý do sửa"), blank=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    class Meta:
        ordering = ["procedure_code", "pk"]
        verbose_name = _("sửa thành phần hồ sơ")
        verbose_name_plural = _("sửa thành phần hồ sơ")
        constraints = [
            models.UniqueConstraint(
                fields=["procedure_code", "row_key"], name="checklist_correction_unique_row"
            )
        ]

    def __str__(self) -> str:
        return f"{self.procedure_code}: {self.row_name[:60]}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.row_key = checklist_row_key(self.row_name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def condition(self) -> dict[str, str] | None:
        if not self.condition_key:
            return None
        return {"key": self.condition_key, "question": self.condition_question}

    def row_values(self) -> dict[str, object]:
        """The keys of a checklist row (exchange format) this correction sets."""
        return {
            "is_mandatory": self.is_mandatory,
            "channels": list(self.channels),
            "condition": self.condition,
            "alternative_group": self.alternative_group,
            "template_url": self.template_url,
        }
