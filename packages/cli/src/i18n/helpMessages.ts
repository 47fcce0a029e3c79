/** Command, option and help texts (with a worked example each), zh-CN and English. */
export const HELP_MESSAGES = {
  'cmd.veil': {
    en: 'Veil: privacy-enforcing follow-up reports.',
    'zh-CN': 'Veil：强制执行隐私标注的客户跟进报表。',
  },
  'cmd.template': {
    en: 'Write, check, pack and install templates and template packs.',
    'zh-CN': '编写、检查、打包和安装模板与模板包。',
  },
  'cmd.lint': {
    en: 'Lint templates or packs against the workspace policy.',
    'zh-CN': '按工作区策略检查模板或模板包。',
  },
  'cmd.validate': {
    en: 'Check that a template parses and that records (or a pack’s sample data) fit it.',
    'zh-CN': '检查模板能否解析，以及记录（或模板包的示例数据）是否符合模板。',
  },
  'cmd.diff': {
    en: 'Show what changed between two versions of a template.',
    'zh-CN': '显示模板两个版本之间的变化。',
  },
  'cmd.describe': {
    en: 'Print the record of processing of a template.',
    'zh-CN': '输出模板的个人信息处理记录。',
  },
  'cmd.sample': { en: 'Generate a pack’s seeded sample records.', 'zh-CN': '按种子生成模板包的示例记录。' },
  'cmd.keygen': {
    en: 'Create an Ed25519 key pair for signing packs.',
    'zh-CN': '生成用于签名模板包的 Ed25519 密钥对。',
  },
  'cmd.pack': {
    en: 'Check a pack and write it as one .tgz with checksums and an optional signature.',
    'zh-CN': '检查模板包并打成一个带校验和（可选签名）的 .tgz。',
  },
  'cmd.install': {
    en: 'Verify a pack archive, map its roles and purposes, preview the privacy diff and install it.',
    'zh-CN': '校验模板包归档，映射角色与目的，预览隐私差异后安装。',
  },
  'cmd.scan': {
    en: 'Find personal data (phones, IDs, cards, e-mails) in a text file.',
    'zh-CN': '在文本文件中查找个人信息（手机号、证件号、银行卡、邮箱）。',
  },
  'cmd.start': {
    en: 'Run the Veil server (what pnpm start runs after building).',
    'zh-CN': '运行 Veil 服务（即 pnpm start 构建后运行的内容）。',
  },
  'cmd.demo': {
    en: 'Run the server on a fresh, seeded demo workspace in a temporary folder.',
    'zh-CN': '在临时目录中用全新的演示工作区运行服务。',
  },
  'opt.help': { en: 'show help', 'zh-CN': '显示帮助' },
  'opt.version': { en: 'show the version', 'zh-CN': '显示版本' },
  'opt.json': { en: 'machine-readable JSON on stdout', 'zh-CN': '在标准输出打印机器可读的 JSON' },
  'opt.policy': {
    en: 'workspace policy file (default: the pack’s, a workspace-policy.json above, or the default)',
    'zh-CN': '工作区策略文件（默认：模板包自带、上级目录的 workspace-policy.json 或内置默认）',
  },
  'opt.data': {
    en: 'JSON file with a record’s data or an array of them',
    'zh-CN': '包含一条或多条记录数据的 JSON 文件',
  },
  'opt.locale': { en: 'zh-CN or en (default: from LANG)', 'zh-CN': 'zh-CN 或 en（默认取自 LANG）' },
  'opt.template': { en: 'only this template id', 'zh-CN': '只处理此模板 id' },
  'opt.count': { en: 'records per template (1–1000)', 'zh-CN': '每个模板的记录数（1–1000）' },
  'opt.seed': { en: 'generator seed (default: the pack’s)', 'zh-CN': '生成器种子（默认取模板包的）' },
  'opt.keyOut': {
    en: 'path prefix: writes PREFIX.key (private, 0600) and PREFIX.pub',
    'zh-CN': '路径前缀：写入 PREFIX.key（私钥，0600）和 PREFIX.pub',
  },
  'opt.out': {
    en: 'archive to write (default: NAME-VERSION.tgz)',
    'zh-CN': '输出的归档（默认 NAME-VERSION.tgz）',
  },
  'opt.key': { en: 'Ed25519 private key (PEM) to sign with', 'zh-CN': '用于签名的 Ed25519 私钥（PEM）' },
  'opt.into': {
    en: 'folder to install into (as FOLDER/NAME/)',
    'zh-CN': '安装到的目录（安装为 目录/包名/）',
  },
  'opt.map': {
    en: 'map a pack role or purpose onto the workspace’s: role:PACK=WS or purpose:PACK=WS (repeatable)',
    'zh-CN': '把模板包的角色或目的映射到工作区：role:包=工作区 或 purpose:包=工作区（可重复）',
  },
  'opt.trust': {
    en: 'public key (PEM) the pack must be signed with (repeatable)',
    'zh-CN': '模板包必须由其签名的公钥（PEM，可重复）',
  },
  'opt.requireSignature': { en: 'refuse an unsigned pack', 'zh-CN': '拒绝未签名的模板包' },
  'opt.sha256': {
    en: 'expected SHA-256 of the archive (default: ARCHIVE.sha256 when present)',
    'zh-CN': '归档的预期 SHA-256（默认读取同目录的 .sha256 文件）',
  },
  'opt.yes': {
    en: 'accept a mapping that widens access or loosens export',
    'zh-CN': '接受会放宽访问或导出的映射',
  },
  'opt.dryRun': { en: 'verify and preview only; write nothing', 'zh-CN': '只校验和预览，不写入任何内容' },
  'opt.today': {
    en: 'ISO date of today (resident IDs born later are not IDs)',
    'zh-CN': '今天的 ISO 日期（出生日期晚于它的身份证号不算）',
  },
  'opt.port': {
    en: 'port (0 picks a free one; default 3000)',
    'zh-CN': '端口（0 表示任选空闲端口；默认 3000）',
  },
  'opt.host': { en: 'address to listen on (default 127.0.0.1)', 'zh-CN': '监听地址（默认 127.0.0.1）' },
  'opt.dataDir': { en: 'data folder (default .veil-data)', 'zh-CN': '数据目录（默认 .veil-data）' },
  'opt.keysDir': { en: 'keys folder (default .veil-keys)', 'zh-CN': '密钥目录（默认 .veil-keys）' },
  'opt.keep': { en: 'keep the temporary demo folder after stopping', 'zh-CN': '停止后保留临时演示目录' },
  'arg.targets': {
    en: 'template files, template folders or pack folders',
    'zh-CN': '模板文件、模板目录或模板包目录',
  },
  'arg.target': {
    en: 'a template file or folder, or a pack folder',
    'zh-CN': '模板文件或目录，或模板包目录',
  },
  'arg.old': { en: 'the old version', 'zh-CN': '旧版本' },
  'arg.new': { en: 'the new version', 'zh-CN': '新版本' },
  'arg.pack': { en: 'a pack folder (with veil-pack.json)', 'zh-CN': '模板包目录（含 veil-pack.json）' },
  'arg.archive': { en: 'a pack archive (.tgz)', 'zh-CN': '模板包归档（.tgz）' },
  'arg.file': { en: 'a UTF-8 text file', 'zh-CN': 'UTF-8 文本文件' },
  'help.veil': {
    en: 'Exit codes: 0 ok, 1 findings or failure, 2 usage.\n\nExample:\n  $ veil template lint templates/packs/b2b-saas-sales\n  $ veil scan notes.txt --json',
    'zh-CN':
      '退出码：0 正常，1 有发现或失败，2 用法错误。\n\n示例：\n  $ veil template lint templates/packs/b2b-saas-sales\n  $ veil scan notes.txt --json',
  },
  'help.template': {
    en: 'Example:\n  $ veil template lint templates/packs/real-estate-viewing\n  $ veil template pack templates/packs/real-estate-viewing --out real-estate.tgz',
    'zh-CN':
      '示例：\n  $ veil template lint templates/packs/real-estate-viewing\n  $ veil template pack templates/packs/real-estate-viewing --out real-estate.tgz',
  },
  'help.lint': {
    en: 'Exit 1 when any error or unacknowledged warning remains.\n\nExample:\n  $ veil template lint templates/b2b-follow-up templates/packs/insurance-agent\n  $ veil template lint templates/packs/insurance-agent --json',
    'zh-CN':
      '仍有错误或未确认的警告时退出码为 1。\n\n示例：\n  $ veil template lint templates/b2b-follow-up templates/packs/insurance-agent\n  $ veil template lint templates/packs/insurance-agent --json',
  },
  'help.validate': {
    en: 'Exit 1 when the template does not parse or a record does not fit.\n\nExample:\n  $ veil template validate templates/b2b-follow-up --data records.json\n  $ veil template validate templates/packs/car-dealership',
    'zh-CN':
      '模板无法解析或有记录不符合时退出码为 1。\n\n示例：\n  $ veil template validate templates/b2b-follow-up --data records.json\n  $ veil template validate templates/packs/car-dealership',
  },
  'help.diff': {
    en: 'Exit 1 when the change is breaking or weakens privacy.\n\nExample:\n  $ veil template diff old/template.json templates/b2b-follow-up/template.json',
    'zh-CN':
      '变更不兼容或削弱隐私保护时退出码为 1。\n\n示例：\n  $ veil template diff old/template.json templates/b2b-follow-up/template.json',
  },
  'help.describe': {
    en: 'Example:\n  $ veil template describe templates/education-enrolment --locale en',
    'zh-CN': '示例：\n  $ veil template describe templates/education-enrolment --locale zh-CN',
  },
  'help.sample': {
    en: 'Example:\n  $ veil template sample templates/packs/recruitment-headhunting --count 5 --seed 7',
    'zh-CN': '示例：\n  $ veil template sample templates/packs/recruitment-headhunting --count 5 --seed 7',
  },
  'help.keygen': {
    en: 'Keep the .key file secret; publish the .pub file so buyers can pass it to --trust.\n\nExample:\n  $ veil template keygen --out ~/.veil/author',
    'zh-CN':
      '请妥善保管 .key 文件；公开 .pub 文件，供买家用于 --trust。\n\n示例：\n  $ veil template keygen --out ~/.veil/author',
  },
  'help.pack': {
    en: 'Example:\n  $ veil template pack templates/packs/wealth-management --key ~/.veil/author.key --out wealth.tgz',
    'zh-CN':
      '示例：\n  $ veil template pack templates/packs/wealth-management --key ~/.veil/author.key --out wealth.tgz',
  },
  'help.install': {
    en: 'Nothing is written when a check fails. A mapping that widens access needs --yes.\n\nExample:\n  $ veil template install wealth.tgz --into installed --trust author.pub --map role:advisor=rep --dry-run',
    'zh-CN':
      '任何检查失败时都不会写入。会放宽访问的映射需要 --yes 确认。\n\n示例：\n  $ veil template install wealth.tgz --into installed --trust author.pub --map role:advisor=rep --dry-run',
  },
  'help.scan': {
    en: 'Values are printed masked, never in full. Exit 1 when anything is found.\n\nExample:\n  $ veil scan notes.txt\n  $ veil scan notes.txt --json',
    'zh-CN':
      '发现的值只以打码形式输出。发现任何个人信息时退出码为 1。\n\n示例：\n  $ veil scan notes.txt\n  $ veil scan notes.txt --json',
  },
  'help.start': {
    en: 'Build first (pnpm build). Stop with Ctrl-C.\n\nExample:\n  $ veil start --port 3000 --data .veil-data',
    'zh-CN':
      '请先构建（pnpm build）。按 Ctrl-C 停止。\n\n示例：\n  $ veil start --port 3000 --data .veil-data',
  },
  'help.demo': {
    en: 'Example:\n  $ veil demo --port 0 --json',
    'zh-CN': '示例：\n  $ veil demo --port 0 --json',
  },
} as const;
