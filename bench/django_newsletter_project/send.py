"""Run by ``bench/sending.py`` inside django-newsletter's own virtualenv: creates a
newsletter with N subscribers and a message of about the given size, then times
``Submission.submit()``, django-newsletter's own send, and prints the figures as
one JSON line.

    DN_BENCH_VAR=var/bench DN_BENCH_SMTP_PORT=8325 python send.py 10000 24000
"""

import json
import os
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")


def main(recipients: int, target_size: int) -> None:
    import django

    django.setup()
    from newsletter.models import (
        Article,
        Message,
        Newsletter,
        Submission,
        Subscription,
    )

    from django.contrib.sites.models import Site
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0, interactive=False)
    Site.objects.update_or_create(pk=1, defaults={"domain": "www.example.org"})
    newsletter = Newsletter.objects.create(
        title="Nieuwsbrief Wise", slug="wise", email="nieuwsbrieven@example.org",
        sender="Nieuwsbrief Wise",
    )  # fmt: skip
    now = timezone.now()
    Subscription.objects.bulk_create(
        Subscription(newsletter=newsletter, email_field=f"lezer{n}@example.org",
                     name_field=f"Lezer {n}", subscribed=True, subscribe_date=now,
                     activation_code=f"{n:040d}")
        for n in range(recipients)
    )  # fmt: skip
    message = Message.objects.create(title="Nieuw in Wise", slug="nieuw",
                                     newsletter=newsletter)  # fmt: skip
    paragraph = (
        "<p>Vanaf maart verleng je reservaties <b>in één klik</b>. Bibliotheken die "
        "het uitprobeerden, zien minder telefoontjes aan de balie. Lees hoe je het "
        'aanzet in de <a href="https://www.example.org/handleiding?stap=2">'
        "handleiding</a>.</p>"
    )
    submission = None
    for order in range(1, 200):
        Article.objects.create(
            post=message, sortorder=order * 10, title=f"Nieuw in Wise, deel {order}",
            text=paragraph * 4, url="https://www.example.org/release-notes/",
        )  # fmt: skip
        submission = submission or Submission.from_message(message)
        sample = submission.get_message(Subscription.objects.first())
        size = len(sample.message().as_bytes())
        if size >= target_size:
            break
    submission.publish_date = now - timedelta(minutes=1)
    submission.prepared = True
    submission.save()
    submission = Submission.objects.get(pk=submission.pk)

    started = time.perf_counter()
    submission.submit()
    seconds = time.perf_counter() - started
    print(json.dumps({"recipients": recipients, "seconds": seconds,
                      "message_bytes": size}))  # fmt: skip


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
