from django.core.paginator import Paginator

PER_PAGE = 25


def paginate(request, queryset, *, per_page=PER_PAGE):
    """The page named by ?page=N; anything unreadable or past the end shows the last page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
