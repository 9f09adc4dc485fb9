import { HEALTH_V1, rpcPath } from '@shop/contracts';
import { GRPC_SERVICES, SERVICES, SERVICE_NAMES, callEdges, type ServiceName } from '@shop/topology';

const HEALTH_CHECK = rpcPath(HEALTH_V1, 'Check');
const methodOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** The README's call graph (Mermaid), from the topology: every business RPC edge, the database, Redis and internet egress. */
export function callGraphMermaid(): string {
  const gateway = SERVICES.gateway;
  const lines = ['```mermaid', 'flowchart LR', `  client([client]) -- "HTTPS ${String(gateway.httpsPort)}" --> gateway`];
  for (const edge of callEdges()) {
    const rpcs = edge.rpcs.filter((path) => path !== HEALTH_CHECK).map(methodOf);
    if (rpcs.length) lines.push(`  ${edge.from} -- "${rpcs.join(', ')}" --> ${edge.to}`);
  }
  const withSchema = GRPC_SERVICES.filter((name) => SERVICES[name].schema);
  if (withSchema.length) lines.push(`  ${withSchema.join(' & ')} --> pg[(PostgreSQL<br/>one schema + two roles per service)]`);
  for (const name of SERVICE_NAMES.filter((n) => SERVICES[n].usesRedis)) lines.push(`  ${name} -. "rate limits, denylist" .-> redis[(Redis, optional)]`);
  for (const name of SERVICE_NAMES.filter((n) => SERVICES[n].internetEgressPorts?.length)) {
    lines.push(`  ${name} -. "outbound HTTP, through the SSRF guard" .-> internet([internet: public addresses, ports ${(SERVICES[name].internetEgressPorts ?? []).join('/')}])`);
  }
  return [...lines, '```'].join('\n');
}

function listens(name: ServiceName): string {
  const { httpsPort, grpcPort, opsPort } = SERVICES[name];
  return [httpsPort === undefined ? '' : `HTTPS ${httpsPort}`, grpcPort === undefined ? '' : `gRPC ${grpcPort}`, `ops ${opsPort}`].filter(Boolean).join(', ');
}

/** The README's services table, from the topology. */
export function servicesTable(): string {
  return ['| service | does | listens |', '|---|---|---|', ...SERVICE_NAMES.map((name) => `| ${name} | ${SERVICES[name].summary} | ${listens(name)} |`)].join('\n');
}

/** The README's demo users: the seed's own list, so the roles shown are the roles given. */
export function demoUsersTable(accounts: readonly { email: string; password: string; roles: readonly string[] }[]): string {
  return ['| email | password | roles |', '|---|---|---|', ...accounts.map((a) => `| \`${a.email}\` | \`${a.password}\` | ${a.roles.join(', ')} |`)].join('\n');
}
