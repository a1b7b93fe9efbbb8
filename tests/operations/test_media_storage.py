"""Media on local disk by default, or in an S3-compatible bucket by setting: an
uploaded image and its rendition land in a bucket of a real S3 server on loopback
(moto's server, started here) and are served back through signed URLs."""

from __future__ import annotations

import io
import urllib.request

import boto3
import pytest
from moto.server import ThreadedMotoServer
from PIL import Image as PillowImage

from django.core.exceptions import ImproperlyConfigured
from django.core.files.images import ImageFile
from django.test import override_settings

from wagtail.images.models import Image

from config.env import media_storage_config
from tests.processes import free_port

BUCKET = "leerplatform-media"
KEYS = {"MEDIA_S3_ACCESS_KEY_ID": "proefsleutel",
        "MEDIA_S3_SECRET_ACCESS_KEY": "proefgeheim"}  # fmt: skip


@pytest.fixture
def s3_server():
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client(
        "s3", endpoint_url=endpoint, region_name="eu-west-1",
        aws_access_key_id=KEYS["MEDIA_S3_ACCESS_KEY_ID"],
        aws_secret_access_key=KEYS["MEDIA_S3_SECRET_ACCESS_KEY"],
    )  # fmt: skip
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
    )
    try:
        yield endpoint, client
    finally:
        server.stop()


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (320, 200), (0, 94, 184)).save(buffer, "PNG")
    return buffer.getvalue()


def test_uploads_stay_on_local_disk_without_a_bucket(monkeypatch):
    monkeypatch.delenv("MEDIA_S3_BUCKET", raising=False)

    assert media_storage_config() == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }


def test_a_malformed_endpoint_is_refused_with_a_clear_message(monkeypatch):
    monkeypatch.setenv("MEDIA_S3_BUCKET", BUCKET)
    monkeypatch.setenv("MEDIA_S3_ENDPOINT_URL", "minio.intern:9000")

    with pytest.raises(ImproperlyConfigured, match="moet met http:// of https://"):
        media_storage_config()


@pytest.mark.django_db
def test_an_uploaded_image_and_its_rendition_are_stored_in_the_bucket_and_served_signed(
    s3_server, monkeypatch, settings
):
    endpoint, client = s3_server
    for name, value in KEYS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("MEDIA_S3_BUCKET", BUCKET)
    monkeypatch.setenv("MEDIA_S3_ENDPOINT_URL", endpoint)
    monkeypatch.setenv("MEDIA_S3_REGION", "eu-west-1")
    monkeypatch.setenv("MEDIA_S3_PREFIX", "media")
    storages = settings.STORAGES | {"default": media_storage_config()}
    content = png_bytes()

    with override_settings(STORAGES=storages):
        image = Image.objects.create(
            title="Logo Wise",
            file=ImageFile(io.BytesIO(content), name="logo-wise.png"),
        )
        rendition = image.get_rendition("fill-100x100")
        image_url, rendition_url = image.file.url, rendition.url

    keys = {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert f"media/{image.file.name}" in keys
    assert f"media/{rendition.file.name}" in keys
    stored = client.get_object(Bucket=BUCKET, Key=f"media/{image.file.name}")
    assert stored["Body"].read() == content
    assert image_url.startswith(f"{endpoint}/{BUCKET}/media/")
    assert "Signature=" in image_url or "X-Amz-Signature=" in image_url
    with urllib.request.urlopen(image_url, timeout=10) as response:
        assert response.read() == content
    with urllib.request.urlopen(rendition_url, timeout=10) as response:
        assert PillowImage.open(io.BytesIO(response.read())).size == (100, 100)
    # Without the signature the private bucket refuses.
    unsigned = image_url.split("?", 1)[0]
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(unsigned, timeout=10)
    assert refused.value.code == 403
