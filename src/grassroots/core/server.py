"""Gunicorn started in-process through its documented custom-application API."""

from gunicorn.app.base import BaseApplication


class _Server(BaseApplication):
    def __init__(self, options):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from grassroots.wsgi import application

        return application


def serve(*, host, port, workers, threads):
    _Server(
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "threads": threads,
            "worker_class": "gthread",
            # Access logs would carry readers' and commenters' IP addresses: none are kept.
            "accesslog": None,
            "errorlog": "-",
            "loglevel": "warning",
            "timeout": 30,
            "graceful_timeout": 10,
            "max_requests": 5000,
            "max_requests_jitter": 500,
            "forwarded_allow_ips": "127.0.0.1,::1",
            "preload_app": True,
        }
    ).run()
