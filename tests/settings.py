"""The test suite's settings: the portal's own, under the environment the tests need.

``innovation_portal.settings`` takes every value from the environment and, without
``DEBUG``, defaults to production. The suite runs that same module with production
defaults, except where ``TEST_ENVIRONMENT`` below says otherwise; this is the one place
that says so. It fills in these variables, then imports the portal's settings; a
variable already set in the environment wins. pytest-django imports this module
(``DJANGO_SETTINGS_MODULE`` in pyproject.toml) when pytest starts, before it imports any
conftest.py, which would be too late to set the environment for the settings.

Why environment variables, rather than settings assigned after the import: the portal's
settings then derive everything from them exactly as in a deployment (the cookie names
from ``SECURE_COOKIES``, the connection age in ``DATABASES``, the rate limits checked),
and the suite's settings are ones a deployment could have. A test that needs another
value sets it with pytest-django's ``settings`` fixture; a test of a production default
runs ``manage.py`` in a fresh process with an environment of its own
(``tests/portal/test_settings.py``, ``tests/security/test_deploy.py``).

Django's test environment adds the rest: ``testserver`` to ``ALLOWED_HOSTS``, e-mail to
memory, ``DEBUG`` off while the tests run.
"""

import os

TEST_ENVIRONMENT = {
    # Production mode, as in a deployment.
    "DEBUG": "0",
    # Required without DEBUG; it signs nothing but the tests' own sessions.
    "SECRET_KEY": "test-suite-only-secret-key-never-used-by-a-deployment",
    # The live server's addresses (the browser tests).
    "ALLOWED_HOSTS": "localhost,127.0.0.1,[::1]",
    # A connection per request: no thread of the live server or of a concurrency test
    # keeps one open to the test database.
    "CONN_MAX_AGE": "0",
    # Every visit renders; tests/portal/test_cache.py switches the page cache on.
    "PAGE_CACHE_SECONDS": "0",
    # The test client and the live server speak plain HTTP: no redirect to HTTPS, and
    # cookies without the Secure flag, under Django's own names (sessionid, csrftoken).
    "SECURE_SSL_REDIRECT": "0",
    "SECURE_COOKIES": "0",
    # Static files straight from the source folders, no collectstatic needed;
    # tests/portal/test_static_files.py collects them and checks the production storage.
    "STATIC_COLLECTED": "0",
    # A password is enough to sign in; tests/security/test_staff_sign_in.py and
    # tests/browser/test_csp.py turn two-factor sign-in on.
    "REQUIRE_STAFF_2FA": "0",
    # No rate limits; tests/security/test_ratelimit.py sets low ones.
    "RATE_LIMIT_SEARCH": "",
    "RATE_LIMIT_EXPORT": "",
    "RATE_LIMIT_API": "",
}

for _name, _value in TEST_ENVIRONMENT.items():
    os.environ.setdefault(_name, _value)

from innovation_portal.settings import *  # noqa: E402, F403
