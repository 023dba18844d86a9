"""What `make lighthouse` tells a developer: the table with every missed target marked, the
audits that cost the points with the elements concerned, and which runs count. Lighthouse
itself is not run here (CI runs it); its reports are built from the fields the script reads."""

import pytest

from tools.lighthouse import (
    choose,
    failures_text,
    median_scores,
    missed,
    percent,
    report_with,
    table,
)


def report(performance=1, accessibility=1, best_practices=1, seo=1, audits=None, refs=None):
    refs = refs or {}
    return {
        "lighthouseVersion": "12.8.2",
        "categories": {
            "performance": {"score": performance, "auditRefs": refs.get("performance", [])},
            "accessibility": {"score": accessibility, "auditRefs": refs.get("accessibility", [])},
            "best-practices": {"score": best_practices, "auditRefs": refs.get("best", [])},
            "seo": {"score": seo, "auditRefs": refs.get("seo", [])},
        },
        "audits": audits or {},
    }


def row(reports, page="programme", path="/program/x/", form_factor="mobile"):
    scores = median_scores(reports)
    return {
        "page": page,
        "path": path,
        "form_factor": form_factor,
        "scores": scores,
        "runs": len(reports),
        "reports": {
            category: report_with(reports, category, scores[category]) for category in scores
        },
    }


@pytest.mark.parametrize(
    ("score", "shown"), [(1, 100), (0.95, 95), (0.949, 95), (0.944, 94), (0, 0), (None, None)]
)
def test_scores_are_shown_as_lighthouse_shows_them(score, shown):
    assert percent(score) == shown


def test_each_target_is_its_own():
    assert missed({"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 100}) == []
    assert missed({"performance": 94, "accessibility": 99, "best-practices": 95, "seo": 100}) == [
        "performance",
        "accessibility",
    ]
    assert missed({"performance": 100, "accessibility": 100, "best-practices": 94, "seo": 92}) == [
        "best-practices",
        "seo",
    ]
    # A category Lighthouse could not score is a miss, not a pass.
    assert missed({"performance": None, "accessibility": 100, "best-practices": 100, "seo": 100})


def test_the_median_run_counts_and_is_a_score_one_run_had():
    runs = [report(performance=0.80), report(performance=0.97), report(performance=0.93)]
    assert median_scores(runs)["performance"] == 93
    assert median_scores(runs[:2])["performance"] == 80
    assert median_scores([report(performance=None), report()])["performance"] is None


def test_the_table_marks_every_missed_target():
    rows = [
        row([report()], page="home", path="/"),
        row([report(performance=0.9, seo=0.92)], form_factor="desktop"),
    ]
    lines = table(rows).splitlines()
    assert [cell.strip() for cell in lines[0].split("|")][:4] == [
        "page type",
        "path",
        "form factor",
        "performance",
    ]
    home, programme = lines[2], lines[3]
    assert "✗" not in home and home.count("100") == 4
    cells = [cell.strip() for cell in programme.split("|")]
    assert cells[:3] == ["programme", "/program/x/", "desktop"]
    assert cells[3] == "90 ✗" and cells[4] == "100" and cells[6] == "92 ✗"


def test_a_missed_accessibility_target_lists_the_audit_and_its_elements():
    audits = {
        "color-contrast": {
            "title": "Background and foreground colors do not have a sufficient contrast ratio.",
            "score": 0,
            "scoreDisplayMode": "binary",
            "details": {
                "items": [
                    {
                        "node": {
                            "type": "node",
                            "selector": "footer > p.muted",
                            "snippet": '<p class="muted">',
                            "explanation": "Fix any of the following:\n  Element has "
                            "insufficient color contrast of 3.9",
                        }
                    }
                ]
            },
        },
        "image-alt": {"title": "Image elements have [alt] attributes", "score": 1},
        "aria-allowed-role": {"score": None, "scoreDisplayMode": "notApplicable"},
    }
    refs = {
        "accessibility": [
            {"id": "color-contrast", "weight": 7},
            {"id": "image-alt", "weight": 10},
            {"id": "aria-allowed-role", "weight": 1},
        ]
    }
    text = failures_text(row([report(accessibility=0.96, audits=audits, refs=refs)]))
    assert "programme (/program/x/), mobile: accessibility 96, target 100" in text
    assert "- color-contrast: Background and foreground colors" in text
    assert 'footer > p.muted <p class="muted"> Fix any of the following: Element has' in text
    assert "image-alt" not in text and "aria-allowed-role" not in text


def test_a_missed_performance_target_lists_the_slow_metrics_and_the_savings():
    audits = {
        "largest-contentful-paint": {
            "title": "Largest Contentful Paint",
            "score": 0.61,
            "scoreDisplayMode": "numeric",
            "displayValue": "3.4 s",
        },
        "total-blocking-time": {"title": "Total Blocking Time", "score": 1},
        "render-blocking-resources": {
            "title": "Eliminate render-blocking resources",
            "score": 0,
            "scoreDisplayMode": "metricSavings",
            "displayValue": "Est savings of 450 ms",
            "details": {
                "items": [{"url": "http://127.0.0.1/static/css/site.css", "wastedMs": 450}]
            },
        },
        "document-latency-insight": {
            "title": "Document request latency",
            "score": 0.5,
            "scoreDisplayMode": "metricSavings",
            "details": {
                "type": "checklist",
                "items": {
                    "noRedirects": {"label": "Avoids redirects", "value": True},
                    "usesCompression": {"label": "No compression applied", "value": False},
                },
            },
        },
        "largest-contentful-paint-element": {
            "title": "Largest Contentful Paint element",
            "score": None,
            "scoreDisplayMode": "informative",
            "details": {
                "type": "list",
                "items": [
                    {
                        "type": "table",
                        "items": [
                            {"node": {"type": "node", "selector": "main > h1", "snippet": "<h1>"}}
                        ],
                    }
                ],
            },
        },
    }
    refs = {
        "performance": [
            {"id": "largest-contentful-paint", "weight": 25},
            {"id": "total-blocking-time", "weight": 30},
            {"id": "render-blocking-resources", "weight": 0},
            {"id": "document-latency-insight", "weight": 0},
            {"id": "largest-contentful-paint-element", "weight": 0},
        ]
    }
    text = failures_text(row([report(performance=0.88, audits=audits, refs=refs)]))
    assert "performance 88, target 95 or more" in text
    # How busy the machine was, so that a developer can tell its noise from the page's fault.
    assert "(machine: load average up to 0.0 on" in text
    assert "- largest-contentful-paint: Largest Contentful Paint (3.4 s)" in text
    assert "total-blocking-time" not in text
    assert "http://127.0.0.1/static/css/site.css wastedMs=450" in text
    assert "main > h1 <h1>" in text
    assert "- document-latency-insight: Document request latency" in text
    assert "No compression applied" in text and "Avoids redirects" not in text


def test_page_types_are_chosen_by_name_in_any_spelling():
    pages = {"home": "/", "publication list": "/publikationer/", "programme": "/program/x/"}
    assert choose(pages, None) == pages
    assert list(choose(pages, "publication-list,home")) == ["publication list", "home"]
    with pytest.raises(SystemExit, match="Unknown page type 'news'"):
        choose(pages, "news")


def test_an_element_named_as_the_source_of_a_failure_is_shown_by_its_markup():
    audits = {
        "is-crawlable": {
            "title": "Page is blocked from indexing",
            "score": 0,
            "scoreDisplayMode": "binary",
            "details": {
                "items": [
                    {
                        "source": {
                            "type": "node",
                            "selector": "head > meta",
                            "snippet": '<meta name="robots" content="noindex" />',
                        }
                    }
                ]
            },
        }
    }
    refs = {"seo": [{"id": "is-crawlable", "weight": 4.043}]}
    text = failures_text(row([report(seo=0.66, audits=audits, refs=refs)]))
    assert "SEO 66, target 100" in text
    assert "- is-crawlable: Page is blocked from indexing" in text
    assert 'head > meta <meta name="robots" content="noindex" />' in text
