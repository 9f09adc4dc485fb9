import type { BenchReport } from './bench-report';

/** The table the README shows. */
export function toMarkdown(report: BenchReport): string {
  const { summary, machine, passport: p } = report;
  const rows = (['products', 'checkout'] as const).map((name) => {
    const w = summary.workloads[name];
    return `| ${name === 'products' ? 'GET /api/v1/products (1 hop)' : 'POST /api/v1/orders (3 hops)'} | ${w.secureReqPerSec} | ${w.baselineReqPerSec} | **${w.throughputRatio}** | ${w.secureP50Ms} / ${w.baselineP50Ms} | ${w.secureP90Ms} / ${w.baselineP90Ms} | ${w.secureP99Ms} / ${w.baselineP99Ms} | **${w.addedP90PerHopMs}** | ${w.secureErrors} / ${w.baselineErrors} |`;
  });
  const services = Object.keys(summary.workloads.products.cpuUsPerRequest);
  const cpuRows = (['products', 'checkout'] as const).map((name) => {
    const cells = services.map((s) => {
      const c = summary.workloads[name].cpuUsPerRequest[s];
      return `${c.secure} / ${c.baseline}`;
    });
    return `| ${name} | ${cells.join(' | ')} |`;
  });
  const rss = (table: BenchReport['summary']['rssMb']) =>
    Object.entries(table)
      .map(([service, m]) => `${service} ${m.secure} (${m.overhead >= 0 ? '+' : ''}${m.overhead})`)
      .join(', ');
  return [
    `Measured ${report.startedAt.slice(0, 10)} on ${machine.cpu} (${machine.cores} cores), ${machine.memoryGb} GB, Node ${machine.node}; ${report.pairs} A/B pair(s), ${report.mode} mode, load generator on the same machine.`,
    '',
    '| workload | secure req/s | baseline req/s | secure/baseline | p50 ms secure / baseline | p90 ms secure / baseline | p99 ms secure / baseline | added p90 per hop (ms) | errors secure / baseline |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    'CPU per successful request, µs, secure / baseline (each service\'s `process_cpu_seconds_total` over the closed loop; steadier than req/s on a shared machine):',
    '',
    `| workload | ${services.join(' | ')} |`,
    `|---|${services.map(() => '---|').join('')}`,
    ...cpuRows,
    '',
    `- Machine ceiling (plain Node http hello-world, same generator): ${report.ceiling.reqPerSec} req/s.`,
    `- Internal TLS handshakes per 1,000 requests (server counters of every ClientHello, so an upper bound on full handshakes; secure): ${summary.grpcHandshakesPer1000}.`,
    `- Passport cost (jose, 50 in flight, CPU per operation, wall in brackets): ES256 sign ${p.ES256.signCpuUs} µs (${p.ES256.signUs}), verify ${p.ES256.verifyCpuUs} µs (${p.ES256.verifyUs}); EdDSA sign ${p.EdDSA.signCpuUs} µs (${p.EdDSA.signUs}), verify ${p.EdDSA.verifyCpuUs} µs (${p.EdDSA.verifyUs}). A checkout signs once and verifies three times.`,
    `- RSS per service right after start, MB, secure (overhead vs baseline): ${rss(summary.rssIdleMb)}.`,
    `- RSS per service after the load, MB, secure (overhead vs baseline; includes heap the GC has not returned yet): ${rss(summary.rssMb)}.`,
    `- Cold start to all-ready: secure ${summary.coldStartMs.secure} ms, baseline ${summary.coldStartMs.baseline} ms.`,
    `- Load generator CPU (share of one core, median): ${report.generatorCpuPct}%.`,
    '',
    `Latency percentiles come from an open-loop generator at the same fixed rate in both postures (no coordinated omission); throughput from a closed loop. Ratios and the added p90 per hop are medians over the A/B pairs. Cold start is from the launcher's first step (database, migrations, secrets, five processes) to every /readyz green, after \`npm run build\`.`,
  ].join('\n');
}
