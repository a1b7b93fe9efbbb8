import pytest

from django.core.exceptions import ValidationError

from services.choices import Audience
from services.models import Service
from tests.factories import ServiceFactory


@pytest.mark.parametrize(
    ("colour", "text"),
    [("#ffd100", "#1a1a1a"), ("#00566b", "#ffffff"), ("#ffffff", "#1a1a1a")],
)
def test_brand_text_colour_is_whichever_of_black_and_white_contrasts_more(colour, text):
    assert Service(brand_colour=colour).brand_text_colour == text


def test_services_for_an_audience_include_those_for_both(db):
    ServiceFactory(slug="wise", audience=Audience.LIBRARIES)
    ServiceFactory(slug="digitaal-podium", audience=Audience.PERFORMING_ARTS)
    ServiceFactory(slug="arcadehallen", audience=Audience.BOTH)
    libraries = Service.objects.for_audience(Audience.LIBRARIES)
    assert set(libraries.values_list("slug", flat=True)) == {"wise", "arcadehallen"}


def test_a_brand_colour_must_be_a_hex_colour(db):
    service = ServiceFactory.build(slug="fundels", brand_colour="red; x: y")
    with pytest.raises(ValidationError) as error:
        service.full_clean()
    assert "brand_colour" in error.value.message_dict


def test_editors_manage_services_in_the_admin(admin_client):
    ServiceFactory(name="Bibster", slug="bibster")
    listing = admin_client.get("/admin/snippets/services/service/")
    assert listing.status_code == 200
    assert "Bibster" in listing.content.decode()
    response = admin_client.post(
        "/admin/snippets/services/service/add/",
        {
            "name": "Bieblo",
            "slug": "bieblo",
            "summary": "Leesapp voor kinderen.",
            "audience": Audience.LIBRARIES,
            "brand_colour": "#7a3e9d",
            "sort_order": 10,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert Service.objects.filter(slug="bieblo").exists()
