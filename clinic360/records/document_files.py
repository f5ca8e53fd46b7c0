"""What an uploaded file is, decided by its bytes: never by the client's name or header.

PDF (`%PDF-`), PNG (`\\x89PNG\\r\\n\\x1a\\n`) and JPEG (`\\xff\\xd8\\xff`) only; anything else
(an executable renamed `.pdf`, HTML, an SVG) is refused. The client's file name is kept for
display only, cleaned (werkzeug `secure_filename`, capped) and never used as a path.
"""

from __future__ import annotations

from werkzeug.utils import secure_filename

from clinic360.records.errors import EmptyFile, FileTooLarge, UnsupportedFileType

SIGNATURES = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
)
NAME_MAX = 120


def sniff(data: bytes) -> tuple[str, str]:
    """`(content type, extension)` of `data`; UnsupportedFileType when not PDF/PNG/JPEG."""
    for magic, content_type, extension in SIGNATURES:
        if data.startswith(magic):
            return content_type, extension
    raise UnsupportedFileType({"file": "must be a PDF, PNG or JPEG file"})


def check_size(data: bytes, limit: int) -> None:
    if not data:
        raise EmptyFile({"file": "is empty"})
    if len(data) > limit:
        raise FileTooLarge(f"The file is larger than {limit // (1024 * 1024) or 1} MB.")


def display_name(client_name: str | None, extension: str) -> str:
    """A safe display name ending in the sniffed type's extension: `report.pdf`."""
    stem = secure_filename(client_name or "").rsplit(".", 1)[0] or "document"
    return f"{stem[: NAME_MAX - len(extension)]}{extension}"
