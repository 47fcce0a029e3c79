import type { Command } from 'commander';
import { auditExport } from './commands/auditExport.js';
import { backup } from './commands/backup.js';
import { check } from './commands/check.js';
import { keysRotate } from './commands/keysRotate.js';
import { restore } from './commands/restore.js';
import { templatePublish } from './commands/templatePublish.js';
import { usersCreateAdmin } from './commands/usersCreateAdmin.js';
import { usersDeactivate } from './commands/usersDeactivate.js';
import { usersResetPassword } from './commands/usersResetPassword.js';
import type { CliContext, CommandResult } from './core/cliContext.js';
import type { StoreFolderOptions } from './core/withOperator.js';
import type { MessageKey } from './i18n/messages.js';
import type { Translator } from './i18n/translate.js';

/** What `runCli` lends the command definitions: the result printer, the help footer, the messages. */
export interface CommandKit {
  run: <A extends unknown[]>(fn: (...args: A) => Promise<CommandResult>) => (...args: A) => Promise<void>;
  help: (cmd: Command, key: MessageKey) => Command;
  t: Translator;
  ctx: CliContext;
}

/** `--data` and `--keys`, on every command that opens the store. */
function storeOptions(cmd: Command, t: Translator): Command {
  return cmd.option('--data <dir>', t('opt.storeData')).option('--keys <dir>', t('opt.storeKeys'));
}

/**
 * The operator commands: each opens the store (refused while a server holds its lock) and works
 * through the app's procedures (users, audit export) or the store's maintenance operations.
 */
export function registerOperatorCommands(
  program: Command,
  groups: { audit: Command; template: Command },
  kit: CommandKit,
): void {
  const { audit, template } = groups;
  const { run, help, t, ctx } = kit;
  const sub = (parent: Command, name: string, description: MessageKey) =>
    storeOptions(parent.command(name).description(t(description)).helpOption('-h, --help', t('opt.help')), t);

  const users = program
    .command('users')
    .description(t('cmd.users'))
    .helpOption('-h, --help', t('opt.help'))
    .helpCommand(false);
  help(
    sub(users, 'create-admin', 'cmd.usersCreateAdmin')
      .requiredOption('--login <login>', t('opt.login'))
      .option('--name <name>', t('opt.name'))
      .option('--role <role>', t('opt.role'))
      .action(run((o: Parameters<typeof usersCreateAdmin>[1]) => usersCreateAdmin(ctx, o))),
    'help.usersCreateAdmin',
  );
  help(
    sub(users, 'reset-password', 'cmd.usersResetPassword')
      .argument('<login>', t('arg.login'))
      .action(run((login: string, o: StoreFolderOptions) => usersResetPassword(ctx, login, o))),
    'help.usersResetPassword',
  );
  help(
    sub(users, 'deactivate', 'cmd.usersDeactivate')
      .argument('<login>', t('arg.login'))
      .requiredOption('--successor <login>', t('opt.successor'))
      .action(
        run((login: string, o: StoreFolderOptions & { successor: string }) => usersDeactivate(ctx, login, o)),
      ),
    'help.usersDeactivate',
  );
  help(
    sub(program, 'backup', 'cmd.backup')
      .requiredOption('--out <file>', t('opt.backupOut'))
      .action(run((o: StoreFolderOptions & { out: string }) => backup(ctx, o))),
    'help.backup',
  );
  help(
    sub(program, 'restore', 'cmd.restore')
      .argument('<backup>', t('arg.backup'))
      .option('--replace', t('opt.replace'))
      .action(run((file: string, o: StoreFolderOptions & { replace?: boolean }) => restore(ctx, file, o))),
    'help.restore',
  );
  help(
    sub(program, 'check', 'cmd.check').action(run((o: StoreFolderOptions) => check(ctx, o))),
    'help.check',
  );
  const keys = program
    .command('keys')
    .description(t('cmd.keys'))
    .helpOption('-h, --help', t('opt.help'))
    .helpCommand(false);
  help(
    sub(keys, 'rotate', 'cmd.keysRotate').action(run((o: StoreFolderOptions) => keysRotate(ctx, o))),
    'help.keysRotate',
  );
  help(
    sub(audit, 'export', 'cmd.auditExport')
      .requiredOption('--out <file>', t('opt.exportOut'))
      .option('--from <seq>', t('opt.fromSeq'))
      .option('--to <seq>', t('opt.toSeq'))
      .action(run((o: Parameters<typeof auditExport>[1]) => auditExport(ctx, o))),
    'help.auditExport',
  );
  help(
    sub(template, 'publish', 'cmd.publish')
      .argument('<template>', t('arg.target'))
      .option('--yes', t('opt.confirmPublish'))
      .option('--dry-run', t('opt.checkOnly'))
      .action(run((file: string, o: Parameters<typeof templatePublish>[2]) => templatePublish(ctx, file, o))),
    'help.publish',
  );
}
