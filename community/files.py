"""Serving files that belong to private places (room attachments, workspace files).

They are never served from MEDIA_URL: a permission-checked view fetches the
row, asks its app's `get_*_for(user, id)`, and hands the stored file to
`stored_file_response`.
"""

from django.http import FileResponse, Http404


def stored_file_response(field_file, *, filename, inline):
    """Stream a stored file; images may show inline, everything else downloads."""
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    response = FileResponse(handle, as_attachment=not inline, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response
