// lockfile-lint's --validate-integrity only checks the hash *type* of entries
// that have one; an entry with no `integrity` at all is skipped. This check
// closes that gap: every installed package must carry a sha512 integrity.
const { readFileSync } = require('node:fs');

/**
 * @param {string} path package-lock.json (lockfileVersion 2 or 3)
 * @returns {string[]} one line per package that npm would install unverified
 */
function packagesWithoutIntegrity(path) {
  const lock = JSON.parse(readFileSync(path, 'utf8'));
  const problems = [];
  for (const [location, entry] of Object.entries(lock.packages ?? {})) {
    // "" is the project itself; links are workspace folders, not downloads.
    if (location === '' || entry.link) continue;
    if (!entry.resolved) problems.push(`${location}: no "resolved" address (git, file or tarball dependency?)`);
    else if (!entry.integrity) problems.push(`${location}: no "integrity" hash`);
    else if (!String(entry.integrity).startsWith('sha512-')) problems.push(`${location}: integrity is not sha512 (${entry.integrity.split('-')[0]})`);
  }
  return problems;
}

module.exports = { packagesWithoutIntegrity };
