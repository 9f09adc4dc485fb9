// The dev PKI, keys and secrets live in .dev/ and must never be committed.

const FORBIDDEN = [/^\.dev\//, /\.pem$/, /(^|\/)[^/]*-key\.[a-z]+$/, /(^|\/)(db|db-owner)\.json$/, /(^|\/)[^/]*-keys\.json$/];

/** Tracked paths that look like dev secrets or key material. */
function trackedDevMaterial(paths) {
  return paths.filter((path) => FORBIDDEN.some((pattern) => pattern.test(path)));
}

module.exports = { trackedDevMaterial };
