"""Build the POST data an admin change form would send back unchanged."""

from __future__ import annotations


def change_form_data(response) -> dict:
    """Return the change form's current values (main form, inlines, management forms)."""
    data: dict = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management.initial.get(name, 0)
        forms.extend(formset.forms)
    for form in forms:
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if callable(value):
                value = value()
            value = field.prepare_value(value)
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = "on" if value is True else value
            if field.show_hidden_initial:  # fields with callable defaults post their initial
                data[form.add_initial_prefix(name)] = data[form.add_prefix(name)]
    return data
