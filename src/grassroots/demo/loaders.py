"""The demo content, in the order it is loaded. Each app's issue adds its own module here."""

from grassroots.demo import comments, identity, photos, posts

LOADERS = [identity.load, posts.load, photos.load, comments.load]
