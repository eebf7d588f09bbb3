"""The vocabulary of the dossier workflow: states with their national codes, results, kinds."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Mới đăng ký")
    RECEIVED = "received", _("Được tiếp nhận")
    NOT_ACCEPTED = "not_accepted", _("Không được tiếp nhận")
    PROCESSING = "processing", _("Đang xử lý")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Yêu cầu bổ sung")
    AWAITING_PAYMENT = "awaiting_payment", _("Yêu cầu nghĩa vụ tài chính")
    WITHDRAWN = "withdrawn", _("Rút hồ sơ")
    STOPPED = "stopped", _("Dừng xử lý")
    RESOLVED = "resolved", _("Đã xử lý xong")
    RETURNED = "returned", _("Đã trả kết quả")


# Status codes of the National Public Service Portal (DVCQG); a draft has none.
NATIONAL_CODES: dict[str, int] = {
    State.SUBMITTED: 1,
    State.RECEIVED: 2,
    State.NOT_ACCEPTED: 3,
    State.PROCESSING: 4,
    State.SUPPLEMENT_REQUESTED: 5,
    State.AWAITING_PAYMENT: 6,
    State.WITHDRAWN: 7,
    State.STOPPED: 8,
    State.RESOLVED: 9,
    State.RETURNED: 10,
}

# States in which the agency still owes the applicant something: the ones deadlines watch.
OPEN_STATES = [
    State.SUBMITTED,
    State.RECEIVED,
    State.PROCESSING,
    State.SUPPLEMENT_REQUESTED,
    State.AWAITING_PAYMENT,
]
# States in which the legal clock runs (a dossier in supplement waits for the applicant).
CLOCK_STATES = [State.RECEIVED, State.PROCESSING, State.AWAITING_PAYMENT]
FINAL_STATES = [State.NOT_ACCEPTED, State.WITHDRAWN, State.STOPPED, State.RETURNED]


class Result(models.TextChoices):
    # The labels read as the result itself on every page: "Giải quyết: chấp thuận".
    GRANTED = "granted", _("Giải quyết: chấp thuận")
    REFUSED = "refused", _("Từ chối giải quyết")


class ApplicantKind(models.TextChoices):
    PERSON = "person", _("Công dân")
    ORGANISATION = "organisation", _("Tổ chức")


# Every transition of the state machine, in the order a dossier usually meets them.
TRANSITIONS = [
    "submit",
    "accept",
    "refuse",
    "request_supplement",
    "resubmit",
    "start_processing",
    "forward",
    "ask_supplement",
    "submit_for_decision",
    "send_back",
    "extend",
    "request_payment",
    "confirm_payment",
    "approve",
    "reject",
    "stop",
    "close_unsupplemented",
    "withdraw",
    "return_result",
]
