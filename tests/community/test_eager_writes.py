"""Eager writes on Daphne's reactor (config/eager_writes.py): bytes arrive whole, in order, and
a socket is registered for writability only when the kernel could not take everything at once."""

import json
import subprocess
import sys

from tests.support.servers import ROOT


def probe(**env):
    import os

    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "support" / "eager_writes_probe.py"), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **env},
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_short_and_long_replies_arrive_whole_and_only_the_long_one_waits_for_writability():
    seen = probe()
    assert seen["installed"] is True
    assert seen["small_ok"] is True
    assert seen["big_ok"] is True, f"received {seen['big_len']} bytes"
    assert seen["small_registered"] is False  # sent at once: no epoll registration
    assert seen["big_registered"] is True  # the slow reader's rest went the usual way


def test_it_can_be_turned_off():
    seen = probe(DAPHNE_EAGER_WRITES="0")
    assert seen["installed"] is False
    assert seen["small_ok"] is True and seen["big_ok"] is True
