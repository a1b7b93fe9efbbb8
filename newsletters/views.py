"""Public pages: subscribe, confirm, preferences, unsubscribe, export and erasure.

Rule for every link that arrives by e-mail: a GET only shows a page (mail scanners
fetch links); only a POST changes anything.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from newsletters import privacy, throttling
from newsletters.addresses import address_fingerprint, client_fingerprint
from newsletters.forms import NewLinkForm, PreferencesForm, SubscribeForm
from newsletters.models import NewsletterList, Subscriber, Subscription
from newsletters.preferences import (
    PreferenceChanges,
    apply_preferences,
    confirmed_list_ids,
    lists_offered_to,
    unsubscribe_from_all,
)
from newsletters.preferences import unsubscribe as unsubscribe_from
from newsletters.profile import save_profile_subscriptions, verified_address
from newsletters.subscribing import (
    CONSENT_WORDING,
    SubscriptionRequest,
    confirm_subscription,
    pending_confirmation,
    request_new_link,
    request_subscription,
    resend_confirmation,
)
from newsletters.tasks import Notice, queue_notice
from newsletters.tokens import (
    ALL_LISTS,
    Purpose,
    TokenError,
    TokenExpired,
    read_token,
    subscriber_token,
)
from services.choices import Werkveld

ONE_CLICK_BODY = "List-Unsubscribe=One-Click"


GROUP_LABELS = [
    (NewsletterList.Kind.CONNECTED, gettext_lazy("Connected, voor jouw werkveld")),
    (NewsletterList.Kind.SERVICE, gettext_lazy("Nieuwsbrieven per dienst")),
    (NewsletterList.Kind.NOTIFICATION, gettext_lazy("Meldingen")),
]


def _grouped(newsletters, selected_ids) -> list[dict]:
    """Lists grouped by kind for the sign-up and preference forms."""
    groups = []
    for kind, label in GROUP_LABELS:
        items = [n for n in newsletters if n.kind == kind]
        if items:
            groups.append(
                {
                    "kind": kind,
                    "label": label,
                    "items": [(n, n.pk in selected_ids) for n in items],
                }
            )
    return groups


def _selected_ids(form) -> set[int]:
    raw = form.data.getlist("newsletters") if form.is_bound else []
    if not form.is_bound:
        raw = form.initial.get("newsletters", [])
    ids = set()
    for value in raw:
        try:
            ids.add(int(value))
        except (TypeError, ValueError):
            continue
    return ids


def _link_problem(request, purpose: Purpose, error: TokenError) -> HttpResponse:
    expired = isinstance(error, TokenExpired)
    return render(
        request,
        "newsletters/link_problem.html",
        {
            "expired": expired,
            "purpose": purpose.value,
            "form": NewLinkForm(),
        },
        status=410 if expired else 400,
    )


def _subscriber_for_token(purpose: Purpose, token: str):
    """(payload, subscriber) for a token; the subscriber is None once erased."""
    payload = read_token(purpose, token)
    subscriber = Subscriber.objects.filter(pk=payload["s"], email__isnull=False).first()
    return payload, subscriber


@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    newsletters = list(NewsletterList.objects.open_for_signup())
    if request.method == "POST":
        ip = throttling.client_ip(request)
        if not throttling.allow("client", client_fingerprint(ip) or "unknown"):
            return render(request, "newsletters/too_many_requests.html", status=429)
        form = SubscribeForm(request.POST)
        if form.is_valid():
            email = form.cleaned_data["email"]
            # Every valid submission gets the same answer: whether the address is
            # new, known, throttled or the honeypot was filled in, nobody can tell.
            if not form.caught_by_honeypot() and throttling.allow(
                "address", address_fingerprint(email)
            ):
                request_subscription(
                    SubscriptionRequest(
                        email=email,
                        newsletters=list(form.cleaned_data["newsletters"]),
                        werkveld=form.cleaned_data["werkveld"],
                        name=form.cleaned_data["name"],
                        organisation=form.cleaned_data["organisation"],
                        client_ip=ip,
                        wording=str(CONSENT_WORDING),
                    )
                )
            return redirect("newsletters:requested")
    else:
        preselected = [
            n.pk for n in newsletters if n.slug in request.GET.getlist("lijst")
        ]
        form = SubscribeForm(initial={"newsletters": preselected})
    return render(
        request,
        "newsletters/subscribe.html",
        {
            "form": form,
            "groups": _grouped(newsletters, _selected_ids(form)),
            "consent_wording": CONSENT_WORDING,
        },
    )


def requested(request):
    return render(request, "newsletters/requested.html")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token: str):
    try:
        payload, subscriber = _subscriber_for_token(Purpose.CONFIRM, token)
    except TokenError as error:
        return _link_problem(request, Purpose.CONFIRM, error)
    if subscriber is None:
        return _link_problem(request, Purpose.CONFIRM, TokenError())
    if request.method == "POST":
        confirmation = confirm_subscription(
            subscriber,
            payload.get("n", []),
            werkveld=payload.get("w", ""),
            client_ip=throttling.client_ip(request),
        )
        return render(
            request,
            "newsletters/confirmed.html",
            {
                "confirmation": confirmation,
                "preferences_url": _preferences_path(subscriber),
            },
        )
    return render(
        request,
        "newsletters/confirm.html",
        {
            "subscriber": subscriber,
            "newsletters": pending_confirmation(subscriber, payload.get("n", [])),
        },
    )


def _preferences_path(subscriber: Subscriber) -> str:
    token = subscriber_token(Purpose.PREFERENCES, subscriber.pk)
    return reverse("newsletters:preferences", args=[token])


def _describe(changes: PreferenceChanges) -> list[str]:
    lines = []
    if changes.subscribed:
        names = ", ".join(n.name for n in changes.subscribed)
        lines.append(_("Ingeschreven voor: %(names)s.") % {"names": names})
    if changes.unsubscribed:
        names = ", ".join(n.name for n in changes.unsubscribed)
        lines.append(_("Afgemeld voor: %(names)s.") % {"names": names})
    if changes.werkveld is not None:
        label = Werkveld(changes.werkveld).label if changes.werkveld else _("geen")
        lines.append(_("Werkveld gewijzigd naar: %(werkveld)s.") % {"werkveld": label})
    if changes.tracking_consent is True:
        lines.append(_("Je geeft toestemming om openen en klikken te meten."))
    elif changes.tracking_consent is False:
        lines.append(_("We meten niet meer of jij opent of klikt."))
    if changes.details_changed:
        lines.append(_("Je naam en organisatie zijn bijgewerkt."))
    return lines


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request, token: str):
    try:
        _payload, subscriber = _subscriber_for_token(Purpose.PREFERENCES, token)
    except TokenError as error:
        return _link_problem(request, Purpose.PREFERENCES, error)
    if subscriber is None:
        return _link_problem(request, Purpose.PREFERENCES, TokenError())

    offered = lists_offered_to(subscriber)
    action = request.POST.get("action", "save")
    if request.method == "POST" and action == "unsubscribe_all":
        ended = unsubscribe_from_all(subscriber, Subscription.Channel.PREFERENCES)
        if ended:
            names = ", ".join(n.name for n in ended)
            messages.success(
                request,
                _("Je bent afgemeld voor alle nieuwsbrieven: %(names)s.")
                % {"names": names},
            )
        else:
            messages.info(request, _("Je stond op geen enkele nieuwsbrief."))
        return redirect(request.path)
    if request.method == "POST" and action in ("export", "erase"):
        notice = Notice.EXPORT_LINK if action == "export" else Notice.ERASE_CONFIRM
        if throttling.allow("address", subscriber.email_fingerprint):
            queue_notice(notice, subscriber.pk)
        messages.success(
            request,
            _(
                "We hebben je een e-mail gestuurd met een link om je gegevens te "
                "downloaden."
            )
            if action == "export"
            else _(
                "We hebben je een e-mail gestuurd. Bevestig daarin dat we je "
                "gegevens mogen wissen."
            ),
        )
        return redirect(request.path)

    current = confirmed_list_ids(subscriber)
    if request.method == "POST":
        form = PreferencesForm(request.POST, offered=offered)
        if form.is_valid():
            changes = apply_preferences(
                subscriber,
                form.cleaned_data["newsletters"],
                offered,
                werkveld=form.cleaned_data["werkveld"],
                name=form.cleaned_data["name"],
                organisation=form.cleaned_data["organisation"],
                tracking_consent=form.cleaned_data["tracking_consent"],
            )
            lines = _describe(changes) or [_("Er is niets gewijzigd.")]
            messages.success(request, " ".join(lines))
            return redirect(request.path)
    else:
        form = PreferencesForm(
            offered=offered,
            initial={
                "newsletters": list(current),
                "werkveld": subscriber.werkveld,
                "name": subscriber.name,
                "organisation": subscriber.organisation,
                "tracking_consent": subscriber.tracking_consent,
            },
        )
    return render(
        request,
        "newsletters/preferences.html",
        {
            "subscriber": subscriber,
            "form": form,
            "groups": _grouped(
                list(offered), _selected_ids(form) if form.is_bound else current
            ),  # fmt: skip
        },
    )


@csrf_exempt
@never_cache
def unsubscribe(request, token: str):
    """One list, at once. The POST is RFC 8058's one-click: mail programs send it
    without cookies, so it needs no CSRF token; the signed URL is the proof."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    try:
        payload = read_token(Purpose.UNSUBSCRIBE, token)
    except TokenError as error:
        return _link_problem(request, Purpose.UNSUBSCRIBE, error)
    subscriber = Subscriber.objects.filter(pk=payload["s"]).first()
    all_lists = payload.get("n") == ALL_LISTS
    newsletter = NewsletterList.objects.filter(pk=payload.get("n")).first()
    if subscriber is None or (newsletter is None and not all_lists):
        return _link_problem(request, Purpose.UNSUBSCRIBE, TokenError())
    context = {
        "newsletter": newsletter,
        "all_lists": all_lists,
        "preferences_url": _preferences_path(subscriber) if subscriber.email else None,
    }

    if request.method == "POST":
        one_click = request.POST.get("List-Unsubscribe") == "One-Click"
        channel = (
            Subscription.Channel.ONE_CLICK if one_click else Subscription.Channel.PAGE
        )
        if all_lists:
            unsubscribe_from_all(subscriber, channel)
            done = _("Je bent afgemeld voor alle nieuwsbrieven.")
        else:
            unsubscribe_from(subscriber, newsletter, channel)
            done = _("Je bent afgemeld voor %(name)s.") % {"name": newsletter.name}
        if one_click:
            return HttpResponse(done, content_type="text/plain; charset=utf-8")
        return render(request, "newsletters/unsubscribed.html", context)
    subscriptions = Subscription.objects.filter(
        subscriber=subscriber,
        status__in=[Subscription.Status.CONFIRMED, Subscription.Status.PENDING],
    )
    if not all_lists:
        subscriptions = subscriptions.filter(newsletter=newsletter)
    context["subscribed"] = subscriptions.exists()
    return render(request, "newsletters/unsubscribe.html", context)


@never_cache
@require_http_methods(["GET", "HEAD"])
def export(request, token: str):
    try:
        _payload, subscriber = _subscriber_for_token(Purpose.EXPORT, token)
    except TokenError as error:
        return _link_problem(request, Purpose.EXPORT, error)
    if subscriber is None:
        return _link_problem(request, Purpose.EXPORT, TokenError())
    body = json.dumps(privacy.export_data(subscriber), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mijn-nieuwsbrieven.json"'
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def erase(request, token: str):
    try:
        _payload, subscriber = _subscriber_for_token(Purpose.ERASE, token)
    except TokenError as error:
        return _link_problem(request, Purpose.ERASE, error)
    if subscriber is None:
        # Already erased: say so rather than calling the link broken.
        return render(request, "newsletters/erased.html")
    if request.method == "POST":
        privacy.erase(subscriber)
        return render(request, "newsletters/erased.html")
    return render(request, "newsletters/erase.html", {"subscriber": subscriber})


@require_http_methods(["GET", "HEAD", "POST"])
def new_link(request):
    """Ask for a fresh link; the same answer whether the address is known or not."""
    form = NewLinkForm(request.POST or None)
    if request.method == "POST":
        ip = throttling.client_ip(request)
        if not throttling.allow("client", client_fingerprint(ip) or "unknown"):
            return render(request, "newsletters/too_many_requests.html", status=429)
        expired = request.POST.get("token", "")
        if expired:
            _resend_for_expired(expired)
            return redirect("newsletters:requested")
        if form.is_valid():
            email = form.cleaned_data["email"]
            if throttling.allow("address", address_fingerprint(email)):
                request_new_link(email)
            return redirect("newsletters:requested")
    return render(request, "newsletters/new_link.html", {"form": form})


def _resend_for_expired(token: str) -> None:
    try:
        read_token(Purpose.CONFIRM, token)
        return  # still valid: the page it came from works
    except TokenExpired as expired:
        payload = expired.payload
    except TokenError:
        return
    subscriber = Subscriber.objects.filter(
        pk=payload.get("s"), email__isnull=False
    ).first()
    if subscriber and throttling.allow("address", subscriber.email_fingerprint):
        resend_confirmation(subscriber, payload.get("n") or None)


@login_required
@require_POST
def profile_subscriptions(request):
    email = verified_address(request.user)
    if email is None:
        messages.error(request, _("Bevestig eerst je e-mailadres."))
        return redirect("accounts:profile")
    changes = save_profile_subscriptions(request.user, email, request.POST)
    lines = _describe(changes) or [_("Er is niets gewijzigd.")]
    messages.success(request, " ".join(lines))
    return redirect("accounts:profile")
