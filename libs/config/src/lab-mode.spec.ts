import { ConfigError, LAB_CONTROLS, LabSwitches, labBanner } from './lab-mode';

describe('LabSwitches.parse', () => {
  it('turns every control on when nothing is disabled, in any environment', () => {
    for (const env of ['development', 'test', 'lab', 'production'] as const) {
      for (const raw of [undefined, '', ' , ,']) {
        const switches = LabSwitches.parse(env, raw);
        expect(switches.disabledControls).toEqual([]);
        expect(LAB_CONTROLS.every((c) => switches.isOn(c))).toBe(true);
      }
    }
  });

  it('refuses SHOP_LAB_DISABLE outside SHOP_ENV=lab', () => {
    for (const env of ['development', 'test', 'production'] as const) {
      expect(() => LabSwitches.parse(env, 'mtls')).toThrow(ConfigError);
    }
  });

  it('rejects unknown control names, even next to known ones', () => {
    expect(() => LabSwitches.parse('lab', 'mtls,firewall')).toThrow(ConfigError);
    expect(() => LabSwitches.parse('lab', 'MTLS')).toThrow(ConfigError);
  });

  it('switches off exactly the named controls and trims the list', () => {
    const switches = LabSwitches.parse('lab', ' rls , mtls,,peer-authz ');
    expect(switches.isOn('mtls')).toBe(false);
    expect(switches.isOn('rls')).toBe(false);
    expect(switches.isOn('peer-authz')).toBe(false);
    expect(switches.isOn('passport')).toBe(true);
    expect(switches.disabledControls).toEqual(['mtls', 'peer-authz', 'rls']);
  });

  it('accepts every known control', () => {
    const switches = LabSwitches.parse('lab', LAB_CONTROLS.join(','));
    expect(LAB_CONTROLS.some((c) => switches.isOn(c))).toBe(false);
  });
});

describe('labBanner', () => {
  it('prints nothing when every control is on', () => {
    expect(labBanner('order', LabSwitches.none())).toBeUndefined();
  });

  it('names the service and every control that is off', () => {
    const banner = labBanner('order', LabSwitches.parse('lab', 'rls,mtls'));
    expect(banner).toContain('order');
    expect(banner).toContain('mtls, rls');
    expect(banner?.split('\n')).toHaveLength(4);
  });
});
