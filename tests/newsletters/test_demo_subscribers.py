from django.db.models import Count

from demo.loaders.services import load_services
from demo.loaders.subscribers import load_subscribers
from demo.scales import SCALES
from newsletters.models import NewsletterList, Subscriber, Subscription


def test_the_demo_makes_every_list_with_a_tenth_of_the_real_counts_at_small_scale(
    db,
):
    load_services()

    load_subscribers(SCALES["small"])

    counts = dict(
        NewsletterList.objects.annotate(n=Count("subscriptions")).values_list(
            "slug", "n"
        )
    )
    assert len(counts) == 17
    assert counts["wise"] == 266 and counts["mobiele-arcadehallen"] == 83
    assert counts["release-notes-wise"] == 30
    assert counts["storingen-en-kritieke-bugs"] == 18
    connected = NewsletterList.objects.get(slug="connected")
    per_segment = {
        segment.werkveld: Subscription.objects.deliverable().in_segment(segment).count()
        for segment in connected.segments.all()
    }
    assert per_segment == {"bibliotheek": 219, "cultuurhuis": 147, "beleid-andere": 79}
    assert NewsletterList.objects.get(slug="wise").service.slug == "wise"
    assert not Subscriber.objects.exclude(email__endswith="@example.org").exists()


def test_loading_the_demo_subscribers_twice_changes_nothing(db):
    load_services()
    load_subscribers(SCALES["small"])
    before = (Subscriber.objects.count(), Subscription.objects.count())

    result = load_subscribers(SCALES["small"])

    assert result.created == 0
    assert (Subscriber.objects.count(), Subscription.objects.count()) == before
