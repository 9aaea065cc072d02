"""Rehearsals with a persona: the service (also used by the console) and the Telegram handlers,
with the core commands around them (/start, /help, /settings, /language, /cancel)."""
