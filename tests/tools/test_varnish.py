"""The Varnish configuration that `make serve-proxy` and the proxy tests load
(tools/varnish.py): the backend's address put into a copy of deploy/varnish/default.vcl, and
that copy accepted by varnishd's compiler. What the VCL does is proved against a real varnishd
in tests/load/test_varnish.py."""

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tools.varnish import VARNISHD, VCL, vcl_for_backend


def test_the_copy_names_the_given_backend_and_changes_nothing_else():
    original = VCL.read_text()
    copy = vcl_for_backend("127.0.0.1", 41234)

    changed = [
        (old, new)
        for old, new in zip(original.splitlines(), copy.splitlines(), strict=True)
        if old != new
    ]
    assert [new.strip() for _, new in changed] == ['.port = "41234";']
    assert '.host = "127.0.0.1";' in copy


def test_the_copy_compiles():
    if not VARNISHD.exists() or shutil.which("cc") is None:
        pytest.skip("varnishd (apt-get install varnish varnish-modules) or a C compiler is missing")
    # varnishd started as root reads the file as its own unprivileged user: a folder it can
    # read, not pytest's private one.
    with tempfile.TemporaryDirectory(prefix="growth-portal-vcl-") as folder:
        Path(folder).chmod(0o755)
        vcl = Path(folder) / "default.vcl"
        vcl.write_text(vcl_for_backend("127.0.0.1", 41234))
        result = subprocess.run(
            [str(VARNISHD), "-C", "-f", str(vcl), "-n", f"{folder}/work"],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 0, result.stderr[-3000:]
