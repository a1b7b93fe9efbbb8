from django import forms
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from courses.group_grants import read_addresses


class GroupGrantForm(forms.Form):
    group = forms.ModelChoiceField(
        label=_("Groep"),
        queryset=Group.objects.order_by("name"),
        help_text=_("Bijvoorbeeld de deelnemers van een studiedag of een cohorte."),
    )
    csv_file = forms.FileField(
        label=_("CSV-bestand met e-mailadressen"),
        help_text=_("Eén e-mailadres per rij, in de eerste kolom. Hoogstens 2 MB."),
    )

    def clean_csv_file(self):
        upload = self.cleaned_data["csv_file"]
        data = upload.read()
        read_addresses(data)  # a clear error now rather than a report full of noise
        self.cleaned_data["csv_data"] = data
        return upload
