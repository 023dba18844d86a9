"""The question form at the bottom of an organisation's pages: the organisation and content
page templates load this tag, so neither app imports this one."""

from django import template

from ..forms import QuestionForm
from ..views import notice_context

register = template.Library()


@register.inclusion_tag("questions/includes/question_form.html", takes_context=True)
def question_form(context, organisation, page_title=""):
    """The form and its personal-data notice if ``organisation`` takes questions; nothing
    otherwise. No CSRF token: see QuestionCreateView."""
    if organisation is None or not organisation.accepts_questions:
        return {"show": False}
    request = context.get("request")
    form = QuestionForm(
        initial={"page_url": request.path if request else "", "page_title": page_title}
    )
    return {"show": True, "form": form, "embedded": True, **notice_context(organisation)}
