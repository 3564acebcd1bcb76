import { describe, expect, it } from 'vitest';
import { hasRole } from './roles.ts';

describe('hasRole', () => {
  it.each([
    ['admin', 'lead', true],
    ['lead', 'lead', true],
    ['handler', 'lead', false],
    ['handler', 'handler', true],
    ['viewer', 'handler', false],
  ] as const)('%s has the rights of %s: %s', (role, min, expected) => {
    expect(hasRole(role, min)).toBe(expected);
  });
});
