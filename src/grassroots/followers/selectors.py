from grassroots.followers.models import Subscriber


def subscriber_list():
    return Subscriber.objects.only("email", "language", "frequency", "confirmed_at").order_by(
        "-confirmed_at", "-pk"
    )
