"""The mapping between a source's items and our objects (ImportedItem), and the old
addresses that point at them. Callers write these inside the same transaction as the object."""

import hashlib
import json

from django.contrib.contenttypes.models import ContentType

from grassroots.transfer.models import ImportedItem, OldAddress, address_key


def digest(*values):
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()


def find(source, kind, source_id):
    return ImportedItem.objects.filter(source=source, kind=kind, source_id=str(source_id)).first()


def target(item):
    """The object an item became, or None when it was deleted here since."""
    if item is None:
        return None
    model = item.content_type.model_class()
    return model.objects.filter(pk=item.object_id).first() if model else None


def remember(source, kind, source_id, obj, *, digest=""):
    item, _created = ImportedItem.objects.update_or_create(
        source=source,
        kind=kind,
        source_id=str(source_id),
        defaults={
            "content_type": ContentType.objects.get_for_model(type(obj)),
            "object_id": obj.pk,
            "digest": digest,
        },
    )
    return item


def add_address(item, address):
    """Point an old address at an item. An address another item has already taken keeps its
    first owner: on WordPress one address meant one thing."""
    if not address:
        return False
    _address, created = OldAddress.objects.get_or_create(
        key=address_key(address), defaults={"address": address, "item": item}
    )
    return created
