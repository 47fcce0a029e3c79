/** Messages of the operator commands (users, backup, restore, check, keys, audit export), zh-CN and English. */
export const OPERATOR_MESSAGES = {
  'cmd.users': {
    en: 'Manage user accounts in a stopped server’s store.',
    'zh-CN': '在已停止服务的存储中管理用户账号。',
  },
  'cmd.usersCreateAdmin': {
    en: 'Create an administrator (the password is read from stdin).',
    'zh-CN': '创建管理员（密码从标准输入读取）。',
  },
  'cmd.usersResetPassword': {
    en: 'Set a new password for a user and end their sessions (the password is read from stdin).',
    'zh-CN': '为用户设置新密码并结束其所有会话（密码从标准输入读取）。',
  },
  'cmd.usersDeactivate': {
    en: 'Deactivate a user: sessions end, their customers go to the successor, exports and shares are voided.',
    'zh-CN': '停用用户：会话结束，其客户交给接任者，导出和分享作废。',
  },
  'cmd.backup': { en: 'Write a backup of the store to one file.', 'zh-CN': '将存储备份到一个文件。' },
  'cmd.restore': {
    en: 'Restore a backup into an empty data folder (with the same keys folder).',
    'zh-CN': '将备份恢复到空的数据目录（使用同一个密钥目录）。',
  },
  'cmd.check': {
    en: 'Check the store: it opens (every file readable, the write-ahead log replayed) and the audit chain holds.',
    'zh-CN': '检查存储：能否打开（每个文件可读、预写日志已重放），审计链是否完整。',
  },
  'cmd.keys': { en: 'Manage the store’s keys.', 'zh-CN': '管理存储的密钥。' },
  'cmd.keysRotate': {
    en: 'Rotate the master key and data keys, re-encrypting every encrypted value (resumes if interrupted).',
    'zh-CN': '轮换主密钥和数据密钥，重新加密所有加密值（中断后可续做）。',
  },
  'cmd.auditExport': {
    en: 'Export a range of audit entries as JSON lines (the export is itself audited).',
    'zh-CN': '将一段审计记录导出为 JSON 行（导出本身也会记入审计）。',
  },
  'opt.storeData': {
    en: 'data folder (default: VEIL_DATA_DIR or .veil-data)',
    'zh-CN': '数据目录（默认 VEIL_DATA_DIR 或 .veil-data）',
  },
  'opt.storeKeys': {
    en: 'keys folder (default: VEIL_KEYS_DIR or .veil-keys)',
    'zh-CN': '密钥目录（默认 VEIL_KEYS_DIR 或 .veil-keys）',
  },
  'opt.login': { en: 'login name of the new account', 'zh-CN': '新账号的登录名' },
  'opt.name': { en: 'display name (default: the login)', 'zh-CN': '显示名（默认为登录名）' },
  'opt.role': {
    en: 'role to give (default: the first role the workspace policy lets manage users)',
    'zh-CN': '授予的角色（默认：工作区策略中第一个可管理用户的角色）',
  },
  'opt.successor': { en: 'login of who takes over the customers', 'zh-CN': '接手客户的用户登录名' },
  'opt.backupOut': { en: 'backup file to write (must not exist)', 'zh-CN': '要写入的备份文件（不得已存在）' },
  'opt.replace': {
    en: 'replace the contents of a data folder that already holds a store',
    'zh-CN': '替换已有存储的数据目录中的内容',
  },
  'opt.exportOut': {
    en: 'JSON-lines file to write (must not exist)',
    'zh-CN': '要写入的 JSON 行文件（不得已存在）',
  },
  'opt.fromSeq': { en: 'first entry (seq) to export', 'zh-CN': '导出的第一条记录（seq）' },
  'opt.toSeq': { en: 'last entry (seq) to export', 'zh-CN': '导出的最后一条记录（seq）' },
  'arg.login': { en: 'login name of the user', 'zh-CN': '用户的登录名' },
  'arg.backup': { en: 'backup file made by veil backup', 'zh-CN': 'veil backup 生成的备份文件' },
  'help.usersCreateAdmin': {
    en: 'The password (10–200 characters) is the first line of stdin; at a terminal you are asked twice. Run with the server stopped.\n\nExample:\n  $ printf "%s\\n" "$ADMIN_PASSWORD" | veil users create-admin --login ops-admin --name "Ops admin"',
    'zh-CN':
      '密码（10–200 个字符）取标准输入的第一行；在终端中会询问两次。请在服务停止时运行。\n\n示例：\n  $ printf "%s\\n" "$ADMIN_PASSWORD" | veil users create-admin --login ops-admin --name "运维管理员"',
  },
  'help.usersResetPassword': {
    en: 'The password (10–200 characters) is the first line of stdin. Every session of the user ends.\n\nExample:\n  $ printf "%s\\n" "$NEW_PASSWORD" | veil users reset-password rep-a',
    'zh-CN':
      '密码（10–200 个字符）取标准输入的第一行。该用户的所有会话都会结束。\n\n示例：\n  $ printf "%s\\n" "$NEW_PASSWORD" | veil users reset-password rep-a',
  },
  'help.usersDeactivate': {
    en: 'The successor must be active and allowed to own customers.\n\nExample:\n  $ veil users deactivate rep-b --successor rep-a --json',
    'zh-CN':
      '接任者必须是在职且可拥有客户的用户。\n\n示例：\n  $ veil users deactivate rep-b --successor rep-a --json',
  },
  'help.backup': {
    en: 'No key is in the backup: keep the keys folder backed up elsewhere. Run with the server stopped.\n\nExample:\n  $ veil backup --out veil-backup.json',
    'zh-CN':
      '备份中不含密钥：请另行备份密钥目录。请在服务停止时运行。\n\n示例：\n  $ veil backup --out veil-backup.json',
  },
  'help.restore': {
    en: 'Every data key must unwrap with the keys folder, or nothing is replaced.\n\nExample:\n  $ veil restore veil-backup.json --data .veil-data-restored',
    'zh-CN':
      '所有数据密钥都必须能用该密钥目录解开，否则什么都不替换。\n\n示例：\n  $ veil restore veil-backup.json --data .veil-data-restored',
  },
  'help.check': {
    en: 'Exit 1 names the damaged file or the first bad audit entry. Run with the server stopped.\n\nExample:\n  $ veil check --data .veil-data --json',
    'zh-CN':
      '退出码 1 时会指出损坏的文件或第一条异常的审计记录。请在服务停止时运行。\n\n示例：\n  $ veil check --data .veil-data --json',
  },
  'help.keysRotate': {
    en: 'Back up both folders first. The HMAC and signing keys are not rotated.\n\nExample:\n  $ veil keys rotate --data .veil-data --keys .veil-keys',
    'zh-CN':
      '请先备份两个目录。HMAC 密钥和签名密钥不轮换。\n\n示例：\n  $ veil keys rotate --data .veil-data --keys .veil-keys',
  },
  'help.auditGroup': {
    en: '`verify` reads the log file only (any time, on a copy too); `export` opens the store (server stopped).\n\nExample:\n  $ veil audit verify --data .veil-data\n  $ veil audit export --out audit.jsonl',
    'zh-CN':
      'verify 只读取日志文件（随时可用，也可对副本运行）；export 需要打开存储（服务已停止）。\n\n示例：\n  $ veil audit verify --data .veil-data\n  $ veil audit export --out audit.jsonl',
  },
  'help.auditExport': {
    en: 'Needs the store (server stopped); the entries hold no protected value.\n\nExample:\n  $ veil audit export --out audit-2026-12.jsonl --from 1 --to 500',
    'zh-CN':
      '需要打开存储（服务已停止）；审计记录中不含受保护的值。\n\n示例：\n  $ veil audit export --out audit-2026-12.jsonl --from 1 --to 500',
  },
  'store.locked': {
    en: 'The store in {path} is in use by a running Veil server (it holds the folder lock): stop the server first; nothing was changed.',
    'zh-CN': '{path} 中的存储正被运行中的 Veil 服务使用（持有目录锁）：请先停止服务；未做任何修改。',
  },
  'store.missing': {
    en: 'There is no Veil store in {path}: check --data (the folder the server uses as VEIL_DATA_DIR).',
    'zh-CN': '{path} 中没有 Veil 存储：请检查 --data（即服务使用的 VEIL_DATA_DIR）。',
  },
  'store.unreadable': {
    en: 'The store in {path} did not open: {reason} Restore the named file from a backup; nothing was changed.',
    'zh-CN': '{path} 中的存储无法打开：{reason} 请从备份恢复所指出的文件；未做任何修改。',
  },
  'store.masterKey': {
    en: 'VEIL_MASTER_KEY must be 32 bytes, as base64 or 64 hex digits.',
    'zh-CN': 'VEIL_MASTER_KEY 必须是 32 字节，以 base64 或 64 位十六进制表示。',
  },
  'secret.missing': {
    en: 'No password was given: pipe it on stdin, e.g. printf "%s\\n" "$PASSWORD" | veil …',
    'zh-CN': '未提供密码：请通过标准输入传入，例如 printf "%s\\n" "$PASSWORD" | veil …',
  },
  'secret.prompt': { en: 'New password: ', 'zh-CN': '新密码：' },
  'secret.again': { en: 'Repeat it: ', 'zh-CN': '再输入一次：' },
  'secret.mismatch': {
    en: 'The two passwords differ; nothing was changed.',
    'zh-CN': '两次输入的密码不一致；未做任何修改。',
  },
  'secret.length': {
    en: 'The password must be 10–200 characters; nothing was changed.',
    'zh-CN': '密码须为 10–200 个字符；未做任何修改。',
  },
  'user.notFound': {
    en: 'No user has the login {login}: check the spelling.',
    'zh-CN': '没有登录名为 {login} 的用户：请检查拼写。',
  },
  'user.refused': {
    en: 'Veil refused the change: {reason} Nothing was changed.',
    'zh-CN': 'Veil 拒绝了此修改：{reason} 未做任何修改。',
  },
  'user.noAdminRole': {
    en: 'The workspace policy has no role that may manage users{role}: name one with --role.',
    'zh-CN': '工作区策略中没有可管理用户的角色{role}：请用 --role 指定。',
  },
  'user.created': {
    en: 'Created {login} ({id}) with the role {role}. Sign in with it and change the password.',
    'zh-CN': '已创建 {login}（{id}），角色 {role}。请用它登录并修改密码。',
  },
  'user.reset': {
    en: 'New password set for {login}; {sessions} sessions ended.',
    'zh-CN': '已为 {login} 设置新密码；结束了 {sessions} 个会话。',
  },
  'user.deactivated': {
    en: 'Deactivated {login}: {reassigned} records went to {successor}, {sessions} sessions ended, {exports} exports and {shares} shares voided.',
    'zh-CN':
      '已停用 {login}：{reassigned} 条记录交给 {successor}，结束 {sessions} 个会话，作废 {exports} 个导出和 {shares} 个分享。',
  },
  'out.exists': {
    en: '{path} already exists: choose another file (it is never overwritten).',
    'zh-CN': '{path} 已存在：请换一个文件（不会覆盖已有文件）。',
  },
  'backup.done': {
    en: 'Backup written to {path} ({bytes} bytes, {entries} audit entries). Keep the keys folder elsewhere.',
    'zh-CN': '备份已写入 {path}（{bytes} 字节，{entries} 条审计记录）。请把密钥目录另处保管。',
  },
  'restore.notEmpty': {
    en: '{path} already holds a store: restore into an empty folder, or add --replace to replace it.',
    'zh-CN': '{path} 中已有存储：请恢复到空目录，或加 --replace 替换。',
  },
  'restore.failed': {
    en: 'The backup was not restored: {reason} Nothing was replaced.',
    'zh-CN': '备份未恢复：{reason} 未替换任何内容。',
  },
  'restore.done': {
    en: 'Restored {file} into {path}: {entries} audit entries, chain intact.',
    'zh-CN': '已将 {file} 恢复到 {path}：{entries} 条审计记录，链完整。',
  },
  'check.ok': {
    en: 'Store intact: every file readable, {entries} audit entries chained (head {head}); recovery replayed {replayed} batches.',
    'zh-CN':
      '存储完好：所有文件可读，{entries} 条审计记录链完整（链头 {head}）；恢复时重放了 {replayed} 批写入。',
  },
  'check.auditBad': {
    en: 'The store opened, but the audit chain breaks at entry {seq} ({reason}): run veil audit verify for details and restore from a backup.',
    'zh-CN':
      '存储可以打开，但审计链在第 {seq} 条处断开（{reason}）：请运行 veil audit verify 查看详情，并从备份恢复。',
  },
  'keys.rotated': {
    en: 'Keys rotated: {count} values re-encrypted. Back up the keys folder now.',
    'zh-CN': '密钥已轮换：重新加密了 {count} 个值。请立即备份密钥目录。',
  },
  'auditExport.done': {
    en: 'Exported {count} audit entries to {path}.',
    'zh-CN': '已将 {count} 条审计记录导出到 {path}。',
  },
  'seq.invalid': {
    en: '{value} is not an entry number: give a whole number from 1.',
    'zh-CN': '{value} 不是记录序号：请给出从 1 开始的整数。',
  },
  'cmd.publish': {
    en: 'Publish a template into a stopped server’s store as its next version.',
    'zh-CN': '将模板发布到已停止服务的存储中，作为其下一个版本。',
  },
  'opt.confirmPublish': {
    en: 'confirm a version that breaks existing records or weakens privacy',
    'zh-CN': '确认发布会破坏已有记录或削弱隐私的版本',
  },
  'opt.checkOnly': { en: 'check and report, publish nothing', 'zh-CN': '只检查并报告，不发布' },
  'help.publish': {
    en: 'Checked against the store’s workspace policy. A draft open in the builder is never overwritten.\n\nExample:\n  $ veil template publish store-visit.json --dry-run\n  $ veil template publish store-visit.json --yes',
    'zh-CN':
      '按存储中的工作区策略检查。不会覆盖设计器中正在编辑的草稿。\n\n示例：\n  $ veil template publish store-visit.json --dry-run\n  $ veil template publish store-visit.json --yes',
  },
  'publish.lint': {
    en: 'Lint found {count} error(s) under the workspace’s policy; fix them before publishing (nothing was published):',
    'zh-CN': '按工作区策略检查发现 {count} 个错误；请修正后再发布（未发布任何内容）：',
  },
  'publish.draftExists': {
    en: 'The template {id} has an unpublished draft in the builder: publish or discard it there first (nothing was published).',
    'zh-CN': '模板 {id} 在设计器中有未发布的草稿：请先在设计器中发布或丢弃（未发布任何内容）。',
  },
  'publish.confirm': {
    en: 'Version {version} of {id} breaks existing records or weakens privacy; publish again with --yes to confirm (nothing was published):',
    'zh-CN': '{id} 的第 {version} 版会破坏已有记录或削弱隐私；确认请加 --yes 重新发布（未发布任何内容）：',
  },
  'publish.dryRun': {
    en: '{id} would be published as version {version}; nothing was published.',
    'zh-CN': '{id} 将发布为第 {version} 版；本次未发布任何内容。',
  },
  'publish.done': {
    en: 'Published {id} as version {version}.',
    'zh-CN': '已将 {id} 发布为第 {version} 版。',
  },
} as const;
