"""JSON-stat 2.0 datasets shaped like SCB PxWeb's answers to ``"format": "json-stat2"``."""

import json


def dataset(regions=("0114", "0480"), years=("2019", "2020"), values=None, **changes):
    """Region × Kon × ContentsCode × Tid, as SCB orders them; ``values`` row-major."""
    sexes = {"1": "män", "2": "kvinnor"}
    cells = len(regions) * len(sexes) * len(years)
    data = {
        "class": "dataset",
        "version": "2.0",
        "label": "Folkmängd efter region, kön och år",
        "source": "SCB",
        "id": ["Region", "Kon", "ContentsCode", "Tid"],
        "size": [len(regions), 2, 1, len(years)],
        "dimension": {
            "Region": {
                "label": "region",
                "category": {
                    "index": {code: i for i, code in enumerate(regions)},
                    "label": {code: f"Region {code}" for code in regions},
                },
            },
            "Kon": {
                "label": "kön",
                "category": {"index": {"1": 0, "2": 1}, "label": sexes},
            },
            "ContentsCode": {
                "label": "tabellinnehåll",
                "category": {
                    "index": {"BE0101N1": 0},
                    "label": {"BE0101N1": "Folkmängd"},
                    "unit": {"BE0101N1": {"base": "antal", "decimals": 0}},
                },
            },
            "Tid": {"label": "år", "category": {"index": list(years)}},
        },
        "role": {"time": ["Tid"], "metric": ["ContentsCode"]},
        "value": list(values) if values is not None else [1000 + n for n in range(cells)],
    }
    data.update(changes)
    return data


def as_bytes(data):
    return json.dumps(data).encode()
