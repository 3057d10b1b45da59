from django.apps import AppConfig


class TransferConfig(AppConfig):
    name = "grassroots.transfer"
    label = "transfer"
