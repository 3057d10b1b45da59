"""Where a request spends its time: cProfile over the photo story with 50 comments, from the
page cache (a reader without cookies) and rendered (a reader with a cookie), in-process
through Django's full middleware stack. Prints the top functions by own time.

    .venv/bin/python bench/profiling.py [--requests 300]
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

SETUP = """
import time
from grassroots.blog.models import Blog, Post
from grassroots.comments import guard, services
blog = Blog.objects.get()
blog.comment_policy = Blog.CommentPolicy.OPEN
blog.save()
story = Post.objects.get(slug="a-day-in-the-park")
for n in range(50):
    services.comment_submit(post=story, name=f"Reader {n}", email=f"r{n}@example.org",
        body=f"Comment {n}: thank you for the day in the park. " * (1 + n % 5),
        token=guard.issue_token(story.pk, issued_at=time.time() - 60))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    data_dir = tempfile.mkdtemp(prefix="grassroots-profile-")
    os.environ.update(GRASSROOTS_DATA_DIR=data_dir, DATABASE_URL="",
                      DJANGO_SETTINGS_MODULE="grassroots.settings")  # fmt: skip
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    call_command("demo", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    exec(SETUP, {})  # noqa: S102 (our own setup text above)
    from grassroots.blog.models import Post

    path = Post.objects.get(slug="a-day-in-the-park").get_absolute_url()
    for label, cookies in (("cached", {}), ("uncached", {"bench": "1"})):
        client = Client(HTTP_HOST="127.0.0.1")
        client.cookies.load(cookies)
        assert client.get(path).status_code == 200
        profile = cProfile.Profile()
        started = time.perf_counter()
        profile.enable()
        for _ in range(args.requests):
            client.get(path)
        profile.disable()
        per_request = (time.perf_counter() - started) / args.requests * 1000
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(15)
        print(f"== {label}: {per_request:.2f} ms per request (with the profiler on)")
        lines = out.getvalue().splitlines()
        start = next(i for i, line in enumerate(lines) if "ncalls" in line)
        print("\n".join(line.replace(str(Path(sys.prefix)), "") for line in lines[start:]))


if __name__ == "__main__":
    main()
