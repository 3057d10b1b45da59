"""Gates for the staff pages of this app (studio/access.py does the same for the studio)."""

import functools

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def staff_required(view):
    @functools.wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not (request.user.is_active and request.user.is_staff):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def permission_required(perm):
    """Staff holding `perm` (through a role); others get 403."""

    def decorate(view):
        @functools.wraps(view)
        @staff_required
        def wrapped(request, *args, **kwargs):
            if not request.user.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
