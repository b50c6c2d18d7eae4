// Removes dist/ before a build so stale files never ship (rimraf without a dependency).
require('fs').rmSync(require('path').join(__dirname, '..', 'dist'), { recursive: true, force: true });
