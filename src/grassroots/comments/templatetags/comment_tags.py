"""How the post page shows comments without the blog app importing this one."""

from django import template

register = template.Library()


@register.inclusion_tag("comments/_section.html", takes_context=True)
def comment_section(context, post):
    return {"post": post, "request": context.get("request")}
