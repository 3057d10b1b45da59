from grassroots.blog import selectors


def blog_identity(request):
    return {"blog": selectors.blog_identity()}
