import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VeilRecord } from '@veil/policy';
import { DEFAULT_WORKSPACE_POLICY, parseTemplate, type Template, type WorkspacePolicy } from '@veil/schema';
import { hashPassword } from '../auth/password.js';
import type { Services } from '../services/services.js';

/** The one password of every demo account (documented in the README). */
export const DEMO_PASSWORD = 'veil-demo-2026';

/** The language the demo data is written in: one language throughout, never both mixed. */
export type DemoLocale = 'zh-CN' | 'en';

/** Demo logins and what they show; `name` in English, `nameZh` in Chinese. */
export const DEMO_USERS = [
  {
    login: 'admin',
    name: 'Ada Admin (demo)',
    nameZh: '安管理（演示）',
    roles: ['admin'],
    departmentId: null,
    manages: [],
  },
  {
    login: 'manager',
    name: 'Max Manager (demo)',
    nameZh: '马经理（演示）',
    roles: ['manager'],
    departmentId: 'dept-sales',
    manages: ['dept-sales'],
  },
  {
    login: 'rep-a',
    name: 'Rep A (demo)',
    nameZh: '业务员甲（演示）',
    roles: ['rep'],
    departmentId: 'dept-east',
    manages: [],
  },
  {
    login: 'rep-b',
    name: 'Rep B (demo)',
    nameZh: '业务员乙（演示）',
    roles: ['rep'],
    departmentId: 'dept-east',
    manages: [],
  },
  {
    login: 'rep-c',
    name: 'Rep C (demo)',
    nameZh: '业务员丙（演示）',
    roles: ['rep'],
    departmentId: 'dept-west',
    manages: [],
  },
  {
    login: 'compliance',
    name: 'Cora Compliance (demo)',
    nameZh: '柯合规（演示）',
    roles: ['compliance'],
    departmentId: null,
    manages: [],
  },
  {
    login: 'partner',
    name: 'Pat Partner (demo)',
    nameZh: '潘伙伴（演示）',
    roles: ['partner'],
    departmentId: null,
    manages: [],
  },
] as const;

/** The words of the generated demo data, per language. */
const DEMO_TEXT = {
  'zh-CN': {
    departments: { 'dept-sales': '销售部', 'dept-east': '华东', 'dept-west': '华西' },
    company: (n: string) => `演示客户 ${n} 有限公司`,
    surnames: ['演示', '测试', '样例', '虚构'],
    given: ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛'],
    personName: (surname: string, a: string, b: string) => `${surname}${a}${b}`,
    positions: ['采购经理', '总经理', 'IT 主管', '财务'],
    noteWithPhone: (phone: string) => `演示记录：客户说可以打 ${phone} 联系（虚构号码）。`,
    note: (n: string, k: number) => `演示记录 ${n}-${k}：介绍了方案，约定下次再谈。`,
  },
  en: {
    departments: { 'dept-sales': 'Sales', 'dept-east': 'East', 'dept-west': 'West' },
    company: (n: string) => `Demo Co. ${n} Ltd`,
    surnames: ['Demo', 'Sample', 'Test', 'Fictive'],
    given: ['Alex', 'Blake', 'Casey', 'Drew', 'Emery', 'Finley', 'Gray', 'Harper'],
    personName: (surname: string, a: string, _b: string) => `${a} ${surname}`,
    positions: ['Purchasing manager', 'General manager', 'Head of IT', 'Finance'],
    noteWithPhone: (phone: string) => `Demo note: the customer said to call ${phone} (a made-up number).`,
    note: (n: string, k: number) => `Demo note ${n}-${k}: presented the offer, agreed to talk again.`,
  },
} as const;

export const DEMO_TEMPLATE = 'b2b-follow-up';

/** `templates/` at the repository root (same depth from src/ and dist/). */
function templatesDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'templates');
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function dayOffset(now: Date, days: number): string {
  const d = new Date(now.getTime() + days * 86_400_000 - now.getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 10);
}

const STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'];
const CHANNELS = ['phone', 'visit', 'wechat', 'email'];

/** Options of `seedDemo`. */
export interface SeedDemoOptions {
  /** How many demo customers to create (default 200). */
  customers?: number;
  /** The language of the demo data: names, departments, companies and notes (default zh-CN). */
  locale?: DemoLocale;
}

/** Creates the demo workspace: policy, departments, users, the example templates and demo customers. */
export async function seedDemo(services: Services, options: SeedDemoOptions = {}): Promise<void> {
  const { store } = services;
  const text = DEMO_TEXT[options.locale ?? 'zh-CN'];
  const now = services.now();
  const at = now.toISOString();
  const dir = templatesDir();
  const policyFile = join(dir, 'workspace-policy.json');
  const policy: WorkspacePolicy = existsSync(policyFile)
    ? (JSON.parse(readFileSync(policyFile, 'utf8')) as WorkspacePolicy)
    : DEFAULT_WORKSPACE_POLICY;
  const system = { actor: 'system', target: 'workspace', details: { seed: true } };
  await store.putDoc(
    'workspace',
    { id: 'workspace', policy, updatedAt: at, updatedBy: 'system' },
    { ...system, action: 'workspace.update' },
  );
  for (const department of [
    { id: 'dept-sales', name: text.departments['dept-sales'], parentId: null },
    { id: 'dept-east', name: text.departments['dept-east'], parentId: 'dept-sales' },
    { id: 'dept-west', name: text.departments['dept-west'], parentId: 'dept-sales' },
  ]) {
    await store.putDoc('departments', department, {
      ...system,
      action: 'department.create',
      target: department.id,
    });
  }
  const hash = await hashPassword(DEMO_PASSWORD);
  for (const user of DEMO_USERS) {
    await store.putDoc(
      'users',
      {
        id: `user-${user.login}`,
        login: user.login,
        name: options.locale === 'en' ? user.name : user.nameZh,
        passwordHash: hash,
        passwordSetAt: at,
        roles: [...user.roles],
        departmentId: user.departmentId,
        managedDepartmentIds: [...user.manages],
        active: true,
        createdAt: at,
        updatedAt: at,
      },
      { ...system, action: 'user.create', target: `user-${user.login}` },
    );
  }
  for (const name of existsSync(dir) ? readdirSync(dir).sort() : []) {
    const file = join(dir, name, 'template.json');
    if (!existsSync(file)) continue;
    const template = JSON.parse(readFileSync(file, 'utf8')) as Template;
    const parsed = parseTemplate(template, policy);
    if (parsed.status !== 'ok') {
      services.logger.log({ level: 'warn', event: 'seed', note: `template ${name} does not parse; skipped` });
      continue;
    }
    await store.registerTemplate(parsed.template);
    await store.putDoc(
      'templates',
      {
        id: `${template.id}@${template.version}`,
        templateId: template.id,
        version: template.version,
        template,
        publishedAt: at,
        publishedBy: 'system',
      },
      {
        ...system,
        action: 'template.publish',
        target: template.id,
        details: { version: template.version, seed: true },
      },
    );
  }
  if (!(await store.getDoc('templates', `${DEMO_TEMPLATE}@1`))) return;
  const random = mulberry32(2026);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const owners = [
    'user-rep-a',
    'user-rep-b',
    'user-rep-c',
    'user-rep-a',
    'user-rep-b',
    'user-rep-c',
    'user-manager',
  ];
  const count = options.customers ?? 200;
  for (let i = 1; i <= count; i++) {
    const n = String(i).padStart(3, '0');
    const contacts = Array.from({ length: 1 + Math.floor(random() * 2) }, (_, k) => ({
      _id: `c${i}-${k + 1}`,
      name: text.personName(pick(text.surnames), pick(text.given), pick(text.given)),
      position: pick(text.positions),
      mobile: `1390000${String(i * 10 + k).padStart(4, '0')}`,
      email: `demo${n}-${k + 1}@example.com`,
    }));
    const followUps = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, k) => ({
      _id: `f${i}-${k + 1}`,
      at: dayOffset(now, -10 * (k + 1)),
      channel: pick(CHANNELS),
      notes:
        k === 0 && i % 5 === 0
          ? text.noteWithPhone(`1390000${String(i * 10).padStart(4, '0')}`)
          : text.note(n, k + 1),
    }));
    const due = i % 6 === 0 ? 0 : Math.floor(random() * 30) - 5;
    const data: Record<string, unknown> = {
      ownerId: owners[i % owners.length],
      company: text.company(n),
      contacts,
      dealSize: Math.round(random() * 3_000_000),
      stage: pick(STAGES),
      nextContactAt: dayOffset(now, due),
      lastContactAt: dayOffset(now, -10),
      followUps,
    };
    const record: VeilRecord = {
      id: `demo-${n}`,
      templateId: DEMO_TEMPLATE,
      templateVersion: 1,
      version: 1,
      createdAt: at,
      updatedAt: at,
      data,
    };
    await store.createRecord({
      record,
      audit: { actor: 'system', action: 'record.create', target: record.id, details: { seed: true } },
    });
  }
}
