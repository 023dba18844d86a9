from django.apps import AppConfig


class ImagesConfig(AppConfig):
    """Images on pages: the uploaded original with its alternative text, caption and credit,
    and the resized versions visitors get, made once when a file is uploaded."""

    name = "images"
    verbose_name = "Bilder"

    def ready(self):
        from django.db.models.signals import post_delete

        from .models import Image, remove_files_of_deleted_image

        post_delete.connect(remove_files_of_deleted_image, sender=Image, dispatch_uid="images")
