from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form


def document_form(upload):
    form_class = get_document_form(get_document_model())
    return form_class(
        data={"title": "Handleiding", "collection": 1},
        files={"file": upload},
        user=None,
    )


def test_a_document_over_the_size_limit_is_refused_with_a_clear_message(db, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    form = document_form(SimpleUploadedFile("handleiding.pdf", b"%PDF" + b"x" * 2048))
    assert not form.is_valid()
    assert "De maximale bestandsgrootte is 1,0" in str(form.errors["file"])


def test_a_program_cannot_be_uploaded_as_a_document(db):
    form = document_form(SimpleUploadedFile("setup.exe", b"MZ" + b"x" * 10))
    assert not form.is_valid()
    assert "file" in form.errors


def test_a_small_pdf_is_accepted(db):
    form = document_form(SimpleUploadedFile("handleiding.pdf", b"%PDF-1.4 klein"))
    assert form.is_valid(), form.errors
