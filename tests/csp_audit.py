"""What the Content-Security-Policy tests look for in a response: a strict header, and markup
that the strict header would not break.

The page walk (tests/test_content_security_policy.py) and the browser test share it.
"""

from html.parser import HTMLParser

CSP_HEADER = "Content-Security-Policy"
# Sources that would let injected markup run or restyle the page.
UNSAFE_SOURCES = ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "data:", "http:")
SCRIPT_TYPES = ("", "text/javascript", "module", "application/javascript")
GUARDED_DIRECTIVES = ("script-src", "style-src")
REQUIRED_DIRECTIVES = {
    "default-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def parse_policy(header: str) -> dict[str, list[str]]:
    """``"a x y; b z"`` → ``{"a": ["x", "y"], "b": ["z"]}``."""
    directives: dict[str, list[str]] = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name.lower()] = sources
    return directives


def policy_problems(header: str | None) -> list[str]:
    """Why `header` is not the portal's strict policy; empty when it is."""
    if not header:
        return [f"no {CSP_HEADER} header"]
    policy = parse_policy(header)
    problems = [
        f"{name} is not {expected}"
        for name, expected in REQUIRED_DIRECTIVES.items()
        if policy.get(name) != [expected]
    ]
    for name in GUARDED_DIRECTIVES:
        sources = policy.get(name)
        if sources is None:
            problems.append(f"{name} missing")
        else:
            problems += [f"{name} allows {s}" for s in sources if s.lower() in UNSAFE_SOURCES]
    return problems


class MarkupAudit(HTMLParser):
    """Collects markup that a policy without 'unsafe-inline' would block or that needs eval:
    inline scripts and <style> blocks without the page's nonce, style="" attributes, on*=""
    event handlers, javascript: URLs and htmx's hx-on attributes (htmx runs those with eval).
    """

    def __init__(self, nonces: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.nonces = nonces
        self.problems: list[str] = []
        self._open_inline: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        where = f"<{tag}{' id=' + values['id'] if 'id' in values else ''}>"
        for name, value in values.items():
            if name == "style":
                self.problems.append(f"{where} has style={value!r}")
            elif name.startswith("on"):
                self.problems.append(f"{where} has the handler {name}={value!r}")
            elif name.startswith(("hx-on", "data-hx-on")):
                self.problems.append(f"{where} has {name}, which htmx evaluates")
            elif name in ("href", "src", "action", "formaction") and (
                value.strip().lower().startswith("javascript:")
            ):
                self.problems.append(f"{where} has a javascript: URL in {name}")
        # A data block (<script type="application/json">) is never run, so no policy applies.
        runnable = values.get("type", "").lower() in SCRIPT_TYPES
        inline_script = tag == "script" and runnable and not values.get("src")
        if (inline_script or tag == "style") and values.get("nonce") not in self.nonces:
            self._open_inline = where

    def handle_endtag(self, tag: str) -> None:
        if self._open_inline and tag in ("script", "style"):
            self.problems.append(f"inline {self._open_inline} without the page's nonce")
            self._open_inline = None


def markup_problems(html: str, header: str | None) -> list[str]:
    """What in `html` the policy `header` would block (or allow only by loosening it)."""
    policy = parse_policy(header) if header else {}
    nonces = {
        source[len("'nonce-") : -1]
        for source in policy.get("script-src", []) + policy.get("style-src", [])
        if source.startswith("'nonce-")
    }
    audit = MarkupAudit(nonces)
    audit.feed(html)
    audit.close()
    return audit.problems
