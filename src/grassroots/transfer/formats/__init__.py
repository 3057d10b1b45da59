"""Formats in and out. Each module offers detect(path) -> bool and read(path, **options) ->
Report for importing and/or write(path, **options) for exporting; `grassroots import
<format>` and `grassroots export <format>` find them here. A module that reads may also
offer add_read_arguments(parser) for its own options."""

from grassroots.transfer.formats import disqus, json_reader, wordpress

FORMATS = {
    "wordpress": wordpress,
    "disqus": disqus,
    "json": json_reader,
}


def readers():
    return {name: module for name, module in FORMATS.items() if hasattr(module, "read")}


def writers():
    return {name: module for name, module in FORMATS.items() if hasattr(module, "write")}
