"""Telling machine events from people's: mail-privacy proxies and prefetchers that
load every pixel, link scanners that follow every link.

Each rule gives a reason, kept with the event (or its count), so an editor can see
why an open or a click was set aside; every rate is shown human and raw. The rules,
in the order they are tried:

opens  — ``apple-mpp``: Apple Mail Privacy Protection (its fixed agent
         ``Mozilla/5.0`` or Apple's 17.0.0.0/8); ``proxy-agent``: a known
         prefetching proxy or security gateway; ``at-delivery``: within
         ``OPEN_PREFETCH_SECONDS`` of the delivery (no person reads that fast; a
         Gmail image-proxy fetch later on is a person opening the mail);
         ``no-agent``: no user agent at all.
clicks — ``head``: a HEAD request (browsers send GET); ``scanner-agent``: a known
         link scanner or HTTP library; ``at-delivery``: within
         ``CLICK_AT_DELIVERY_SECONDS`` of the delivery; ``burst``: the same
         recipient following ``BURST_LINKS`` or more different links within
         ``BURST_SECONDS`` (people read between clicks; scanners open them all).
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

OPEN_PREFETCH_SECONDS = 10
CLICK_AT_DELIVERY_SECONDS = 60
BURST_SECONDS = 10
BURST_LINKS = 3

APPLE_NETWORK = ipaddress.ip_network("17.0.0.0/8")
_PROXY_AGENTS = re.compile(
    r"YahooMailProxy|Barracuda|Mimecast|Proofpoint|Symantec|Trend ?Micro|"
    r"MessageLabs|Cisco|IronPort|Forcepoint|Sophos|SpamTitan|Hornet",
    re.I,
)
_SCANNER_AGENTS = re.compile(
    r"bot\b|crawler|spider|BingPreview|Barracuda|Mimecast|Proofpoint|Symantec|"
    r"Trend ?Micro|MessageLabs|Cisco|IronPort|Forcepoint|Sophos|Zscaler|FortiGuard|"
    r"urlscan|SafeLinks|python-requests|python-urllib|curl/|Wget|Go-http-client|"
    r"okhttp|Java/|libwww|HeadlessChrome|PhantomJS",
    re.I,
)


@dataclass(frozen=True)
class Verdict:
    machine: bool
    reason: str = ""


HUMAN = Verdict(False)


def _in_apple_network(network: str) -> bool:
    try:
        return ipaddress.ip_network(network, strict=False).subnet_of(APPLE_NETWORK)
    except (ValueError, TypeError):
        return False


def classify_open(
    user_agent: str, network: str, seconds_after_delivery: float | None
) -> Verdict:
    """Whether an open was a person's, and if not, why."""
    agent = user_agent.strip()
    if agent == "Mozilla/5.0" or _in_apple_network(network):
        return Verdict(True, "apple-mpp")
    if _PROXY_AGENTS.search(agent):
        return Verdict(True, "proxy-agent")
    if (
        seconds_after_delivery is not None
        and seconds_after_delivery < OPEN_PREFETCH_SECONDS
    ):
        return Verdict(True, "at-delivery")
    if not agent:
        return Verdict(True, "no-agent")
    return HUMAN


def classify_click(
    user_agent: str,
    head: bool,
    seconds_after_delivery: float | None,
    links_in_burst: int,
) -> Verdict:
    """Whether a click was a person's; ``links_in_burst`` is the number of different
    links the same recipient followed within ``BURST_SECONDS`` of this click."""
    if head:
        return Verdict(True, "head")
    if not user_agent.strip() or _SCANNER_AGENTS.search(user_agent):
        return Verdict(True, "scanner-agent")
    if (
        seconds_after_delivery is not None
        and seconds_after_delivery < CLICK_AT_DELIVERY_SECONDS
    ):
        return Verdict(True, "at-delivery")
    if links_in_burst >= BURST_LINKS:
        return Verdict(True, "burst")
    return HUMAN


REASON_LABELS = {
    "apple-mpp": _("Apple Mail Privacy Protection"),
    "proxy-agent": _("Proxy of beveiligingsgateway"),
    "at-delivery": _("Binnen enkele seconden na aflevering"),
    "no-agent": _("Zonder user agent"),
    "head": _("HEAD-verzoek"),
    "scanner-agent": _("Bekende linkscanner"),
    "burst": _("Veel links tegelijk"),
}
