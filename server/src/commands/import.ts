import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { TelemetrySource } from '#contracts/telemetry.ts';
import { MAX_TELEMETRY_BODY_BYTES } from '../features/intake/index.ts';
import { systemActor } from '../platform/auth/actor.ts';
import { CommandError, withContext } from './context.ts';

/** A file's bytes, refused before reading when it is larger than the channel takes. */
function readFile(file: string, maxBytes: number): Buffer {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) throw new CommandError(`${file}: no such file`);
  const { size } = stat;
  if (size > maxBytes)
    throw new CommandError(`${file}: ${size} bytes, more than the ${maxBytes} this channel takes`);
  const bytes = Buffer.alloc(size);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, bytes, 0, size, 0);
  } finally {
    closeSync(fd);
  }
  return bytes;
}

/**
 * `firebreak import email <file…>`: each message (.eml) registered as if it had arrived by mail —
 * threading, abuse formats and Shadowserver splitting included — but never acknowledged: its sender
 * is not waiting for an answer now.
 */
export function importEmail(files: string[]) {
  return withContext(async ({ features, config }) => {
    for (const file of files) {
      const raw = readFile(file, config.smtpMaxBytes);
      const outcome = await features.email.intake.receive(raw, { channel: 'cli', acknowledge: false });
      console.log(
        outcome.kind === 'reports'
          ? `${file}\treports\t${outcome.reportIds.join(' ')}`
          : `${file}\tthreaded\t${outcome.incidentKey ?? `report ${outcome.reportId ?? ''}`}`,
      );
    }
  });
}

/** `firebreak import telemetry <suricata|wazuh|zeek> <file>`: the file as the intake API takes it. */
export function importTelemetry(source: string, file: string) {
  const parsed = TelemetrySource.safeParse(source);
  if (!parsed.success)
    throw new CommandError(`${source}: not a telemetry source (${TelemetrySource.options.join(', ')})`);
  return withContext(async ({ features }) => {
    const body = readFile(file, MAX_TELEMETRY_BODY_BYTES).toString('utf8');
    const result = await features.services.telemetry.ingest(systemActor('cli'), parsed.data, body);
    console.log(
      `${file}: ${result.received} events, ${result.created} new reports, ${result.repeated} repeated, ` +
        `${result.ignored} ignored, ${result.errors.length} errors`,
    );
    for (const e of result.errors) console.log(`line ${e.line}: ${e.message}`);
    if (result.errors.length) process.exitCode = 1;
  });
}
