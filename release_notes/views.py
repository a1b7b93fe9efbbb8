"""Public pages: release-note history, latest and detail; known bugs; active banners."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from release_notes.banners import active_banners, banners_key
from release_notes.choices import BugStatus, ReleaseKind, ReleaseStatus
from release_notes.models import KnownBug, ReleaseNote
from services.models import Service

NOTES_PER_PAGE = 20
BUGS_PER_PAGE = 20
BANNER_MAX_AGE = 30
OPEN_FILTER = "open"


def _software_product(slug: str) -> Service:
    return get_object_or_404(Service.objects.active().software_products(), slug=slug)


def _private_if_restricted(response, restricted: bool):
    # Pre-releases must never land in a shared cache, whoever asked first.
    if restricted:
        patch_cache_control(response, private=True, no_store=True)
    return response


@require_GET
def index(request):
    """Every software product with its newest public release."""
    products = [
        {"service": service, "latest": ReleaseNote.objects.latest_for(service)}
        for service in Service.objects.active().software_products()
    ]
    return render(
        request, "release_notes/release_note_index.html", {"products": products}
    )


@require_GET
def history(request, service: str):
    """All release notes of a product that this visitor may read, newest first."""
    service = _software_product(service)
    notes = (
        ReleaseNote.objects.visible_to(request.user)
        .for_service(service)
        .prefetch_related("items")
        .newest_first()
    )
    kind = request.GET.get("soort", "")
    if kind in ReleaseKind.values:
        notes = notes.filter(kind=kind)
    notes_page = Paginator(notes, NOTES_PER_PAGE).get_page(request.GET.get("pagina"))
    restricted = any(note.status != ReleaseStatus.PUBLIC for note in notes_page)
    response = render(
        request,
        "release_notes/release_note_history.html",
        {
            "service": service,
            "notes_page": notes_page,
            "kinds": ReleaseKind.choices,
            "selected_kind": kind,
            "latest": ReleaseNote.objects.latest_for(service),
        },
    )
    return _private_if_restricted(response, restricted)


@require_GET
def latest(request, service: str):
    """The newest public release note of a product, at an address that never changes."""
    service = _software_product(service)
    note = ReleaseNote.objects.latest_for(service)
    return render(
        request,
        "release_notes/release_note_detail.html",
        {"service": service, "note": note, "is_latest_page": True},
    )


@require_GET
def detail(request, service: str, version: str):
    """One release note; a pre-release only for the system administrators."""
    service = _software_product(service)
    note = (
        ReleaseNote.objects.visible_to(request.user)
        .for_service(service)
        .filter(version=version)
        .prefetch_related("items__lesson", "items__known_bug")
        .first()
    )
    if note is None:
        shared_ahead = ReleaseNote.objects.pre_releases().filter(
            service=service, version=version
        )
        if not request.user.is_authenticated and shared_ahead.exists():
            return redirect_to_login(request.get_full_path())
        raise Http404
    response = render(
        request,
        "release_notes/release_note_detail.html",
        {
            "service": service,
            "note": note,
            "is_latest": note == ReleaseNote.objects.latest_for(service),
        },
    )
    return _private_if_restricted(response, not note.is_public)


@require_GET
def known_bugs(request):
    """Known bugs to check before filing a ticket, filtered by product and status."""
    products = Service.objects.active().software_products()
    service = products.filter(slug=request.GET.get("product", "")).first()
    status = request.GET.get("status", "")
    query = request.GET.get("q", "").strip()

    bugs = KnownBug.objects.published().select_related("service", "fixed_in__service")
    if service:
        bugs = bugs.filter(service=service)
    if status == OPEN_FILTER:
        bugs = bugs.filter(status__in=BugStatus.open_values())
    elif status in BugStatus.values:
        bugs = bugs.filter(status=status)
    else:
        status = ""
    if query:
        bugs = bugs.filter(
            Q(title__icontains=query)
            | Q(symptoms__icontains=query)
            | Q(workaround__icontains=query)
            | Q(ticket__iexact=query)
        )
    bugs_page = Paginator(bugs.open_first(), BUGS_PER_PAGE).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "release_notes/known_bug_list.html",
        {
            "bugs_page": bugs_page,
            "products": products,
            "selected_product": service,
            "statuses": [(OPEN_FILTER, _("Alle open bugs")), *BugStatus.choices],
            "selected_status": status,
            "query": query,
            "is_filtered": bool(service or status or query),
        },
    )


@require_GET
def known_bug(request, pk: int):
    bug = get_object_or_404(
        KnownBug.objects.published().select_related("service", "fixed_in__service"),
        pk=pk,
    )
    fixed_in = bug.fixed_in if bug.fixed_in and bug.fixed_in.is_public else None
    return render(
        request,
        "release_notes/known_bug_detail.html",
        {"bug": bug, "fixed_in": fixed_in},
    )


@require_GET
def banners_json(request):
    """The banners to show now; pages fetch this so cached pages still show them."""
    banners = active_banners()
    html = render_to_string(
        "release_notes/includes/banner_list.html", {"banners": banners}, request
    )
    response = JsonResponse(
        {
            "banners": [
                {
                    "severity": banner.severity,
                    "service": banner.service.name if banner.service_id else "",
                    "message": banner.message,
                    "link": banner.link_url,
                    "link_text": banner.link_text,
                    "ends_at": banner.ends_at.isoformat() if banner.ends_at else None,
                }
                for banner in banners
            ],
            "html": html,
            "key": banners_key(banners),
        }
    )
    patch_cache_control(response, public=True, max_age=BANNER_MAX_AGE)
    return response
