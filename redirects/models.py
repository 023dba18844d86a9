from django.db import models, transaction
from django.db.models.signals import post_save, pre_save
from django.utils.translation import gettext_lazy as _


class SlugRedirect(models.Model):
    """An address that used to show an item before an editor changed its slug. Visitors and
    search engines that follow the old address are sent on with a permanent redirect (see
    ``redirects.middleware.SlugRedirectMiddleware``). Rows are made when a slug changes; an
    editor rarely needs to touch them, but may delete one to free an old address."""

    old_path = models.CharField(_("gammal adress"), max_length=500, unique=True)
    new_path = models.CharField(_("ny adress"), max_length=500)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("omdirigering")
        verbose_name_plural = _("omdirigeringar")
        ordering = ["old_path"]

    def __str__(self):
        return f"{self.old_path} → {self.new_path}"

    @classmethod
    def record(cls, old_path, new_path):
        """Send ``old_path`` to ``new_path``, keeping every earlier address one hop from the
        current one, and stop redirecting ``new_path`` itself, which is live again."""
        if old_path == new_path:
            return
        with transaction.atomic():
            cls.objects.filter(new_path=old_path).update(new_path=new_path)
            cls.objects.filter(old_path=new_path).delete()
            cls.objects.update_or_create(old_path=old_path, defaults={"new_path": new_path})


class KeepsOldAddress(models.Model):
    """For models with a public page at an address built from the slug: when the slug of an
    item that visitors could see changes, the old address redirects to the new one. A draft
    that was never public had no address anyone could have linked to.

    Signals rather than ``save()``, so that saves which skip ``save()`` — a revert from the
    revision history, ``loaddata`` — keep old addresses working too."""

    class Meta:
        abstract = True


def _remember_old_path(sender, instance, **kwargs):
    instance.old_public_path = None
    if not isinstance(instance, KeepsOldAddress) or instance.pk is None:
        return
    stored = type(instance)._base_manager.filter(pk=instance.pk).first()
    if (
        stored is not None
        and stored.slug != instance.slug
        and _is_public(stored)
        and _is_public(instance)  # renamed and unpublished at once: the new address is a secret
    ):
        instance.old_public_path = stored.get_absolute_url()


def _record_redirect(sender, instance, **kwargs):
    old_path = getattr(instance, "old_public_path", None)
    if old_path is not None:
        instance.old_public_path = None
        SlugRedirect.record(old_path, instance.get_absolute_url())


def _is_public(item):
    is_public = getattr(item, "is_public", None)
    return is_public() if is_public is not None else True


pre_save.connect(_remember_old_path, dispatch_uid="keeps_old_address_pre_save")
post_save.connect(_record_redirect, dispatch_uid="keeps_old_address_post_save")
