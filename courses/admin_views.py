"""Admin views of the learning offer."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.admin.auth import permission_required
from wagtail.models import Page

from courses.forms import GroupGrantForm
from courses.group_grants import grant_group
from courses.staleness import mark_reviewed

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


@require_POST
def mark_reviewed_view(request, page_id: int):
    """An editor checked a stale page and found nothing to change."""
    page = get_object_or_404(Page, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    mark_reviewed(page)
    messages.success(
        request, _("“%(title)s” is gemarkeerd als nagekeken.") % {"title": page.title}
    )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = reverse("courses_stale_content")
    return redirect(target)
