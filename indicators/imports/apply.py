"""Writing a plan: all of it in one transaction, or nothing.

The file is read a second time, a chunk at a time: each chunk's new values are inserted and its
changed values updated, so nothing but one chunk is held in memory. The indicator's row is
locked from the plan to the last write, so the stored values the plan was made against cannot
change in between.
"""

from django.db import transaction
from django.utils import timezone

from indicators.models import ImportBatch, Indicator, Observation
from pagecache.keys import content_changed

from .formats import detect_format, reader_for
from .plan import Regions, chunks, plan_file


class ChangedDuringImport(Exception):
    """The file gave another answer when it was read again for writing."""


def apply_plan(plan, file, *, file_name, file_format, contents=None, user=None):
    """Writes a valid plan by reading ``file`` again: new values with ``bulk_create``,
    changed ones with ``bulk_update``, a chunk at a time; records the import and when the
    indicator was imported, and retires the cached pages (bulk writes send no signals).
    Returns the ``ImportBatch``."""
    if not plan.is_valid:
        raise ValueError("A plan with errors cannot be applied.")
    indicator = plan.indicator
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            indicator=indicator,
            file_name=file_name[:255],
            file_format=file_format,
            imported_by=user,
            added=plan.added,
            changed=plan.changed,
            unchanged=plan.unchanged,
        )
        file.seek(0)
        reader = reader_for(file, file_format, contents)
        errors = type(plan.errors)()
        written = [0, 0]
        for chunk in chunks(indicator, reader, errors, Regions()):
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
                for region_id, year, sex, value, url in chunk.added
            )
            Observation.objects.bulk_update(
                [
                    Observation(pk=pk, value=value, source_url=url, batch=batch)
                    for pk, _region, _year, _sex, value, url, _old, _old_url in chunk.changed
                ],
                ["value", "source_url", "batch"],
            )
            written[0] += len(chunk.added)
            written[1] += len(chunk.changed)
        if errors.count or written != [plan.added, plan.changed]:
            raise ChangedDuringImport(f"{file_name}: the second reading differs from the plan.")
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
            plan.batch = apply_plan(
                plan,
                file,
                file_name=file_name,
                file_format=file_format,
                contents=contents,
                user=user,
            )
    indicator.imported_at = locked.imported_at
    return plan
