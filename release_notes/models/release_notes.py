"""A release note: what one release of a software product changed."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, Orderable, PreviewableMixin, RevisionMixin
from wagtail.search import index

from release_notes.choices import ItemKind, ReleaseKind, ReleaseStatus
from release_notes.querysets import ReleaseNoteQuerySet
from release_notes.versions import validate_version, validate_version_for_kind

PRE_RELEASE_LEAD_DAYS = 14


class ReleaseNote(
    PreviewableMixin, DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel
):
    """One release of a software product, with its items grouped by kind.

    A snippet rather than a page: release notes hang off a Service, not off a place
    in the page tree, and who may read one depends on its production date, which
    ``status`` records and ``publishing`` alone changes.
    """

    service = models.ForeignKey(
        "services.Service",
        verbose_name=_("product"),
        on_delete=models.PROTECT,
        related_name="release_notes",
        limit_choices_to={"is_software_product": True},
    )
    version = models.CharField(
        _("versie"),
        max_length=20,
        validators=[validate_version],
        help_text=_("Een versie zoals 7.0.3, of een wekelijkse build zoals 2022.37."),
    )
    kind = models.CharField(
        _("soort"),
        max_length=20,
        choices=ReleaseKind.choices,
        default=ReleaseKind.WEEKLY,
    )
    production_date = models.DateField(
        _("productiedatum"),
        help_text=_("De dag waarop de release in productie gaat en openbaar wordt."),
    )
    component = models.CharField(
        _("onderdeel"),
        max_length=80,
        blank=True,
        help_text=_("Optioneel, bv. 'Mijn Bibliotheek' of 'Catalogus'."),
    )
    summary = models.TextField(
        _("samenvatting"),
        blank=True,
        help_text=_("Eén of twee zinnen: wat deze release vooral brengt."),
    )
    share_ahead = models.BooleanField(
        _("vooraf delen met systeembeheerders en lokale experten"),
        default=False,
        help_text=_(
            "Na publicatie kunnen alleen zij deze release notes lezen, tot de "
            "productiedatum. Deel ze minstens twee weken vooraf."
        ),
    )
    status = models.CharField(
        _("zichtbaarheid"),
        max_length=20,
        choices=ReleaseStatus.choices,
        default=ReleaseStatus.SCHEDULED,
        editable=False,
    )
    made_public_at = models.DateTimeField(
        _("openbaar sinds"), null=True, editable=False
    )
    _revisions = GenericRelation(
        "wagtailcore.Revision", related_query_name="release_note"
    )

    objects = ReleaseNoteQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("service"),
                FieldPanel("version"),
                FieldPanel("kind"),
                FieldPanel("component"),
                FieldPanel("production_date"),
                FieldPanel("share_ahead"),
            ],
            heading=_("Release"),
        ),
        FieldPanel("summary"),
        InlinePanel("items", heading=_("Wijzigingen"), label=_("wijziging")),
    ]
    search_fields = [
        index.SearchField("version"),
        index.SearchField("summary"),
        index.FilterField("service"),
        index.FilterField("status"),
        index.FilterField("live"),
    ]

    class Meta:
        verbose_name = _("release note")
        verbose_name_plural = _("release notes")
        ordering = ["-production_date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "version"], name="release_note_unique_version"
            )
        ]
        indexes = [models.Index(fields=["live", "status", "production_date"])]

    def __str__(self):
        name = self.service.name if self.service_id else ""
        if self.component:
            return f"{name} – {self.component} {self.version}".strip()
        return f"{name} {self.version}".strip()

    @property
    def revisions(self):
        return self._revisions

    def clean(self):
        super().clean()
        if self.version and self.kind:
            try:
                validate_version_for_kind(self.version, self.kind)
            except ValidationError as error:
                raise ValidationError({"version": error}) from None

    def with_content_json(self, content):
        # Who may read the note is decided by publishing.py and the schedule, not by
        # the revision an editor happens to restore or publish.
        obj = super().with_content_json(content)
        obj.status = self.status
        obj.made_public_at = self.made_public_at
        return obj

    def get_absolute_url(self) -> str:
        return reverse(
            "release_notes:detail",
            kwargs={"service": self.service.slug, "version": self.version},
        )

    @property
    def is_public(self) -> bool:
        return self.live and self.status == ReleaseStatus.PUBLIC

    def grouped_items(self) -> list[dict]:
        """Items per kind, in the order Nieuw, Verbeterd, Opgelost; no empty kinds."""
        items = list(self.items.all())
        groups = []
        for kind in ItemKind:
            in_kind = [item for item in items if item.kind == kind]
            if in_kind:
                groups.append({"kind": kind, "items": in_kind})
        return groups

    def item_counts(self) -> list[tuple[str, int]]:
        """How many items of each kind, e.g. [('Nieuw', 3), ('Verbeterd', 9)]."""
        return [
            (group["kind"].label, len(group["items"])) for group in self.grouped_items()
        ]

    def get_preview_template(self, request, mode_name):
        return "release_notes/release_note_detail.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context.update(note=self, service=self.service, is_preview=True)
        return context


class ReleaseNoteItem(Orderable):
    """One change in a release, optionally tied to a ticket, lesson and known bug."""

    release_note = ParentalKey(
        ReleaseNote, on_delete=models.CASCADE, related_name="items"
    )
    kind = models.CharField(
        _("soort"), max_length=20, choices=ItemKind.choices, default=ItemKind.IMPROVED
    )
    text = models.TextField(_("omschrijving"))
    ticket = models.CharField(
        _("ticket"), max_length=40, blank=True, help_text=_("Bv. HKA-12345.")
    )
    # Any page, not only lessons: the learning content lives in another app and
    # this link must not depend on it.
    lesson = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("gewijzigde les"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="release_note_items",
        help_text=_("De les die door deze wijziging herbekeken moet worden."),
    )
    known_bug = models.ForeignKey(
        "release_notes.KnownBug",
        verbose_name=_("lost deze gekende bug op"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="fixing_items",
        help_text=_(
            "De bug gaat vanzelf naar 'opgelost' wanneer deze release openbaar wordt."
        ),
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("text"),
        FieldPanel("ticket"),
        FieldPanel("lesson"),
        FieldPanel("known_bug"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("wijziging")
        verbose_name_plural = _("wijzigingen")

    def __str__(self):
        return self.text[:80]

    def clean(self):
        super().clean()
        if self.known_bug_id and self.kind != ItemKind.FIXED:
            raise ValidationError(
                {
                    "known_bug": _(
                        "Alleen een wijziging van de soort 'Opgelost' lost een "
                        "gekende bug op."
                    )
                }
            )
