"""Reading other platforms' files into Grassroots: the safe XML stream, the WordPress and
Disqus importers, HTML to Markdown, media, the report and the old-address redirects."""
