"""Push reminders: subscriptions per account and device, reminders, scheduling, sending."""
