import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const DOVECOT = '/usr/sbin/dovecot';

/** A throw-away Dovecot IMAP server on a loopback port, with one user, for the poller's tests. */
export interface TestImapServer {
  host: string;
  port: number;
  user: string;
  password: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`dovecot exited (${child.exitCode}):\n${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => (socket.end(), resolve(true)));
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`dovecot did not listen on ${port}:\n${log()}`);
}

/**
 * Starts Debian's dovecot (package dovecot-imapd, installed by .ci/run) in the foreground with its own
 * configuration in a temporary folder. Mail belongs to `nobody` when the tests run as root, as Dovecot
 * refuses to serve mail as uid 0.
 */
export async function startTestImapServer(): Promise<TestImapServer> {
  if (!existsSync(DOVECOT))
    throw new Error('The IMAP tests need Dovecot: apt-get install dovecot-imapd (.ci/run installs it)');
  const dir = mkdtempSync(path.join(tmpdir(), 'firebreak-dovecot-'));
  // Dovecot's auth and mail processes run as other users and must reach the folder.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const user = 'cert@example.test';
  const password = 'imap-test-password';
  const uid = process.getuid?.() === 0 ? 65534 : (process.getuid?.() ?? 65534);
  const gid = process.getgid?.() === 0 ? 65534 : (process.getgid?.() ?? 65534);
  mkdirSync(path.join(dir, 'mail'));
  if (process.getuid?.() === 0) chownSync(path.join(dir, 'mail'), uid, gid);
  writeFileSync(path.join(dir, 'users'), `${user}:{PLAIN}${password}\n`);
  writeFileSync(
    path.join(dir, 'dovecot.conf'),
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${dir}/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`,
  );
  const child = spawn(DOVECOT, ['-F', '-c', path.join(dir, 'dovecot.conf')], { stdio: 'pipe' });
  let output = '';
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  await waitForPort(port, child, () => output);
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
