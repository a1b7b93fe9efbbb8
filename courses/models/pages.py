"""Courses, lessons and topics: manuals per service, as a tree of Wagtail pages."""

from __future__ import annotations

from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from courses.blocks import ManualBlock
from courses.visibility import hidden_condition
from services.choices import Audience

INTRO_FEATURES = ["bold", "italic", "link"]
FOCUS_TEMPLATE = "courses/focus_base.html"
SITE_TEMPLATE = "base.html"
# Service landing pages sit at depth 3 (root, home, service): the first three steps
# of a page's tree path tell which service's tree it lies in.
SERVICE_PATH_LENGTH = 3 * Page.steplen


class Level(models.TextChoices):
    BASIC = "basis", _("Basis")
    ADVANCED = "gevorderd", _("Gevorderd")
    EXPERT = "expert", _("Expert")


class LearningPageQuerySet(PageQuerySet):
    def visible_to(self, request):
        """Live pages this visitor may see: none inside an area closed to them."""
        return self.live().exclude(hidden_condition(request))

    def in_tree_order(self):
        """In tree order: a course's lessons as the editor sorted them."""
        return self.order_by("path")


class CoursePageQuerySet(LearningPageQuerySet):
    def for_audience(self, audience: str):
        """Courses for one audience, including those for both; 'both' means all."""
        if audience == Audience.BOTH:
            return self
        return self.filter(audience__in=[audience, Audience.BOTH])


class LearningPage(Page):
    """What courses, lessons and topics share: an estimated time and manual content."""

    estimated_minutes = models.PositiveSmallIntegerField(
        _("geschatte tijd (minuten)"),
        default=10,
        help_text=_("Hoe lang een medewerker er ongeveer mee bezig is."),
    )
    body = StreamField(ManualBlock(), blank=True, verbose_name=_("inhoud"))
    # Set from the "verouderde inhoud" report when an editor checked the page and
    # found nothing to change; publishing counts as a review as well.
    reviewed_at = models.DateField(
        _("laatst nagekeken"), null=True, blank=True, editable=False
    )

    search_fields = Page.search_fields + [index.SearchField("body")]

    class Meta:
        abstract = True

    def with_content_json(self, content):
        # A review is a fact about the page, not about a revision: restoring or
        # publishing an older revision must not take it back.
        obj = super().with_content_json(content)
        obj.reviewed_at = self.reviewed_at
        return obj

    @property
    def course_path(self) -> str:
        """The tree path of the course this page belongs to."""
        return self.path[: self.course_depth * self.steplen]

    def get_context(self, request, *args, **kwargs):
        from courses.navigation import course_context

        context = super().get_context(request, *args, **kwargs)
        context["focus"] = request.GET.get("focus") == "1"
        context["base_template"] = FOCUS_TEMPLATE if context["focus"] else SITE_TEMPLATE
        context.update(course_context(self, request))
        return context


class CoursePage(LearningPage):
    intro = RichTextField(_("intro"), blank=True, features=INTRO_FEATURES)
    audience = models.CharField(
        _("doelgroep"), max_length=20, choices=Audience.choices, default=Audience.BOTH
    )
    level = models.CharField(
        _("niveau"), max_length=20, choices=Level.choices, default=Level.BASIC
    )
    linear_progression = models.BooleanField(
        _("lessen in volgorde"),
        default=False,
        help_text=_("Een les gaat pas open als de vorige les helemaal is afgerond."),
    )

    objects = PageManager.from_queryset(CoursePageQuerySet)()

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("level"),
                FieldPanel("estimated_minutes"),
                FieldPanel("linear_progression"),
            ],
            heading=_("Voor wie en hoe lang"),
        ),
        FieldPanel("body"),
    ]
    search_fields = LearningPage.search_fields + [
        index.SearchField("intro"),
        index.FilterField("audience"),
        index.FilterField("level"),
    ]
    parent_page_types = ["home.ServicePage", "home.StandardPage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("cursus")
        verbose_name_plural = _("cursussen")

    @property
    def course_depth(self) -> int:
        return self.depth

    def route(self, request, path_components):
        # Lessons and topics are found by their URL path in one query instead of
        # one lookup plus one type lookup per level of the tree.
        if 1 <= len(path_components) <= 2:
            model = LessonPage if len(path_components) == 1 else TopicPage
            url_path = self.url_path + "/".join(path_components) + "/"
            page = (
                model.objects.filter(url_path=url_path, path__startswith=self.path)
                .select_related("locale")
                .first()
            )
            if page is None:
                raise Http404
            page._course = self
            return page.route(request, [])
        return super().route(request, path_components)


class LessonPage(LearningPage):
    intro = RichTextField(_("intro"), blank=True, features=INTRO_FEATURES)

    objects = PageManager.from_queryset(LearningPageQuerySet)()

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
    ]
    search_fields = LearningPage.search_fields + [index.SearchField("intro")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.TopicPage"]

    class Meta:
        verbose_name = _("les")
        verbose_name_plural = _("lessen")

    @property
    def course_depth(self) -> int:
        return self.depth - 1

    def serve(self, request, *args, **kwargs):
        return serve_step(self, request, super().serve, *args, **kwargs)


class TopicPage(LearningPage):
    objects = PageManager.from_queryset(LearningPageQuerySet)()

    content_panels = Page.content_panels + [
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
    ]
    parent_page_types = ["courses.LessonPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("onderwerp")
        verbose_name_plural = _("onderwerpen")

    @property
    def course_depth(self) -> int:
        return self.depth - 2

    def serve(self, request, *args, **kwargs):
        return serve_step(self, request, super().serve, *args, **kwargs)


def serve_step(page, request, serve, *args, **kwargs):
    """Serve a lesson or topic, or say it is still locked in a linear course."""
    from courses.progress import record_visit

    response = serve(request, *args, **kwargs)
    if not isinstance(response, TemplateResponse):
        return response
    outline = response.context_data.get("outline")
    if outline is not None and outline.is_locked(page.pk):
        response.template_name = "courses/locked_step.html"
        response.status_code = 403
        return response
    if request.user.is_authenticated and outline is not None:
        record_visit(request.user, outline.course, page)
    return response


def course_of(page: Page) -> CoursePage | None:
    """The course a lesson or topic belongs to (one query)."""
    if isinstance(page, CoursePage):
        return page
    if not isinstance(page, LessonPage | TopicPage):
        return None
    # Routing already found the course on the way to the page.
    cached = getattr(page, "_course", None)
    if cached is not None:
        return cached
    return CoursePage.objects.filter(path=page.course_path).first()


__all__ = [
    "CoursePage",
    "LessonPage",
    "Level",
    "TopicPage",
    "course_of",
]
