import MimeNode from 'nodemailer/lib/mime-node/index.js';
import * as openpgp from 'openpgp';

/** The envelope-visible part of a message we compose. */
export interface MessageHeaders {
  from: { name: string; address: string };
  to: string[];
  subject: string;
  /** Without angle brackets. */
  messageId: string;
  date: Date;
}

function root(contentType: string, h: MessageHeaders): MimeNode {
  const node = new MimeNode(contentType);
  node.setHeader({
    From: h.from.name ? `"${h.from.name.replace(/["\\]/g, '')}" <${h.from.address}>` : h.from.address,
    To: h.to.join(', '),
    Subject: h.subject,
    'Message-ID': `<${h.messageId}>`,
    Date: h.date.toUTCString().replace('GMT', '+0000'),
  });
  return node;
}

/** A text/plain UTF-8 message, byte for byte as it is sent (or encrypted). */
export async function plainMessage(h: MessageHeaders, text: string): Promise<Buffer> {
  const node = root('text/plain; charset=utf-8', h);
  node.setContent(text);
  return node.build();
}

/** An armoured key that can encrypt, or null (unreadable, expired, revoked, signing-only). */
export async function encryptionKey(armored: string): Promise<openpgp.PublicKey | null> {
  if (!armored.trim()) return null;
  try {
    const key = await openpgp.readKey({ armoredKey: armored });
    await key.getEncryptionKey();
    return key;
  } catch {
    return null;
  }
}

/**
 * PGP/MIME (RFC 3156 §4): the whole inner MIME entity encrypted to every key, in a
 * multipart/encrypted whose outer headers carry only routing and the subject (replies thread by it).
 */
export async function pgpMimeMessage(
  h: MessageHeaders,
  text: string,
  keys: openpgp.PublicKey[],
): Promise<Buffer> {
  const inner = new MimeNode('text/plain; charset=utf-8');
  inner.setContent(text);
  const entity = (await inner.build()).toString('utf8');
  // Typed loosely by openpgp (string or web stream); a text message in gives armoured text out.
  const armored: unknown = await openpgp.encrypt({
    message: await openpgp.createMessage({ text: entity }),
    encryptionKeys: keys,
  });
  if (typeof armored !== 'string') throw new Error('OpenPGP did not return armoured text');
  const outer = root('multipart/encrypted; protocol="application/pgp-encrypted"', h);
  outer
    .createChild('application/pgp-encrypted')
    .setHeader({
      'Content-Description': 'PGP/MIME version identification',
      'Content-Transfer-Encoding': '7bit',
    })
    .setContent('Version: 1\r\n');
  outer
    .createChild('application/octet-stream; name="encrypted.asc"')
    .setHeader({
      'Content-Description': 'OpenPGP encrypted message',
      'Content-Disposition': 'inline; filename="encrypted.asc"',
      // Armour is 7-bit already; RFC 3156 §4 expects it as is, not base64 again.
      'Content-Transfer-Encoding': '7bit',
    })
    .setContent(armored);
  return outer.build();
}
