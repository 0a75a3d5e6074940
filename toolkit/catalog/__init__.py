"""The published catalog: a static site, ``catalog.json`` and Markdown pages, built from a build report.

One direction, one in-memory model (``model.Catalog``) built from ``toolkit.build.BuildReport``: the
connectors shown are the ones the build rendered, checked and schema-validated, and the sample
requests and responses are the contract cases the build replayed. Nothing is rendered or replayed
again (``blueprint build`` passes its report; ``blueprint catalog build`` runs the build first).

Modules, one job each:

* ``model``     -- the catalog model from a build report (status, variables, settings, cases, flow);
* ``calls``     -- the API-call sequence (create, register, deploy, predict): Dev Tools and curl;
* ``settings_step`` -- the cluster-settings step per release: what to add, as read-merge-write calls;
* ``content_hash`` -- a blueprint's sha256 over the files it is made of;
* ``highlight`` -- JSON syntax highlighting to HTML at build time (every token escaped);
* ``diagram``   -- the request flow (pre-process, provider, post-process) as inline SVG;
* ``rulespage`` -- the rule registry as HTML (the same text as ``docs/rules.md``);
* ``pages``     -- the HTML pages (Jinja templates in ``templates/``, assets in ``static/``);
* ``markdown``  -- one Markdown page per blueprint in the style of the ML Commons blueprint docs;
* ``data``      -- ``catalog.json`` (format 2, ``docs/catalog-json.md``) and its validation against
  ``toolkit/schema/catalog.schema.json``, which the site publishes beside it;
* ``site``      -- writing it all to a temporary folder, then swapping it in with renames.

Secrets are never published: connectors are rendered without secret values, so every secret is its
``<NAME>`` placeholder; a blueprint whose credential holds anything else is not published (``model``).
"""
