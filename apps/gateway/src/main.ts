import { bootstrapGateway } from './bootstrap';

// The launcher's IPC channel only signals its death; it must not keep us alive.
process.channel?.unref();
bootstrapGateway().catch((error: Error) => {
  process.stderr.write(`gateway failed to start: ${error.message}\n`);
  process.exit(1);
});
