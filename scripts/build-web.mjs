#!/usr/bin/env node
// Builds web/dist when it is missing or older than the sources, so `npm start` serves the current UI.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const index = 'web/dist/index.html';

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

const sources = ['web/src', 'contracts/src', 'web/index.html', 'web/vite.config.ts'].filter(existsSync);
const latestSource = Math.max(
  ...sources.map((s) => (statSync(s).isDirectory() ? newest(s) : statSync(s).mtimeMs)),
);
if (existsSync(index) && statSync(index).mtimeMs >= latestSource) process.exit(0);

console.log('Building the web app…');
const vite = path.join('node_modules', '.bin', 'vite');
// Always a production bundle, even when a test run (NODE_ENV=test) asks for it.
const result = spawnSync(vite, ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production' },
});
process.exit(result.status ?? 1);
