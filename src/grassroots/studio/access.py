"""Who may open the studio at all. What each person may do inside it is decided by the
permissions of their roles (accounts) and by the object rules in the services and selectors."""

import functools

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def staff_required(view):
    """Signed-in staff only: anyone else is sent to the login page, or refused."""

    @functools.wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not (request.user.is_active and request.user.is_staff):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
