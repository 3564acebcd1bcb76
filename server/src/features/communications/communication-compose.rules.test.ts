import { describe, expect, it } from 'vitest';
import type { Tlp } from '#contracts/identity.ts';
import {
  bodyWithBanner,
  effectiveTlp,
  encryptionDecision,
  resolveRecipients,
  subjectWithKey,
} from './communication-compose.rules.ts';

describe('compose rules', () => {
  it.each<[Tlp, Tlp | undefined, Tlp]>([
    ['amber', undefined, 'amber'],
    ['amber', 'red', 'red'],
    ['red', 'clear', 'red'],
    ['green', 'amber+strict', 'amber+strict'],
  ])('incident %s, asked %s → %s', (incident, asked, expected) => {
    expect(effectiveTlp(incident, asked)).toBe(expected);
  });

  it('puts the banner first and the key in brackets once', () => {
    expect(bodyWithBanner('\n\nHello', 'amber+strict')).toBe('TLP:AMBER+STRICT\n\nHello');
    expect(subjectWithKey('Phishing\r\nsite', 'FB-2026-00007')).toBe('[FB-2026-00007] Phishing site');
    expect(subjectWithKey('Re: [FB-2026-00007] x', 'FB-2026-00007')).toBe('Re: [FB-2026-00007] x');
  });

  it('matches contacts case-insensitively, drops duplicates and names bad addresses', () => {
    const contacts = [{ name: 'Bob', email: 'Bob@Example.org', pgpKey: 'KEY' }];
    expect(
      resolveRecipients(['bob@example.org', 'BOB@example.org', 'x@isp.example', 'nope', 'a b@c.d'], contacts),
    ).toEqual({
      recipients: [
        { address: 'bob@example.org', name: 'Bob', pgpKey: 'KEY' },
        { address: 'x@isp.example', name: '', pgpKey: '' },
      ],
      issues: [
        { path: 'to.3', message: 'nope is not an e-mail address' },
        { path: 'to.4', message: 'a b@c.d is not an e-mail address' },
      ],
    });
  });

  const withKey = { address: 'a@x.example', usableKey: true };
  const without = { address: 'b@x.example', usableKey: false };
  it.each<[string, (typeof withKey)[], Tlp, boolean, boolean]>([
    ['all keyed → encrypted', [withKey], 'red', true, false],
    ['one without key, AMBER → clear', [withKey, without], 'amber', false, false],
    ['one without key, AMBER+STRICT → refused', [withKey, without], 'amber+strict', false, true],
    ['one without key, RED → refused', [without], 'red', false, true],
  ])('%s', (_name, recipients, tlp, encrypt, refused) => {
    const d = encryptionDecision(recipients, tlp);
    expect(d.encrypt).toBe(encrypt);
    expect(d.refusal !== null).toBe(refused);
    if (refused) expect(d.refusal).toContain('b@x.example');
    if (refused) expect(d.refusal).not.toContain('a@x.example');
  });
});
