import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('has working defaults: 127.0.0.1:8080, ./data, SQLite', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      dataDir: path.resolve('data'),
      jobs: 'inline',
    });
    expect(config.databaseUrl).toBeUndefined();
  });

  it('reads FIREBREAK_* variables', () => {
    const config = loadConfig({
      FIREBREAK_PORT: '9090',
      FIREBREAK_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/fb',
      FIREBREAK_COOKIE_SECURE: 'true',
    });
    expect(config).toMatchObject({
      port: 9090,
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/fb',
      cookieSecure: true,
    });
  });

  it('reports every problem at once, by variable name', () => {
    let error: unknown;
    try {
      loadConfig({
        FIREBREAK_PORT: 'eighty',
        FIREBREAK_DATABASE_URL: 'mysql://x',
        FIREBREAK_ADMIN_PASSWORD: 'short',
        FIREBREAK_JOBS: 'sometimes',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of [
      'FIREBREAK_PORT',
      'FIREBREAK_DATABASE_URL',
      'FIREBREAK_ADMIN_PASSWORD',
      'FIREBREAK_JOBS',
    ])
      expect(problems).toContain(name);
  });

  it('reads an optional JSON file that the environment overrides', () => {
    const file = path.join(import.meta.dirname, 'fixtures', 'config.json');
    expect(loadConfig({ FIREBREAK_CONFIG_FILE: file })).toMatchObject({ port: 7070, logLevel: 'warn' });
    expect(loadConfig({ FIREBREAK_CONFIG_FILE: file, FIREBREAK_PORT: '7171' }).port).toBe(7171);
    expect(() => loadConfig({ FIREBREAK_CONFIG_FILE: '/nonexistent.json' })).toThrow('does not exist');
  });
});
