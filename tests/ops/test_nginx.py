"""deploy/nginx/clinic360.conf, run for real in front of the product with a self-signed cert."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from clinic360.core.config import PROJECT_ROOT
from tests.factories import DEFAULT_PASSWORD, registration_body
from tests.live import LiveServer, free_port, start_live_server

CONFIG = PROJECT_ROOT / "deploy" / "nginx" / "clinic360.conf"
HOST = "clinic.example.org"


@pytest.fixture(scope="module")
def proxied(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """(https_url, http_url) of nginx in front of a live server, as the docs deploy it."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    assert Path(nginx).exists(), "nginx missing: .ci/run installs Debian's nginx-light"
    tmp = tmp_path_factory.mktemp("nginx")
    https_port, http_port = free_port(), free_port()
    cert, key = tmp / "cert.pem", tmp / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            f"/CN={HOST}",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    servers = start_live_server(
        tmp, PUBLIC_URL=f"https://{HOST}:{https_port}", TRUSTED_PROXY_COUNT="1"
    )
    live: LiveServer = next(servers)
    site = (
        CONFIG.read_text()
        .replace("server 127.0.0.1:5000", f"server {live.url.removeprefix('http://')}")
        .replace("server 127.0.0.1:5001", f"server {live.events_url.split('/')[2]}")
        .replace("listen 80;", f"listen 127.0.0.1:{http_port};")
        .replace("listen 443 ssl", f"listen 127.0.0.1:{https_port} ssl")
        .replace("/etc/ssl/clinic360/fullchain.pem", str(cert))
        .replace("/etc/ssl/clinic360/privkey.pem", str(key))
    )
    main_conf = tmp / "nginx.conf"
    main_conf.write_text(
        f"pid {tmp}/nginx.pid;\nerror_log {tmp}/error.log;\nevents {{}}\n"
        f"http {{\n access_log off;\n client_body_temp_path {tmp};\n"
        f" proxy_temp_path {tmp};\n{site}\n}}\n"
    )
    subprocess.run([nginx, "-t", "-c", str(main_conf)], check=True, capture_output=True)
    process = subprocess.Popen([nginx, "-c", str(main_conf), "-g", "daemon off;"])
    try:
        yield f"https://127.0.0.1:{https_port}", f"http://127.0.0.1:{http_port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        servers.close()


def _https_client(base: str) -> httpx.Client:
    return httpx.Client(base_url=base, verify=False, headers={"Host": HOST}, timeout=10)  # noqa: S501


def test_pages_redirect_to_https_and_the_api_refuses_http(proxied: tuple[str, str]) -> None:
    _, http_url = proxied
    page = httpx.get(f"{http_url}/login", headers={"Host": HOST})
    assert page.status_code == 301
    assert page.headers["Location"] == f"https://{HOST}/login"
    api = httpx.get(f"{http_url}/api/user", headers={"Host": HOST})
    assert api.status_code == 403
    assert "Location" not in api.headers


def test_https_serves_the_app_with_hsts_and_secure_cookies(proxied: tuple[str, str]) -> None:
    https_url, _ = proxied
    with _https_client(https_url) as client:
        assert client.get("/").status_code == 200
        csrf = client.get("/api/csrf")
        assert "max-age=" in csrf.headers["Strict-Transport-Security"]
        cookies = csrf.headers.get_list("set-cookie")
        assert any(c.startswith("__Host-clinic360_session=") and "Secure" in c for c in cookies)
        token = csrf.json()["csrfToken"]
        response = client.post(
            "/api/register",
            json={
                "username": "proxied",
                "password": DEFAULT_PASSWORD,
                "email": "proxied@example.org",
                "fullName": "Pat Proxy",
                "role": "patient",
            },
            headers={"X-CSRF-Token": token, "Referer": f"https://{HOST}/register"},
        )
        assert response.status_code == 201, response.text
        assert client.get("/api/user").json()["username"] == "proxied"


def test_live_event_streams_pass_through_unbuffered(proxied: tuple[str, str]) -> None:
    """`/events` reaches the live-events server: a stream's first bytes arrive through nginx
    at once (no buffering), and a bad ticket gets the server's own problem answer."""
    https_url, _ = proxied
    with _https_client(https_url) as client:
        refused = client.get("/events?ticket=forged")
        assert refused.status_code == 401
        assert refused.json()["code"] == "invalid_ticket"
        token = client.get("/api/csrf").json()["csrfToken"]
        body = registration_body()
        client.post("/api/register", json=body, headers={"X-CSRF-Token": token})
        ticket = client.get("/api/live/ticket").json()["url"].split("?", 1)[1]
        with client.stream("GET", f"/events?{ticket}") as stream:
            assert stream.headers["content-type"].startswith("text/event-stream")
            first = next(stream.iter_lines())
            assert first == "retry: 2000"
