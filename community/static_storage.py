"""Static files: WhiteNoise's compressed, hashed copies, with ES module imports rewritten.

The room's script is a few ES modules loaded without a build step (static/js/room.js imports
./room/*.js). With the rewrite, each `import ... from "./room/x.js"` names the hashed copy, so a
new release never runs an old module beside a new one from a browser's cache.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    support_js_module_import_aggregation = True
