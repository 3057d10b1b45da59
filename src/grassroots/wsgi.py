import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "grassroots.settings")
django_application = get_wsgi_application()

# Page-cache hits for readers without cookies are answered before Django's middleware stack,
# with the headers that stack gave them (core/fastpages.py).
from grassroots.core.fastpages import fast_pages  # noqa: E402 (needs Django set up)

application = fast_pages(django_application)
