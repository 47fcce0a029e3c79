import { AUDIT_MESSAGES } from './auditMessages.js';
import { HELP_MESSAGES } from './helpMessages.js';
import { OPERATOR_MESSAGES } from './operatorMessages.js';

/** Every user-visible message of the CLI, zh-CN and English. Placeholders: `{name}`. */
const CORE_MESSAGES = {
  internal: {
    en: 'An internal error stopped the command; report it with the command you ran.',
    'zh-CN': '内部错误导致命令中止；请连同所运行的命令一起报告。',
  },
  'usage.hint': {
    en: 'Run the command with --help for its options and an example.',
    'zh-CN': '加 --help 运行该命令可查看选项和示例。',
  },
  'usage.missing': {
    en: 'The command line is incomplete: run veil --help.',
    'zh-CN': '命令不完整：请运行 veil --help。',
  },
  'file.missing': {
    en: '{path} does not exist or cannot be read: check the path.',
    'zh-CN': '{path} 不存在或无法读取：请检查路径。',
  },
  'file.notFile': {
    en: '{path} is not a file: give a file path.',
    'zh-CN': '{path} 不是文件：请给出文件路径。',
  },
  'file.tooLarge': {
    en: '{path} is larger than {max} bytes: split it.',
    'zh-CN': '{path} 超过 {max} 字节：请拆分。',
  },
  'file.notJson': {
    en: '{path} is not valid JSON (near line {line}): fix the syntax.',
    'zh-CN': '{path} 不是有效的 JSON（约第 {line} 行）：请修正语法。',
  },
  'policy.invalid': {
    en: '{path} is not a workspace policy (version, roles, purposes, levelDefaults, editDefault, exportApprovalRows): fix it or leave --policy out.',
    'zh-CN':
      '{path} 不是工作区策略（需要 version、roles、purposes、levelDefaults、editDefault、exportApprovalRows）：请修正，或不带 --policy。',
  },
  'template.invalid': {
    en: '{file} does not parse ({count} problems; first: {first}): run veil template validate on it.',
    'zh-CN': '{file} 无法解析（{count} 个问题；第一个：{first}）：请对其运行 veil template validate。',
  },
  'lint.policy': { en: 'policy: {source}', 'zh-CN': '策略：{source}' },
  'lint.error': { en: 'error  ', 'zh-CN': '错误' },
  'lint.warning': { en: 'warning', 'zh-CN': '警告' },
  'lint.acknowledged': { en: 'acknowledged: {reason}', 'zh-CN': '已确认：{reason}' },
  'lint.summary': {
    en: '{templates} templates: {errors} errors, {warnings} unacknowledged warnings, {acknowledged} acknowledged.',
    'zh-CN': '{templates} 个模板：{errors} 个错误，{warnings} 个未确认警告，{acknowledged} 个已确认。',
  },
  'validate.dataOne': {
    en: '--data needs exactly one template: name a template file, not a pack.',
    'zh-CN': '--data 只能配一个模板：请给出模板文件而不是模板包。',
  },
  'validate.parseFailed': { en: 'does not parse ({count} problems)', 'zh-CN': '无法解析（{count} 个问题）' },
  'validate.ok': { en: 'parses', 'zh-CN': '可以解析' },
  'validate.sample': { en: 'the pack’s sample data', 'zh-CN': '模板包示例数据' },
  'validate.records': {
    en: 'parses; {count} records from {source}, {issues} problems',
    'zh-CN': '可以解析；来自{source}的 {count} 条记录，{issues} 个问题',
  },
  'diff.oneEach': {
    en: 'diff compares two templates: give two template files.',
    'zh-CN': 'diff 比较两个模板：请给出两个模板文件。',
  },
  'diff.template': { en: '(template)', 'zh-CN': '（模板）' },
  'diff.breaking': { en: 'breaking', 'zh-CN': '不兼容' },
  'diff.compatible': { en: 'compatible', 'zh-CN': '兼容' },
  'diff.weakens': { en: 'weakens privacy', 'zh-CN': '削弱隐私' },
  'diff.strengthens': { en: 'strengthens privacy', 'zh-CN': '加强隐私' },
  'diff.summary': {
    en: '{count} changes from {from} to {to}:',
    'zh-CN': '从 {from} 到 {to} 共 {count} 处变化：',
  },
  'diff.weakensHint': {
    en: 'This version weakens privacy: publishing it needs the admin’s confirmation.',
    'zh-CN': '此版本削弱了隐私保护：发布前需要管理员确认。',
  },
  'describe.locale': {
    en: 'Unknown locale {locale}: use zh-CN or en.',
    'zh-CN': '未知语言 {locale}：请使用 zh-CN 或 en。',
  },
  'sample.options': {
    en: '--count must be 1–1000 and --seed an integer.',
    'zh-CN': '--count 须为 1–1000，--seed 须为整数。',
  },
  'sample.needsPack': {
    en: 'Sample data comes from a pack: give a pack folder (with veil-pack.json) and an existing --template id.',
    'zh-CN': '示例数据来自模板包：请给出模板包目录（含 veil-pack.json）和存在的 --template id。',
  },
  'sample.failed': {
    en: 'Cannot generate sample data for {file}: {reason}.',
    'zh-CN': '无法为 {file} 生成示例数据：{reason}。',
  },
  'keygen.exists': {
    en: '{path} already exists: choose another --out prefix (keys are never overwritten).',
    'zh-CN': '{path} 已存在：请换一个 --out 前缀（不会覆盖密钥）。',
  },
  'keygen.done': {
    en: 'Private key {priv} (keep it secret), public key {pub}, fingerprint {fingerprint}.',
    'zh-CN': '私钥 {priv}（请保密），公钥 {pub}，指纹 {fingerprint}。',
  },
  'scan.today': {
    en: '--today must be an ISO date (YYYY-MM-DD).',
    'zh-CN': '--today 须为 ISO 日期（YYYY-MM-DD）。',
  },
  'scan.none': { en: 'No personal data found in {path}.', 'zh-CN': '{path} 中未发现个人信息。' },
  'scan.summary': {
    en: '{count} personal data spans found ({types}): remove them or move them into annotated fields.',
    'zh-CN': '发现 {count} 处个人信息（{types}）：请删除，或移入带隐私标注的字段。',
  },
  'pack.fileMissing': {
    en: 'The pack has no file {path}: add it or fix the manifest.',
    'zh-CN': '模板包缺少文件 {path}：请补上或修正清单。',
  },
  'pack.fileRefused': {
    en: '{path} cannot go into a pack (a link, a special file, an unsafe name or larger than 2 MB): remove or rename it.',
    'zh-CN': '{path} 不能放入模板包（链接、特殊文件、不安全的文件名或超过 2 MB）：请删除或改名。',
  },
  'pack.tooManyFiles': {
    en: 'A pack holds at most {max} files: remove some.',
    'zh-CN': '模板包最多包含 {max} 个文件：请删除一些。',
  },
  'pack.manifestVersion': {
    en: 'Unknown manifest version {found} (this Veil reads version {known}): upgrade Veil or repack with manifestVersion {known}.',
    'zh-CN':
      '未知的清单版本 {found}（本版 Veil 读取版本 {known}）：请升级 Veil，或按 manifestVersion {known} 重新打包。',
  },
  'pack.manifestInvalid': {
    en: 'veil-pack.json is not a valid manifest ({issues}): fix it (see the template author’s guide).',
    'zh-CN': 'veil-pack.json 不是有效清单（{issues}）：请按模板作者指南修正。',
  },
  'pack.incompatible': {
    en: 'The pack needs Veil {range}, this is {version}: use a matching version of the pack or of Veil.',
    'zh-CN': '此模板包需要 Veil {range}，当前为 {version}：请使用匹配版本的模板包或 Veil。',
  },
  'pack.duplicateTemplate': {
    en: 'Two templates of the pack have the id {id}: give each its own id.',
    'zh-CN': '模板包中有两个模板的 id 都是 {id}：请分别命名。',
  },
  'pack.sampleInvalid': {
    en: '{path} is not a sample-data spec (seed, count, baseDate, owners, templates): fix it.',
    'zh-CN': '{path} 不是示例数据规格（需要 seed、count、baseDate、owners、templates）：请修正。',
  },
  'pack.unexpected': {
    en: '{path} is not declared by the manifest: a pack holds only its manifest, templates, sample spec and Markdown files.',
    'zh-CN': '清单未声明 {path}：模板包只能包含清单、模板、示例数据规格和 Markdown 文件。',
  },
  'pack.lint': {
    en: '{file} has {count} lint findings that are neither fixed nor acknowledged: run veil template lint on the pack.',
    'zh-CN': '{file} 有 {count} 条既未修复也未确认的检查结果：请对模板包运行 veil template lint。',
  },
  'pack.sampleRecords': {
    en: 'The sample data of {file} does not fit it ({count} problems): fix the sample spec.',
    'zh-CN': '{file} 的示例数据不符合模板（{count} 个问题）：请修正示例数据规格。',
  },
  'pack.keyInvalid': {
    en: '{path} is not an Ed25519 key in PEM: create one with veil template keygen.',
    'zh-CN': '{path} 不是 PEM 格式的 Ed25519 密钥：请用 veil template keygen 生成。',
  },
  'pack.done': {
    en: 'Packed {name} {version} ({files} files) into {file}.',
    'zh-CN': '已将 {name} {version}（{files} 个文件）打包为 {file}。',
  },
  'pack.signed': { en: 'Signed with key {fingerprint}.', 'zh-CN': '已用密钥 {fingerprint} 签名。' },
  'pack.unsigned': { en: 'Not signed (pass --key to sign).', 'zh-CN': '未签名（加 --key 可签名）。' },
  'install.into': {
    en: 'Say where to install: --into FOLDER (or --dry-run to only check).',
    'zh-CN': '请指定安装位置：--into 目录（或用 --dry-run 只做检查）。',
  },
  'install.tooLarge': {
    en: 'The archive is larger than {max} bytes: a pack is never that large; do not install it.',
    'zh-CN': '归档超过 {max} 字节：模板包不会这么大，请勿安装。',
  },
  'install.sha256Syntax': {
    en: '--sha256 takes 64 hex digits.',
    'zh-CN': '--sha256 需要 64 位十六进制数字。',
  },
  'install.sidecar': {
    en: '{path} holds no SHA-256: remove it or pass --sha256.',
    'zh-CN': '{path} 中没有 SHA-256：请删除它或使用 --sha256。',
  },
  'install.archiveChecksum': {
    en: 'The archive’s SHA-256 does not match the expected one: it was changed or damaged; get it again from the author.',
    'zh-CN': '归档的 SHA-256 与预期不符：文件已被改动或损坏，请向作者重新获取。',
  },
  'install.notGzip': {
    en: 'This is not a gzipped pack archive: pass the .tgz made by veil template pack.',
    'zh-CN': '这不是 gzip 压缩的模板包归档：请使用 veil template pack 生成的 .tgz。',
  },
  'install.corrupt': {
    en: 'The archive is damaged and cannot be read: get it again from the author.',
    'zh-CN': '归档已损坏，无法读取：请向作者重新获取。',
  },
  'install.bomb': {
    en: 'The archive expands to more than {max} bytes (a decompression bomb): it was refused.',
    'zh-CN': '归档解压后超过 {max} 字节（解压炸弹）：已拒绝。',
  },
  'install.ratio': {
    en: 'The archive expands {ratio} times its size (a decompression bomb): it was refused.',
    'zh-CN': '归档解压后膨胀 {ratio} 倍（解压炸弹）：已拒绝。',
  },
  'install.nested': {
    en: 'The archive is compressed twice: it was refused; repack it with veil template pack.',
    'zh-CN': '归档被压缩了两次：已拒绝，请用 veil template pack 重新打包。',
  },
  'install.refused': {
    en: 'The archive was refused, nothing was written: {reason} (entry "{entry}").',
    'zh-CN': '归档已被拒绝，未写入任何内容：{reason}（条目“{entry}”）。',
  },
  'install.integrityMissing': {
    en: 'The archive has no veil-pack.integrity.json: it was not made by veil template pack; repack it.',
    'zh-CN': '归档中没有 veil-pack.integrity.json：不是由 veil template pack 生成的，请重新打包。',
  },
  'install.integrityInvalid': {
    en: 'veil-pack.integrity.json is malformed or names another pack: repack it.',
    'zh-CN': 'veil-pack.integrity.json 格式错误或属于另一个模板包：请重新打包。',
  },
  'install.unlisted': {
    en: '{path} is not listed in the checksums: the archive was changed after packing; get it again.',
    'zh-CN': '{path} 不在校验清单中：归档在打包后被改动，请重新获取。',
  },
  'install.checksum': {
    en: 'The checksum of {path} does not match: the archive was changed after packing; get it again.',
    'zh-CN': '{path} 的校验和不符：归档在打包后被改动，请重新获取。',
  },
  'install.signatureMissing': {
    en: 'The pack is not signed but a signature is required: ask the author for a signed pack.',
    'zh-CN': '模板包未签名，但要求签名：请向作者索取签名版本。',
  },
  'install.signatureInvalid': {
    en: 'The pack’s signature does not verify: it was changed after signing; do not install it.',
    'zh-CN': '模板包签名校验失败：签名后被改动，请勿安装。',
  },
  'install.signatureUntrusted': {
    en: 'The pack is signed by key {fingerprint}, which is not among the --trust keys: check the author’s key.',
    'zh-CN': '模板包由密钥 {fingerprint} 签名，不在 --trust 指定的密钥中：请核实作者的密钥。',
  },
  'install.mapSyntax': {
    en: '--map {arg}: write role:PACK=WORKSPACE or purpose:PACK=WORKSPACE.',
    'zh-CN': '--map {arg}：请写成 role:包角色=工作区角色 或 purpose:包目的=工作区目的。',
  },
  'install.mapUnknown': {
    en: '--map names {kind} {id}, which the pack does not have: check veil-pack.json.',
    'zh-CN': '--map 指定的{kind} {id} 在模板包中不存在：请查看 veil-pack.json。',
  },
  'install.mapRole': {
    en: 'The pack’s role {id} ({title}: {expects}) has no workspace role {target}: add --map role:{id}=ROLE.',
    'zh-CN':
      '模板包角色 {id}（{title}：{expects}）在工作区中没有对应的 {target}：请加 --map role:{id}=角色。',
  },
  'install.mapShared': {
    en: 'Pack roles {a} and {b} both map onto {target}: map them onto different roles.',
    'zh-CN': '模板包角色 {a} 和 {b} 都映射到了 {target}：请映射到不同的角色。',
  },
  'install.mapPurpose': {
    en: 'The pack’s purpose {id} ({title}) has no workspace purpose {target}: add it to the workspace policy or --map purpose:{id}=PURPOSE.',
    'zh-CN':
      '模板包目的 {id}（{title}）在工作区中没有对应的 {target}：请将其加入工作区策略，或 --map purpose:{id}=目的。',
  },
  'install.mappedInvalid': {
    en: 'After mapping, {file} does not parse against the workspace policy ({first}): adjust the mapping.',
    'zh-CN': '映射后 {file} 无法按工作区策略解析（{first}）：请调整映射。',
  },
  'install.verified': {
    en: 'Verified {name} {version}: {files} files, checksums match, templates lint clean.',
    'zh-CN': '已校验 {name} {version}：{files} 个文件，校验和一致，模板检查通过。',
  },
  'install.signedTrusted': {
    en: 'Signed by trusted key {fingerprint}.',
    'zh-CN': '由受信任的密钥 {fingerprint} 签名。',
  },
  'install.signedUntrusted': {
    en: 'Signed by key {fingerprint} (not pinned: pass --trust AUTHOR.pub to require it).',
    'zh-CN': '由密钥 {fingerprint} 签名（未固定：可用 --trust 作者公钥 强制要求）。',
  },
  'install.unsigned': {
    en: 'Not signed: only the checksums vouch for it.',
    'zh-CN': '未签名：只有校验和可作保证。',
  },
  'install.mapping': {
    en: 'Roles: {roles}. Purposes: {purposes}.',
    'zh-CN': '角色：{roles}。目的：{purposes}。',
  },
  'install.noChanges': {
    en: 'Privacy diff: every field reads and exports as the author chose.',
    'zh-CN': '隐私差异：所有字段的访问与导出均与作者设定一致。',
  },
  'install.changes': {
    en: 'Privacy diff against the author’s choices ({count} changes):',
    'zh-CN': '与作者设定相比的隐私差异（{count} 处）：',
  },
  'install.widens': { en: 'WIDENS ', 'zh-CN': '放宽' },
  'install.narrows': { en: 'narrows', 'zh-CN': '收紧' },
  'install.export': { en: 'export', 'zh-CN': '导出' },
  'install.fromPackRole': { en: 'pack role {role}', 'zh-CN': '包角色 {role}' },
  'install.notInPack': { en: 'no pack role', 'zh-CN': '包中无此角色' },
  'install.needsYes': {
    en: 'The mapping widens access: nothing was installed. Check the lines marked WIDENS and re-run with --yes to accept them.',
    'zh-CN': '此映射会放宽访问：未安装。请检查标为“放宽”的行，确认后加 --yes 重新运行。',
  },
  'install.dryRun': { en: 'Dry run: nothing was written.', 'zh-CN': '试运行：未写入任何内容。' },
  'install.exists': {
    en: '{path} already exists: remove it first or install into another folder.',
    'zh-CN': '{path} 已存在：请先删除，或安装到其他目录。',
  },
  'install.done': { en: 'Installed into {path}.', 'zh-CN': '已安装到 {path}。' },
  'archive.too-many-files': { en: 'too many entries', 'zh-CN': '条目过多' },
  'archive.link': { en: 'a symbolic or hard link', 'zh-CN': '符号链接或硬链接' },
  'archive.device': { en: 'a device file or FIFO', 'zh-CN': '设备文件或 FIFO' },
  'archive.entry-type': {
    en: 'an entry that is neither a file nor a folder',
    'zh-CN': '既非文件也非目录的条目',
  },
  'archive.absolute-path': { en: 'an absolute path', 'zh-CN': '绝对路径' },
  'archive.drive-letter': { en: 'a path with a drive letter', 'zh-CN': '带盘符的路径' },
  'archive.path-traversal': { en: 'a path leaving the pack (..)', 'zh-CN': '跳出模板包的路径（..）' },
  'archive.name-invalid': { en: 'an unsafe file name', 'zh-CN': '不安全的文件名' },
  'archive.duplicate-name': {
    en: 'two names that differ only in case or Unicode normalisation',
    'zh-CN': '两个仅大小写或 Unicode 规范化不同的文件名',
  },
  'archive.file-too-large': { en: 'a file larger than 2 MB', 'zh-CN': '超过 2 MB 的文件' },
  'archive.archive-too-large': { en: 'more content than a pack may hold', 'zh-CN': '内容超过模板包上限' },
  'archive.archive-corrupt': { en: 'a damaged tar stream', 'zh-CN': '损坏的 tar 数据' },
  'archive.archive-empty': { en: 'no files at all', 'zh-CN': '没有任何文件' },
  'start.notBuilt': {
    en: 'The server is not built yet: run pnpm build first.',
    'zh-CN': '服务尚未构建：请先运行 pnpm build。',
  },
  'start.port': { en: '--port {port} is not a port number.', 'zh-CN': '--port {port} 不是端口号。' },
  'start.demoFolder': {
    en: 'Demo workspace in {path} (removed when the server stops).',
    'zh-CN': '演示工作区位于 {path}（服务停止后删除）。',
  },
  'start.stopped': { en: 'Veil stopped.', 'zh-CN': 'Veil 已停止。' },
  'start.failed': {
    en: 'The server exited with code {code}: see its log lines above.',
    'zh-CN': '服务以退出码 {code} 结束：请查看上面的日志。',
  },
} as const;

export const MESSAGES = {
  ...CORE_MESSAGES,
  ...HELP_MESSAGES,
  ...AUDIT_MESSAGES,
  ...OPERATOR_MESSAGES,
} satisfies Record<string, { en: string; 'zh-CN': string }>;

export type MessageKey = keyof typeof MESSAGES;
