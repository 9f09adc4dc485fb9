import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@shop/testing';

export interface CommandBlock {
  /** 1-based line of the opening fence, for messages. */
  readonly line: number;
  readonly text: string;
}

/** Every ```bash block of a Markdown file (the README's commands), in order. */
export function bashBlocks(file = join(REPO_ROOT, 'README.md')): CommandBlock[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const blocks: CommandBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    if (lines[index].trim() !== '```bash') continue;
    const end = lines.findIndex((line, at) => at > index && line.trim() === '```');
    blocks.push({ line: index + 1, text: lines.slice(index + 1, end).join('\n') });
    index = end;
  }
  return blocks;
}
