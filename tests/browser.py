"""What the browser tests share: the options with which axe-core checks a page against WCAG 2.1
at levels A and AA."""

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
