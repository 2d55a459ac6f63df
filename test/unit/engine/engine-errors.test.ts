import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENGINE_ERROR_CODES, EngineError, isEngineError } from '../../../engine/engine-errors.ts';

describe('engine error codes', () => {
  const readme = readFileSync(new URL('../../../engine/README.md', import.meta.url), 'utf8');

  it('documents every code in engine/README.md', () => {
    const missing = Object.keys(ENGINE_ERROR_CODES).filter((code) => !readme.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });

  it('documents no code that does not exist', () => {
    const documented = [...readme.matchAll(/`(ENGINE_ERR_[A-Z_]+)`/g)].map((m) => m[1]);
    expect(documented.filter((c) => !(c in ENGINE_ERROR_CODES))).toEqual([]);
  });

  it('carries its code and is recognised', () => {
    const e = new EngineError('ENGINE_ERR_STORE', 'disk full');
    expect(isEngineError(e, 'ENGINE_ERR_STORE')).toBe(true);
    expect(isEngineError(e, 'ENGINE_ERR_CLOSED')).toBe(false);
    expect(isEngineError(new Error('x'))).toBe(false);
  });
});
