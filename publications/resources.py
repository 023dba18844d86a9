"""The admin's export of publications, through django-import-export.

The resource has one field per column of ``publications.exports.STAFF_COLUMNS`` and takes its
values from the same ``RowBuilder`` as the public and command-line exports; the formats below
write the library's dataset with the project's own writers, so every export has the same
columns, cell types, byte-order mark and formula neutralisation.
"""

import io

from import_export import fields, resources
from import_export.formats import base_formats

from . import exports
from .models import Publication


class _StaffColumnsResource(resources.ModelResource):
    """Reads every column's value from the project's ``RowBuilder``."""

    def __init__(self, base_url="", **kwargs):
        super().__init__(**kwargs)
        self.row_builder = exports.RowBuilder(exports.STAFF_COLUMNS, base_url, public=False)

    def export_field(self, field, instance, **kwargs):
        return self.row_builder.value(instance, field.attribute)

    def iter_queryset(self, queryset):
        # Chunks through a server-side cursor, each chunk's relations loaded in four queries,
        # instead of the library's pagination of a prefetching queryset.
        return self.row_builder.iter_publications(queryset)


class _Meta:
    model = Publication
    fields = [column.key for column in exports.STAFF_COLUMNS]
    export_order = fields


# One declared field per column, named by the column's key and headed by its Swedish header.
PublicationExportResource = type(_StaffColumnsResource)(
    "PublicationExportResource",
    (_StaffColumnsResource,),
    {
        "__module__": __name__,
        "__doc__": "Publications as the admin exports them: the staff columns, relations loaded "
        "in bulk and read in chunks.",
        "Meta": _Meta,
        **{
            column.key: fields.Field(attribute=column.key, column_name=str(column.header))
            for column in exports.STAFF_COLUMNS
        },
    },
)


def _columns(dataset):
    """The project's columns (with their cell types) for the headers of a dataset."""
    by_header = {str(column.header): column for column in exports.STAFF_COLUMNS}
    return [by_header[header] for header in dataset.headers]


class CSV(base_formats.CSV):
    def get_content_type(self):
        return exports.Format.CONTENT_TYPES[exports.Format.CSV]

    def export_data(self, dataset, **kwargs):
        columns = _columns(dataset)
        return "".join(exports.csv_chunks(columns, iter(dataset)))


class XLSX(base_formats.XLSX):
    def export_data(self, dataset, **kwargs):
        columns = _columns(dataset)
        output = io.BytesIO()
        exports.write_xlsx(columns, iter(dataset), output)
        return output.getvalue()


class JSON(base_formats.JSON):
    def export_data(self, dataset, **kwargs):
        columns = _columns(dataset)
        return "".join(exports.json_chunks(columns, iter(dataset)))


EXPORT_FORMATS = [CSV, XLSX, JSON]
