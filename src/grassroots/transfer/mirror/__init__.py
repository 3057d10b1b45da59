"""A static mirror of the public site (`grassroots export static DIR`): every public page,
feed, sitemap, photo rendition and stylesheet as plain files with relative links, so any
web server, an onion service or a USB stick can serve them, plus a manifest of SHA-256 sums
signed with the site's Ed25519 key (signing.py)."""

from grassroots.transfer.mirror.signing import verify
from grassroots.transfer.mirror.writer import write

__all__ = ["verify", "write"]
