# Build stage: the wheel, with the gettext catalogs compiled.
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md babel.cfg ./
COPY bot ./bot
RUN pip install --no-cache-dir build babel \
 && pybabel compile -d bot/i18n/locales -D messages \
 && python -m build --wheel --outdir /dist

# Run stage: only the installed wheel, migrations and content, as a non-root user.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 OSER_MIGRATIONS_DIR=/app/migrations
RUN useradd --create-home --uid 1000 oser
WORKDIR /app
COPY --from=build /dist/*.whl /tmp/
RUN pip install --no-cache-dir /tmp/*.whl && rm /tmp/*.whl
COPY alembic.ini ./
COPY migrations ./migrations
COPY scenarios ./scenarios
RUN mkdir -p /app/data && chown oser:oser /app/data
USER oser
VOLUME ["/app/data"]
EXPOSE 8080
# Webhook mode: GET /healthz; polling mode: the database answers.
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 CMD ["python", "-m", "bot", "healthcheck"]
CMD ["python", "-m", "bot", "run"]
