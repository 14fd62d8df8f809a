"""Domain errors with a stable machine code and a translatable, user-facing message."""
from django.utils.encoding import force_str


class DomainError(Exception):
    """A refusal the user can act on. `code` is stable; `message` is translated lazily."""

    code = "invalid"
    status = 400

    def __init__(self, message, *, code=None, params=None):
        self.message = message
        self.params = params or {}
        if code:
            self.code = code
        super().__init__(force_str(self))

    def __str__(self):
        text = force_str(self.message)
        return text % self.params if self.params else text


class ValidationFailed(DomainError):
    code = "invalid"
    status = 400

    def __init__(self, message, *, code=None, params=None, field=None):
        self.field = field
        super().__init__(message, code=code, params=params)


class PermissionRefused(DomainError):
    code = "permission_denied"
    status = 403


class NotFound(DomainError):
    code = "not_found"
    status = 404


class Conflict(DomainError):
    code = "conflict"
    status = 409
