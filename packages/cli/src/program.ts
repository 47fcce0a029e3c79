import { Command, CommanderError, Option } from 'commander';
import { auditVerify } from './commands/auditVerify.js';
import { scan } from './commands/scan.js';
import { start } from './commands/start.js';
import { templateDescribe } from './commands/templateDescribe.js';
import { templateDiff } from './commands/templateDiff.js';
import { templateInstall } from './commands/templateInstall.js';
import { templateKeygen } from './commands/templateKeygen.js';
import { templateLint } from './commands/templateLint.js';
import { templatePack } from './commands/templatePack.js';
import { templateSample } from './commands/templateSample.js';
import { templateValidate } from './commands/templateValidate.js';
import type { CliContext, CommandResult } from './core/cliContext.js';
import { CliError, EXIT, type ExitCode } from './core/cliError.js';
import { localeFromEnv } from './i18n/locale.js';
import type { MessageKey } from './i18n/messages.js';
import { createTranslator } from './i18n/translate.js';
import { registerOperatorCommands } from './registerOperatorCommands.js';
import { VEIL_VERSION } from './version.js';

/** Where the CLI reads its environment and writes its output (the process's, or a test's). */
export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: CliContext['stdout'];
  stderr: CliContext['stderr'];
  stdin?: CliContext['stdin'];
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function print(ctx: CliContext, result: CommandResult): ExitCode {
  if (ctx.json) {
    const doc = { ok: result.exitCode === 0, exitCode: result.exitCode, ...result.json };
    ctx.stdout.write(`${result.jsonLines ? JSON.stringify(doc) : JSON.stringify(doc, null, 2)}\n`);
  } else if (result.text !== '') {
    ctx.stdout.write(`${result.text}\n`);
  }
  return result.exitCode;
}

function printError(ctx: CliContext, error: CliError): ExitCode {
  if (ctx.json) {
    const doc = {
      ok: false,
      exitCode: error.exitCode,
      error: { code: error.code, message: error.message, ...(error.details ?? {}) },
    };
    ctx.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  } else {
    ctx.stderr.write(`veil: ${error.message}\n`);
  }
  return error.exitCode;
}

/** Runs the `veil` command line; resolves to the exit code (0 ok, 1 findings or failure, 2 usage). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const locale = localeFromEnv(io.env);
  const t = createTranslator(locale);
  const ctx: CliContext = { locale, t, json: argv.includes('--json'), ...io };
  let outcome: ExitCode = EXIT.ok;
  let usageMessage = '';

  const run =
    <A extends unknown[]>(fn: (...args: A) => Promise<CommandResult>) =>
    async (...args: A) => {
      outcome = print(ctx, await fn(...args));
    };
  const help = (cmd: Command, key: MessageKey) => cmd.addHelpText('after', `\n${t(key)}`);

  const program = new Command('veil')
    .description(t('cmd.veil'))
    .version(VEIL_VERSION, '-V, --version', t('opt.version'))
    .helpOption('-h, --help', t('opt.help'))
    .helpCommand(false)
    .option('--json', t('opt.json'))
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => {
        if (!ctx.json) ctx.stderr.write(s);
      },
      outputError: (s) => {
        usageMessage = s.replace(/^error: /, '').trim();
        if (!ctx.json) ctx.stderr.write(`veil: ${usageMessage}\n${t('usage.hint')}\n`);
      },
    });
  help(program, 'help.veil');

  const template = program
    .command('template')
    .description(t('cmd.template'))
    .helpOption('-h, --help', t('opt.help'));
  help(template, 'help.template');
  const policyOption = () => new Option('--policy <file>', t('opt.policy'));

  help(
    template
      .command('lint')
      .description(t('cmd.lint'))
      .argument('<targets...>', t('arg.targets'))
      .addOption(policyOption())
      .action(run((targets: string[], o: { policy?: string }) => templateLint(ctx, targets, o))),
    'help.lint',
  );
  help(
    template
      .command('validate')
      .description(t('cmd.validate'))
      .argument('<target>', t('arg.target'))
      .addOption(policyOption())
      .option('--data <file>', t('opt.data'))
      .action(
        run((target: string, o: { policy?: string; data?: string }) => templateValidate(ctx, target, o)),
      ),
    'help.validate',
  );
  help(
    template
      .command('diff')
      .description(t('cmd.diff'))
      .argument('<old>', t('arg.old'))
      .argument('<new>', t('arg.new'))
      .addOption(policyOption())
      .action(run((a: string, b: string, o: { policy?: string }) => templateDiff(ctx, a, b, o))),
    'help.diff',
  );
  help(
    template
      .command('describe')
      .description(t('cmd.describe'))
      .argument('<target>', t('arg.target'))
      .addOption(policyOption())
      .option('--locale <locale>', t('opt.locale'))
      .action(
        run((target: string, o: { policy?: string; locale?: string }) => templateDescribe(ctx, target, o)),
      ),
    'help.describe',
  );
  help(
    template
      .command('sample')
      .description(t('cmd.sample'))
      .argument('<pack>', t('arg.pack'))
      .option('--template <id>', t('opt.template'))
      .option('--count <n>', t('opt.count'))
      .option('--seed <n>', t('opt.seed'))
      .action(
        run((pack: string, o: { count?: string; seed?: string; template?: string }) =>
          templateSample(ctx, pack, o),
        ),
      ),
    'help.sample',
  );
  help(
    template
      .command('keygen')
      .description(t('cmd.keygen'))
      .requiredOption('--out <prefix>', t('opt.keyOut'))
      .action(run((o: { out: string }) => templateKeygen(ctx, o))),
    'help.keygen',
  );
  help(
    template
      .command('pack')
      .description(t('cmd.pack'))
      .argument('<dir>', t('arg.pack'))
      .option('--out <file>', t('opt.out'))
      .option('--key <file>', t('opt.key'))
      .action(run((dir: string, o: { out?: string; key?: string }) => templatePack(ctx, dir, o))),
    'help.pack',
  );
  help(
    template
      .command('install')
      .description(t('cmd.install'))
      .argument('<archive>', t('arg.archive'))
      .option('--into <dir>', t('opt.into'))
      .addOption(policyOption())
      .option('--map <role:PACK=WS>', t('opt.map'), collect)
      .option('--trust <pubkey>', t('opt.trust'), collect)
      .option('--require-signature', t('opt.requireSignature'))
      .option('--sha256 <hex>', t('opt.sha256'))
      .option('--yes', t('opt.yes'))
      .option('--dry-run', t('opt.dryRun'))
      .action(
        run((archive: string, o: Parameters<typeof templateInstall>[2]) => templateInstall(ctx, archive, o)),
      ),
    'help.install',
  );
  help(
    program
      .command('scan')
      .description(t('cmd.scan'))
      .argument('<file>', t('arg.file'))
      .option('--today <date>', t('opt.today'))
      .action(run((file: string, o: { today?: string }) => scan(ctx, file, o))),
    'help.scan',
  );
  const audit = program
    .command('audit')
    .description(t('cmd.audit'))
    .helpOption('-h, --help', t('opt.help'))
    .helpCommand(false);
  help(audit, 'help.auditGroup');
  help(
    audit
      .command('verify')
      .description(t('cmd.auditVerify'))
      .option('--data <dir>', t('opt.auditData'))
      .option('--checkpoints <file>', t('opt.checkpoints'))
      .option('--public-key <file>', t('opt.publicKey'))
      .action(run((o: { data?: string; checkpoints?: string; publicKey?: string }) => auditVerify(ctx, o))),
    'help.audit',
  );
  registerOperatorCommands(program, { audit, template }, { run, help, t, ctx });
  for (const mode of ['start', 'demo'] as const) {
    const cmd = program
      .command(mode)
      .description(t(mode === 'start' ? 'cmd.start' : 'cmd.demo'))
      .option('--port <port>', t('opt.port'))
      .option('--host <host>', t('opt.host'));
    if (mode === 'start')
      cmd.option('--data <dir>', t('opt.dataDir')).option('--keys <dir>', t('opt.keysDir'));
    else cmd.option('--keep', t('opt.keep'));
    help(
      cmd.action(run((o: Parameters<typeof start>[2]) => start(ctx, mode, o))),
      mode === 'start' ? 'help.start' : 'help.demo',
    );
  }

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return outcome;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
      if (ctx.json) {
        const message = usageMessage || t('usage.missing');
        ctx.stdout.write(
          `${JSON.stringify({ ok: false, exitCode: EXIT.usage, error: { code: 'usage', message } }, null, 2)}\n`,
        );
      }
      return EXIT.usage;
    }
    if (error instanceof CliError) return printError(ctx, error);
    return printError(ctx, new CliError('internal', t('internal'), EXIT.findings, { cause: error }));
  }
}
