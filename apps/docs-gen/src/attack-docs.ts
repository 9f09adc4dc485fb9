import type { Attack } from '@shop/attack-lab';

const code = (text: string) => `\`${text}\``;

/** The lab's attacks as a Markdown table, in catalogue order (which keeps each control's attacks together). */
export function attackTable(attacks: readonly Attack[]): string {
  const rows = attacks.map((attack) => `| ${code(attack.id)} | ${attack.controls.length ? attack.controls.map(code).join(' + ') : 'none (always on)'} | ${attack.title.replaceAll('|', '\\|')} |`);
  return [
    `The lab has **${attacks.length} attacks**. Each must be blocked with every control on; each with a switch must get through with only its switch(es) off.`,
    '',
    '| attack id | lab switch (all must be off) | what the attacker tries |',
    '|---|---|---|',
    ...rows,
  ].join('\n');
}
