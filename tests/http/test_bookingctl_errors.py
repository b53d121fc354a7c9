"""test_bookingctl_errors.py: bookingctl's refusals and failures: bad
commands and options, a missing password, unknown rooms, dry runs, and
migrations that cannot be applied. Each says what is wrong and exits non-zero."""
import datetime as dt
import os
import shutil
import subprocess

from conftest import day, make_room, new_email, sql

CTL = os.environ.get("BOOKING_CTL")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def ctl(*args, env=None, stdin=""):
    env = dict(os.environ if env is None else env)
    return subprocess.run([CTL, *args], capture_output=True, text=True, env=env, input=stdin)


def no_password_env():
    env = dict(os.environ)
    env.pop("BOOKING_PASSWORD", None)
    return env


def test_no_command_or_an_unknown_one_prints_the_usage_and_exits_2():
    r = ctl()
    assert r.returncode == 2 and "usage" in r.stderr.lower()
    r = ctl("frobnicate")
    assert r.returncode == 2
    assert "unknown command 'frobnicate'" in r.stderr
    r = ctl("user", "remove")
    assert r.returncode == 2 and "unknown command 'user'" in r.stderr


def test_user_add_refuses_missing_and_unexpected_options():
    r = ctl("user", "add", "--email", new_email(), "--name", "X", "--root")
    assert r.returncode == 2 and "user add: unexpected '--root'" in r.stderr
    r = ctl("user", "add", "--email", new_email())
    assert r.returncode == 2 and "--email and --name are required" in r.stderr
    r = ctl("user", "add", "--email", new_email(), "--name", "")
    assert r.returncode == 2 and "--email and --name are required" in r.stderr


def test_user_add_reads_the_password_from_stdin_or_refuses_without_one():
    email = new_email("ctl-stdin")
    r = ctl("user", "add", "--email", email, "--name", "Piped", env=no_password_env())
    assert r.returncode == 2 and "no password given" in r.stderr
    assert sql("SELECT COUNT(*) FROM users WHERE email = ?", email) == [["0"]]
    r = ctl("user", "add", "--email", email, "--name", "Piped", "--admin",
            env=no_password_env(), stdin="a passphrase from a pipe\n")
    assert r.returncode == 0, r.stderr
    assert f"created admin {email}" in r.stdout
    assert sql("SELECT name, role FROM users WHERE email = ?", email) == [["Piped", "admin"]]


def test_generate_slots_refuses_unknown_rooms_and_options_and_dry_runs_write_nothing():
    mon = day(70) - dt.timedelta(days=day(70).weekday())
    span = ["--from", str(mon), "--to", str(mon), "--day-end", "11:00", "--length", "60"]
    r = ctl("generate-slots", "--room", "4294967295", *span)
    assert r.returncode == 1 and "there is no room 4294967295" in r.stderr
    room = make_room()
    r = ctl("generate-slots", "--room", str(room), *span, "--colour", "red")
    assert r.returncode == 2 and "unexpected '--colour'" in r.stderr
    r = ctl("generate-slots", "--room", str(room), *span, "--dry-run")
    assert r.returncode == 0, r.stderr
    assert "would create 2 timeslots, skipped 0" in r.stdout
    assert sql("SELECT COUNT(*) FROM timeslots WHERE room_id = ?", room) == [["0"]]


def migrations_env(tmp_path, extra):
    """A migrations folder: the real ones plus extra {name: sql}."""
    folder = tmp_path / "sql"
    shutil.copytree(os.path.join(ROOT, "sql"), folder)
    for name, text in extra.items():
        (folder / name).write_text(text)
    return dict(os.environ, BOOKING_MIGRATIONS=str(folder))


def test_migrate_refuses_a_missing_folder_and_two_new_files_with_one_number(tmp_path):
    r = ctl("migrate", env=dict(os.environ, BOOKING_MIGRATIONS=str(tmp_path / "none")))
    assert r.returncode == 1 and "migrate: cannot open" in r.stderr
    try:
        r = ctl("migrate", env=migrations_env(tmp_path, {"998_one.sql": "SELECT 1;",
                                                         "998_two.sql": "SELECT 2;"}))
        assert r.returncode == 1
        assert "two files are numbered 998" in r.stderr
        assert sql("SELECT COUNT(*) FROM schema_migrations WHERE version = 998") == [["0"]]
    finally:
        sql("DELETE FROM schema_migrations WHERE version = 998")


def test_a_failing_migration_is_reported_and_not_recorded(tmp_path):
    r = ctl("migrate", env=migrations_env(tmp_path, {"999_broken.sql": "THIS IS NOT SQL;"}))
    assert r.returncode == 1
    assert "migrate: 999_broken.sql:" in r.stderr
    assert sql("SELECT COUNT(*) FROM schema_migrations WHERE version = 999") == [["0"]]
