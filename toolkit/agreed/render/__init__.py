"""One agreement as a page people read: Markdown in the method's order (:mod:`agreed.render.page`), its consent
panel (:mod:`agreed.render.consent_panel`), and the self-contained HTML page made from the Markdown
(:mod:`agreed.render.html`)."""
