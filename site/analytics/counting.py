"""Counting page views and visits without cookies, third parties or personal data.

**How a view is counted: a same-origin beacon.** Every countable page carries one
deferred static script (``static/analytics/teller.js``; the strict CSP allows it,
nothing inline). When the page is actually shown it posts one small
``navigator.sendBeacon`` to ``/teller/``. A beacon rather than counting in a
middleware, because:

- pages served from a cache (a reverse proxy or CDN in front of the site, the
  browser's back/forward cache) never reach Django, but their script still runs and
  counts the view; a middleware would miss exactly the most popular pages;
- prefetched and prerendered pages are counted only when the person really opens
  them (the script waits for ``document.prerendering`` to end), not when the browser
  merely guesses;
- most crawlers and link checkers do not run scripts at all.

The price: someone who turns JavaScript off or blocks the script is not counted.

The server decides which pages carry the beacon (``beacon_target``): Wagtail pages
and the main public views (search, release notes, known bugs, newsletter sign-up)
rendered with status 200 as HTML; never the admin, previews, error pages (404,
403 for a locked lesson, 500), feeds, JSON, static files or health checks, since
those templates do not carry it.

**What a beacon must pass** (``refusal``): a POST, same-origin
(``Sec-Fetch-Site``), with a user agent that is not a known bot, crawler,
monitoring service or headless browser, not sent while prefetching or prerendering
(``Sec-Purpose``/``Purpose: prefetch``) and naming a valid target.

**Do Not Track and Global Privacy Control.** A view with ``DNT: 1`` or
``Sec-GPC: 1`` still counts as a page view (the organisation's indicator is about
pages being read, and a bare counter says nothing about anyone), but for that
request nothing about the visitor is processed at all, not even the daily hash: it
adds to ``untracked_views`` and to no visitor, visit or duration. Visitor figures
are therefore a slight undercount, by the share of people who send the signal.

**The daily hash.** Visitors are told apart within one day only, by a hash of a
random salt of that day with the address and user agent (or, for someone signed in,
the account id). The salt is made on the first hit of the day, kept only in Redis
with a TTL that ends shortly after midnight, and never written to the database or a
log. During the day, whoever can read Redis could still test whether one known
address visited; once the salt expires nobody, the operator included, can recompute
yesterday's hashes. The hashes themselves stay in Redis for at most ``STATE_TTL``
and never reach the database: the aggregates in ``models.py`` hold counts only. No
cookie is set and nothing is stored in the browser. Consequence, said in the admin
as well: without cookies a visitor who comes back tomorrow is a new visitor;
"returning" for anonymous visitors can only mean "came back the same day".

A day's visitor counts at most ``MAX_VIEWS_PER_VISITOR`` views, so one client
posting beacons in a loop cannot inflate the indicator much.

**A visit** ends after ``IDLE_SECONDS`` without a hit. The time on the platform of
a day's visitor is the sum of the gaps between their hits within a visit; the
beacon also reports when the page is hidden (a "leave" hit, which extends the time
but counts no view), so reading the last page of a visit counts too.

Hits are buffered in one Redis hash (a Lua script, one round trip and atomic) and
summed into the daily rows every minute by ``flushing.py``. Without Redis
(``REDIS_URL`` unset, as in a bare ``make run``) nothing is counted and the admin
page says so.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache

import redis

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

IDLE_SECONDS = 30 * 60
# Visitor states outlive their day long enough for the day to be closed.
STATE_TTL = 3 * 24 * 3600
# No one reads this many pages in a day: beyond it, posted beacons are a script
# inflating the counts, and they stop counting.
MAX_VIEWS_PER_VISITOR = 300
# The salt may be asked for a little after midnight by a request that began before.
SALT_GRACE_SECONDS = 120

BOT_AGENTS = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|scrap|scan|headless|lighthouse|pagespeed|"
    r"pingdom|uptime|monitor|statuscake|newrelic|datadog|preview|prerender|"
    r"facebookexternalhit|embedly|whatsapp|telegram|discord|skype|slack|"
    r"curl|wget|python|httpx|aiohttp|go-http|java/|okhttp|libwww|httpclient|"
    r"phantomjs|selenium|puppeteer|playwright|feedfetcher|validator",
    re.IGNORECASE,
)
TARGET_PATTERN = re.compile(r"^(page:\d{1,10}|view:[a-z_:]{1,60}(@[a-z0-9-]{1,60})?)$")

# The public views besides Wagtail pages that count, by URL name.
COUNTED_VIEWS = {
    "search": "Zoeken",
    "release_notes:index": "Release notes",
    "release_notes:history": "Release notes van een dienst",
    "release_notes:latest": "Laatste release van een dienst",
    "release_notes:detail": "Release note",
    "release_notes:known_bugs": "Gekende bugs",
    "release_notes:known_bug": "Gekende bug",
    "newsletters:subscribe": "Nieuwsbrieven",
}

VIEW = "view"
LEAVE = "leave"
ADMIN_PREFIXES = ("/admin/", "/django-admin/")


def key_prefix() -> str:
    return getattr(settings, "ANALYTICS_KEY_PREFIX", "analytics")


def redis_url() -> str:
    return getattr(settings, "ANALYTICS_REDIS_URL", "") or settings.REDIS_URL or ""


def counting_available() -> bool:
    """True when a Redis server is configured to buffer hits in."""
    return bool(redis_url())


@cache
def _client_for(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)


def client() -> redis.Redis:
    return _client_for(redis_url())


def buffer_key() -> str:
    return f"{key_prefix()}:buffer"


def visitors_key(day: date) -> str:
    return f"{key_prefix()}:visitors:{day.isoformat()}"


def visitor_key(day: date, visitor: str) -> str:
    return f"{key_prefix()}:visitor:{day.isoformat()}:{visitor}"


def open_days_key() -> str:
    return f"{key_prefix()}:open-days"


def _seen_key(day: date, target: str) -> str:
    return f"{key_prefix()}:seen:{day.isoformat()}:{target}"


def _salt_key(day: date) -> str:
    return f"{key_prefix()}:salt:{day.isoformat()}"


def refusal(request: HttpRequest) -> str | None:
    """Why this beacon request does not count, or None when it does."""
    if request.method != "POST":
        return "methode"
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site and fetch_site not in ("same-origin", "none"):
        return "andere-site"
    agent = request.headers.get("User-Agent", "")
    if not agent.strip():
        return "geen-browser"
    if BOT_AGENTS.search(agent):
        return "bot"
    purpose = request.headers.get("Sec-Purpose", "") + request.headers.get(
        "Purpose", ""
    )
    if "prefetch" in purpose.lower() or "prerender" in purpose.lower():
        return "prefetch"
    if request.POST.get("soort", VIEW) not in (VIEW, LEAVE):
        return "soort"
    if not TARGET_PATTERN.match(request.POST.get("doel", "")):
        return "doel"
    return None


def wants_no_tracking(request: HttpRequest) -> bool:
    """True when the browser asks not to be tracked (DNT or GPC)."""
    return request.headers.get("DNT") == "1" or request.headers.get("Sec-GPC") == "1"


def _seconds_until_salt_expires(now: datetime) -> int:
    local = timezone.localtime(now)
    midnight = (local + timedelta(days=1)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    return int((midnight - local).total_seconds()) + SALT_GRACE_SECONDS


def daily_salt(day: date, now: datetime, connection: redis.Redis) -> bytes:
    """The random salt of this day, made by whichever process asks first."""
    key = _salt_key(day)
    fresh = secrets.token_bytes(32)
    # SET NX: two processes asking at once agree on the one that was stored first.
    connection.set(key, fresh, nx=True, ex=_seconds_until_salt_expires(now))
    salt = connection.get(key)
    return salt if salt is not None else fresh


def client_address(request: HttpRequest) -> str:
    if getattr(settings, "ANALYTICS_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.headers.get("X-Forwarded-For", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def visitor_hash(request: HttpRequest, salt: bytes) -> str:
    """The visitor's hash for the salt's day; meaningless once the salt is gone."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        material = f"account:{user.pk}"
    else:
        agent = request.headers.get("User-Agent", "")
        material = f"anon:{client_address(request)}\n{agent}"
    return hashlib.blake2b(material.encode(), key=salt, digest_size=12).hexdigest()


# One round trip, atomic: the counters of the view and the visitor's state together.
RECORD_SCRIPT = """
local buffer, seen, visitor = KEYS[1], KEYS[2], KEYS[3]
local visitors, open_days = KEYS[4], KEYS[5]
local day, target, kind, hash = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local now, registered = tonumber(ARGV[5]), ARGV[6]
local idle, ttl, most = tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9])
local site = 'site|' .. day .. '|'
if kind == 'view' and hash ~= '' then
  if redis.call('HINCRBY', visitor, 'views', 1) > most then return 0 end
end
if kind == 'view' then
  redis.call('HINCRBY', buffer, 'views|' .. day .. '|' .. target, 1)
  redis.call('HINCRBY', buffer, site .. 'page_views', 1)
end
if hash == '' then
  if kind == 'view' then redis.call('HINCRBY', buffer, site .. 'untracked_views', 1) end
  return 0
end
if kind == 'view' then
  if redis.call('SADD', seen, hash) == 1 then
    redis.call('HINCRBY', buffer, 'visitors|' .. day .. '|' .. target, 1)
    redis.call('EXPIRE', seen, ttl)
  end
end
local last = tonumber(redis.call('HGET', visitor, 'last'))
if not last then
  if kind ~= 'view' then return 0 end
  redis.call('HSET', visitor, 'last', now, 'active', 0, 'visits', 1)
  redis.call('EXPIRE', visitor, ttl)
  redis.call('SADD', visitors, hash)
  redis.call('EXPIRE', visitors, ttl)
  redis.call('SADD', open_days, day)
  redis.call('HINCRBY', buffer, site .. 'visitors', 1)
  redis.call('HINCRBY', buffer, site .. 'visits', 1)
  if registered == '1' then
    redis.call('HINCRBY', buffer, site .. 'registered_visitors', 1)
  end
  return 1
end
local gap = now - last
if gap < 0 then gap = 0 end
if gap <= idle then
  redis.call('HINCRBY', visitor, 'active', gap)
elseif kind == 'view' then
  local visits = redis.call('HINCRBY', visitor, 'visits', 1)
  redis.call('HINCRBY', buffer, site .. 'visits', 1)
  if visits == 2 then redis.call('HINCRBY', buffer, site .. 'returning_visitors', 1) end
else
  return 0
end
redis.call('HSET', visitor, 'last', now)
return 1
"""


@dataclass(frozen=True)
class Hit:
    target: str
    kind: str = VIEW


def record(request: HttpRequest, hit: Hit, now: datetime | None = None) -> None:
    """Add one beacon hit to the Redis buffer (the caller checked ``refusal``)."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    connection = client()
    if wants_no_tracking(request):
        visitor = ""
    else:
        visitor = visitor_hash(request, daily_salt(day, now, connection))
    user = getattr(request, "user", None)
    registered = "1" if user is not None and user.is_authenticated else "0"
    connection.eval(
        RECORD_SCRIPT,
        5,
        buffer_key(),
        _seen_key(day, hit.target),
        visitor_key(day, visitor),
        visitors_key(day),
        open_days_key(),
        day.isoformat(),
        hit.target,
        hit.kind,
        visitor,
        int(now.timestamp()),
        registered,
        IDLE_SECONDS,
        STATE_TTL,
        MAX_VIEWS_PER_VISITOR,
    )


def _page_from_context(context) -> object | None:
    from wagtail.models import Page

    page = context.get("page")
    if isinstance(page, Page) and page.pk:
        return page
    return None


def beacon_target(context) -> str | None:
    """What the page rendered with this context counts as, or None: not counted."""
    request = context.get("request")
    if request is None or getattr(request, "is_preview", False):
        return None
    if request.method != "GET" or request.path.startswith(ADMIN_PREFIXES):
        return None
    status = getattr(request, "analytics_status", None)
    page = _page_from_context(context)
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else ""
    if view_name in COUNTED_VIEWS and status in (None, 200):
        service = (match.kwargs or {}).get("service", "")
        return f"view:{view_name}" + (f"@{service}" if service else "")
    # Wagtail serves pages as TemplateResponses, so their status is always known.
    if page is not None and status == 200:
        return f"page:{page.pk}"
    return None
