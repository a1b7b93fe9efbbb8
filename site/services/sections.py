"""Sections that domain apps add to a service's landing page.

The landing page lives in the site shell, but what it shows (courses, release notes,
known bugs, the newsletter) belongs to the domain apps. Each app registers a section
in its ``AppConfig.ready``; the page renders them in order, without importing them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from services.models import Service


@dataclass(frozen=True)
class ServiceSection:
    name: str
    template: str
    order: int
    # Returns the template context for this service, or None to leave the section out.
    get_context: Callable[[Service, HttpRequest], dict | None]


_sections: dict[str, ServiceSection] = {}


def register_service_section(
    name: str,
    template: str,
    get_context: Callable[[Service, HttpRequest], dict | None],
    order: int = 100,
) -> None:
    """Add (or replace, by name) a section on every service landing page."""
    _sections[name] = ServiceSection(name, template, order, get_context)


def sections_for(service: Service, request: HttpRequest) -> list[dict]:
    """The registered sections that have something to show for this service."""
    rendered = []
    for section in sorted(_sections.values(), key=lambda s: (s.order, s.name)):
        context = section.get_context(service, request)
        if context is not None:
            rendered.append({"name": section.name, "template": section.template,
                             "context": context})  # fmt: skip
    return rendered
