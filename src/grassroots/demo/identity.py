"""Demo organisation and blog, written by us for the demo site."""

from grassroots.blog.models import Blog


def load():
    blog = Blog(
        organisation_name="Steppe Voices Foundation",
        organisation_url="https://steppe-voices.example.org/",
        title="Open Steppe: field notes",
        tagline=(
            "Stories from the community groups we support across Central Asia: "
            "health outreach, legal aid and the people who make it happen."
        ),
        language="en",
        time_zone="Asia/Almaty",
    )
    blog.full_clean()
    blog.save()
    return blog
