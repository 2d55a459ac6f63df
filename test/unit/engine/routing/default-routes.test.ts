import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDefaultRoutes, parseRoutePlans } from '../../../../engine/routing/load-default-routes.ts';
import { createRouteTable } from '../../../../engine/routing/route-table.ts';
import { engineConfigSchema } from '../../../../engine/engine-config.ts';
import { isEngineError } from '../../../../engine/engine-errors.ts';
import type { ContentKind } from '../../../../engine/message.ts';

/** gateway[/as][:transform] per leg, then the triggers that move on, e.g. 'rcs{check} -(not-capable,...)-> gmmsc/mms:rcs-to-mms'. */
function describePlan(kind: ContentKind, onNet: boolean): string {
  const plan = createRouteTable(loadDefaultRoutes()).planFor(kind, onNet);
  if (plan === null) return 'none';
  return plan.legs
    .map((leg, i) => {
      let s = leg.gateway;
      if (leg.as !== 'same') s += `/${leg.as}`;
      if (leg.transform !== 'none') s += `:${leg.transform}`;
      if (leg.checkCapability) s += '{check}';
      if (i < plan.legs.length - 1) s += ` -(${leg.fallbackOn.join(',')})->`;
      return s;
    })
    .join(' ');
}

describe('default route plans', () => {
  it('parse and validate against the engine config schema', () => {
    const plans = loadDefaultRoutes();
    expect(plans.length).toBeGreaterThan(0);
    expect(engineConfigSchema.parse({ routes: plans }).routes).toEqual(plans);
  });

  it.each<[ContentKind, boolean, string]>([
    ['sms', true, 'smsvas -(circuit-open,unavailable)-> xroshot'],
    ['lms', true, 'gmmsc -(circuit-open,unavailable)-> xroshot'],
    ['mms', true, 'gmmsc -(circuit-open,unavailable)-> xroshot'],
    ['rcs', true, 'rcs{check} -(not-capable,failed,no-report,rejected,circuit-open,unavailable)-> gmmsc/mms:rcs-to-mms -(circuit-open,unavailable)-> xroshot/mms:rcs-to-mms'],
    ['sms', false, 'xroshot'],
    ['lms', false, 'xroshot'],
    ['mms', false, 'xroshot'],
    ['rcs', false, 'xroshot/mms:rcs-to-mms'],
  ])('route %s on-net=%s as %s', (kind, onNet, expected) => {
    expect(describePlan(kind, onNet)).toBe(expected);
  });

  it('give the RCS leg a report deadline inside the minutes a KT relay waits, not the gateway default day', () => {
    const leg = createRouteTable(loadDefaultRoutes()).planFor('rcs', true)!.legs[0];
    expect(leg.reportTimeout).toBe(60_000);
  });

  it('end every plan with a leg that falls back nowhere', () => {
    for (const plan of loadDefaultRoutes()) expect(plan.legs.at(-1)!.fallbackOn, plan.name).toEqual([]);
  });
});

describe('parseRoutePlans', () => {
  const bad = (text: string) => {
    try {
      parseRoutePlans(text, 'routes.yaml');
    } catch (e) {
      expect(isEngineError(e, 'ENGINE_ERR_CONFIG')).toBe(true);
      return (e as Error).message;
    }
    throw new Error('expected parseRoutePlans to throw');
  };

  it('names file, line and field of a schema problem', () => {
    const message = bad('routes:\n  - name: x\n    kinds: [sms]\n    legs:\n      - gateway: smtp\n');
    expect(message).toContain('routes.yaml:5: routes[0].legs[0].gateway:');
  });

  it('refuses an unknown fallback trigger and an unknown field', () => {
    expect(bad('routes:\n  - name: x\n    kinds: [sms]\n    legs:\n      - gateway: smsvas\n        fallbackOn: [busy]\n')).toContain('fallbackOn');
    expect(bad('routes:\n  - name: x\n    kinds: [sms]\n    priority: 1\n    legs: [{ gateway: smsvas }]\n')).toContain('priority');
  });

  it('refuses broken YAML, an empty list and a name used twice', () => {
    expect(bad('routes: [\n')).toContain('routes.yaml');
    expect(bad('routes: []\n')).toContain('routes');
    expect(bad('routes:\n  - { name: a, kinds: [sms], legs: [{ gateway: smsvas }] }\n  - { name: a, kinds: [lms], legs: [{ gateway: gmmsc }] }\n')).toContain("'a'");
  });

  it('reads another file of the same shape, and reports one it cannot read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'routes-'));
    try {
      const file = join(dir, 'r.yaml');
      writeFileSync(file, 'routes:\n  - { name: all, kinds: [sms, lms, mms, rcs], legs: [{ gateway: xroshot }] }\n');
      expect(loadDefaultRoutes(file)).toEqual([{ name: 'all', network: 'any', kinds: ['sms', 'lms', 'mms', 'rcs'], legs: [{ gateway: 'xroshot', as: 'same', transform: 'none', checkCapability: false, fallbackOn: [] }] }]);
      expect(() => loadDefaultRoutes(join(dir, 'missing.yaml'))).toThrow(expect.objectContaining({ code: 'ENGINE_ERR_CONFIG' }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
