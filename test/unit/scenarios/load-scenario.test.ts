import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KNOWN_SUBSCRIBERS } from '../../../gateways/network/known-subscribers.ts';
import { loadScenario, parseScenario } from '../../../scenarios/load-scenario.ts';
import { isScenarioError, ScenarioError } from '../../../scenarios/scenario-errors.ts';
import { GATEWAY_PRESETS } from '../../../scenarios/scenario-schema.ts';

const readme = readFileSync(new URL('../../../scenarios/README.md', import.meta.url), 'utf8');
const readmeExample = (/```yaml\n([\s\S]*?)```/.exec(readme) as RegExpExecArray)[1];

const minimal = (extra = '', traffic = '  - send: { at: 0s, to: ktIos, text: hi }\n') => `version: 1\nname: t\n${extra}traffic:\n${traffic}`;

/** The ScenarioError a parse throws, with its one-line messages. */
function failure(text: string, source = 'scenarios/x.yaml'): ScenarioError {
  try {
    parseScenario(text, source);
  } catch (e) {
    if (isScenarioError(e)) return e;
    throw e;
  }
  throw new Error('expected the scenario to be refused');
}

describe('parseScenario: valid scenarios', () => {
  it('loads the README example with every time as an offset in ms and names as numbers', () => {
    const s = parseScenario(readmeExample, 'README.md');
    expect(s.name).toBe('rcs-outage-fallback');
    expect(s.source).toBe('README.md');
    expect(s.seed).toBe('42');
    expect(s.clock).toEqual({ speed: 600, start: Date.parse('2026-11-20T20:50:00+09:00') });
    expect(s.timeout).toBe(120_000);
    expect(s.traffic.map((t) => [t.kind, t.at])).toEqual([
      ['send', 0],
      ['send', 1000],
      ['batch', 10_000],
      ['scheduled', 0],
      ['stream', 60_000],
    ]);
    const first = s.traffic[0];
    expect(first.kind === 'send' && first.to).toBe(KNOWN_SUBSCRIBERS.ktAndroidRcs);
    expect(first.kind === 'send' && first.from).toBe('15880000');
    const scheduled = s.traffic[3];
    // 2026-11-21T08:00+09:00 is 11h10m after the 20:50 start.
    expect(scheduled.kind === 'scheduled' && scheduled.sendAt).toBe(11 * 3_600_000 + 10 * 60_000);
    expect(scheduled.kind === 'scheduled' && scheduled.recipients).toEqual([KNOWN_SUBSCRIBERS.ktIos, '010-1234-0005']);
    const stream = s.traffic[4];
    expect(stream.kind === 'stream' && [stream.for, stream.rate, stream.mix.content.length]).toEqual([600_000, 50, 2]);
    expect(s.faults[0]).toEqual({ at: 120_000, for: 300_000, gateway: 'rcs', kind: 'outage', mode: 'blackhole' });
    expect(s.expect.latency?.all?.p95).toBe(30_000);
    expect(s.expect.throughput).toEqual({ perHour: 100_000, over: 300_000, of: 'delivered' });
  });

  it('keeps engine config overrides as written so the runner can merge them', () => {
    const s = parseScenario(readmeExample, 'README.md');
    expect(s.engine.config).toEqual({ gateways: { rcs: { policy: { tps: 500, timeout: '5s' } } } });
  });

  it('normalises inline behaviour with the kit schema and fills defaults', () => {
    const s = parseScenario(readmeExample, 'README.md');
    expect(s.gateways.xroshot?.behaviour?.timezone).toBe('Asia/Seoul');
    expect(s.gateways.rcs).toEqual({ preset: 'tight-throttle', enabled: true });
    expect(s.gateways.smsvas).toBeUndefined();
  });

  it('accepts every bundled preset of every gateway', () => {
    for (const [gw, presets] of Object.entries(GATEWAY_PRESETS)) {
      expect(presets.length).toBeGreaterThan(0);
      for (const preset of presets) expect(() => parseScenario(minimal(`gateways:\n  ${gw}: { preset: ${preset} }\n`))).not.toThrow();
    }
  });

  it('fills defaults for a minimal scenario', () => {
    const s = parseScenario(minimal());
    expect(s).toMatchObject({ seed: 'msgsim', clock: { speed: 1 }, timeout: 600_000, templates: [], faults: [], expect: {}, gateways: {}, network: {} });
    expect(s.clock.start).toBeUndefined();
  });

  it('counts the batch recipient mix as anyone when none is given', () => {
    const s = parseScenario(minimal('', '  - batch: { at: 0s, recipients: { count: 5 }, text: hi }\n'));
    expect(s.traffic[0]).toMatchObject({ kind: 'batch', recipients: { count: 5, mix: [{ weight: 1 }] } });
  });

  it('keeps a step kind apart from the engine priority of its messages', () => {
    const s = parseScenario(minimal('', '  - send: { at: 0s, to: ktIos, text: hi, priority: scheduled }\n'));
    expect(s.traffic[0]).toMatchObject({ kind: 'send', priority: 'scheduled' });
  });

  it('reads media sizes in bytes', () => {
    const s = parseScenario(minimal('', "  - send: { at: 0s, to: ktIos, media: [ { contentType: image/jpeg, size: '300KB' }, { contentType: image/png, size: 10 } ] }\n"));
    const step = s.traffic[0];
    expect(step.kind === 'send' && step.media?.map((m) => m.size)).toEqual([300 * 1024, 10]);
  });
});

describe('parseScenario: mistakes name the file, the line and the field', () => {
  it('a field of the wrong type', () => {
    const text = minimal('', '  - send: { at: 0s, to: ktIos, text: a }\n  - send: { at: 0s, to: ktIos, text: b }\n  - batch:\n      at: 1s\n      recipients: { count: -3 }\n      text: hi\n');
    const e = failure(text);
    expect(e.code).toBe('SCENARIO_ERR_INVALID');
    expect(e.message).toBe('scenarios/x.yaml:8: traffic[2].batch.recipients.count: expected a positive integer');
    expect(e.issues).toEqual([{ path: 'traffic[2].batch.recipients.count', line: 8, message: 'expected a positive integer' }]);
  });

  it('an unknown field, listing the fields allowed there', () => {
    const e = failure(minimal('colour: red\n'));
    expect(e.message).toMatch(/^scenarios\/x\.yaml:3: colour: unknown field 'colour' \(expected one of: .*version, name/);
  });

  it('an unknown gateway, listing the valid ones', () => {
    const e = failure(minimal('gateways:\n  smsc: { preset: demo }\n'));
    expect(e.message).toBe("scenarios/x.yaml:4: gateways.smsc: unknown gateway 'smsc' (expected one of: smsvas, gmmsc, rcs, xroshot)");
  });

  it('an unknown preset, listing the presets of that gateway', () => {
    const e = failure(minimal('gateways:\n  smsvas:\n    preset: slow\n'));
    expect(e.message).toBe(`scenarios/x.yaml:5: gateways.smsvas.preset: unknown preset 'slow' for smsvas (valid presets: ${GATEWAY_PRESETS.smsvas.join(', ')})`);
    expect(e.message).toContain('slow-smsc');
  });

  it('a bad duration, and a bare number where a unit is needed', () => {
    const e = failure(minimal('timeout: 5\n', '  - send: { at: 5 minutes, to: ktIos, text: hi }\n'));
    expect(e.message.split('\n')).toEqual([
      "scenarios/x.yaml:3: timeout: write a duration with its unit, e.g. '5s' or '5ms' (a bare number is ambiguous)",
      "scenarios/x.yaml:5: traffic[0].send.at: bad duration '5 minutes': expected e.g. '250ms', '90s', '10m', '2h', '1d', '1h30m'",
    ]);
  });

  it('a bad time: no offset, or no such date', () => {
    expect(failure(minimal("clock: { start: '2026-11-20 20:50' }\n")).message).toBe(
      "scenarios/x.yaml:3: clock.start: bad time '2026-11-20 20:50': expected ISO 8601 with its UTC offset, e.g. 2026-11-20T20:50:00+09:00",
    );
    expect(failure(minimal('clock: { start: 2026-02-30T25:00:00+09:00 }\n')).issues[0]).toMatchObject({ path: 'clock.start', line: 3 });
  });

  it('a missing version', () => {
    const e = failure('name: x\ntraffic:\n  - send: { at: 0s, to: ktIos, text: hi }\n');
    expect(e.message).toBe('scenarios/x.yaml:1: version: is required');
  });

  it('a wrong version', () => {
    expect(failure(minimal().replace('version: 1', 'version: 2')).message).toBe('scenarios/x.yaml:1: version: version must be 1');
  });

  it('an unknown subscriber name, and an unquoted number', () => {
    const e = failure(minimal('', '  - send: { at: 0s, to: ktAndriod, text: a }\n  - send: { at: 0s, to: 01012340001, text: b }\n'));
    expect(e.issues.map((i) => [i.line, i.path])).toEqual([
      [4, 'traffic[0].send.to'],
      [5, 'traffic[1].send.to'],
    ]);
    expect(e.issues[0].message).toContain("'ktAndriod' is neither a phone number nor a known subscriber (ktAndroidRcs");
    expect(e.issues[1].message).toMatch(/^quote numbers/);
  });

  it('a step with two kinds or none', () => {
    const e = failure(minimal('', '  - send: { at: 0s, to: ktIos, text: hi }\n    batch: { at: 0s, recipients: [ktIos], text: hi }\n  - {}\n'));
    expect(e.message.split('\n')).toEqual([
      'scenarios/x.yaml:4: traffic[0]: a step is exactly one of send, batch, scheduled, stream (got send, batch)',
      'scenarios/x.yaml:6: traffic[1]: a step is exactly one of send, batch, scheduled, stream (got none)',
    ]);
  });

  it('a step without content', () => {
    expect(failure(minimal('', '  - send: { at: 0s, to: ktIos }\n')).message).toBe('scenarios/x.yaml:4: traffic[0].send: give the content: text, template, media or rcs');
  });

  it('faults: unknown kind, a gateway without webhooks, slow without latency, unknown gateway', () => {
    const faults = [
      '  - { at: 1m, gateway: rcs, kind: meltdown }',
      '  - { at: 1m, gateway: smsvas, kind: webhook-down }',
      '  - { at: 1m, gateway: rcs, kind: outage, mode: slow }',
      '  - { at: 1m, gateway: rcz, kind: outage, mode: refuse }',
    ];
    const e = failure(minimal(`faults:\n${faults.join('\n')}\n`));
    expect(e.issues.map((i) => `${i.line} ${i.path}`)).toEqual(['4 faults[0].kind', '5 faults[1].gateway', '6 faults[2].latency', '7 faults[3].gateway']);
    expect(e.issues[0].message).toBe('expected kind: outage | latency-spike | error-burst | webhook-down');
    expect(e.issues[3].message).toBe("unknown gateway 'rcz' (valid gateways: smsvas, gmmsc, rcs, xroshot)");
  });

  it('faults on a disabled or external gateway', () => {
    const e = failure(minimal('gateways:\n  rcs: { enabled: false }\n  xroshot: { url: "tcp://u:p@10.0.0.1:8083" }\nfaults:\n  - { at: 0s, gateway: rcs, kind: webhook-down }\n  - { at: 0s, gateway: xroshot, kind: outage, mode: refuse }\n'));
    expect(e.issues.map((i) => [i.line, i.message])).toEqual([
      [7, 'rcs is disabled in gateways'],
      [8, 'xroshot is an external gateway (url); faults need a simulator'],
    ]);
  });

  it('a template that is not defined, and a duplicate template id', () => {
    const templates = 'templates:\n  - { id: a, kind: sms, bodies: { ko: { text: x } } }\n  - { id: a, kind: sms, bodies: { en: { text: y } } }\n';
    const e = failure(minimal(templates, '  - send: { at: 0s, to: ktIos, template: { id: nope } }\n'));
    expect(e.issues.map((i) => `${i.line} ${i.path}: ${i.message}`)).toEqual([
      "5 templates[1].id: duplicate template id 'a'",
      "7 traffic[0].send.template.id: unknown template 'nope' (templates: a)",
    ]);
  });

  it('an ISO sendAt without clock.start', () => {
    const e = failure(minimal('', '  - scheduled: { at: 0s, sendAt: 2026-11-21T08:00:00+09:00, recipients: [ktIos], text: x }\n'));
    expect(e.message).toBe('scenarios/x.yaml:4: traffic[0].scheduled.sendAt: an ISO sendAt needs clock.start (or give an offset such as 30m)');
  });

  it('mistakes inside an inline behaviour and engine config, with the paths of those formats', () => {
    const behaviour = failure(minimal('gateways:\n  rcs:\n    behaviour:\n      version: 1\n      rules:\n        - then: { reject: nope }\n'));
    expect(behaviour.issues[0]).toMatchObject({ line: 8, path: 'gateways.rcs.behaviour.rules[0].then.reject' });
    const engine = failure(minimal('engine:\n  config:\n    gateways: { rcs: { policy: { tps: -1 } } }\n'));
    expect(engine.message).toBe('scenarios/x.yaml:5: engine.config.gateways.rcs.policy.tps: must be > 0');
  });

  it('a bad pinned number in the inline network', () => {
    const e = failure(minimal("network:\n  subscribers:\n    pinned: { '12345': { carrier: KT } }\n"));
    expect(e.message).toBe("scenarios/x.yaml:5: network.subscribers.pinned.12345: '12345' is not a Korean mobile number");
  });

  it('expectations without a bound, with an unknown state or channel', () => {
    const e = failure(minimal('expect:\n  finalStates: [ { state: delivered }, { state: sent, count: 1 } ]\n  latency: { sms: { p95: 1s } }\n'));
    expect(e.issues.map((i) => `${i.line} ${i.path}`)).toEqual(['4 expect.finalStates[0]', '4 expect.finalStates[1].state', '5 expect.latency.sms']);
  });

  it('YAML syntax errors and documents that are not a mapping', () => {
    const syntax = failure(minimal('', '  - send: [\n'));
    expect(syntax.code).toBe('SCENARIO_ERR_YAML');
    expect(syntax.message).toMatch(/^scenarios\/x\.yaml:\d+: YAML syntax error/);
    expect(failure('').message).toBe('scenarios/x.yaml: expected a mapping (version: 1, name: ..., traffic: ...), got an empty document');
    expect(failure('- a\n').message).toContain('got a list');
  });
});

describe('loadScenario', () => {
  const dir = mkdtempSync(join(tmpdir(), 'msgsim-scenario-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names the file it could not read', () => {
    const path = join(dir, 'missing.yaml');
    expect(() => loadScenario(path)).toThrow(expect.objectContaining({ code: 'SCENARIO_ERR_FILE', message: expect.stringContaining(path) }));
  });

  it('resolves the network file against the scenario folder and checks it loads', () => {
    writeFileSync(join(dir, 'net.yaml'), 'version: 1\nownCarrier: SKT\n');
    writeFileSync(join(dir, 'ok.yaml'), minimal('network: { file: net.yaml }\n'));
    expect(loadScenario(join(dir, 'ok.yaml')).network.file).toBe(join(dir, 'net.yaml'));

    writeFileSync(join(dir, 'bad.yaml'), minimal('network:\n  file: nowhere.yaml\n'));
    const e = (() => {
      try {
        loadScenario(join(dir, 'bad.yaml'));
      } catch (err) {
        return err as ScenarioError;
      }
      throw new Error('expected a failure');
    })();
    expect(e.code).toBe('SCENARIO_ERR_INVALID');
    expect(e.message).toMatch(new RegExp(`^${join(dir, 'bad.yaml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4: network\\.file: cannot read network file`));
  });
});
