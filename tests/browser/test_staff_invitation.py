"""An Administrator invites an Editor; the Editor joins, must set up TOTP before anything
else, and signs in again with a code computed as an authenticator app would."""

import base64

import pytest
from django.contrib.auth import get_user_model
from django_otp.oath import TOTP

from grassroots.accounts.roles import ADMINISTRATOR, EDITOR, user_roles
from tests.accounts.helpers import PASSWORD, app_code, give_totp
from tests.browser.conftest import screenshot
from tests.factories import make_blog, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def app_code_from_secret(secret, *, drift=0):
    """What the phone shows after the person typed the key from the setup page."""
    key = base64.b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    return f"{TOTP(key, drift=drift).token():06d}"


def sign_in(page, base, username, password):
    page.goto(base + "/studio/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def test_an_invited_editor_joins_sets_up_totp_and_signs_in_with_it(browser, live_server, settings):
    settings.GRASSROOTS_STAFF_2FA = "required-for-editors"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    make_blog(title="Riverbank notes")
    boss = make_staff(ADMINISTRATOR, username="boss", password=PASSWORD, byline=False)
    give_totp(boss)
    base = settings.SITE_URL = live_server.url

    admin_page = browser.new_context(java_script_enabled=False).new_page()
    sign_in(admin_page, base, "boss", PASSWORD)
    assert admin_page.url.endswith("/studio/login/code/")
    admin_page.get_by_label("Code").fill(app_code(boss))
    admin_page.get_by_role("button", name="Continue").click()
    assert admin_page.url == base + "/studio/"
    admin_page.goto(base + "/studio/staff/")
    admin_page.get_by_role("link", name="Invite a person").click()
    admin_page.get_by_label("Email").fill("aigerim@riverbank.example")
    admin_page.get_by_label("Editor", exact=False).check()
    screenshot(admin_page, "staff-invite")
    admin_page.get_by_role("button", name="Send the invitation").click()
    link = admin_page.locator("code.link").inner_text()
    assert "/studio/join/" in link

    page = browser.new_context(java_script_enabled=False).new_page()
    page.goto(link)
    page.get_by_label("Login name").fill("aigerim")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("The same password again").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    assert page.url.endswith("/studio/account/two-factor/")
    page.goto(base + "/studio/")
    assert page.url.endswith("/studio/account/two-factor/"), "no studio before a second factor"
    assert page.locator("img.qr").get_attribute("src").startswith("data:image/svg+xml")
    screenshot(page, "staff-two-factor-setup")
    secret = page.locator("code.secret").inner_text()
    page.get_by_label("Code from the app").fill(app_code_from_secret(secret))
    page.get_by_role("button", name="Confirm").click()
    assert page.locator("ul.codes li").count() == 10
    page.get_by_role("link", name="continue to the studio").click()
    assert page.url == base + "/studio/"
    assert "Hello, aigerim" in page.content()

    page.goto(base + "/studio/account/")
    page.get_by_role("button", name="Sign out", exact=True).click()
    sign_in(page, base, "aigerim", PASSWORD)
    assert page.url.endswith("/studio/login/code/")
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Continue").click()
    assert "That code is not right" in page.content()
    page.wait_for_timeout(1500)  # django-otp pauses a device for a second after a wrong code
    # The phone's next code (the one it shows 30 seconds later); django-otp accepts one
    # step of drift and refuses the code already used to confirm.
    page.get_by_label("Code").fill(app_code_from_secret(secret, drift=1))
    page.get_by_role("button", name="Continue").click()
    assert page.url == base + "/studio/"
    person = get_user_model().objects.get(username="aigerim")
    assert user_roles(person) == {EDITOR}

    page.goto(link)
    assert "does not work any more" in page.content()
