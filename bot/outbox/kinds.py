"""What a delivery is, stored in `deliveries.kind`; the worker treats each kind its own way."""

from __future__ import annotations

from enum import StrEnum


class DeliveryKind(StrEnum):
    """Values are stored as they are: renaming one needs a data migration."""

    ALERT = "alert"  # an article's new events (or one event) for a subscription, rendered late
    ALERT_UPDATE = "alert_update"  # a new source for an alerted event: edits the earlier alert
    ALERT_ROLLUP = "alert_rollup"  # events over a subscription's hourly cap, in one summary
    EVENT_MOVED = "event_moved"  # one line: "moved from 24 September to 8 October"
    EVENT_CANCELLED = "event_cancelled"  # one line: "… is cancelled"
    SCHEDULED_EVENT = "scheduled_event"  # create/modify/delete a server's Guild Scheduled Event
    REMINDER = "reminder"
    DIGEST = "digest"
    NOTICE = "notice"  # to a server's admins: a subscription's channel refused our posts
    SOURCE_HEALTH = "source_health"


# Rendered from the events' current state instead of a stored message.
ALERT_KINDS = (
    DeliveryKind.ALERT,
    DeliveryKind.ALERT_UPDATE,
    DeliveryKind.ALERT_ROLLUP,
    DeliveryKind.EVENT_MOVED,
    DeliveryKind.EVENT_CANCELLED,
)
# Messages that count towards a subscription's hourly cap.
CAPPED_KINDS = (DeliveryKind.ALERT, DeliveryKind.ALERT_ROLLUP)
# The kinds that may ping their subscription's role (every other message pings nobody).
ROLE_PING_KINDS = (DeliveryKind.ALERT, DeliveryKind.REMINDER)
