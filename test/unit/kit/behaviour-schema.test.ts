import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBehaviourFile, parseBehaviour } from '../../../gateways/kit/behaviour-schema.ts';
import { KitError } from '../../../gateways/kit/kit-errors.ts';

const FULL = `version: 1
timezone: Asia/Seoul
latency: { lognormal: { median: 20, p99: 200 } }
rules:
  - name: invalid-prefix
    when: { destination: '0109999*' }
    then: { reject: invalid-destination }
    latency: 5
  - name: night-ads
    when: { content: '^\\(광고\\)', time: { from: '21:00', to: '08:00' } }
    then: { reject: content-refused }
  - name: flaky
    when: { subscriber: { carrier: [SKT, 'LGU+'], device: ios }, probability: 0.1 }
    then: { fault: drop-connection }
  - name: slow-receipts
    when: { operation: submit_sm, source: ['15*', '/^16\\d{2}$/'] }
    reports: { delay: { delivered: { fixed: 60000 } }, defaultValidity: 1h }
  - name: no-receipts
    when: { account: 'test-*' }
    reports: false
reports:
  outcomes: { delivered: 0.97, undeliverable: 0.02, expired: 0.005, rejected: 0.003, unknown: 0.002 }
  delay: { lognormal: { median: 3000, p99: 30000 } }
  defaultValidity: 24h
limits: { tps: { rate: 500, burst: 50 }, window: 100, sessionsPerAccount: 4, queue: 10000 }
outages:
  - { start: 10m, end: 15m, mode: refuse }
  - { start: '2026-11-20T12:00:00+09:00', end: '2026-11-20T12:05:00+09:00', mode: slow, latency: 5000 }
`;

function errorOf(input: unknown, source?: string): KitError {
  try {
    parseBehaviour(input, source);
  } catch (e) {
    if (e instanceof KitError) return e;
    throw e;
  }
  throw new Error('expected the behaviour to be refused');
}

describe('behaviour schema: valid files', () => {
  it('parses a full file and normalises durations, tps and defaults', () => {
    const b = parseBehaviour(FULL, 'full.yaml');
    expect(b.rules.map((r) => r.name)).toEqual(['invalid-prefix', 'night-ads', 'flaky', 'slow-receipts', 'no-receipts']);
    expect(b.rules[0].then).toEqual({ reject: 'invalid-destination' });
    expect(b.rules[3].then).toBe('accept');
    expect(b.rules[3].reports).toEqual({ delay: { delivered: { fixed: 60000 } }, defaultValidity: 3_600_000 });
    expect(b.rules[4].reports).toBe(false);
    expect(b.reports.defaultValidity).toBe(86_400_000);
    expect(b.limits.tps).toEqual({ rate: 500, burst: 50 });
    expect(b.outages[0]).toMatchObject({ start: 600_000, end: 900_000, mode: 'refuse' });
    expect(b.outages[1].start).toBe('2026-11-20T12:00:00+09:00');
  });

  it('fills defaults for a minimal file', () => {
    const b = parseBehaviour('version: 1');
    expect(b).toEqual({
      version: 1,
      timezone: 'Asia/Seoul',
      latency: 0,
      rules: [],
      reports: { outcomes: { delivered: 1 }, delay: { lognormal: { median: 3000, p99: 30000 } }, defaultValidity: 86_400_000 },
      limits: {},
      outages: [],
    });
  });

  it('accepts JSON text and already-parsed objects alike', () => {
    const fromJson = parseBehaviour('{"version": 1, "limits": {"tps": 20}}');
    const fromObject = parseBehaviour({ version: 1, limits: { tps: 20 } });
    expect(fromJson).toEqual(fromObject);
    expect(fromObject.limits.tps).toEqual({ rate: 20 });
  });

  it('produces output that parses back to itself', () => {
    const once = parseBehaviour(FULL);
    expect(parseBehaviour(JSON.parse(JSON.stringify(once)))).toEqual(once);
  });

  it('folds an outage duration into its end, keeping the timestamp offset', () => {
    const b = parseBehaviour(`version: 1
outages:
  - { start: 1h, duration: 90s, mode: blackhole }
  - { start: '2026-11-20T23:58:00+09:00', duration: 5m, mode: refuse }
`);
    expect(b.outages[0]).toEqual({ start: 3_600_000, end: 3_690_000, mode: 'blackhole' });
    expect(b.outages[1].end).toBe('2026-11-21T00:03:00+09:00');
  });

  it('loads a file from disk and names the file in errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kit-behaviour-'));
    const good = join(dir, 'good.yaml');
    const bad = join(dir, 'bad.yaml');
    writeFileSync(good, 'version: 1\nlatency: 10\n');
    writeFileSync(bad, 'version: 1\nlatency: fast\n');
    expect(loadBehaviourFile(good).latency).toBe(10);
    expect(() => loadBehaviourFile(bad)).toThrow(`${bad}:2: latency:`);
    expect(() => loadBehaviourFile(join(dir, 'missing.yaml'))).toThrow(expect.objectContaining({ code: 'KIT_ERR_BEHAVIOUR_FILE' }));
  });
});

describe('behaviour schema: invalid files name source, line and field path', () => {
  const cases: [string, string, string][] = [
    ['unknown top-level key', 'version: 1\nrulez: []', "b.yaml:2: rulez: unknown field 'rulez'"],
    ['misspelt predicate', "version: 1\nrules:\n  - when:\n      destinaton: '010*'", "b.yaml:4: rules[0].when.destinaton: unknown field 'destinaton'"],
    ['unknown reject reason', 'version: 1\nrules:\n  - then: { reject: nope }', 'b.yaml:3: rules[0].then.reject: expected one of "throttled", "queue-full"'],
    ['misspelt then', 'version: 1\nrules:\n  - then: acept', "b.yaml:3: rules[0].then: expected 'accept'"],
    ['unknown fault', 'version: 1\nrules:\n  - then: { fault: explode }', 'rules[0].then.fault: expected one of "drop-connection", "no-response", "corrupt", "silent", got \'explode\''],
    ['unquoted number pattern', 'version: 1\nrules:\n  - when: { destination: 0109999 }', 'rules[0].when.destination: quote number patterns'],
    ['bad regex', "version: 1\nrules:\n  - when: { source: '/[a/' }", 'rules[0].when.source: bad regex /[a/'],
    ['bad content regex', "version: 1\nrules:\n  - when: { content: '(unclosed' }", 'rules[0].when.content: bad regex'],
    ['bad list item', 'version: 1\nrules:\n  - when: { subscriber: { device: [ios, pc] } }', 'rules[0].when.subscriber.device[1]: expected one of "android", "ios", "feature", got \'pc\''],
    ['probability above 1', 'version: 1\nrules:\n  - when: { probability: 1.5 }', 'rules[0].when.probability: must be <= 1'],
    ['bad time of day', "version: 1\nrules:\n  - when: { time: { from: '25:00', to: '08:00' } }", "rules[0].when.time.from: expected a time of day 'HH:MM'"],
    ['empty time window', "version: 1\nrules:\n  - when: { time: { from: '08:00', to: '08:00' } }", 'rules[0].when.time.to: from and to must differ'],
    ['duplicate rule names', 'version: 1\nrules:\n  - name: a\n  - name: a', "b.yaml:4: rules[1].name: duplicate rule name 'a'"],
    ['unknown latency shape', 'version: 1\nlatency: { lognorm: { median: 1, p99: 2 } }', 'b.yaml:2: latency: expected latency in ms'],
    ['bad lognormal field', 'version: 1\nlatency:\n  lognormal:\n    median: 20\n    p99: x', 'b.yaml:5: latency.lognormal.p99: expected number, got \'x\''],
    ['p99 below median', 'version: 1\nlatency: { lognormal: { median: 20, p99: 10 } }', 'latency.lognormal.p99: p99 must be >= median'],
    ['negative latency', 'version: 1\nlatency: -5', 'b.yaml:2: latency: must be >= 0'],
    ['all-zero outcome weights', 'version: 1\nreports:\n  outcomes: { delivered: 0 }', 'b.yaml:3: reports.outcomes: at least one outcome needs a weight > 0'],
    ['unknown outcome', 'version: 1\nreports:\n  outcomes: { deliverd: 1 }', "reports.outcomes.deliverd: unknown field 'deliverd'"],
    ['bad per-outcome delay', 'version: 1\nreports:\n  delay: { expired: { fixed: -1 } }', 'reports.delay.expired.fixed: must be >= 0'],
    ['bad duration', 'version: 1\nreports:\n  defaultValidity: 24 hours', "reports.defaultValidity: bad duration '24 hours'"],
    ['non-integer window', 'version: 1\nlimits: { window: 1.5 }', 'limits.window: expected an integer, got number 1.5'],
    ['zero tps', 'version: 1\nlimits: { tps: 0 }', 'limits.tps: must be > 0'],
    ['outage without offset', "version: 1\noutages:\n  - { start: '2026-11-20T12:00:00', mode: refuse }", 'outages[0].start: bad timestamp'],
    ['slow outage without latency', 'version: 1\noutages:\n  - { start: 1m, mode: slow }', "outages[0].latency: mode 'slow' needs a latency"],
    ['latency on a refuse outage', 'version: 1\noutages:\n  - { start: 1m, mode: refuse, latency: 5 }', "latency only applies to mode 'slow'"],
    ['outage ending before it starts', 'version: 1\noutages:\n  - { start: 10m, end: 5m, mode: refuse }', 'outages[0].end: end must be after start'],
    ['end and duration', 'version: 1\noutages:\n  - { start: 1m, end: 2m, duration: 1m, mode: refuse }', 'outages[0].duration: give end or duration, not both'],
    ['unknown time zone', 'version: 1\ntimezone: Mars/Olympus', 'b.yaml:2: timezone: unknown IANA time zone'],
    ['wrong version', 'version: 2', 'b.yaml:1: version: version must be 1'],
    ['missing version', 'rules: []', 'b.yaml:1: version: is required'],
    ['missing mode', 'version: 1\noutages:\n  - { start: 1m }', 'b.yaml:3: outages[0].mode: is required'],
    ['empty document', '', 'b.yaml: expected a mapping'],
    ['a list instead of a mapping', '- 1', 'b.yaml:1: expected a mapping (version: 1, rules: ..., reports: ...), got a list'],
    ['YAML syntax error', 'version: 1\nrules: [\n', 'b.yaml:3: YAML syntax error'],
    ['duplicate YAML key', 'version: 1\nlatency: 1\nlatency: 2', 'b.yaml:3: YAML syntax error'],
  ];

  it.each(cases)('%s', (_title, yaml, expected) => {
    const err = errorOf(yaml, 'b.yaml');
    expect(err.code).toBe('KIT_ERR_BEHAVIOUR_INVALID');
    expect(err.message).toContain(expected);
  });

  it('lists every problem, one per line, with structured issues', () => {
    const err = errorOf('version: 1\nlatency: x\nrules:\n  - then: { reject: nope }\n', 'b.yaml');
    expect(err.message.split('\n')).toHaveLength(2);
    expect(err.issues).toEqual([
      expect.objectContaining({ path: 'latency', line: 2 }),
      expect.objectContaining({ path: 'rules[0].then.reject', line: 4 }),
    ]);
  });

  it('names the source but no line for objects', () => {
    const err = errorOf({ version: 1, rules: [{ when: { destination: 5 } }] }, 'PUT /admin/behaviour');
    expect(err.message).toMatch(/^PUT \/admin\/behaviour: rules\[0\]\.when\.destination: /);
    expect(err.issues[0].line).toBeUndefined();
  });
});
