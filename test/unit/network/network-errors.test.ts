import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NETWORK_ERROR_CODES } from '../../../gateways/network/network-errors.ts';

const readme = readFileSync(new URL('../../../gateways/network/README.md', import.meta.url), 'utf8');

describe('network error codes', () => {
  it('are each documented in the README', () => {
    for (const code of Object.keys(NETWORK_ERROR_CODES)) expect(readme, code).toContain(`\`${code}\``);
  });

  it('are all the README documents', () => {
    const documented = new Set(readme.match(/NETWORK_ERR_[A-Z_]+/g));
    expect([...documented].sort()).toEqual(Object.keys(NETWORK_ERROR_CODES).sort());
  });
});
