/** Sums a Prometheus counter (all label sets matching `filter`) from a service's /metrics. */
export async function counterValue(opsUrl: string, name: string, filter = ''): Promise<number> {
  const text = await (await fetch(`${opsUrl}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && line.includes(filter))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}
