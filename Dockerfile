# Clinic360 image: the same commands the Makefile runs and the tests exercise.
# (Not built in CI: this machine kind has no Docker engine. Keep it in step with the Makefile.)

FROM node:20-bookworm-slim AS web
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/ ./
RUN npm run build

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 FLASK_APP=clinic360 \
    HOST=0.0.0.0 PORT=5000 INSTANCE_PATH=/var/lib/clinic360
RUN useradd --system --home /opt/clinic360 clinic360 \
 && mkdir -p /var/lib/clinic360 && chown clinic360 /var/lib/clinic360
WORKDIR /opt/clinic360
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY clinic360/ clinic360/
COPY migrations/ migrations/
COPY gunicorn.conf.py ./
COPY --from=web /src/web/dist web/dist
USER clinic360
EXPOSE 5000
# Web server by default; the worker runs the same image with `flask worker`.
CMD ["gunicorn", "-c", "gunicorn.conf.py", "clinic360:create_app()"]
