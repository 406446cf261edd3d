"""Each error of an admin form once, at its field.

A model's ``clean()`` judges the record as a whole ("a published image needs a caption"), so
Django shows its errors above the form, and a database constraint saying the same shows it a
second time. A model names where its errors belong (``ERROR_FIELDS``: an error's code, the
field it is about); the form moves them there when that field is on the form, and drops any
error already shown.
"""

from django.core.exceptions import NON_FIELD_ERRORS


class ErrorsAtFieldsMixin:
    def _post_clean(self):
        super()._post_clean()
        general = self._errors.get(NON_FIELD_ERRORS)
        if not general:
            return
        fields = getattr(self._meta.model, "ERROR_FIELDS", {})
        kept, shown = [], set()
        moved = []
        for error in general.as_data():
            text = " ".join(error.messages)
            if text in shown:
                continue
            shown.add(text)
            field = fields.get(error.code)
            if field in self.fields:
                moved.append((field, error))
            else:
                kept.append(error)
        if kept:
            self._errors[NON_FIELD_ERRORS] = self.error_class(
                kept, error_class="nonfield", renderer=self.renderer
            )
        else:
            del self._errors[NON_FIELD_ERRORS]
        for field, error in moved:
            if " ".join(error.messages) not in self.errors.get(field, []):
                self.add_error(field, error)
