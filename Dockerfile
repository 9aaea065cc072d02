# Build arguments for a private package index or a proxy that re-signs TLS (all optional):
#   --build-arg PIP_INDEX_URL=https://pypi.example.org/simple
#   --build-arg PIP_TRUSTED_HOST=pypi.example.org
#   --build-arg EXTRA_CA_CERT="$(cat my-ca.pem)"   (PEM text, trusted by pip during the build)

# Build stage: a virtual environment with the pinned dependencies (their own layer, rebuilt only
# when requirements.lock changes), then the bot's wheel with the gettext catalogs compiled.
FROM python:3.11-slim AS build
ARG PIP_INDEX_URL
ARG PIP_TRUSTED_HOST
ARG EXTRA_CA_CERT
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PATH=/opt/oser/bin:$PATH
# With EXTRA_CA_CERT, pip trusts the system's certificates plus that one (else certifi's).
RUN if [ -n "$EXTRA_CA_CERT" ]; then \
      printf '%s\n' "$EXTRA_CA_CERT" > /usr/local/share/ca-certificates/extra-ca.crt \
      && update-ca-certificates >/dev/null; \
    fi \
 && python -m venv /opt/oser
WORKDIR /src
COPY requirements.lock ./
RUN if [ -n "$EXTRA_CA_CERT" ]; then export PIP_CERT=/etc/ssl/certs/ca-certificates.crt; fi \
 && pip install -r requirements.lock \
 && pip install --target /tools build setuptools wheel
COPY pyproject.toml README.md babel.cfg ./
COPY bot ./bot
# pybabel skips a catalog whose header is marked fuzzy: fail rather than ship no translation.
RUN pybabel compile -d bot/i18n/locales -D messages --statistics \
 && test -f bot/i18n/locales/fr/LC_MESSAGES/messages.mo \
 && test -f bot/i18n/locales/en/LC_MESSAGES/messages.mo \
 && PYTHONPATH=/tools python -m build --wheel --no-isolation --outdir /dist

# Run stage: the virtual environment, the bot, migrations and content, as a non-root user.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 OSER_MIGRATIONS_DIR=/app/migrations \
    PATH=/opt/oser/bin:$PATH
RUN useradd --create-home --uid 1000 oser
# The dependencies (an unchanged layer while requirements.lock is), then the bot (a small one).
COPY --from=build /opt/oser /opt/oser
COPY --from=build /dist/*.whl /tmp/
RUN pip install --no-cache-dir --no-deps --no-index /tmp/*.whl && rm /tmp/*.whl
WORKDIR /app
COPY alembic.ini ./
COPY migrations ./migrations
COPY scenarios ./scenarios
# SQLite (the default) keeps its file in /app/data: mount a volume there to keep it
# (docker run -v oser-data:/app/data ...). With PostgreSQL nothing needs a volume.
RUN mkdir -p /app/data && chown oser:oser /app/data
USER oser
EXPOSE 8080
# Exit 0 healthy, 1 not: webhook mode asks GET /healthz; polling mode reads the running bot's
# health file and asks the database.
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 CMD ["python", "-m", "bot", "healthcheck"]
CMD ["python", "-m", "bot", "run"]
