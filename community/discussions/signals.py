"""The narrow hooks the discussions app offers to the apps built on it.

`message_removing` is sent inside the deleting transaction when someone other than its author
(a moderator) deletes a message, before its body is cleared, with `actor`, `message` and
`reason`. The moderation app records it in the audit log and tells the author; a receiver that
raises ActionError refuses the deletion and nothing is written."""

from django.dispatch import Signal

message_removing = Signal()
