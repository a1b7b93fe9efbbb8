"""Admin views of the learning offer."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from wagtail.admin.auth import permission_required

from courses.forms import GroupGrantForm
from courses.group_grants import grant_group

GRANT_PERMISSION = "accounts.change_user"


@permission_required(GRANT_PERMISSION)
def grant_group_view(request):
    """Upload a CSV of e-mail addresses and add those users to a group."""
    report = None
    form = GroupGrantForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        group = form.cleaned_data["group"]
        report = grant_group(group, form.cleaned_data["csv_data"])
        form = GroupGrantForm(initial={"group": group})
    return render(
        request,
        "courses/admin/grant_group.html",
        {"form": form, "report": report, "page_title": _("Groep toekennen")},
    )
