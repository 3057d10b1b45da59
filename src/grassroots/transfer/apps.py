from django.apps import AppConfig


class TransferConfig(AppConfig):
    name = "grassroots.transfer"
    label = "transfer"

    def ready(self):
        from grassroots.core import fastpages
        from grassroots.transfer.reading.redirects import names_item

        # An old address (/?p=12) may be redirected once an import knows it, so the fast path
        # for cached pages leaves such requests to the middleware that looks them up.
        fastpages.register_bypass(lambda path, query: names_item(query))
