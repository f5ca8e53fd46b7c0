"""Accounts: users, sessions, passwords, doctor approval."""

from flask_openapi3 import OpenAPI


def init_app(app: OpenAPI) -> None:
    from clinic360.accounts.admin_users_api import admin_users_bp
    from clinic360.accounts.api import admin_bp, bp
    from clinic360.accounts.family_api import bp as family_bp
    from clinic360.accounts.passwords import init_passwords
    from clinic360.accounts.staff_api import bp as staff_bp

    init_passwords(app)
    app.register_api(bp)
    app.register_api(admin_bp)
    app.register_api(staff_bp)
    app.register_api(family_bp)
    app.register_api(admin_users_bp)
