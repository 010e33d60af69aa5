import { InvalidArgumentError } from 'commander';
import { SEVERITIES, type Severity } from '../core/finding.js';
import { PROFILES, type Profile } from '../core/rule.js';

/** Repeatable, comma-separable list options: `--rule a,b --rule c`. */
export function collectList(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}

/** `--param Key=Value`, repeatable. */
export function collectPairs(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`expected NAME=VALUE, got "${value}"`);
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

export function parseSeverity(value: string): Severity | 'none' {
  const v = value.toLowerCase();
  if (v === 'none' || (SEVERITIES as readonly string[]).includes(v)) return v as Severity | 'none';
  throw new InvalidArgumentError(`expected one of ${[...SEVERITIES, 'none'].join(', ')}`);
}

export function parseProfile(value: string): Profile {
  if ((PROFILES as readonly string[]).includes(value)) return value as Profile;
  throw new InvalidArgumentError(`expected one of ${PROFILES.join(', ')}`);
}

export function choice<T extends string>(allowed: readonly T[]): (value: string) => T {
  return (value) => {
    if ((allowed as readonly string[]).includes(value)) return value as T;
    throw new InvalidArgumentError(`expected one of ${allowed.join(', ')}`);
  };
}

/** Colour only on a terminal, and never when NO_COLOR is set or --no-color is given. */
export function useColor(stream: NodeJS.WriteStream, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  return Boolean(stream.isTTY);
}

/** Repeatable path options, kept whole (a path may hold a comma). */
export function collectPaths(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** A whole-number option of at least `min`. */
export function wholeNumber(min = 1): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected a whole number >= ${min}, got "${value}"`);
    return n;
  };
}

/** A rate option strictly between 0 and 1. */
export function openRate(value: string): number {
  const n = Number(value);
  if (!(n > 0 && n < 1)) throw new InvalidArgumentError(`expected a rate between 0 and 1, got "${value}"`);
  return n;
}
