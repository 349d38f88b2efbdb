"""Settings for the test suite: the production settings with test-only environment defaults.

Only speed and determinism change here (a fast password hasher, plain HTTP for the live test server);
every security behaviour under test is the production one.
"""

import os
import tempfile

os.environ.setdefault("SARHUB_TESTING", "true")
os.environ.setdefault("SARHUB_DEBUG", "false")
os.environ.setdefault("SARHUB_SECRET_KEY", "test-only-secret-key-" + "x" * 40)
os.environ.setdefault("SARHUB_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SARHUB_SECURE_HTTPS", "false")
os.environ.setdefault("SARHUB_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
os.environ.setdefault("SARHUB_LOG_LEVEL", "WARNING")
os.environ.setdefault("SARHUB_PRIVATE_MEDIA_ROOT", tempfile.mkdtemp(prefix="sarhub-test-documents-"))

from config.settings import *  # noqa: F403

if "sarhub.demo" not in INSTALLED_APPS:  # noqa: F405 - the demo data is tested, though production never has it
    INSTALLED_APPS.append("sarhub.demo")  # noqa: F405

STATIC_ROOT = None  # type: ignore[assignment]  # assets are served from frontend/build through the finders
