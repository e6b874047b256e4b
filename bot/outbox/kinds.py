"""What a delivery is, stored in `deliveries.kind`; the worker treats each kind its own way."""

from __future__ import annotations

from enum import StrEnum


class DeliveryKind(StrEnum):
    """Values are stored as they are: renaming one needs a data migration."""

    ALERT = "alert"  # a new event for a subscription, rendered at sending time
    ALERT_UPDATE = "alert_update"  # a new source for an alerted event: edits the earlier alert
    REMINDER = "reminder"
    DIGEST = "digest"
    NOTICE = "notice"  # to a server's admins: a subscription's channel refused our posts
    SOURCE_HEALTH = "source_health"


# Rendered from the event's current state instead of a stored message.
ALERT_KINDS = (DeliveryKind.ALERT, DeliveryKind.ALERT_UPDATE)
# The kinds that may ping their subscription's role (every other message pings nobody).
ROLE_PING_KINDS = (DeliveryKind.ALERT, DeliveryKind.REMINDER)
