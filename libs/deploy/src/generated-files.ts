import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { COMPOSE_FILES } from './compose';
import type { GeneratedFile } from './generated-file';
import { K8S_FILES } from './k8s';
import { vaultComposeFiles } from './vault';

/** Every file `npm run gen:deploy` writes. */
export const GENERATED_FILES: readonly GeneratedFile[] = [...COMPOSE_FILES, ...vaultComposeFiles(), ...K8S_FILES];

function committedText(root: string, file: GeneratedFile): string | undefined {
  try {
    return readFileSync(join(root, file.path), 'utf8');
  } catch {
    return undefined;
  }
}

/** Writes every generated file under `root`; returns the paths that changed. */
export function writeGeneratedFiles(root: string, files: readonly GeneratedFile[] = GENERATED_FILES): string[] {
  const changed: string[] = [];
  for (const file of files) {
    const text = file.render();
    if (committedText(root, file) === text) continue;
    mkdirSync(dirname(join(root, file.path)), { recursive: true });
    writeFileSync(join(root, file.path), text);
    changed.push(file.path);
  }
  return changed;
}

/** The generated files whose committed text differs from what the generator writes now. */
export function driftOf(root: string, files: readonly GeneratedFile[] = GENERATED_FILES): string[] {
  return files.filter((file) => committedText(root, file) !== file.render()).map((file) => file.path);
}
