// The README is the reference users read: its tables must say what the code does.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REJECT_REASONS } from '../../../../gateways/kit/canonical-reason.ts';
import { PRESETS_DIR } from '../../../../gateways/rcs/simulator/rcs-config.ts';
import { REJECT_RESULT } from '../../../../gateways/rcs/simulator/rcs-outcome-table.ts';
import { RCS_ERROR_CODES } from '../../../../gateways/rcs/rcs-errors.ts';

const readme = readFileSync(new URL('../../../../gateways/rcs/README.md', import.meta.url), 'utf8');

describe('gateways/rcs/README.md', () => {
  it('documents every error code of rcs-errors.ts', () => {
    for (const code of Object.keys(RCS_ERROR_CODES)) expect(readme).toContain(`\`${code}\``);
  });

  it('its canonical-reason table matches the outcome table row by row', () => {
    for (const reason of REJECT_REASONS) {
      const r = REJECT_RESULT[reason];
      expect(readme).toContain(`| ${reason} | ${r.http} | ${r.code} ${r.name} |`);
    }
  });

  it('lists every preset', () => {
    for (const f of readdirSync(PRESETS_DIR)) expect(readme).toContain(`| \`${f.replace(/\.yaml$/, '')}\` |`);
  });
});
