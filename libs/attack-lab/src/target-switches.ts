import { request } from 'undici';
import { SERVICE_NAMES, type ServiceName } from '@shop/topology';
import type { LabTarget } from './lab-target';

/** What one service reports about its lab switches; `unreachable` when its ops listener did not answer. */
export interface ServiceSwitches {
  readonly service: ServiceName;
  readonly off: readonly string[];
  readonly unreachable?: string;
}

// One sample line of shop_lab_control_enabled in the Prometheus text format, e.g.
// shop_lab_control_enabled{control="mtls",service="order"} 0
const SAMPLE = /^shop_lab_control_enabled\{[^}]*control="([^"]+)"[^}]*\}\s+(\S+)/;

/**
 * Which lab switches each service of the target has off, read from the
 * `shop_lab_control_enabled` gauge on its loopback ops listener. The
 * scorecard means little without it: "got through" is the expected answer
 * for an attack whose control the target runs switched off.
 */
export async function targetSwitches(target: LabTarget): Promise<ServiceSwitches[]> {
  return Promise.all(
    SERVICE_NAMES.map(async (service) => {
      try {
        const response = await request(target.opsUrl(service, '/metrics'), { headersTimeout: 3000, bodyTimeout: 3000 });
        const text = await response.body.text();
        const off = text
          .split('\n')
          .map((line) => SAMPLE.exec(line))
          .filter((match): match is RegExpExecArray => match !== null && Number(match[2]) === 0)
          .map((match) => match[1]);
        return { service, off: [...new Set(off)].sort() };
      } catch (error) {
        return { service, off: [], unreachable: (error as Error).message };
      }
    }),
  );
}

/** One line for the scorecard's head: "lab switches off: none" or per service. */
export function describeSwitches(switches: readonly ServiceSwitches[]): string {
  const unreachable = switches.filter((s) => s.unreachable).map((s) => s.service);
  const off = switches.filter((s) => s.off.length > 0);
  const distinct = new Set(off.map((s) => s.off.join(',')));
  const described =
    off.length === 0
      ? 'none (every control on)'
      : distinct.size === 1 && off.length === switches.length - unreachable.length
        ? `${off[0].off.join(', ')} (every service)`
        : off.map((s) => `${s.service}: ${s.off.join(', ')}`).join('; ');
  return `Lab switches off on the target: ${described}${unreachable.length ? ` (could not ask: ${unreachable.join(', ')})` : ''}`;
}
