/** Messages of `veil audit`, zh-CN and English. */
export const AUDIT_MESSAGES = {
  'cmd.audit': { en: 'Check and export the audit log.', 'zh-CN': '检查和导出审计日志。' },
  'cmd.auditVerify': {
    en: 'Verify the hash chain of the audit log, read-only, against kept checkpoints.',
    'zh-CN': '以只读方式校验审计日志的哈希链，并与留存的检查点比对。',
  },
  'opt.auditData': {
    en: 'data folder (default: VEIL_DATA_DIR or .veil-data)',
    'zh-CN': '数据目录（默认 VEIL_DATA_DIR 或 .veil-data）',
  },
  'opt.checkpoints': {
    en: 'signed checkpoints kept elsewhere (JSON lines or a JSON array)',
    'zh-CN': '在别处留存的已签名检查点（JSON 行或 JSON 数组）',
  },
  'opt.publicKey': {
    en: 'the store’s audit public key (PEM): checkpoints must carry it, and the data folder’s own are checked too',
    'zh-CN': '存储的审计公钥（PEM）：检查点必须由它签名，并同时校验数据目录自带的检查点',
  },
  'help.audit': {
    en: 'The log is opened for reading only; the store is not opened. Verify a stopped server’s folder or a copy.\n\nExample:\n  $ veil audit verify --data .veil-data --checkpoints kept-checkpoints.jsonl',
    'zh-CN':
      '只以只读方式打开日志文件，不打开存储。请校验已停止服务的数据目录或其副本。\n\n示例：\n  $ veil audit verify --data .veil-data --checkpoints kept-checkpoints.jsonl',
  },
  'audit.missing': {
    en: 'There is no audit log in {path}: check --data (the folder the server uses as VEIL_DATA_DIR).',
    'zh-CN': '{path} 中没有审计日志：请检查 --data（即服务使用的 VEIL_DATA_DIR）。',
  },
  'audit.checkpointsInvalid': {
    en: '{path} does not hold audit checkpoints ({ seq, headHash, at, signature, publicKey }): export them with audit.checkpoint.',
    'zh-CN':
      '{path} 中不是审计检查点（{ seq, headHash, at, signature, publicKey }）：请用 audit.checkpoint 导出。',
  },
  'audit.checkpointKey': {
    en: 'The checkpoint at entry {seq} has no valid signature by the given key: it cannot vouch for the log.',
    'zh-CN': '第 {seq} 条处的检查点没有给定密钥的有效签名：无法为日志作证。',
  },
  'audit.ok': {
    en: 'Audit log intact: {count} entries, head {head}, {checkpoints} checkpoints matched.',
    'zh-CN': '审计日志完整：{count} 条记录，链头 {head}，{checkpoints} 个检查点一致。',
  },
  'audit.fail.hash-mismatch': {
    en: 'Audit entry {seq} was changed after it was written.',
    'zh-CN': '第 {seq} 条审计记录在写入后被修改。',
  },
  'audit.fail.seq-mismatch': {
    en: 'Audit entry {seq} is missing or moved.',
    'zh-CN': '第 {seq} 条审计记录缺失或被移动。',
  },
  'audit.fail.prev-hash-mismatch': {
    en: 'Audit entry {seq} does not follow the entry before it.',
    'zh-CN': '第 {seq} 条审计记录与上一条不衔接。',
  },
  'audit.fail.malformed-line': {
    en: 'Audit entry {seq} is damaged or cut off (a server still writing? verify a stopped server’s folder or a copy).',
    'zh-CN': '第 {seq} 条审计记录损坏或不完整（服务仍在写入？请校验已停止服务的目录或其副本）。',
  },
  'audit.fail.truncated': {
    en: 'The log ends before entry {seq}, which a checkpoint covers: entries were removed.',
    'zh-CN': '日志在第 {seq} 条之前结束，而检查点覆盖了该条：有记录被删除。',
  },
  'audit.fail.checkpoint-mismatch': {
    en: 'Entries up to {seq} differ from the signed checkpoint: the log was rewritten.',
    'zh-CN': '截至第 {seq} 条的记录与已签名检查点不符：日志被改写。',
  },
  'audit.fail.checkpoint-signature': {
    en: 'The checkpoint at entry {seq} has no valid signature.',
    'zh-CN': '第 {seq} 条处的检查点签名无效。',
  },
} as const;
