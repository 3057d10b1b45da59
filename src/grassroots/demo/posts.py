"""Demo posts: two authors, a dozen posts over three years (one in Russian), a draft, a
scheduled post, and the photo story "a-day-in-the-park" (intro and three quotes; the photos
loader appends its six captioned photos). All text written for the demo by us."""

import datetime
import zoneinfo

from django.utils import timezone

from grassroots.blog import services
from grassroots.blog.models import Post

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")

AUTHORS = [
    {
        "display_name": "Aliya Nurlanovna",
        "slug": "aliya-nurlanovna",
        "bio": (
            "Aliya coordinates the foundation's community grants and spends most weeks on "
            "the road between partner groups."
        ),
    },
    {
        "display_name": "Timur Beketov",
        "slug": "timur-beketov",
        "bio": "Timur is a paralegal who runs our legal aid clinics and writes about the law.",
    },
]

PHOTO_STORY = """\
On a bright Saturday in late September, volunteers from the Karaganda community group
Bright Path set up two folding tables, a banner and a crate of thermos flasks at the edge of
the city park. For six hours they handed out information leaflets about free testing,
talked with anyone who stopped, and listened.

Twelve members had said they would come. Five did. Several told us afterwards that they
wanted to be there but were not ready to be seen, and that is a choice we respect. The five
who came spoke with more than a hundred passers-by, most of them curious and kind, a few of
them not. Below are the words of three of them, and photos from the day.

> For years we met only behind closed doors. Today we sat in the sun, with tea, and people
> came to us. I did not expect so many of them to say thank you.
>
> — Yerlan, coordinator at Bright Path

> An older woman stopped and asked for a leaflet for her grandson. She said she wanted him
> to have someone to call. That one conversation was worth the whole day.
>
> — Madina, 24, volunteer

> Fear keeps people at home and away from doctors. Every time we show our faces, it gets a
> little easier for the next person. We will be back in the spring.
>
> -- Oleg, peer counsellor
"""

POSTS = [
    {
        "title": "Why we fund small groups first",
        "author": 0,
        "when": (2024, 2, 12, 10, 0),
        "tags": ["Grants", "About us"],
        "body": """\
Most of the groups we support have no office, no accountant and no website. They have a
phone number, a handful of volunteers and a clear idea of what their neighbours need.

## What a small grant pays for

Bus fares to the clinic. A month of rent for a meeting room. Printing. Tea. These are not
glamorous line items, but without them the work stops.

## What we ask in return

A short report every three months, in any language, and honesty when something does not
work. We would rather hear about a failed plan than read a polished report about nothing.
""",
    },
    {
        "title": "Know your rights: a police stop",
        "author": 1,
        "when": (2024, 4, 3, 9, 30),
        "tags": ["Legal aid"],
        "body": """\
Many of the calls to our clinic start the same way: *"They stopped me on the street and
asked for my phone."* Here is what the law says, in plain words.

1. An officer must give their name and the reason for the stop.
2. You do not have to unlock your phone without a court order.
3. You may ask for a lawyer, and you may call one.

Write down the time, the place and the officer's name as soon as you can. Then call us.
""",
    },
    {
        "title": "Testing days in three towns",
        "author": 0,
        "when": (2024, 6, 20, 18, 0),
        "tags": ["Health outreach"],
        "body": """\
In June our partners ran free, anonymous testing days in Temirtau, Balkhash and
Zhezkazgan, with nurses from the regional centres. Over the three days 214 people were
tested, more than half of them for the first time in their lives.

The nurses told us what made the difference: a quiet room, no queue in the street, and
volunteers who had been tested themselves and could say so.
""",
    },
    {
        "title": "Встреча волонтёров в Алматы",
        "author": 0,
        "when": (2024, 9, 14, 12, 0),
        "tags": ["Волонтёры"],
        "language": "ru",
        "body": """\
В субботу в Алматы собрались волонтёры из девяти городов. Мы говорили о том, что удалось
за год, и о том, что пока не получается.

Главный вывод: людям нужна не только информация, но и сопровождение. Многие боятся идти
к врачу одни, и поход вместе с волонтёром часто решает всё.

> Когда рядом есть человек, который прошёл через то же самое, страх становится меньше.
>
> — Асель, волонтёр из Караганды

Следующая встреча пройдёт весной. Если вы хотите присоединиться, напишите нам.
""",
    },
    {
        "title": "Our first year in numbers",
        "author": 0,
        "when": (2024, 12, 28, 15, 0),
        "tags": ["About us", "Grants"],
        "body": """\
This year we supported 17 groups in 11 towns. Together they ran 46 outreach days, opened
two drop-in rooms and answered more than 1,900 calls.

| What | How many |
|---|---|
| Groups supported | 17 |
| Outreach days | 46 |
| Legal consultations | 312 |

Thank you to every volunteer who made these numbers possible.
""",
    },
    {
        "title": "Writing a complaint that gets read",
        "author": 1,
        "when": (2025, 3, 5, 11, 0),
        "tags": ["Legal aid"],
        "body": """\
A complaint is a document, not a letter. Keep it to one page: who, what, when, where, and
what you want to happen. Attach copies, never originals.

Our clinic has a short template. Ask for it, and we will help you fill it in.
""",
    },
    {
        "title": "A drop-in room opens in Pavlodar",
        "author": 0,
        "when": (2025, 5, 19, 17, 45),
        "tags": ["Health outreach", "Grants"],
        "body": """\
The Pavlodar group now has a room of its own: two sofas, a kettle, a shelf of leaflets
and a door that locks. It is open three evenings a week.

Nobody has to explain why they came. That, the volunteers say, is the point.
""",
    },
    {
        "title": "What happened at the hearing",
        "author": 1,
        "when": (2025, 8, 22, 16, 0),
        "tags": ["Legal aid"],
        "body": """\
The court heard the case of a client who was dismissed after his employer learned of his
diagnosis. The hearing was adjourned until October, and the employer has been asked to
bring the documents it relied on.

We will write again after the next hearing. The client has asked us not to publish his
name, and we will not.
""",
    },
    {
        "title": "Ten questions volunteers ask us",
        "author": 0,
        "when": (2025, 11, 2, 10, 15),
        "tags": ["About us"],
        "body": """\
**Do I need medical training?** No. We train every volunteer, and nurses do the testing.

**Can I stay anonymous?** Yes. Many of our volunteers use a first name only.

**How much time does it take?** As much as you can give. Two evenings a month is plenty.
""",
    },
    {
        "title": "A day in the park",
        "slug": "a-day-in-the-park",
        "author": 0,
        "when": (2026, 9, 28, 19, 0),
        "tags": ["Health outreach", "Photo stories"],
        "body": PHOTO_STORY,
    },
    {
        "title": "Winter plans for the clinics",
        "author": 1,
        "when": (2026, 10, 30, 9, 0),
        "tags": ["Legal aid"],
        "body": """\
From December the legal aid clinics move indoors, to the partner offices in Karaganda and
Shymkent. Consultations stay free and confidential, and we will still answer the phone on
weekends.
""",
    },
]


def _moment(parts):
    return datetime.datetime(*parts, tzinfo=ALMATY)


def load():
    authors = [services.author_create(**values) for values in AUTHORS]
    for values in POSTS:
        services.post_create(
            title=values["title"],
            slug=values.get("slug"),
            body=values["body"],
            authors=[authors[values["author"]]],
            tags=[services.tag_get_or_create(name=name) for name in values["tags"]],
            status=Post.Status.PUBLISHED,
            published_at=_moment(values["when"]),
            language=values.get("language", ""),
        )
    # One post by both authors, one scheduled for later, one draft: readers see only the first.
    services.post_create(
        title="How to reach us safely",
        body=(
            "Write to us through a friend's phone if yours is not safe. We never call back "
            "unless you ask us to, and we never leave voice messages."
        ),
        authors=authors,
        tags=[services.tag_get_or_create(name="About us")],
        status=Post.Status.PUBLISHED,
        published_at=_moment((2025, 1, 20, 12, 0)),
    )
    services.post_create(
        title="Spring outreach calendar",
        body="Dates and towns for the spring testing days will be listed here.",
        authors=[authors[0]],
        status=Post.Status.PUBLISHED,
        published_at=timezone.now() + datetime.timedelta(days=60),
    )
    services.post_create(
        title="Notes for the annual report (draft)",
        body="Numbers still to be checked with the partner groups.",
        authors=[authors[1]],
    )
