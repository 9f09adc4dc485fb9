import { ATTACKS } from '@shop/attack-lab';
import { UsageError, parseCliArgs } from './cli-args';

describe('parseCliArgs', () => {
  it('runs the whole catalogue by default', () => {
    expect(parseCliArgs([], ATTACKS)).toMatchObject({ help: false, verbose: false, compare: false, attacks: ATTACKS });
  });

  it('keeps catalogue order whatever the argument order', () => {
    const [first, second] = ATTACKS;
    expect(parseCliArgs([second.id, first.id, '-v'], ATTACKS)).toMatchObject({ verbose: true, attacks: [first, second] });
  });

  it('refuses an unknown id, naming it, instead of dropping it', () => {
    expect(() => parseCliArgs([ATTACKS[0].id, 'bola-raed-order'], ATTACKS)).toThrow(new UsageError('unknown attack id: bola-raed-order (see `npm run attack -- --list`)'));
  });

  it('refuses an unknown option', () => {
    expect(() => parseCliArgs(['--verbos'], ATTACKS)).toThrow(UsageError);
  });
});
