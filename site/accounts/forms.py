from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.users.forms import UserCreationForm, UserEditForm

from accounts.models import User
from services.choices import Werkveld

PROFILE_FIELDS = ["first_name", "last_name", "organisation", "werkveld"]


class ProfileFieldsMixin(forms.Form):
    """The profile fields, worded the same on the sign-up and the profile form."""

    first_name = forms.CharField(label=_("Voornaam"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Familienaam"), max_length=150, required=False)
    organisation = forms.CharField(
        label=_("Organisatie"),
        max_length=200,
        required=False,
        help_text=_("Je bibliotheek, cultuurhuis of organisatie."),
    )
    werkveld = forms.ChoiceField(
        label=_("Werkveld"),
        choices=[("", _("Kies je werkveld"))] + list(Werkveld.choices),
        required=False,
    )


class ProfileForm(ProfileFieldsMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = PROFILE_FIELDS


class ProfileSignupForm(ProfileFieldsMixin):
    """Extra fields on allauth's sign-up form; allauth calls ``signup`` after saving."""

    def signup(self, request, user):
        for field in PROFILE_FIELDS:
            setattr(user, field, self.cleaned_data.get(field, ""))
        user.save(update_fields=PROFILE_FIELDS)


class AdminUserCreationForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | {"organisation", "werkveld"}


class AdminUserEditForm(UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | {"organisation", "werkveld"}
