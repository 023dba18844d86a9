"""Writing a plan: all of it in one transaction, or nothing."""

from itertools import islice

from django.db import transaction
from django.utils import timezone

from indicators.models import ImportBatch, Indicator, Observation
from pagecache.versions import content_changed

from .formats import detect_format
from .plan import plan_file

BATCH_SIZE = 2000


def _batches(items, size=BATCH_SIZE):
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def apply_plan(plan, *, file_name, file_format, user=None):
    """Writes a valid plan: new values with ``bulk_create``, changed ones with
    ``bulk_update``, in batches; records the import and when the indicator was imported, and
    retires the cached pages (bulk writes send no signals). Returns the ``ImportBatch``."""
    if not plan.is_valid:
        raise ValueError("A plan with errors cannot be applied.")
    indicator = plan.indicator
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            indicator=indicator,
            file_name=file_name[:255],
            file_format=file_format,
            imported_by=user,
            added=len(plan.added),
            changed=len(plan.changed),
            unchanged=plan.unchanged,
        )
        for rows in _batches(plan.added):
            Observation.objects.bulk_create(
                Observation(
                    indicator=indicator,
                    region_id=region_id,
                    year=year,
                    sex=sex,
                    value=value,
                    source_url=url,
                    batch=batch,
                )
                for region_id, year, sex, value, url in rows
            )
        for rows in _batches(plan.changed):
            Observation.objects.bulk_update(
                [
                    Observation(pk=pk, value=value, source_url=url, batch=batch)
                    for pk, _region, _year, _sex, value, url, _old, _old_url in rows
                ],
                ["value", "source_url", "batch"],
            )
        indicator.imported_at = timezone.now()
        indicator.save(update_fields=["imported_at"])
        content_changed()
    return batch


def import_file(
    indicator, file, *, file_name, file_format=None, contents=None, user=None, dry_run=False
):
    """Reads, checks and, when the file has no error and ``dry_run`` is false, imports
    ``file`` (binary, seekable) into ``indicator``. The indicator's row is locked meanwhile,
    so two imports of one indicator run one after the other. Returns the plan, with
    ``plan.batch`` the ``ImportBatch`` when something was written (None when every value of
    the file was already stored)."""
    file_format = file_format or detect_format(file)
    with transaction.atomic():
        locked = Indicator.objects.select_for_update().get(pk=indicator.pk)
        plan = plan_file(locked, file, file_format, contents)
        # A file that changes nothing writes nothing: no import is recorded and the page
        # keeps saying when its figures were last imported.
        if plan.is_valid and (plan.added or plan.changed) and not dry_run:
            plan.batch = apply_plan(plan, file_name=file_name, file_format=file_format, user=user)
    indicator.imported_at = locked.imported_at
    return plan
