import pytest

from django.core.exceptions import ValidationError

from services.choices import Audience
from services.models import Service
from tests.factories import ServiceFactory


@pytest.mark.parametrize(
    ("colour", "text"),
    [("#ffd100", "#000000"), ("#00566b", "#ffffff"), ("#ffffff", "#000000")],
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


def test_brand_colours_are_served_as_a_style_sheet_without_inline_styles(client, db):
    ServiceFactory(slug="fundels", brand_colour="#FFD100")
    response = client.get("/huisstijl/diensten.css")
    assert response["Content-Type"].startswith("text/css")
    css = response.content.decode()
    assert ".service--fundels { --brand: #ffd100; --brand-text: #000000; }" in css
    again = client.get("/huisstijl/diensten.css", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
