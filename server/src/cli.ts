import { Command, CommanderError } from 'commander';
import {
  auditVerify,
  migrateCommand,
  tokenCreate,
  tokenRevoke,
  userAdd,
  userDisable,
  userList,
  userResetPassword,
} from './commands/admin.ts';
import { backupCommand, restoreCommand } from './commands/backup.ts';
import { CommandError } from './commands/context.ts';
import { importEmail, importTelemetry } from './commands/import.ts';
import { retentionPreview, retentionRun } from './commands/retention.ts';
import { serveCommand } from './commands/serve.ts';
import { workerCommand } from './commands/worker.ts';
import { ConfigError, configVariables } from './platform/config/config.ts';
import { DomainError } from './platform/http/domain-error.ts';
import { version } from './platform/version.ts';

const program = new Command('firebreak')
  .description('Firebreak incident response platform')
  .version(version)
  .showHelpAfterError()
  .addHelpText(
    'after',
    `\nConfiguration comes from environment variables:\n  ${Object.values(configVariables).join('\n  ')}\n  FIREBREAK_CONFIG_FILE (JSON file with the same settings)`,
  );

program
  .command('serve')
  .description('serve the API and the web app (and run jobs in-process unless FIREBREAK_JOBS=off)')
  .action(serveCommand);
program
  .command('worker')
  .description('run background jobs only (for scaled-out deployments)')
  .action(workerCommand);
program
  .command('migrate')
  .description('apply pending database migrations')
  .option('--down', 'roll back the most recent migration')
  .option('--status', 'list migrations and whether each is applied')
  .action(migrateCommand);

const user = program.command('user').description('manage users');
user
  .command('add <email>')
  .description('create a user (prints a generated password unless --password is given)')
  .option('--name <name>', 'display name')
  .option('--role <role>', 'admin, lead, handler or viewer', 'handler')
  .option('--password <password>', 'initial password (at least 12 characters)')
  .action(userAdd);
user.command('list').description('list users').action(userList);
user
  .command('disable <email>')
  .description('disable a user and end their sessions')
  .option('--enable', 'enable instead')
  .action(userDisable);
user
  .command('reset-password <email>')
  .description('set a new password (generated unless --password is given)')
  .option('--password <password>', 'the new password')
  .action(userResetPassword);

const token = program.command('token').description('manage API tokens');
token
  .command('create <email>')
  .description('create an API token for a user; the secret is printed once')
  .requiredOption('--name <name>', 'what the token is for')
  .option('--days <days>', 'expire after this many days')
  .action(tokenCreate);
token.command('revoke <id>').description('revoke an API token').action(tokenRevoke);

program
  .command('audit')
  .description('audit log')
  .command('verify')
  .description('verify the hash chain; exits 1 at the first broken entry')
  .action(auditVerify);
const retention = program.command('retention').description('data retention');
retention
  .command('preview')
  .description('dry run: what would be archived, destroyed or skipped (legal hold), and why')
  .action(retentionPreview);
retention
  .command('run')
  .description('archive and destroy what is due now (the daily job does the same)')
  .action(retentionRun);
const imports = program.command('import').description('register reports from files');
imports
  .command('email <files...>')
  .description('e-mail messages (.eml) as if received by mail; never acknowledged')
  .action(importEmail);
imports
  .command('telemetry <source> <file>')
  .description('a Suricata eve.json, Wazuh alerts.json or Zeek log file (source: suricata, wazuh, zeek)')
  .action(importTelemetry);
program
  .command('backup <file>')
  .description('online backup of the SQLite database to a new file')
  .action(backupCommand);
program
  .command('restore <file>')
  .description('replace the SQLite database with a backup (stop the server first)')
  .option('--force', 'replace an existing database')
  .action(restoreCommand);

program.exitOverride();
try {
  await program.parseAsync();
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode);
  // Expected failures get their message; anything else its stack, to report as a bug.
  const known = err instanceof CommandError || err instanceof ConfigError || err instanceof DomainError;
  const message = err instanceof Error ? (known ? err.message : (err.stack ?? err.message)) : String(err);
  console.error(`firebreak: ${message}`);
  process.exit(1);
}
