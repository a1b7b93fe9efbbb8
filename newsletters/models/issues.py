"""Newsletter issues as Wagtail pages, and the public archive they appear in.

Tree: home → "Nieuwsbrieven" (``NewslettersIndexPage``, /nieuwsbrieven/, which the
sign-up form answers) → one ``NewsletterArchivePage`` per list
(/nieuwsbrieven/<list>/, with /atom/) → ``NewsletterIssuePage``. An issue is visible
on the site once it has been sent; before that only editors see it, in preview.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from newsletters.blocks import IssueBodyBlock

# Paths the sign-up and preference views own under /nieuwsbrieven/.
RESERVED_LIST_SLUGS = {
    "aangevraagd", "nieuwe-link", "bevestigen", "voorkeuren", "afmelden",
    "mijn-gegevens", "wissen", "profiel", "t",
}  # fmt: skip


class IssueStatus(models.TextChoices):
    DRAFT = "concept", _("Concept")
    SCHEDULED = "gepland", _("Gepland")
    SENDING = "bezig", _("Wordt verzonden")
    PAUSED = "gepauzeerd", _("Gepauzeerd")
    SENT = "verzonden", _("Verzonden")
    CANCELLED = "geannuleerd", _("Geannuleerd")


class NewslettersIndexPage(Page):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["newsletters.NewsletterArchivePage"]
    max_count = 1

    class Meta:
        verbose_name = _("nieuwsbrievenoverzicht")

    def serve(self, request, *args, **kwargs):
        # /nieuwsbrieven/ is the sign-up form; this page only gives the tree a root.
        from django.shortcuts import redirect

        return redirect("newsletters:subscribe")


class NewsletterArchivePage(RoutablePageMixin, Page):
    newsletter = models.OneToOneField(
        "newsletters.NewsletterList",
        verbose_name=_("nieuwsbrief"),
        on_delete=models.PROTECT,
        related_name="archive_page",
    )
    intro = models.CharField(_("intro"), max_length=300, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("newsletter"),
        FieldPanel("intro"),
    ]
    parent_page_types = ["newsletters.NewslettersIndexPage"]
    subpage_types = ["newsletters.NewsletterIssuePage"]

    class Meta:
        verbose_name = _("archief van een nieuwsbrief")
        verbose_name_plural = _("archieven van nieuwsbrieven")

    def clean(self):
        super().clean()
        if self.slug in RESERVED_LIST_SLUGS:
            raise ValidationError({"slug": _("Dit adres is al in gebruik.")})

    def sent_issues(self):
        """The issues of this list that went out, newest first."""
        return (
            NewsletterIssuePage.objects.child_of(self)
            .live()
            .public()
            .filter(send_run__status=IssueStatus.SENT)
            .order_by("-send_run__finished_at")
            .select_related("send_run")
        )

    @path("")
    def archive(self, request):
        return self.render(request, context_overrides={"issues": self.sent_issues()})

    @path("atom/")
    def atom(self, request):
        from newsletters.archive import atom_response

        return atom_response(self, request)


class NewsletterIssuePage(Page):
    subject = models.CharField(
        _("onderwerp"),
        max_length=150,
        help_text=_("De onderwerpregel van de e-mail."),
    )
    preheader = models.CharField(
        _("voorvertoning"),
        max_length=150,
        blank=True,
        help_text=_(
            "Eén zin die mailprogramma's naast het onderwerp tonen; niet zichtbaar "
            "in de e-mail zelf."
        ),
    )
    target_segments = ParentalManyToManyField(
        "newsletters.Segment",
        verbose_name=_("segmenten"),
        blank=True,
        help_text=_(
            "Leeg: iedereen op de lijst. Anders krijgt elk segment een eigen editie."
        ),
    )
    body = StreamField(IssueBodyBlock(), verbose_name=_("inhoud"))

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("subject"),
                FieldPanel("preheader"),
                FieldPanel("target_segments", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("E-mail"),
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("subject"),
        index.SearchField("body"),
    ]
    parent_page_types = ["newsletters.NewsletterArchivePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("nieuwsbriefeditie")
        verbose_name_plural = _("nieuwsbriefedities")

    @property
    def newsletter(self):
        """The list of this issue: that of the archive it is filed under."""
        parent = self.get_parent()
        return parent.specific.newsletter if parent else None

    @property
    def send_status(self) -> str:
        """Draft until a send run exists; then the run's status."""
        run = getattr(self, "send_run", None)
        return run.status if run else IssueStatus.DRAFT

    def get_send_status_display(self) -> str:
        return IssueStatus(self.send_status).label

    def clean(self):
        super().clean()
        from newsletters.rendering import UnsafeLinkError, refuse_unsafe_body

        try:
            refuse_unsafe_body(self.body)
        except UnsafeLinkError as error:
            raise ValidationError({"body": str(error)}) from None
        parent = self.get_parent()
        if parent is None or not self.pk:
            return
        newsletter_id = parent.specific.newsletter_id
        # Unsaved many-to-many values live on the cluster, read through the manager.
        foreign = [s for s in self.target_segments.all()
                   if s.newsletter_id != newsletter_id]  # fmt: skip
        if foreign:
            raise ValidationError(
                {"target_segments": _("Kies alleen segmenten van deze lijst.")}
            )

    @property
    def preview_modes(self):
        return [("", _("Webversie")), ("email", _("E-mail"))]

    def serve_preview(self, request, mode_name):
        if mode_name == "email":
            from newsletters.previews import email_preview_response

            return email_preview_response(self, request)
        return super().serve_preview(request, mode_name)

    def serve(self, request, *args, **kwargs):
        # Before it is sent, an issue is not public (subscribers get it first);
        # editors see it in the preview.
        if self.send_status != IssueStatus.SENT and not getattr(
            request, "is_preview", False
        ):
            raise Http404
        return super().serve(request, *args, **kwargs)
