import { spawn, type ChildProcess } from 'node:child_process';

/** Starts `firebreak serve` as a user would, and collects what it prints. */
export function serve(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let out = '';
  const child = spawn('node', ['bin/firebreak.js', 'serve'], {
    env: { ...process.env, FIREBREAK_PORT: '0', FIREBREAK_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return { child, output: () => out };
}

export async function waitFor(output: () => string, pattern: RegExp, ms = 30_000): Promise<RegExpExecArray> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const match = pattern.exec(output());
    if (match) return match;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${pattern}; output so far:\n${output()}`);
}
