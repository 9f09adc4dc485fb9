import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ATTACKS } from '@shop/attack-lab';
import { DEMO_ACCOUNTS } from '@shop/contracts';
import { REPO_ROOT } from '@shop/deploy';
import { attackTable } from './attack-docs';
import { replaceRegion, type MarkedRegion } from './marked-region';
import { callGraphMermaid, demoUsersTable, servicesTable } from './topology-docs';

export { REPO_ROOT };

/** Every generated stretch of the hand-written docs. */
export const REGIONS: readonly MarkedRegion[] = [
  { file: 'README.md', name: 'demo-users', render: () => demoUsersTable(DEMO_ACCOUNTS) },
  { file: 'README.md', name: 'call-graph', render: callGraphMermaid },
  { file: 'README.md', name: 'services', render: servicesTable },
  { file: 'docs/controls/README.md', name: 'attacks', render: () => attackTable(ATTACKS) },
];

/** Each file's text with all its regions regenerated. */
export function renderedFiles(root = REPO_ROOT, regions: readonly MarkedRegion[] = REGIONS): Map<string, { before: string; after: string }> {
  const files = new Map<string, { before: string; after: string }>();
  for (const region of regions) {
    const current = files.get(region.file) ?? { before: readFileSync(join(root, region.file), 'utf8'), after: '' };
    const base = current.after || current.before;
    files.set(region.file, { before: current.before, after: replaceRegion(base, region.name, region.render()) });
  }
  return files;
}

/** Files whose generated stretches are out of date. */
export function docsDrift(root = REPO_ROOT, regions?: readonly MarkedRegion[]): string[] {
  return [...renderedFiles(root, regions)].filter(([, text]) => text.before !== text.after).map(([file]) => file);
}

/** Rewrites the out-of-date files; returns their paths. */
export function writeDocs(root = REPO_ROOT): string[] {
  const changed: string[] = [];
  for (const [file, text] of renderedFiles(root)) {
    if (text.before === text.after) continue;
    writeFileSync(join(root, file), text.after);
    changed.push(file);
  }
  return changed;
}
