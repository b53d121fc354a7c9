"""test_worker_memory.py: password checks give their memory back. Each argon2 run takes
19 MiB; a worker that kept it held 89 MB after 200 logins."""
from concurrent.futures import ThreadPoolExecutor

import requests

from conftest import CA, PASSWORD, register, url, worker_pids

LOGINS = 200
RSS_LIMIT_MB = 24


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError(f"no VmRSS for {pid}")


def test_a_worker_stays_under_24_mb_after_200_logins():
    _, email, r = register()
    assert r.status_code == 303, r.text

    def login(_):
        return requests.post(url("/api/v1/auth/login"), json={"email": email, "password": PASSWORD},
                             verify=CA).status_code

    with ThreadPoolExecutor(max_workers=4) as pool:
        codes = list(pool.map(login, range(LOGINS)))
    assert codes.count(200) == LOGINS, sorted(set(codes))
    pids = worker_pids()
    assert pids
    sizes = {pid: round(rss_mb(pid), 1) for pid in pids}
    assert all(mb < RSS_LIMIT_MB for mb in sizes.values()), sizes
