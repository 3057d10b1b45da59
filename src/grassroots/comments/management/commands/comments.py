"""`grassroots comments`: moderation from the command line. Lines never carry an email."""

import zoneinfo

from django.core.management.base import BaseCommand, CommandError

from grassroots.blog.selectors import blog_identity
from grassroots.comments import guard, services
from grassroots.comments.models import Comment
from grassroots.comments.render import clean_line, excerpt

ACTIONS = {
    "approve": services.comment_approve,
    "spam": services.comment_spam,
    "trash": services.comment_trash,
}


class Command(BaseCommand):
    help = "List and moderate comments; drop expired commenter emails (purge)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, title="actions")
        listing = sub.add_parser("list", help="one comment a line, newest first")
        listing.add_argument("--status", choices=[s.value for s in Comment.Status], default=None)
        listing.add_argument("--limit", type=int, default=100)
        for name in ACTIONS:
            act = sub.add_parser(name, help=f"{name} the comments with these ids")
            act.add_argument("ids", nargs="+", metavar="ID")
        sub.add_parser("purge", help="erase the emails kept past the retention period")

    def handle(self, *args, action, **options):
        if action == "list":
            return self._list(options["status"], options["limit"])
        if action == "purge":
            count = services.comment_emails_expire()
            counters = guard.counters_sweep()
            self.stdout.write(
                f"{count} commenter emails erased, {counters} old rate-limit counters dropped."
            )
            return
        ids = []
        for raw in options["ids"]:
            if not raw.isdigit():
                raise CommandError(f"{raw!r} is not a comment id (a whole number).")
            ids.append(int(raw))
        found = set(Comment.objects.filter(pk__in=ids).values_list("pk", flat=True))
        missing = [str(pk) for pk in ids if pk not in found]
        if missing:
            raise CommandError(f"No comment with id {', '.join(missing)}; nothing changed.")
        count = ACTIONS[action](comments=ids)
        self.stdout.write(f"{action}: {count} comment(s) changed, {len(ids) - count} unchanged.")

    def _list(self, status, limit):
        rows = Comment.objects.select_related("post").order_by("-created_at", "-pk")
        if status:
            rows = rows.filter(status=status)
        zone = zoneinfo.ZoneInfo(blog_identity().time_zone)
        for comment in rows[: max(1, limit)]:
            when = comment.created_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
            self.stdout.write(
                "\t".join(
                    [
                        str(comment.pk),
                        comment.status,
                        clean_line(comment.post.title)[:40],
                        clean_line(comment.name)[:40],
                        when,
                        excerpt(comment.body, 60),
                    ]
                )
            )
