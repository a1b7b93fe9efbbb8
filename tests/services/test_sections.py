from services import sections
from tests.factories import ServiceFactory, ServicePageFactory


def test_a_registered_section_appears_on_the_service_page_only_when_it_has_content(
    client, home_page, monkeypatch, settings, tmp_path
):
    monkeypatch.setattr(sections, "_sections", {})
    template_dir = tmp_path / "templates"
    (template_dir / "demo").mkdir(parents=True)
    (template_dir / "demo" / "section.html").write_text(
        "<section>Cursussen van {{ service.name }}: {{ section.count }}</section>"
    )
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "DIRS": [template_dir, *settings.TEMPLATES[0]["DIRS"]],
        }
    ]
    sections.register_service_section(
        "courses",
        "demo/section.html",
        lambda service, request: {"count": 3} if service.slug == "wise" else None,
    )
    ServicePageFactory(
        parent=home_page, service=ServiceFactory(name="Wise", slug="wise")
    )
    ServicePageFactory(parent=home_page, service=ServiceFactory(slug="bibster"))

    assert "Cursussen van Wise: 3" in client.get("/wise/").content.decode()
    assert "Cursussen van" not in client.get("/bibster/").content.decode()
