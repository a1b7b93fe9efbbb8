"""The organisation's targets from its management agreement 2019–2023 and the
e-mail benchmark of 2022, so the dashboard has reference lines from the start.

Targets name segments of Connected by werkveld: the library newsletter is Connected
for library staff, the culture-centre newsletter Connected for everyone else.
"""

from decimal import Decimal

from django.db import migrations

TARGETS = [
    ("Nieuwsbrief bibliotheken", ["bibliotheek"], 2000, "40.0", "20.0", 10),
    (
        "Nieuwsbrief cultuurcentra en cultuurdiensten",
        ["cultuurhuis", "beleid-andere"],
        1800,
        "25.0",
        "8.0",
        20,
    ),
]


def preload(apps, schema_editor):
    IndicatorTarget = apps.get_model("newsletters", "IndicatorTarget")
    Benchmark = apps.get_model("newsletters", "Benchmark")
    for year in range(2019, 2024):
        for name, werkvelden, subscribers, open_rate, click_rate, order in TARGETS:
            IndicatorTarget.objects.get_or_create(
                name=name,
                year=year,
                defaults={
                    "list_kind": "connected",
                    "werkvelden": werkvelden,
                    "subscribers": subscribers,
                    "open_rate": Decimal(open_rate),
                    "click_rate": Decimal(click_rate),
                    "sort_order": order,
                },
            )
    Benchmark.objects.get_or_create(
        year=2022,
        defaults={
            "open_rate": Decimal("30.0"),
            "click_rate": Decimal("3.0"),
            "source": "E-mail Benchmark 2022 (Deployteq)",
        },
    )


class Migration(migrations.Migration):
    dependencies = [("newsletters", "0005_tracking_and_indicators")]

    operations = [migrations.RunPython(preload, migrations.RunPython.noop)]
