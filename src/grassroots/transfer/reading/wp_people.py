"""Authors (bylines, and staff logins only with --create-staff) and terms (categories and
tags, which both become tags) of a WordPress import."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from grassroots.blog import services as blog
from grassroots.blog.models import Author
from grassroots.core.text import ascii_slug
from grassroots.transfer.reading import records
from grassroots.transfer.reading.redirects import normalise
from grassroots.transfer.reading.report import IMPORTED, UNCHANGED

# WordPress's default category: it says nothing about a post.
UNCATEGORISED = {"uncategorized", "uncategorised", "bez-rubriki", "без-рубрики"}


class People:
    def __init__(self, run, *, create_staff):
        self.run, self.create_staff = run, create_staff
        self.authors = {}  # login -> (display name, email)
        self.categories = {}  # nicename -> (name, parent nicename)
        self.tags = {}  # slug -> name
        self._cache = {}

    def term(self, kind, slug, name, extra):
        if kind == "author" and slug:
            self.authors[slug] = (name, extra)
        elif kind == "category" and slug:
            self.categories[slug] = (name or slug, extra)
        elif kind == "tag" and slug:
            self.tags[slug] = name or slug

    def count_unused(self):
        """Authors and terms the file lists but no imported post uses are not brought over;
        counted, so the report adds up to what the file holds."""
        listed = (("author", self.authors), ("category", self.categories), ("tag", self.tags))
        for kind, names in listed:
            for name in names:
                key = name if kind == "author" else name.strip().lower()
                if (kind, key) in self._cache or key in UNCATEGORISED:
                    continue
                reason = _("wrote no post") if kind == "author" else _("used by no post")
                self.run.report.skip(kind, reason)

    # authors ----------------------------------------------------------------------------
    def author(self, login):
        """The byline for a WordPress login, made on first use."""
        login = login or "unknown"
        if ("author", login) in self._cache:
            return self._cache["author", login]
        source = self.run.source
        found = records.target(records.find(source, "author", login))
        if found is not None:
            self.run.report.count("author", UNCHANGED)
        elif self.run.dry_run:
            found = Author(display_name=login, slug="dry-run")
            self.run.report.count("author", IMPORTED)
        else:
            display, email = self.authors.get(login, (login, ""))
            with transaction.atomic():
                user = self._staff(login, email) if self.create_staff else None
                found = blog.author_create(display_name=display[:120] or login, user=user)
                item = records.remember(source, "author", login, found)
                for name in {login.lower(), ascii_slug(login)}:
                    records.add_address(item, normalise(f"{self.run.prefix}/author/{name}/"))
            self.run.report.count("author", IMPORTED)
            if user is not None:
                self.run.report.count("staff login", IMPORTED)
        self._cache["author", login] = found
        return found

    def _staff(self, login, email):
        """An active staff login with no usable password: an administrator gives it one
        (`grassroots createadmin --reset --username LOGIN`). It has no permissions yet."""
        users = get_user_model()
        username, n = login[:140], 2
        while users.objects.filter(username=username).exists():
            username, n = f"{login[:140]}-{n}", n + 1
        user = users(username=username, email=email, is_staff=True)
        user.set_unusable_password()
        user.full_clean()
        user.save()
        return user

    # tags -------------------------------------------------------------------------------
    def tags_for(self, terms):
        found = []
        for domain, nicename, name in terms:
            if domain not in {"category", "post_tag", "tag"}:  # "tag": WXR 1.0
                continue
            tag = self.tag("category" if domain == "category" else "tag", nicename, wxr_plain(name))
            if tag is not None and tag not in found:
                found.append(tag)
        return found

    def tag(self, kind, nicename, name):
        nicename = (nicename or ascii_slug(name)).strip().lower()
        if not nicename or (kind == "category" and nicename in UNCATEGORISED):
            return None
        if (kind, nicename) in self._cache:
            return self._cache[kind, nicename]
        if kind == "category":
            name = self.categories.get(nicename, (name, ""))[0] or name
        else:
            name = self.tags.get(nicename, name) or name
        name = (name or nicename)[:80]
        source = self.run.source
        found = records.target(records.find(source, kind, nicename))
        if found is not None:
            self.run.report.count(kind, UNCHANGED)
        elif self.run.dry_run:
            found = name
            self.run.report.count(kind, IMPORTED)
            self.run.report.categories_became_tags += kind == "category"
        else:
            with transaction.atomic():
                found = blog.tag_get_or_create(name=name)
                item = records.remember(source, kind, nicename, found)
                for path in self._paths(kind, nicename):
                    records.add_address(item, normalise(self.run.prefix + path))
            self.run.report.count(kind, IMPORTED)
            self.run.report.categories_became_tags += kind == "category"
        self._cache[kind, nicename] = found
        return found

    def _paths(self, kind, nicename):
        if kind == "tag":
            return [f"/tag/{nicename}/"]
        chain, seen, current = [nicename], {nicename}, self.categories.get(nicename, ("", ""))[1]
        while current and current not in seen:  # /category/parent/child/ is the full path
            chain.insert(0, current)
            seen.add(current)
            current = self.categories.get(current, ("", ""))[1]
        paths = [f"/category/{nicename}/"]
        if len(chain) > 1:
            paths.append("/category/" + "/".join(chain) + "/")
        return paths


def wxr_plain(value):
    from grassroots.transfer.reading.wxr import plain

    return plain(value)
