"""`grassroots deploy nginx|systemd`: print configuration for the production recipe."""

import os
import re

from django.core.management.base import BaseCommand, CommandError

from grassroots.core import deploy

ADDRESS = re.compile(r"^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):([0-9]{1,5})$")


def address(value, option):
    match = ADDRESS.match(value)
    if not match or not 0 < int(match.group(2)) < 65536:
        raise CommandError(f"{option} must look like HOST:PORT, such as 127.0.0.1:8000.")
    return value


class Command(BaseCommand):
    help = "Print configuration for nginx in front of Grassroots, or systemd units."

    def add_arguments(self, parser):
        targets = parser.add_subparsers(dest="target", required=True, metavar="nginx|systemd")
        nginx = targets.add_parser("nginx", help="an nginx config (TLS site, or --standalone)")
        nginx.add_argument("--app", default="127.0.0.1:8000", help="where grassroots run listens")
        nginx.add_argument(
            "--standalone",
            action="store_true",
            help="a whole nginx.conf over plain HTTP for `nginx -p PREFIX -c FILE`, no root",
        )
        nginx.add_argument("--listen", default="127.0.0.1:8080", help="(standalone) HOST:PORT")
        nginx.add_argument("--prefix", help="(standalone) folder for nginx's pid, cache, temp")
        systemd = targets.add_parser("systemd", help="units for the app and the task worker")
        systemd.add_argument("--host", default="127.0.0.1")
        systemd.add_argument("--port", type=int, default=8000)
        systemd.add_argument("--workers", type=int, default=max(1, min(4, os.cpu_count() or 1)))

    def handle(self, *args, target, **options):
        if target == "systemd":
            text = deploy.systemd_units(
                host=options["host"], port=options["port"], workers=options["workers"]
            )
        elif options["standalone"]:
            if not options["prefix"]:
                raise CommandError("--standalone needs --prefix DIR (nginx's own folder).")
            text = deploy.nginx_standalone(
                listen=address(options["listen"], "--listen"),
                app=address(options["app"], "--app"),
                prefix=options["prefix"],
            )
        else:
            text = deploy.nginx_site(app=address(options["app"], "--app"))
        self.stdout.write(text, ending="")
