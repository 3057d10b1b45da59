from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from grassroots.blog import selectors, services
from grassroots.blog.models import Author, Blog, Post, Tag


@admin.register(Blog)
class BlogAdmin(admin.ModelAdmin):
    fieldsets = [
        (None, {"fields": ["organisation_name", "organisation_url", "title", "tagline"]}),
        ("Language and time", {"fields": ["language", "time_zone"]}),
        (_("Readers at risk"), {"fields": ["quick_exit", "quick_exit_url"]}),
        (
            "Comments",
            {
                "fields": [
                    "comment_policy",
                    "comments_close_after_days",
                    "commenter_email_retention_days",
                ]
            },
        ),
    ]

    def has_add_permission(self, request):
        # A singleton: the admin offers to edit the one row, never to add a second.
        return not Blog.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["display_name", "slug"]
    search_fields = ["display_name", "slug"]
    prepopulated_fields = {"slug": ["display_name"]}
    fields = ["display_name", "slug", "bio", "user"]
    raw_id_fields = ["user"]

    def get_deleted_objects(self, objs, request):
        """A post whose every byline would go is listed as protected, so Django refuses the
        deletion with its own message: a public post must keep at least one author."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        doomed = {author.pk for author in objs}
        orphans = (
            Post.objects.filter(authors__in=doomed)
            .exclude(authors__in=Author.objects.exclude(pk__in=doomed))
            .distinct()
            .order_by("title")
        )
        protected = [*protected, *(f"{_('post')}: {post.title}" for post in orphans)]
        return deleted, counts, perms_needed, protected


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class StatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", _("Draft")),
            ("scheduled", _("Scheduled")),
            ("published", _("Published")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "draft":
            return queryset.filter(status=Post.Status.DRAFT)
        if self.value() == "scheduled":
            return queryset.scheduled(now=now)
        if self.value() == "published":
            return queryset.public(now=now)
        return queryset


class PostAdminForm(forms.ModelForm):
    class Meta:
        model = Post
        fields = [
            "title",
            "slug",
            "body",
            "status",
            "published_at",
            "authors",
            "tags",
            "comments_open",
            "language",
            "translation_of",
            "excerpt",
            "cover",
        ]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 24, "cols": 90, "class": "markdown"}),
            "excerpt": forms.Textarea(attrs={"rows": 3, "cols": 90}),
        }
        help_texts = {
            "body": _(
                "Markdown: **bold**, *italic*, [a link](https://…), ## a heading, "
                "> a quote whose last line is “— Name, detail”, and a photo on its own "
                'line: ![what it shows](photo:12 "caption"). “Save and preview” shows the '
                "post as readers will see it. The full guide is docs/writing.md."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["published_at"].help_text = _(
            "In the blog's time zone (%(zone)s), like the date in the permanent link. "
            "Empty means now."
        ) % {"zone": selectors.blog_identity().time_zone}
        if self.instance.pk and not self.instance.excerpt_written:
            # A derived excerpt is shown empty, so it keeps following the body.
            self.initial["excerpt"] = ""

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or ""
        title = self.cleaned_data.get("title") or self.data.get("title", "")
        if not slug:
            slug = services.unique_slug(Post, title, exclude_pk=self.instance.pk)
        if not slug:
            raise ValidationError(
                _(
                    "No slug could be made from this title. Write one with Latin letters, "
                    "digits and hyphens."
                )
            )
        return slug


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    form = PostAdminForm
    list_display = ["title", "state_label", "published_at", "author_names", "comment_count"]
    list_filter = [StatusFilter, "authors", "tags", "comments_open"]
    search_fields = ["title", "body"]
    date_hierarchy = "published_at"
    filter_horizontal = ["authors", "tags"]
    raw_id_fields = ["cover", "translation_of"]
    readonly_fields = ["permalink", "rendered"]
    actions = ["publish_now", "unpublish"]
    save_on_top = True

    class Media:
        css = {"all": ["blog/admin.css"]}

    fieldsets = [
        (None, {"fields": ["title", "slug", "permalink", "body"]}),
        (
            _("Publishing"),
            {
                "fields": ["status", "published_at", "authors", "tags", "comments_open"],
                "description": _(
                    "Published with a time in the future means scheduled: the post appears "
                    "by itself at that time."
                ),
            },
        ),
        (_("Listings and sharing"), {"fields": ["excerpt", "cover", "language", "translation_of"]}),
        (_("Preview"), {"fields": ["rendered"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("authors")

    # Staff read and type publish times in the blog's time zone, the one permalinks and
    # public pages use, whatever the server's own TIME_ZONE. The admin answers with lazy
    # TemplateResponses, so they are rendered before the zone is left.
    def _in_blog_zone(self, view, request, *args, **kwargs):
        with timezone.override(selectors.blog_identity().time_zone):
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            return response

    def changeform_view(self, request, *args, **kwargs):
        return self._in_blog_zone(super().changeform_view, request, *args, **kwargs)

    def changelist_view(self, request, *args, **kwargs):
        return self._in_blog_zone(super().changelist_view, request, *args, **kwargs)

    def view_on_site(self, post):
        # A draft's or scheduled post's permalink is a 404 for now: show its preview instead.
        if post.is_public:
            return post.get_absolute_url()
        return reverse("admin:blog_post_preview", args=[post.pk])

    @admin.display(description=_("status"))
    def state_label(self, post):
        return {"draft": _("Draft"), "scheduled": _("Scheduled"), "published": _("Published")}[
            post.state
        ]

    @admin.display(description=_("authors"))
    def author_names(self, post):
        return ", ".join(author.display_name for author in post.authors.all())

    @admin.display(description=_("permanent link"))
    def permalink(self, post):
        if not post.pk:
            return _("Shown after the first save.")
        preview = reverse("admin:blog_post_preview", args=[post.pk])
        if post.is_public:
            return format_html(
                '<a href="{}">{}</a> · <a href="{}">{}</a>',
                post.get_absolute_url(),
                post.get_absolute_url(),
                preview,
                _("preview"),
            )
        return format_html(
            '{} ({}) · <a href="{}">{}</a>',
            post.get_absolute_url(),
            _("not public yet"),
            preview,
            _("preview in the site's look"),
        )

    @admin.display(description=_("rendered body (as of the last save)"))
    def rendered(self, post):
        if not post.pk:
            return _("Save to see the rendered post.")
        # body_html is the output of core.text: sanitised before it was stored.
        # body_html was sanitised by core/text.py (nh3 allowlist) when the post was saved.
        return mark_safe(f'<div class="rendered-preview">{post.body_html}</div>')  # noqa: S308

    def save_model(self, request, obj, form, change):
        # The form shows a derived excerpt as empty, so anything typed there was written.
        obj.excerpt_written = bool(obj.excerpt.strip())
        services.post_save_from_form(post=obj, actor=request.user)

    def delete_model(self, request, obj):
        services.post_delete(post=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for post in queryset:
            services.post_delete(post=post, actor=request.user)

    def _preview_redirect(self, request, obj):
        if "_preview" in request.POST:
            return redirect("admin:blog_post_preview", obj.pk)
        return None

    def response_add(self, request, obj, post_url_continue=None):
        return self._preview_redirect(request, obj) or super().response_add(
            request, obj, post_url_continue
        )

    def response_change(self, request, obj):
        return self._preview_redirect(request, obj) or super().response_change(request, obj)

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview_view)
        return [
            path("<int:object_id>/preview/", preview, name="blog_post_preview"),
            *super().get_urls(),
        ]

    def preview_view(self, request, object_id):
        post = selectors.post_get_for_preview(pk=object_id)
        if post is None:
            raise Http404
        if not self.has_view_permission(request, post):
            raise PermissionDenied
        blog = selectors.blog_identity()
        # Staff see the post exactly as readers will: the blog's language and time zone.
        # The admin's preview is all in the blog's language, its banner too (the studio's
        # banner follows the person: studio/views/preview.py).
        context = {"post": post, "preview": True, "staff_language": blog.language}
        with translation.override(blog.language), timezone.override(blog.time_zone):
            return render(request, "blog/post_detail.html", context)

    @admin.action(description=_("Publish the selected posts now"))
    def publish_now(self, request, queryset):
        done = 0
        for post in queryset:
            try:
                services.post_publish(post=post, published_at=timezone.now(), actor=request.user)
                done += 1
            except ValidationError as error:
                self.message_user(
                    request, f"{post.title}: {' '.join(error.messages)}", messages.ERROR
                )
        if done:
            self.message_user(
                request, ngettext("%d post published.", "%d posts published.", done) % done
            )

    @admin.action(description=_("Unpublish the selected posts (back to draft)"))
    def unpublish(self, request, queryset):
        for post in queryset:
            services.post_unpublish(post=post, actor=request.user)
        self.message_user(request, _("Unpublished: readers no longer see them."))
