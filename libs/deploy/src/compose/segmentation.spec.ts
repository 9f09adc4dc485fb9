import { parse } from 'yaml';
import { COMPOSE_FILE, composeDocument } from './compose-file';
import { egressProblems, expectedReachability, formatReachability, predictedReachability, reachabilityProblems, type Reachability } from './segmentation';

type Doc = Parameters<typeof predictedReachability>[0];

function committedDocument(): Doc {
  return parse(COMPOSE_FILE.render()) as Doc;
}

describe('compose segmentation', () => {
  it('expects exactly the call graph, PostgreSQL for schema owners and Redis for its users', () => {
    expect(expectedReachability()).toEqual({
      gateway: ['auth', 'inventory', 'order', 'redis'],
      auth: ['postgres'],
      order: ['inventory', 'payment', 'postgres'],
      payment: ['postgres'],
      inventory: ['postgres'],
    });
  });

  it('the generated networks and listen addresses allow exactly that', () => {
    expect(reachabilityProblems(expectedReachability(), predictedReachability(committedDocument()))).toEqual([]);
    expect(egressProblems(committedDocument())).toEqual([]);
  });

  it('fails when a planted network joins payment and inventory', () => {
    const doc = composeDocument() as unknown as Doc;
    doc.networks['planted'] = { internal: true };
    for (const name of ['payment', 'inventory']) (doc.services[name].networks as Record<string, object>)['planted'] = {};
    expect(reachabilityProblems(expectedReachability(), predictedReachability(doc))).toEqual(['extra: payment -> inventory']);
  });

  it('fails when order listens on every address: the edges it calls out on open it up', () => {
    const doc = composeDocument() as unknown as Doc;
    (doc.services['order'].environment as Record<string, string>)['BIND_HOST'] = '0.0.0.0';
    expect(reachabilityProblems(expectedReachability(), predictedReachability(doc))).toEqual(['extra: inventory -> order', 'extra: payment -> order']);
  });

  it('reports a missing edge, an open network and a second published port', () => {
    const observed: Reachability = { ...expectedReachability(), order: ['inventory', 'postgres'] };
    expect(reachabilityProblems(expectedReachability(), observed)).toEqual(['missing: order -> payment']);
    const doc = composeDocument() as unknown as Doc;
    doc.networks['edge-order-payment'] = {};
    doc.services['auth'].ports = ['0.0.0.0:50051:50051'];
    expect(egressProblems(doc)).toEqual(['network edge-order-payment is not internal', 'auth publishes 0.0.0.0:50051:50051', 'auth publishes 0.0.0.0:50051:50051 beyond 127.0.0.1']);
  });

  it('prints the matrix, marking differences', () => {
    const text = formatReachability({ ...expectedReachability(), payment: ['order', 'postgres'] });
    expect(text.split('\n')[0]).toMatch(/^from \\ to\s+gateway\s+auth\s+order\s+payment\s+inventory\s+postgres\s+redis$/);
    expect(text).toMatch(/^payment\s+\.\s+\.\s+X!\s+-\s+\.\s+X\s+\.\s*$/m);
  });
});
