"""A known bug: what libraries see, how to work around it, and when it is fixed."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, RevisionMixin
from wagtail.search import index

from release_notes.choices import BugImpact, BugStatus
from release_notes.querysets import KnownBugQuerySet
from release_notes.versions import validate_version

BUG_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class KnownBug(DraftStateMixin, RevisionMixin, index.Indexed, models.Model):
    """A bug libraries should look up before they file a ticket.

    Revisions keep the history of every change; ``announced_status`` is the status
    the outage list last heard about, so a notification goes out only on a change.
    """

    service = models.ForeignKey(
        "services.Service",
        verbose_name=_("product"),
        on_delete=models.PROTECT,
        related_name="known_bugs",
        limit_choices_to={"is_software_product": True},
    )
    title = models.CharField(_("titel"), max_length=200)
    symptoms = RichTextField(
        _("symptomen"),
        features=BUG_TEXT_FEATURES,
        help_text=_("Wat zien medewerkers gebeuren? Zo herkennen ze de bug."),
    )
    impact = models.CharField(
        _("impact"), max_length=20, choices=BugImpact.choices, default=BugImpact.FEW
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=BugStatus.choices,
        default=BugStatus.INVESTIGATING,
    )
    workaround = RichTextField(_("workaround"), features=BUG_TEXT_FEATURES, blank=True)
    planned_fix_date = models.DateField(
        _("oplossing gepland op"), null=True, blank=True
    )
    planned_release = models.CharField(
        _("oplossing gepland in release"),
        max_length=20,
        blank=True,
        validators=[validate_version],
        help_text=_("Bv. 7.0.4 of 2023.05."),
    )
    reported_on = models.DateField(_("gemeld op"), default=timezone.localdate)
    ticket = models.CharField(_("ticket"), max_length=40, blank=True)
    fixed_in = models.ForeignKey(
        "release_notes.ReleaseNote",
        verbose_name=_("opgelost in release"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="fixed_bugs",
        help_text=_(
            "Wordt vanzelf ingevuld wanneer een release die deze bug oplost openbaar "
            "wordt."
        ),
    )
    announced_status = models.CharField(max_length=20, blank=True, editable=False)
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="known_bug")

    objects = KnownBugQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("service"),
                FieldPanel("title"),
                FieldRowPanel([FieldPanel("impact"), FieldPanel("status")]),
                FieldRowPanel([FieldPanel("reported_on"), FieldPanel("ticket")]),
            ],
            heading=_("Bug"),
        ),
        FieldPanel("symptoms"),
        FieldPanel("workaround"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("planned_fix_date"), FieldPanel("planned_release")]
                ),
                FieldPanel("fixed_in"),
            ],
            heading=_("Oplossing"),
        ),
    ]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("symptoms"),
        index.FilterField("service"),
        index.FilterField("status"),
        index.FilterField("live"),
    ]

    class Meta:
        verbose_name = _("gekende bug")
        verbose_name_plural = _("gekende bugs")
        ordering = ["-reported_on", "-pk"]
        indexes = [models.Index(fields=["live", "status"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("release_notes:known_bug", kwargs={"pk": self.pk})

    @property
    def revisions(self):
        return self._revisions

    @property
    def is_open(self) -> bool:
        return self.status != BugStatus.SOLVED

    @property
    def is_high_impact(self) -> bool:
        return self.impact == BugImpact.MOST

    def clean(self):
        super().clean()
        errors = {}
        today = timezone.localdate()
        if self.is_open and self.planned_fix_date and self.planned_fix_date < today:
            errors["planned_fix_date"] = _(
                "Deze datum ligt in het verleden, maar de bug is nog niet opgelost. "
                "Geef een nieuwe geplande datum of zet de status op 'Opgelost'."
            )
        if self.status == BugStatus.WORKAROUND and not _has_text(self.workaround):
            errors["workaround"] = _(
                "Beschrijf de workaround, of kies een andere status."
            )
        if self.status == BugStatus.FIX_PLANNED and not (
            self.planned_fix_date or self.planned_release
        ):
            errors["planned_fix_date"] = _(
                "Geef een geplande datum of een release waarin de oplossing komt."
            )
        if errors:
            raise ValidationError(errors)

    def with_content_json(self, content):
        # What the outage list last heard is a fact about the bug, not a revision.
        obj = super().with_content_json(content)
        obj.announced_status = self.announced_status
        return obj


def _has_text(html: str) -> bool:
    return bool(strip_tags(html or "").strip())
