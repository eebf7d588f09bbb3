from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class WorkCalendarConfig(AppConfig):
    name = "onestop.calendar"
    label = "workcalendar"
    verbose_name = _("Lịch làm việc")

    def ready(self) -> None:
        # Cache invalidation, not domain flow: the signals also catch the admin's bulk
        # delete, which never calls Model.delete().
        from onestop.calendar.models import CalendarOverride

        post_save.connect(_forget_calendar, sender=CalendarOverride, dispatch_uid="workcal-save")
        post_delete.connect(
            _forget_calendar, sender=CalendarOverride, dispatch_uid="workcal-delete"
        )


def _forget_calendar(**kwargs: object) -> None:
    from onestop.calendar.default import invalidate

    invalidate()
