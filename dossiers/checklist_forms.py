"""The applicant's case as yes/no questions, for the wizard and the counter intake form.

The questions are the conditions the procedure version's checklist uses
(``dossiers.applicability.questions``); a field is named ``dk_<key>`` after its condition.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dossiers.applicability import Question

YES, NO = "co", "khong"
PREFIX = "dk_"


def question_field(question: Question) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=question.text,
        choices=[(YES, _("Có")), (NO, _("Không"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Vui lòng trả lời câu hỏi này.")},
    )


def add_question_fields(form: forms.Form, questions: Iterable[Question]) -> None:
    for question in questions:
        form.fields[PREFIX + question.key] = question_field(question)


def answers_from(cleaned_data: Mapping[str, Any]) -> dict[str, bool]:
    return {
        name.removeprefix(PREFIX): value == YES
        for name, value in cleaned_data.items()
        if name.startswith(PREFIX)
    }


def initial_from(answers: Mapping[str, bool]) -> dict[str, str]:
    return {PREFIX + key: YES if value else NO for key, value in answers.items()}


class AnswersForm(forms.Form):
    """The wizard's questions; every one must be answered before the checklist shows."""

    def __init__(self, *args: Any, questions: Iterable[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_question_fields(self, questions)

    def answers(self) -> dict[str, bool]:
        return answers_from(self.cleaned_data)
