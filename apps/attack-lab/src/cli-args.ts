import type { Attack } from '@shop/attack-lab';

export interface CliArgs {
  readonly help: boolean;
  readonly verbose: boolean;
  readonly compare: boolean;
  /** One JSON document on stdout instead of the scorecard (the gateway's console runs the CLI this way). */
  readonly json: boolean;
  /** The platform's dev folder (secrets, PKI); `.dev` of the current directory unless given. */
  readonly devDir?: string;
  readonly attacks: readonly Attack[];
}

export class UsageError extends Error {}

export const USAGE = `Usage: npm run attack [-- [options] [attack-id ...]]

Runs the attack lab against the platform started by \`npm start\` (same
SHOP_PORT_OFFSET, dev secrets in ./.dev) and prints a scorecard.

Options:
  -v, --verbose   full evidence and each attack's title
  -c, --compare   compare with the previous run's saved scorecard
                  (.dev/attack-lab/last-scorecard.json)
  -l, --list      list the attacks (id, title, controls) as JSON and exit
  --json          print the results as one JSON document instead of the scorecard
  --dev-dir=DIR   the platform's dev folder (default: ./.dev)
  -h, --help      this text

Each attack ends in one of three outcomes:
  BLOCKED         the control refused it for the right reason
  GOT THROUGH     the attacker got what it wanted
  COULD NOT RUN   the lab could not reach a verdict (setup failed, or the
                  target answered something unexpected); says nothing about
                  the control

Exit codes:
  0  every attack was blocked
  1  at least one attack got through
  2  the lab could not start (bad arguments, no platform answering)
  3  nothing got through, but at least one attack could not run`;

/** Parses argv; an unknown option or attack id is an error, never silently dropped. */
export function parseCliArgs(argv: readonly string[], catalogue: readonly Attack[]): CliArgs & { list: boolean } {
  const flags = new Set<string>();
  const ids: string[] = [];
  let devDir: string | undefined;
  for (const arg of argv) {
    if (arg.startsWith('--dev-dir=')) devDir = arg.slice('--dev-dir='.length);
    else if (arg.startsWith('-')) flags.add(arg);
    else ids.push(arg);
  }
  const known = new Map([
    ['-h', 'help'],
    ['--help', 'help'],
    ['-v', 'verbose'],
    ['--verbose', 'verbose'],
    ['-c', 'compare'],
    ['--compare', 'compare'],
    ['-l', 'list'],
    ['--list', 'list'],
    ['--json', 'json'],
  ]);
  const unknownFlags = [...flags].filter((flag) => !known.has(flag));
  if (unknownFlags.length) throw new UsageError(`unknown option ${unknownFlags.join(', ')}`);
  const set = new Set([...flags].map((flag) => known.get(flag)));
  const byId = new Map(catalogue.map((attack) => [attack.id, attack]));
  const unknownIds = ids.filter((id) => !byId.has(id));
  if (unknownIds.length) throw new UsageError(`unknown attack id${unknownIds.length > 1 ? 's' : ''}: ${unknownIds.join(', ')} (see \`npm run attack -- --list\`)`);
  const chosen = new Set(ids);
  return {
    help: set.has('help'),
    verbose: set.has('verbose'),
    compare: set.has('compare'),
    list: set.has('list'),
    json: set.has('json'),
    devDir,
    // Catalogue order, not argument order: later attacks rely on the earlier ones' budget use.
    attacks: chosen.size ? catalogue.filter((attack) => chosen.has(attack.id)) : catalogue,
  };
}
