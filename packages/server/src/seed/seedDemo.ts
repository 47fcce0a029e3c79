import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VeilRecord } from '@veil/policy';
import { DEFAULT_WORKSPACE_POLICY, parseTemplate, type Template, type WorkspacePolicy } from '@veil/schema';
import { hashPassword } from '../auth/password.js';
import type { Services } from '../services/services.js';

/** The one password of every demo account (documented in the README). */
export const DEMO_PASSWORD = 'veil-demo-2026';

/** Demo logins and what they show. */
export const DEMO_USERS = [
  { login: 'admin', name: 'Ada Admin (demo)', roles: ['admin'], departmentId: null, manages: [] },
  {
    login: 'manager',
    name: 'Max Manager (demo)',
    roles: ['manager'],
    departmentId: 'dept-sales',
    manages: ['dept-sales'],
  },
  { login: 'rep-a', name: 'Rep A (demo)', roles: ['rep'], departmentId: 'dept-east', manages: [] },
  { login: 'rep-b', name: 'Rep B (demo)', roles: ['rep'], departmentId: 'dept-east', manages: [] },
  { login: 'rep-c', name: 'Rep C (demo)', roles: ['rep'], departmentId: 'dept-west', manages: [] },
  {
    login: 'compliance',
    name: 'Cora Compliance (demo)',
    roles: ['compliance'],
    departmentId: null,
    manages: [],
  },
  { login: 'partner', name: 'Pat Partner (demo)', roles: ['partner'], departmentId: null, manages: [] },
] as const;

export const DEMO_TEMPLATE = 'b2b-follow-up';

/** `templates/` at the repository root (same depth from src/ and dist/). */
export function templatesDir(): string {
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

const SURNAMES = ['演示', '测试', '样例', '虚构'];
const GIVEN = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛'];
const STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'];
const CHANNELS = ['phone', 'visit', 'wechat', 'email'];

/** Creates the demo workspace: policy, departments, users, the example templates and demo customers. */
export async function seedDemo(services: Services, options: { customers?: number } = {}): Promise<void> {
  const { store } = services;
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
    { id: 'dept-sales', name: 'Sales 销售部', parentId: null },
    { id: 'dept-east', name: 'East 华东', parentId: 'dept-sales' },
    { id: 'dept-west', name: 'West 华西', parentId: 'dept-sales' },
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
        name: user.name,
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
      name: `${pick(SURNAMES)}${pick(GIVEN)}${pick(GIVEN)}`,
      position: pick(['采购经理', '总经理', 'IT 主管', '财务']),
      mobile: `1390000${String(i * 10 + k).padStart(4, '0')}`,
      email: `demo${n}-${k + 1}@example.com`,
    }));
    const followUps = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, k) => ({
      _id: `f${i}-${k + 1}`,
      at: dayOffset(now, -10 * (k + 1)),
      channel: pick(CHANNELS),
      notes:
        k === 0 && i % 5 === 0
          ? `演示记录：客户说可以打 1390000${String(i * 10).padStart(4, '0')} 联系（虚构号码）。`
          : `演示记录 ${n}-${k + 1}：介绍了方案，约定下次再谈。`,
    }));
    const due = i % 6 === 0 ? 0 : Math.floor(random() * 30) - 5;
    const data: Record<string, unknown> = {
      ownerId: owners[i % owners.length],
      company: `演示客户 ${n} 有限公司 (Demo Co. ${n})`,
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
