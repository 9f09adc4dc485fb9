import { Client } from 'pg';
import type { AdminConnection } from '@shop/persistence';
import type { DatabaseCredentials } from '@shop/security/secrets';
import { testAdminConnection } from '@shop/testing';

/** Runs statements as the superuser in the platform's database (test set-up and inspection only). */
export async function asSuperuser<T>(database: string, work: (client: Client) => Promise<T>, admin: AdminConnection = testAdminConnection()): Promise<T> {
  const client = new Client({ ...admin, database });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Connects with a service's own credentials, exactly as the service does. */
export async function asRole<T>(credentials: DatabaseCredentials, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ host: credentials.host, port: credentials.port, user: credentials.user, password: credentials.password, database: credentials.database });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
