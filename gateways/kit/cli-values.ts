// Parsers for command-line values every msgsim command shares, so `--port 70000` or `--speed fast`
// stops with commander's "error: option '--port <port>' argument '70000' is invalid. ..." before
// anything starts, instead of a NaN clock or an EADDRNOTAVAIL later.
import { InvalidArgumentError } from 'commander';

export function positiveInt(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

export function portNumber(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || n > 65535) throw new InvalidArgumentError('must be a port 0..65535');
  return n;
}

/** A clock speed factor or another ratio: a finite number > 0. */
export function positiveNumber(v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !(Number.isFinite(n) && n > 0)) throw new InvalidArgumentError('must be a number > 0');
  return n;
}
