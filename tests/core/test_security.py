import pytest
from django.conf import settings

from tests.factories import make_blog

pytestmark = pytest.mark.django_db


def assert_baseline_headers(response):
    csp = response["Content-Security-Policy"]
    for directive in [
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]:
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_public_page_carries_the_security_headers_and_sets_no_cookie(client):
    make_blog()
    response = client.get("/")
    assert response.status_code == 200
    assert_baseline_headers(response)
    assert not response.cookies
    assert "Set-Cookie" not in response.headers


def test_not_found_page_carries_the_security_headers_and_reveals_nothing(client):
    make_blog(title="Riverbank notes")
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert_baseline_headers(response)
    body = response.content.decode()
    assert "Riverbank notes" in body
    assert "Page not found" in body
    assert "Traceback" not in body and "urlpatterns" not in body
    assert not response.cookies


def test_server_error_page_reveals_nothing_internal(client):
    from grassroots.core.views import server_error

    response = server_error(None)
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong" in body
    assert "Traceback" not in body


def test_passwords_are_hashed_with_argon2():
    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_media_refuses_paths_outside_the_media_folder(client):
    assert client.get("/media/../secret_key").status_code == 404
    assert client.get("/media/%2e%2e/secret_key").status_code == 404


def test_media_serves_images_with_a_sandboxing_policy(client, settings):
    folder = settings.MEDIA_ROOT / "photos"
    folder.mkdir(parents=True)
    (folder / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / "a.html").write_bytes(b"<script>alert(1)</script>")
    response = client.get("/media/photos/a.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client.get("/media/photos/a.html").status_code == 404


@pytest.mark.slow
@pytest.mark.parametrize("behind_proxy", ["0", "1"])
def test_x_forwarded_proto_is_trusted_only_behind_the_proxy(cli_data_dir, behind_proxy):
    from tests.conftest import cli_env, grassroots

    env = cli_env(
        cli_data_dir,
        GRASSROOTS_PRODUCTION="1",
        GRASSROOTS_BEHIND_PROXY=behind_proxy,
        GRASSROOTS_SITE_URL="https://blog.example.org",
    )
    for command in (["migrate", "-v", "0"], ["collectstatic", "--noinput", "-v", "0"]):
        assert grassroots(*command, env=env).returncode == 0
    script = (
        "from django.test import Client; "
        "r = Client().get('/', headers={'x-forwarded-proto': 'https'}, "
        "HTTP_HOST='blog.example.org'); print(r.status_code, r.get('Location'))"
    )
    result = grassroots("shell", "-v", "0", "-c", script, env=env)
    assert result.returncode == 0, result.stderr
    if behind_proxy == "1":
        assert result.stdout.split()[0] == "200"
    else:  # plain HTTP that only claims HTTPS is still sent to HTTPS
        assert result.stdout.split() == ["301", "https://blog.example.org/"]
