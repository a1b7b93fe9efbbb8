from django import forms
from django.utils.translation import gettext_lazy as _

from newsletters.models import NewsletterList
from services.choices import Werkveld


class NewsletterChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.name


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    newsletters = NewsletterChoiceField(
        label=_("Nieuwsbrieven"),
        queryset=NewsletterList.objects.open_for_signup(),
        error_messages={"required": _("Kies minstens één nieuwsbrief.")},
    )
    werkveld = forms.ChoiceField(
        label=_("Je werkveld"),
        choices=Werkveld.choices,
        widget=forms.RadioSelect,
        help_text=_("Zo krijg je van Connected de editie voor jouw werkveld."),
        error_messages={"required": _("Kies je werkveld.")},
    )
    name = forms.CharField(
        label=_("Naam (niet verplicht)"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    organisation = forms.CharField(
        label=_("Organisatie (niet verplicht)"),
        max_length=200,
        required=False,
        help_text=_("Je bibliotheek, cultuurhuis of organisatie."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    # Hidden from people by CSS and from assistive technology by aria-hidden; bots
    # that fill in every field fill in this one too.
    website = forms.CharField(label=_("Laat dit veld leeg"), required=False)

    def caught_by_honeypot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class PreferencesForm(forms.Form):
    newsletters = NewsletterChoiceField(
        label=_("Mijn nieuwsbrieven"),
        queryset=NewsletterList.objects.none(),
        required=False,
    )
    werkveld = forms.ChoiceField(
        label=_("Werkveld"),
        choices=[("", _("Niet opgegeven"))] + list(Werkveld.choices),
        required=False,
    )
    name = forms.CharField(label=_("Naam"), max_length=150, required=False)
    organisation = forms.CharField(
        label=_("Organisatie"), max_length=200, required=False
    )
    tracking_consent = forms.BooleanField(
        label=_("Jullie mogen meten of ik de nieuwsbrief open en waarop ik klik"),
        required=False,
        help_text=_(
            "Zonder toestemming tellen we alleen hoeveel mensen samen openen en "
            "klikken, nooit wie."
        ),
    )

    def __init__(self, *args, offered=None, **kwargs):
        super().__init__(*args, **kwargs)
        if offered is not None:
            self.fields["newsletters"].queryset = offered


class ProfileSubscriptionsForm(forms.Form):
    newsletters = NewsletterChoiceField(
        label=_("Mijn nieuwsbrieven"),
        queryset=NewsletterList.objects.none(),
        required=False,
    )

    def __init__(self, *args, offered=None, **kwargs):
        super().__init__(*args, **kwargs)
        if offered is not None:
            self.fields["newsletters"].queryset = offered


class NewLinkForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-bestand"),
        help_text=_(
            "Kolommen: e-mail, naam, organisatie, werkveld, lijsten, "
            "toestemming_bron, toestemming_datum. Scheidingsteken komma of "
            "puntkomma; lijsten gescheiden door | (de slug van elke lijst)."
        ),
    )
