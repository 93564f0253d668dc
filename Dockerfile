# Stage 1: build the SPA.
FROM node:20-bookworm-slim AS spa
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY openapi.yaml /src/openapi.yaml
COPY frontend/ ./
RUN npm run build

# Stage 2: the service, as a non-root user; migrations run at start.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PROJECT_ENVIRONMENT=/app/.venv
RUN pip install --no-cache-dir uv
WORKDIR /app
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-dev --no-install-project
COPY alembic.ini ./
COPY alembic ./alembic
COPY api ./api
# The guides the service serves (api/guides.py).
COPY docs ./docs
RUN uv sync --frozen --no-dev
COPY --from=spa /src/frontend/dist ./frontend/dist
RUN useradd --system --uid 10001 --home-dir /app mathshubs \
    && mkdir -p /app/var && chown mathshubs /app/var
USER mathshubs
ENV PATH=/app/.venv/bin:$PATH \
    ENVIRONMENT=production \
    HOST=0.0.0.0 \
    PORT=8000
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/api/v1/health')"
# DATABASE_URL and SECRET_KEY come from the deployment; serve refuses the development key.
CMD ["sh", "-c", "mathshubs migrate && exec mathshubs serve"]
