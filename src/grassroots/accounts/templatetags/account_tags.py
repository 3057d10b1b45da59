from django import template

register = template.Library()


@register.simple_tag
def field_widget(field):
    """The widget with its help text and errors tied to it for screen readers."""
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_helptext")
    if field.errors:
        described.append(f"{field.auto_id}_errors")
    attrs = {}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.simple_tag
def role_names(person_or_invitation):
    from grassroots.accounts.roles import ROLES, role_label

    roles = getattr(person_or_invitation, "roles", None)
    if roles is None:
        roles = [g.name for g in person_or_invitation.groups.all() if g.name in ROLES]
        if person_or_invitation.is_superuser and "Administrator" not in roles:
            roles.append("Administrator")
    return ", ".join(role_label(role) for role in sorted(roles)) or "-"
