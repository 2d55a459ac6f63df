import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createBehaviourModel } from '../../../gateways/kit/behaviour-model.ts';
import { parseBehaviour } from '../../../gateways/kit/behaviour-schema.ts';
import { createManualClock } from '../../../gateways/kit/clock.ts';
import { KIT_ERROR_CODES } from '../../../gateways/kit/kit-errors.ts';
import { createRng } from '../../../gateways/kit/rng.ts';

const readme = readFileSync(new URL('../../../gateways/kit/README.md', import.meta.url), 'utf8');

describe('kit README', () => {
  it('documents every error code, and no code that does not exist', () => {
    const documented = new Set(readme.match(/KIT_ERR_[A-Z_]+/g));
    expect([...documented].sort()).toEqual(Object.keys(KIT_ERROR_CODES).sort());
  });

  it('shows an annotated behaviour example that is valid and behaves as its comments say', () => {
    const yaml = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(yaml).toBeDefined();
    const spec = parseBehaviour(yaml as string, 'README.md');
    const clock = createManualClock(Date.parse('2026-11-20T22:00:00+09:00'));
    const model = createBehaviourModel(spec, { clock, rng: createRng('readme') });
    expect(model.decide({ operation: 'submit_sm', destination: '01099991234' }).rule).toBe('invalid-prefix');
    expect(model.decide({ operation: 'submit_sm', destination: '01012345678', content: '(광고) 할인' }).rule).toBe('night-ads');
    expect(model.decide({ operation: 'submit_sm', destination: '01012345678', source: '1644' }).rule).toBe('slow-receipts-for-1588');
    expect(model.decide({ operation: 'submit_sm', account: 'test-1' }).report).toBeNull();
  });
});
