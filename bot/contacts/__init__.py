"""The contacts journal: its pure rules (follow-up, reminders), service and Telegram handlers."""
