from django.apps import AppConfig


class UploadsConfig(AppConfig):
    """Uploaded files: what a file is by its content, the validators of documents and logos,
    SVG sanitizing and safe stored names."""

    name = "uploads"
