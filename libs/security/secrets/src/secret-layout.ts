/**
 * File names inside SECRETS_DIR/<service>/. The dev bootstrap, Vault Agent
 * templates and Kubernetes volume mounts all produce exactly these names.
 */
export const SECRET_FILES = {
  /** X.509-SVID: this workload's certificate (one URI SAN, the SPIFFE ID). */
  svidCert: 'tls/svid.pem',
  svidKey: 'tls/svid-key.pem',
  /** CA certificates this workload trusts for peers. */
  trustBundle: 'tls/bundle.pem',
  /** The gateway's public HTTPS listener. */
  httpsCert: 'https/cert.pem',
  httpsKey: 'https/key.pem',
  /** Runtime DML role (see database-credentials.ts). */
  runtimeDb: 'db.json',
  /**
   * Migration owner role. It lives in the separate folder
   * SECRETS_DIR/<service>-migrate/ (migrationSecretsDirOf), which only the
   * `migrate` and `seed` commands read: the running service never holds
   * credentials that could change its schema or switch RLS off.
   */
  ownerDb: 'db-owner.json',
  /** auth: private JWKs that sign access tokens; the first is current. */
  accessTokenKeys: 'access-token-keys.json',
  /** gateway: private JWKs that sign passports; the first is current. */
  passportSigningKeys: 'passport-signing-keys.json',
  /** every gRPC service: the gateway's public passport keys. */
  passportVerifyKeys: 'passport-verify-keys.json',
} as const;

/** The owner role's folder, next to the service's own: SECRETS_DIR/<service>-migrate. */
export function migrationSecretsDirOf(serviceSecretsDir: string): string {
  return `${serviceSecretsDir.replace(/\/+$/, '')}-migrate`;
}
