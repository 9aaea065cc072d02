# Slim image: build the wheel and compile the catalogs in one stage, run as a non-root user in another.
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md babel.cfg ./
COPY bot ./bot
RUN pip install --no-cache-dir build babel \
 && pybabel compile -d bot/i18n/locales -D messages \
 && python -m build --wheel --outdir /dist

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN useradd --create-home --uid 1000 oser
WORKDIR /app
COPY --from=build /dist/*.whl /tmp/
RUN pip install --no-cache-dir /tmp/*.whl && rm /tmp/*.whl
COPY alembic.ini ./
COPY migrations ./migrations
COPY scenarios ./scenarios
RUN mkdir -p /app/data && chown oser:oser /app/data
USER oser
ENV OSER_MIGRATIONS_DIR=/app/migrations
VOLUME ["/app/data"]
CMD ["python", "-m", "bot", "run"]
