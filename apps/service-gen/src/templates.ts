import type { ServiceNaming } from './service-names';

/** What the generator was asked for, with the ports it picked. */
export interface NewService extends ServiceNaming {
  readonly summary: string;
  readonly callers: readonly string[];
  readonly grpcPort: number;
  readonly opsPort: number;
}

const quoted = (names: readonly string[]) => names.map((n) => `'${n}'`).join(', ');

/** libs/contracts/src/proto/shop/<name>/v1/<name>.proto */
export function protoFile(s: NewService): string {
  return `syntax = "proto3";

package shop.${s.name}.v1;

// ${s.summary}
// Scaffolded by \`npm run new:service\`: one status RPC to start from. Add RPCs
// here, to types/${s.name}.ts and to libs/topology/src/rpc-policies.ts.
service ${s.pascal}Service {
  rpc GetStatus(GetStatusRequest) returns (ServiceStatus);
}

message GetStatusRequest {}

message ServiceStatus {
  string service = 1;
  // SERVING while the process serves; a richer status belongs in /readyz.
  string status = 2;
}
`;
}

/** libs/contracts/src/types/<name>.ts */
export function contractTypes(s: NewService): string {
  return `/** Mirrors shop.${s.name}.v1. */
export type GetStatusRequest = Record<string, never>;
export interface ServiceStatus {
  service: string;
  status: string;
}

export interface ${s.pascal}ServiceMethods {
  GetStatus: { request: GetStatusRequest; response: ServiceStatus };
}
`;
}

/** The entry inserted into libs/contracts/src/proto-files.ts. */
export function contractConstant(s: NewService): string {
  return `export const ${s.contractConst}: GrpcPackageContract = {
  package: 'shop.${s.name}.v1',
  service: '${s.pascal}Service',
  protoFile: 'shop/${s.name}/v1/${s.name}.proto',
};
`;
}

/** The SERVICES entry inserted into libs/topology/src/services.ts. No schema: add one when it keeps data. */
export function topologyEntry(s: NewService): string {
  const summary = s.summary.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
  return `  ${s.name}: { name: '${s.name}', summary: '${summary}', opsPort: ${s.opsPort}, grpcPort: ${s.grpcPort}, contract: ${s.contractConst} },\n`;
}

/**
 * The allow-list line inserted into libs/topology/src/rpc-policies.ts.
 * Public (no passport): a status answer acts for no user. An RPC that does
 * takes `{ operations: [...] }` instead.
 */
export function rpcLine(s: NewService): string {
  return `  rpc('${s.name}', ${s.contractConst}, 'GetStatus', [${quoted(s.callers)}], 'public'),\n`;
}

/** apps/<name>/src/main.ts */
export function appMain(s: NewService): string {
  return `import { runGrpcService } from '@shop/platform';
import { StatusModule } from './status/status.module';

// mTLS, the caller allow-list, passports, health and the ops port come from
// runGrpcService and the topology entry. Add \`database\` when it keeps data.
runGrpcService({ service: '${s.name}', imports: [StatusModule] });
`;
}

export function statusModule(): string {
  return `import { Module } from '@nestjs/common';
import { StatusController } from './status.controller';

@Module({ controllers: [StatusController] })
export class StatusModule {}
`;
}

export function statusController(s: NewService): string {
  return `import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { ${s.contractConst}, type ${s.pascal}ServiceMethods } from '@shop/contracts';

type Methods = ${s.pascal}ServiceMethods;

@Controller()
export class StatusController {
  @GrpcMethod(${s.contractConst}.service, 'GetStatus')
  getStatus(): Methods['GetStatus']['response'] {
    return { service: '${s.name}', status: 'SERVING' };
  }
}
`;
}

export function statusControllerSpec(s: NewService): string {
  return `import { RPC_POLICIES } from '@shop/topology';
import { StatusController } from './status.controller';

describe('${s.name} GetStatus', () => {
  it('answers with the service name', () => {
    expect(new StatusController().getStatus()).toEqual({ service: '${s.name}', status: 'SERVING' });
  });

  it('is reachable only by the callers the topology lists', () => {
    const policy = RPC_POLICIES.find((p) => p.path === '/shop.${s.name}.v1.${s.pascal}Service/GetStatus');
    expect(policy?.callers).toEqual([${quoted(s.callers)}]);
  });
});
`;
}

export function appReadme(s: NewService): string {
  return `# ${s.name}

${s.summary}. gRPC on ${s.grpcPort}, ops on ${s.opsPort}. Called by ${s.callers.map((c) => `\`${c}\``).join(', ')}.

Scaffolded by \`npm run new:service\`. Its topology entry is in \`libs/topology/src/services.ts\`,
its allow-list in \`libs/topology/src/rpc-policies.ts\`, its contract in
\`libs/contracts/src/proto/shop/${s.name}/v1/${s.name}.proto\`.

## RPCs (\`shop.${s.name}.v1.${s.pascal}Service\`)

| RPC | code |
|---|---|
| \`GetStatus\` | \`status/status.controller.ts\`: the service name and \`SERVING\`; public (no passport) |
`;
}
