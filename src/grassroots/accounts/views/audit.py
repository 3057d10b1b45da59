from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from grassroots.accounts import selectors
from grassroots.accounts.audit import action_label
from grassroots.accounts.decorators import permission_required
from grassroots.accounts.forms import AuditFilterForm


@require_safe
@never_cache
@permission_required("accounts.view_auditentry")
def audit_log(request):
    actions = [(code, action_label(code)) for code in sorted(selectors.audit_action_codes())]
    form = AuditFilterForm(request.GET or None, actions=actions)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = selectors.audit_entries(**{k: v for k, v in filters.items() if v})
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    for entry in page:
        entry.label = action_label(entry.action)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "accounts/audit_log.html", context)
