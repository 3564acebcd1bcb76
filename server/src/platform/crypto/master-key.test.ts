import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config/config.ts';
import { loadMasterKey, MasterKeyError } from './master-key.ts';

describe('master key', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fb-master-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('creates <dataDir>/master.key with mode 0600 on first start and reads it afterwards', () => {
    const dataDir = path.join(tempDir(), 'data');
    const first = loadMasterKey({ dataDir });
    expect(first).toMatchObject({
      file: path.join(dataDir, 'master.key'),
      created: true,
      readableByOthers: false,
    });
    expect(first.key).toHaveLength(32);
    expect(statSync(first.file!).mode & 0o777).toBe(0o600);
    const again = loadMasterKey({ dataDir });
    expect(again.created).toBe(false);
    expect(again.key.equals(first.key)).toBe(true);
  });

  it('takes FIREBREAK_MASTER_KEY or a key file (raw bytes or base64), creating nothing', () => {
    const dataDir = tempDir();
    const key = randomBytes(32);
    expect(loadMasterKey({ dataDir, masterKey: key.toString('base64') }).key.equals(key)).toBe(true);
    const raw = path.join(dataDir, 'raw.key');
    writeFileSync(raw, key);
    expect(loadMasterKey({ dataDir, masterKeyFile: raw }).key.equals(key)).toBe(true);
    const text = path.join(dataDir, 'text.key');
    writeFileSync(text, `${key.toString('base64')}\n`, { mode: 0o644 });
    expect(loadMasterKey({ dataDir, masterKeyFile: text })).toMatchObject({ readableByOthers: true });
    expect(() => readFileSync(path.join(dataDir, 'master.key'))).toThrow();
  });

  it('refuses a damaged key file instead of replacing it', () => {
    const dataDir = tempDir();
    writeFileSync(path.join(dataDir, 'master.key'), 'too short');
    expect(() => loadMasterKey({ dataDir })).toThrow(MasterKeyError);
    expect(readFileSync(path.join(dataDir, 'master.key'), 'utf8')).toBe('too short');
  });

  it('reports bad settings as configuration problems, without the key itself', () => {
    const dataDir = tempDir();
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ FIREBREAK_DATA_DIR: dataDir, ...env });
        return [];
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as ConfigError).problems;
      }
    };
    const short = randomBytes(16).toString('base64');
    const shortProblems = problems({ FIREBREAK_MASTER_KEY: short });
    expect(shortProblems).toEqual([
      expect.stringMatching(/^FIREBREAK_MASTER_KEY: must be the base64 of 32 bytes/),
    ]);
    expect(shortProblems.join()).not.toContain(short);
    const file = path.join(dataDir, 'k');
    writeFileSync(file, randomBytes(32));
    expect(
      problems({ FIREBREAK_MASTER_KEY: randomBytes(32).toString('base64'), FIREBREAK_MASTER_KEY_FILE: file }),
    ).toEqual([expect.stringContaining('not both')]);
    expect(problems({ FIREBREAK_MASTER_KEY_FILE: path.join(dataDir, 'missing') })).toEqual([
      expect.stringContaining('cannot be read'),
    ]);
    expect(problems({ FIREBREAK_MASTER_KEY_FILE: file })).toEqual([]);
  });
});
