import { readFileSync } from 'node:fs';
import smpp from 'smpp';
import { describe, expect, it } from 'vitest';
import { COMMAND_ID, commandNameForId, isResponseId, responseCommandFor } from '../../../../gateways/smsvas/codec/command-id.ts';
import { COMMAND_STATUS, commandStatusCode, commandStatusName } from '../../../../gateways/smsvas/codec/command-status.ts';
import { CODEC_ERROR_CODES } from '../../../../gateways/smsvas/codec/codec-errors.ts';

describe('command tables', () => {
  it('agree with the smpp package for every 3.4 command', () => {
    for (const [name, id] of Object.entries(COMMAND_ID)) expect(smpp.commands[name].id, name).toBe(id);
    expect(Object.keys(COMMAND_ID)).toHaveLength(27);
    expect(commandNameForId(0x111)).toBeUndefined();
  });
  it('tell requests from responses', () => {
    expect(isResponseId(COMMAND_ID.generic_nack)).toBe(true);
    expect(isResponseId(COMMAND_ID.submit_sm)).toBe(false);
    expect(responseCommandFor('submit_sm')).toBe('submit_sm_resp');
    expect(responseCommandFor('outbind')).toBeUndefined();
    expect(responseCommandFor('alert_notification')).toBeUndefined();
  });
  it('command_status values agree with the smpp package (v5.0 names for 0xC0–0xC4)', () => {
    const v5: Record<string, string> = {
      ESME_RINVOPTPARSTREAM: 'ESME_RINVTLVSTREAM', ESME_ROPTPARNOTALLWD: 'ESME_RTLVNOTALLWD', ESME_RINVPARLEN: 'ESME_RINVTLVLEN',
      ESME_RMISSINGOPTPARAM: 'ESME_RMISSINGTLV', ESME_RINVOPTPARAMVAL: 'ESME_RINVTLVVAL',
    };
    for (const [name, code] of Object.entries(COMMAND_STATUS)) expect(smpp.errors[v5[name] ?? name], name).toBe(code);
    expect(commandStatusCode('ESME_RINVTLVSTREAM')).toBe(0xc0);
  });
  it('names statuses, with unknown codes as hex', () => {
    expect(commandStatusName(0x58)).toBe('ESME_RTHROTTLED');
    expect(commandStatusName(0xc0)).toBe('ESME_RINVOPTPARSTREAM');
    expect(commandStatusName(0x9a)).toBe('0x0000009A');
  });
});

describe('codec error codes', () => {
  it('are each documented in the README, and the README lists no others', () => {
    const readme = readFileSync(new URL('../../../../gateways/smsvas/codec/README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Error codes'));
    const documented = [...section.matchAll(/^- `(SMSVAS_ERR_[A-Z_]+)`/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(Object.keys(CODEC_ERROR_CODES).sort());
  });
});
