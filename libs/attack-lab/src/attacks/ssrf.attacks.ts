import { DEMO_PRODUCT_IDS, type ErrorCode } from '@shop/contracts';
import { httpVerdict, succeeded, type Attack, type AttackResult } from '../attack';
import type { LabTarget } from '../lab-target';
import type { Scene } from '../scene';
import { HTML_MARKER, HUGE_IMAGE_BYTES, METADATA_MARKER, STAND_IN_PATHS, type StandInHosts } from '../stand-in-hosts';

const PRODUCT = DEMO_PRODUCT_IDS.mug;
/** Whose ops port the loopback attacks go after: payment's metrics, from inventory's side of the network. */
const VICTIM = 'payment';

interface ServedImage {
  readonly contentType: string;
  readonly size: number;
  readonly text: string;
}

/** What the attacker proves it got, or undefined if the stored image is not the target's answer. */
type Proof = (image: ServedImage) => string | undefined;

/**
 * OWASP API7 (SSRF) through the one feature that fetches a URL: the admin's
 * image import. The attacker has an admin session (stolen, or an admin
 * tricked into pasting a link). Success means inventory fetched the target
 * and the shop now serves its answer back as the product's "image".
 */
async function importThenReadBack(target: LabTarget, scene: Scene, url: string, expected: ErrorCode, proof: Proof): Promise<AttackResult> {
  const imported = await target.api.post(`/api/v1/admin/products/${PRODUCT}/image`, { url }, { token: await scene.adminToken() });
  if (imported.status !== 201) return httpVerdict(imported.status, imported.body['code'], expected);
  const served = await target.api.get(`/api/v1/products/${PRODUCT}/image`);
  const image = { contentType: String(served.headers['content-type']), size: served.raw.length, text: served.text };
  const evidence = proof(image);
  if (!evidence) throw new Error(`imported ${url}, but the served image (${image.contentType}, ${image.size} bytes) is not its answer`);
  return succeeded(`201 for ${url}; ${evidence}`);
}

const victimMetrics: Proof = (image) =>
  image.text.includes(`service="${VICTIM}"`) ? `the shop now serves ${VICTIM}'s /metrics (${image.size} bytes of ${image.contentType})` : undefined;

/** Each SSRF attack: a URL to import (built once the stand-ins run), the code that blocks it and the proof it got through. */
function ssrfAttack(id: string, title: string, url: (target: LabTarget, hosts: StandInHosts) => string, expected: ErrorCode, proof: Proof): Attack {
  return {
    id,
    title,
    controls: ['ssrf-guard'],
    run: async (target, scene) => importThenReadBack(target, scene, url(target, await target.internet()), expected, proof),
  };
}

export const SSRF_ATTACKS: readonly Attack[] = [
  ssrfAttack('ssrf-ops-metrics-loopback', "Import payment's ops /metrics on 127.0.0.1 as an image", (t) => t.opsUrl(VICTIM), 'SSRF.ADDRESS_NOT_ALLOWED', victimMetrics),
  ssrfAttack(
    'ssrf-cloud-metadata',
    'Import instance credentials from the metadata service (a 127.0.0.3 stand-in for 169.254.169.254)',
    (_t, hosts) => hosts.metadataUrl(),
    'SSRF.ADDRESS_NOT_ALLOWED',
    (image) => (image.text.includes(METADATA_MARKER) ? `the shop now serves the metadata service's credentials (${image.size} bytes)` : undefined),
  ),
  ssrfAttack(
    'ssrf-name-resolving-to-loopback',
    "Import payment's /metrics through a host name that resolves to 127.0.0.1",
    (t, hosts) => t.opsUrl(VICTIM).replace('127.0.0.1', hosts.layout.loopbackName),
    'SSRF.ADDRESS_NOT_ALLOWED',
    victimMetrics,
  ),
  ssrfAttack(
    'ssrf-encoded-ip',
    "Import payment's /metrics with 127.0.0.1 spelled as the decimal 2130706433",
    (t) => t.opsUrl(VICTIM).replace('127.0.0.1', '2130706433'),
    'SSRF.ADDRESS_NOT_ALLOWED',
    victimMetrics,
  ),
  ssrfAttack(
    'ssrf-ipv4-mapped-ipv6',
    "Import payment's /metrics through the IPv4-mapped IPv6 literal [::ffff:127.0.0.1]",
    (t) => t.opsUrl(VICTIM).replace('127.0.0.1', '[::ffff:127.0.0.1]'),
    'SSRF.ADDRESS_NOT_ALLOWED',
    victimMetrics,
  ),
  ssrfAttack(
    'ssrf-redirect-to-internal',
    "The attacker's allowed image host answers 302 to payment's /metrics on loopback",
    (t, hosts) => hosts.imageUrl(`${STAND_IN_PATHS.redirect}?to=${encodeURIComponent(t.opsUrl(VICTIM))}`),
    'SSRF.ADDRESS_NOT_ALLOWED',
    victimMetrics,
  ),
  ssrfAttack(
    'ssrf-oversized-body',
    `A ${HUGE_IMAGE_BYTES / 1024} KiB "image" from the allowed host (the cap is 512 KiB)`,
    (_t, hosts) => hosts.imageUrl(STAND_IN_PATHS.hugeImage),
    'SSRF.TOO_LARGE',
    (image) => (image.size === HUGE_IMAGE_BYTES ? `the shop stored and serves all ${image.size} bytes` : undefined),
  ),
  ssrfAttack(
    'ssrf-non-image-body',
    'An HTML page with a script from the allowed host, stored as the product image',
    (_t, hosts) => hosts.imageUrl(STAND_IN_PATHS.page),
    'SSRF.NOT_AN_IMAGE',
    (image) => (image.text.includes(HTML_MARKER) ? `the shop serves the attacker's page as ${image.contentType}` : undefined),
  ),
];
