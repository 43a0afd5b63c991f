"""The filters above an index page's listing, on django-filter.

Each filter is a select whose first option shows everything. A value that is
not one of the choices is ignored rather than refused, so a stale or
hand-edited link still shows a useful list (django-filter leaves out any field
that does not validate). ``core/includes/listing_filters.html`` renders the form.
"""

import django_filters
from django import forms


class ListingFiltersForm(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)


class ListingFilters(django_filters.FilterSet):
    class Meta:
        form = ListingFiltersForm

    @property
    def is_filtered(self):
        """Whether any filter with a valid value narrows the listing."""
        # Validation leaves cleaned_data holding the fields whose values are good.
        self.form.is_valid()
        return any(value not in (None, "") for value in self.form.cleaned_data.values())
