"""SCB PxWeb's JSON-stat 2.0 answer (``"response": {"format": "json-stat2"}``).

A dataset is a cube: ``id`` names the dimensions in order, ``size`` gives their lengths and
``value`` holds one cell per combination of categories, in row-major order (the last
dimension varies fastest), either as an array with ``null`` for a missing value or as an
object from cell index to value. A category's position comes from ``category.index`` (an
array of codes or an object from code to position); a dimension with one category may have
only ``category.label``.

Which dimension is which: the region is the one with role ``geo`` or the id ``Region``, the
year the one with role ``time`` or the id ``Tid``, the sex the id ``Kon`` (codes 1 = män,
2 = kvinnor, 1+2 = totalt, or those labels); without one, every value is totalt. The contents
(``metric`` role or ``ContentsCode``) must be one, or be chosen with ``contents``. Any other
dimension must have a single category.
"""

import json
import math

from django.utils.translation import gettext as _

from .rows import ImportFileError, RawRow

SEX_CODES = {"1": "män", "2": "kvinnor", "1+2": "totalt"}
SEX_LABELS = {"män": "män", "kvinnor": "kvinnor", "totalt": "totalt"}


class Dimension:
    def __init__(self, dimension_id, size, definition):
        self.id = dimension_id
        category = definition.get("category") if isinstance(definition, dict) else None
        if not isinstance(category, dict):
            raise ImportFileError(_("Dimensionen %(id)s saknar kategorier.") % {"id": dimension_id})
        index = category.get("index")
        labels = category.get("label") or {}
        if isinstance(index, list):
            codes = [str(code) for code in index]
        elif isinstance(index, dict):
            codes = [str(code) for code, _position in sorted(index.items(), key=lambda i: i[1])]
        elif isinstance(labels, dict) and len(labels) == 1:
            codes = [str(code) for code in labels]
        else:
            raise ImportFileError(
                _("Dimensionen %(id)s saknar category.index.") % {"id": dimension_id}
            )
        if len(codes) != size:
            raise ImportFileError(
                _("Dimensionen %(id)s har %(found)d kategorier men size säger %(size)d.")
                % {"id": dimension_id, "found": len(codes), "size": size}
            )
        self.codes = codes
        self.labels = [str(labels.get(code, code)) for code in codes] if labels else codes


def _find(dimensions, role, roles, fallback):
    for dimension_id in roles.get(role) or ():
        if dimension_id in dimensions:
            return dimensions[dimension_id]
    for dimension_id, dimension in dimensions.items():
        if dimension_id.lower() == fallback.lower():
            return dimension
    return None


class JsonStatReader:
    """Reads a JSON-stat 2.0 dataset from ``file`` (binary); ``rows()`` yields one
    ``RawRow`` per value that is not null, ``describe(where)`` names a cell by its codes."""

    def __init__(self, file, contents=None):
        try:
            data = json.load(file)
        except (ValueError, UnicodeDecodeError) as exc:
            raise ImportFileError(
                _("Filen är inte giltig JSON: %(error)s.") % {"error": exc}
            ) from exc
        if not isinstance(data, dict) or data.get("class") != "dataset":
            raise ImportFileError(
                _('Filen är inte ett JSON-stat 2.0-dataset ("class": "dataset" saknas).')
            )
        ids, sizes = data.get("id"), data.get("size")
        definitions = data.get("dimension")
        if (
            not isinstance(ids, list)
            or not isinstance(sizes, list)
            or len(ids) != len(sizes)
            or not all(isinstance(size, int) and size >= 0 for size in sizes)
            or not isinstance(definitions, dict)
        ):
            raise ImportFileError(
                _("Datasetets id, size eller dimension saknas eller stämmer inte.")
            )
        self.order = []
        for dimension_id, size in zip(ids, sizes, strict=True):
            if dimension_id not in definitions:
                raise ImportFileError(
                    _("Dimensionen %(id)s beskrivs inte under dimension.") % {"id": dimension_id}
                )
            self.order.append(Dimension(str(dimension_id), size, definitions[dimension_id]))
        dimensions = {dimension.id: dimension for dimension in self.order}
        roles = data.get("role") if isinstance(data.get("role"), dict) else {}
        self.region = _find(dimensions, "geo", roles, "Region")
        self.time = _find(dimensions, "time", roles, "Tid")
        self.sex = _find(dimensions, None, {}, "Kon")
        self.metric = _find(dimensions, "metric", roles, "ContentsCode")
        if self.region is None:
            raise ImportFileError(_("Filen har ingen regiondimension (Region eller rollen geo)."))
        if self.time is None:
            raise ImportFileError(_("Filen har ingen tidsdimension (Tid eller rollen time)."))
        self.content_position = self._content_position(contents)
        known = {self.region, self.time, self.sex, self.metric}
        for dimension in self.order:
            if dimension not in known and len(dimension.codes) > 1:
                raise ImportFileError(
                    _(
                        "Dimensionen %(id)s har %(count)d kategorier. Välj en enda kategori av "
                        "den i frågan till SCB."
                    )
                    % {"id": dimension.id, "count": len(dimension.codes)}
                )
        self.values = data.get("value")
        self.cells = cells = math.prod(sizes)
        if isinstance(self.values, list):
            if len(self.values) != cells:
                raise ImportFileError(
                    _("Datasetet har %(found)d värden men dimensionerna ger %(cells)d celler.")
                    % {"found": len(self.values), "cells": cells}
                )
        elif not isinstance(self.values, dict):
            raise ImportFileError(_("Datasetet saknar value."))
        # A cell's index is the sum of its categories' positions times these strides.
        self.strides = []
        stride = 1
        for dimension in reversed(self.order):
            self.strides.append(stride)
            stride *= len(dimension.codes)
        self.strides.reverse()
        self.sexes = (
            [
                SEX_CODES.get(code) or SEX_LABELS.get(label.strip().lower()) or code
                for code, label in zip(self.sex.codes, self.sex.labels, strict=True)
            ]
            if self.sex
            else None
        )

    def _content_position(self, contents):
        if self.metric is None:
            if contents:
                raise ImportFileError(
                    _("Filen har ingen dimension ContentsCode att välja %(code)s i.")
                    % {"code": contents}
                )
            return None
        codes = self.metric.codes
        if contents:
            if contents not in codes:
                raise ImportFileError(
                    _("Tabellinnehållet %(code)s finns inte i filen. Filen har: %(codes)s.")
                    % {"code": contents, "codes": ", ".join(codes)}
                )
            return codes.index(contents)
        if len(codes) > 1:
            raise ImportFileError(
                _("Filen har flera tabellinnehåll (%(codes)s). Ange vilket som ska importeras.")
                % {"codes": ", ".join(codes)}
            )
        return None

    def _cells(self):
        if isinstance(self.values, list):
            for index, value in enumerate(self.values):
                if value is not None:
                    yield index, value
            return
        items = []
        for key, value in self.values.items():
            try:
                index = int(key)
            except ValueError as exc:
                raise ImportFileError(
                    _("value har nyckeln %(key)s som inte är ett cellnummer.") % {"key": key}
                ) from exc
            if not 0 <= index < self.cells:
                raise ImportFileError(
                    _("value har cellnummer %(key)s utanför datasetet.") % {"key": key}
                )
            if value is not None:
                items.append((index, value))
        yield from sorted(items)

    def position(self, index, dimension):
        return index // self.strides[self.order.index(dimension)] % len(dimension.codes)

    def rows(self):
        region_stride = self.strides[self.order.index(self.region)]
        time_stride = self.strides[self.order.index(self.time)]
        regions, years = self.region.codes, self.time.codes
        region_size, time_size = len(regions), len(years)
        if self.sex is not None:
            sex_stride, sex_size = self.strides[self.order.index(self.sex)], len(self.sexes)
        if self.content_position is not None:
            metric_stride = self.strides[self.order.index(self.metric)]
            metric_size = len(self.metric.codes)
        for index, value in self._cells():
            if (
                self.content_position is not None
                and index // metric_stride % metric_size != self.content_position
            ):
                continue
            sex = self.sexes[index // sex_stride % sex_size] if self.sex is not None else "totalt"
            yield RawRow(
                index,
                regions[index // region_stride % region_size],
                None,
                years[index // time_stride % time_size],
                sex,
                value,
                None,
                None,
            )

    def describe(self, where):
        """The cell's codes, e.g. "Region=0114, Kon=2, Tid=2020": the region, the sex and the
        time, and any other dimension with more than one category."""
        return ", ".join(
            f"{dimension.id}={dimension.codes[self.position(where, dimension)]}"
            for dimension in self.order
            if dimension in (self.region, self.sex, self.time) or len(dimension.codes) > 1
        )
