"""test_worker_startup.py: booking-fcgi and bookingctl refuse to start on a
bad configuration and say which setting is wrong; booking-fcgi --check
loads everything without serving, and refuses to serve without a socket."""
import os
import subprocess

import pytest

CTL = os.environ.get("BOOKING_CTL")
WORKER = os.path.join(os.path.dirname(CTL or "."), "booking-fcgi")


def run(args, config=None, **env):
    full = dict(os.environ, **env)
    if config is not None:
        full["BOOKING_CONFIG"] = str(config)
    return subprocess.run(args, capture_output=True, text=True, env=full,
                          stdin=subprocess.DEVNULL, timeout=30)


def test_check_loads_the_settings_and_templates_and_exits():
    r = run([WORKER, "--check"])
    assert r.returncode == 0, r.stderr
    assert "configuration and templates are fine" in r.stdout


def test_an_unknown_argument_prints_the_usage_and_exits_2():
    r = run([WORKER, "--serve-forever"])
    assert r.returncode == 2
    assert "usage: booking-fcgi [--check]" in r.stderr


def test_without_a_fastcgi_socket_on_stdin_it_refuses_to_serve():
    r = run([WORKER])
    assert r.returncode == 2
    assert "standard input is not a FastCGI socket" in r.stderr


@pytest.mark.parametrize("text, message", [
    ("threads 4\n", "expected key = value"),
    ("colour = blue\n", "unknown setting 'colour'"),
    ("threads = lots\n", "threads: expected a whole number from 1 to 512, got 'lots'"),
    ("max_body = 10\n", "max_body: expected a whole number from 1024"),
    ("timezone = Mars/Olympus_Mons\n", "unknown zone 'Mars/Olympus_Mons'"),
    ("timezone = ../../etc/passwd\n", "unknown zone"),
])
def test_a_bad_setting_stops_both_programs_naming_it(tmp_path, text, message):
    conf = tmp_path / "booking.conf"
    conf.write_text("# a comment\n\n" + text)
    for args in ([WORKER, "--check"], [CTL, "expire-holds"]):
        r = run(args, config=conf)
        assert r.returncode == 1, (args, r.stdout)
        assert message in r.stderr, (args, r.stderr)


def test_a_missing_config_file_or_templates_folder_stops_the_worker(tmp_path):
    r = run([WORKER, "--check"], config=tmp_path / "nowhere.conf")
    assert r.returncode == 1 and "nowhere.conf" in r.stderr
    r = run([WORKER, "--check"], BOOKING_TEMPLATES=str(tmp_path / "no-templates"))
    assert r.returncode == 1 and "templates:" in r.stderr


def test_environment_overrides_are_checked_like_the_file():
    r = run([WORKER, "--check"], BOOKING_THREADS="0")
    assert r.returncode == 1
    assert "threads: expected a whole number from 1 to 512, got '0'" in r.stderr
