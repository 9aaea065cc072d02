"""Progress and personal data: the queries, the chart and the Telegram handlers."""
