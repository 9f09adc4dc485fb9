import { randomBytes } from 'node:crypto';
import { dropDatabase, provisionDatabase, type AdminConnection, type ProvisionedService } from '@shop/persistence';
import { GRPC_SERVICES, SERVICES } from '@shop/topology';
import { testAdminConnection } from './postgres';

export interface TestDatabase {
  readonly name: string;
  readonly admin: AdminConnection;
  readonly services: ReadonlyMap<string, ProvisionedService>;
  drop(): Promise<void>;
}

/** A throw-away database name (it also prefixes the roles), unique per call. */
export function uniqueDatabaseName(label: string): string {
  return `t_${label.replace(/[^a-z0-9]/g, '').slice(0, 20)}_${randomBytes(4).toString('hex')}`;
}

/** A fresh database with the production layout: schema + owner + runtime role per service. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const admin = testAdminConnection();
  const name = uniqueDatabaseName(label);
  const services = await provisionDatabase(
    admin,
    name,
    GRPC_SERVICES.map((service) => ({ service, schema: SERVICES[service].schema as string })),
  );
  return { name, admin, services, drop: () => dropDatabase(admin, name, GRPC_SERVICES) };
}
