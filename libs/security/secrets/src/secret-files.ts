import { existsSync, readFileSync, statSync, unwatchFile, watchFile, type Stats } from 'node:fs';
import { join } from 'node:path';

export class SecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretError';
  }
}

/**
 * A service's own secrets folder (SECRETS_DIR/<service>). Locally the dev
 * bootstrap writes it; under Vault the agent renders the same file names.
 * Secrets are files, never environment variables: env leaks into child
 * processes, crash reports and `ps e`.
 */
export class SecretFiles {
  constructor(readonly dir: string) {}

  path(name: string): string {
    if (name.includes('..') || name.startsWith('/')) throw new SecretError(`invalid secret name "${name}"`);
    return join(this.dir, name);
  }

  has(name: string): boolean {
    return existsSync(this.path(name));
  }

  readBuffer(name: string): Buffer {
    const file = this.path(name);
    try {
      return readFileSync(file);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new SecretError(`secret "${name}" is missing or unreadable at ${file} (${reason})`);
    }
  }

  readText(name: string): string {
    return this.readBuffer(name).toString('utf8');
  }

  readJson<T>(name: string): T {
    try {
      return JSON.parse(this.readText(name)) as T;
    } catch (error) {
      if (error instanceof SecretError) throw error;
      throw new SecretError(`secret "${name}" in ${this.dir} is not valid JSON`);
    }
  }

  /**
   * Calls `onChange` after any of the files changes (content, inode or
   * symlink target: Kubernetes and Vault Agent both swap files by rename).
   * Polling stat() is deliberate: fs.watch misses symlink swaps on some
   * platforms, and one stat per file per interval costs nothing.
   * Returns a function that stops watching.
   */
  watch(names: readonly string[], onChange: () => void, intervalMs = 1000): () => void {
    let pending: NodeJS.Timeout | undefined;
    const fire = (current: Stats, previous: Stats) => {
      if (current.mtimeMs === previous.mtimeMs && current.ino === previous.ino && current.size === previous.size) return;
      // Debounce: a cert and its key usually change within a few ms of each other.
      clearTimeout(pending);
      pending = setTimeout(onChange, 50);
      pending.unref();
    };
    const files = names.map((n) => this.path(n));
    for (const file of files) watchFile(file, { interval: intervalMs, persistent: false }, fire);
    return () => {
      clearTimeout(pending);
      for (const file of files) unwatchFile(file, fire);
    };
  }

  /** Files readable by group or others are a misconfiguration worth a warning. */
  looselyPermitted(name: string): boolean {
    return (statSync(this.path(name)).mode & 0o077) !== 0;
  }
}
