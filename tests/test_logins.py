"""Logins are throttled (django-axes), behind a proxy too; pages refuse browser features."""

import pytest

from tests.factories import make_image

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


@pytest.fixture
def editor_password(editor):
    editor.set_password("the right one")
    editor.save()
    return "the right one"


def log_in(client, password, **headers):
    response = client.post(LOGIN, {"username": "ed", "password": password}, **headers)
    return response, "_auth_user_id" in client.session


def test_after_five_wrong_passwords_even_the_right_one_is_refused(client, editor_password):
    for _ in range(5):
        response, logged_in = log_in(client, "guess")
        assert not logged_in
    response, logged_in = log_in(client, editor_password)
    assert not logged_in
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many wrong passwords for this account from your address" in page
    assert "15 minutes" in page


def test_the_lockout_is_for_that_address_not_for_the_editor_everywhere(client, editor_password):
    for _ in range(5):
        log_in(client, "guess", REMOTE_ADDR="203.0.113.9")
    assert not log_in(client, editor_password, REMOTE_ADDR="203.0.113.9")[1]
    assert log_in(client, editor_password, REMOTE_ADDR="198.51.100.7")[1]


def test_a_right_password_before_the_limit_starts_the_count_again(client, editor_password):
    for _ in range(4):
        log_in(client, "guess")
    assert log_in(client, editor_password)[1]
    client.logout()
    for _ in range(4):
        log_in(client, "guess")
    assert log_in(client, editor_password)[1]


def test_behind_a_proxy_each_visitors_own_address_counts(client, settings, editor_password):
    """With PROXY_COUNT=1 every request comes from the proxy's address; the visitor's is the
    one the proxy appended to X-Forwarded-For (what the visitor wrote there counts for nothing)."""
    settings.PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for n in range(5):  # the attacker changes the header it sends, in vain
        log_in(client, "guess", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.9", **proxy)
    attacker = log_in(client, editor_password, HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy)
    assert not attacker[1]
    assert log_in(client, editor_password, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)[1]


def test_the_lockout_page_is_in_french_for_a_french_editor(client, editor_password):
    for _ in range(5):
        log_in(client, "guess")
    response, _ = log_in(client, editor_password, HTTP_ACCEPT_LANGUAGE="fr")
    assert "Trop de mots de passe erronés" in response.content.decode()


@pytest.mark.parametrize("page_cache", [False, True])
def test_every_page_refuses_browser_features_it_does_not_use(client, settings, page_cache):
    settings.PAGE_CACHE = page_cache
    make_image(slug="sunrise")
    for path in ("/en/", "/en/gallery/", "/en/images/sunrise/", "/en/gallery/", LOGIN):
        policy = client.get(path)["Permissions-Policy"]
        assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy
