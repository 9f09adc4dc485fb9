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
    // A block inside a list item is indented like its fence: the shell sees it without that indent.
    const indent = lines[index].length - lines[index].trimStart().length;
    const body = lines.slice(index + 1, end).map((line) => line.slice(Math.min(indent, line.length - line.trimStart().length)));
    blocks.push({ line: index + 1, text: body.join('\n') });
    index = end;
  }
  return blocks;
}
