"""The page editor's form as the browser would post it, fields read from the editor page itself."""

from html.parser import HTMLParser


class _EditForm(HTMLParser):
    """The fields of the page editor's form, as the browser's FormData would carry them."""

    def __init__(self):
        super().__init__()
        self.fields, self._in_form, self._textarea, self._select, self._templates = (
            [],
            False,
            None,
            None,
            0,
        )

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == "page-edit-form":
            self._in_form = True
        if tag == "template":
            self._templates += 1
        if tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value", "")))
        if not self._in_form or self._templates or "name" not in attrs or "disabled" in attrs:
            return
        if tag == "input":
            if attrs.get("type") in ("submit", "button", "file"):
                return
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((attrs["name"], attrs.get("value") or ""))
        elif tag == "textarea":
            self._textarea = [attrs["name"], ""]
        elif tag == "select":
            self._select = attrs["name"]

    def handle_endtag(self, tag):
        if tag == "template":
            self._templates -= 1
        elif tag == "form" and self._in_form:
            self._in_form = False
        elif tag == "textarea" and self._textarea:
            name, value = self._textarea
            self.fields.append((name, value.removeprefix("\n")))
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data


def editor_form(client, page):
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    parser = _EditForm()
    parser.feed(response.content.decode())
    data = {}
    for name, value in parser.fields:
        data.setdefault(name, []).append(value)
    data.setdefault("body-count", ["0"])  # the (empty) body stream is drawn by the editor's script
    return data
