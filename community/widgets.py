"""The form renderer: Django's, with the plain <select> written in Python.

A filter form's selects (regions, subjects, languages, countries) are most of the cost of the
pages that show them: Django renders every <option> through two included templates. Here
`django/forms/widgets/select.html` (and its options) becomes the same markup built by
`format_html`, escaped the same way; every other widget keeps its template.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def _attrs(attrs):
    """django/forms/widgets/attrs.html: `False` leaves the attribute out, `True` writes its name."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            out.append(f" {conditional_escape(name)}")
        else:
            out.append(format_html(' {}="{}"', name, str(value)))
    return "".join(out)


def render_select(widget):
    parts = [format_html('<select name="{}"', widget["name"]), _attrs(widget["attrs"]), ">"]
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(format_html('\n  <optgroup label="{}">', group_name))
        for option in options:
            if option.get("template_name", OPTION) != OPTION:
                return None  # a custom option template: let Django render the whole widget
            parts.append(
                format_html(
                    '\n  <option value="{}"{}>{}</option>\n',
                    str(option["value"]),
                    mark_safe(_attrs(option["attrs"])),  # noqa: S308 - escaped by _attrs
                    option["label"],
                )
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308 - every part escaped


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name == SELECT and "widget" in context:
            html = render_select(context["widget"])
            if html is not None:
                return html
        return super().render(template_name, context, request=request)
