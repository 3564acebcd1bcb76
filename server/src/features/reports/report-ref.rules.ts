const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A public reference `R-XXXXX-XXXXX` from 50 bits of `random` (Crockford base32: no I, L, O, U). */
export function formatPublicRef(random: Buffer): string {
  if (random.length < 8) throw new Error('formatPublicRef needs 8 random bytes');
  let bits = random.readBigUInt64BE(0) >> 14n;
  let out = '';
  for (let i = 0; i < 10; i++) {
    out = CROCKFORD[Number(bits & 31n)]! + out;
    bits >>= 5n;
  }
  return `R-${out.slice(0, 5)}-${out.slice(5)}`;
}
