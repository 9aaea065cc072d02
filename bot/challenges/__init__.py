"""The daily challenge: its pure rules (catalog, schedule, time zones), service and Telegram handlers."""
