import { maskValue } from '../masks/index.js';
import type { ProjectionStep } from './projectionPlan.js';
import { type ProjectionRun, runItems, runSteps } from './runProjection.js';

/** A plan's top level compiled to one function; `null` when the record needs the general path. */
export type FastProjector = (
  source: Record<string, unknown>,
  prefix: string,
  run: ProjectionRun,
) => Record<string, unknown> | null;

/**
 * Compiles the top level of a plan into a function that builds the projected object as one
 * object literal (one allocation, one hidden class) when every key of the plan is present with
 * the right shape; otherwise it returns `null` before any side effect and the caller runs the
 * general interpreter, which gives the same result. Keys are embedded with `JSON.stringify`;
 * plans with keys that touch `Object.prototype` are not compiled. Where code generation is not
 * allowed (a strict CSP), the interpreter is used.
 */
export function compileFastProjector(steps: readonly ProjectionStep[]): FastProjector | null {
  if (steps.some((step) => step.unsafeKey)) return null;
  const lines: string[] = [];
  steps.forEach((step, i) => {
    const key = JSON.stringify(step.key);
    lines.push(`const v${i} = source[${key}];`);
    switch (step.action) {
      case 'descend-object':
        lines.push(
          `if (v${i} === undefined || (v${i} !== null && (typeof v${i} !== 'object' || Array.isArray(v${i})))) return null;`,
        );
        break;
      case 'descend-array':
        lines.push(`if (v${i} === undefined || (v${i} !== null && !Array.isArray(v${i}))) return null;`);
        break;
      default:
        lines.push(`if (v${i} === undefined) return null;`);
    }
  });
  steps.forEach((step, i) => {
    const at = `S[${i}]`;
    switch (step.action) {
      case 'copy':
        lines.push(`const o${i} = v${i};`);
        break;
      case 'mask':
        lines.push(
          `let o${i} = null; if (v${i} !== null) { run.masked.push(prefix + ${at}.ptr); o${i} = maskValue(${at}.mask, v${i}, run.maskContext); }`,
        );
        break;
      case 'reveal':
        lines.push(
          `let o${i} = v${i}; if (v${i} !== null) { const p = prefix + ${at}.ptr; if (run.revealed === null || !run.revealed.has(p)) { run.masked.push(p); run.revealable.push(p); o${i} = maskValue(${at}.mask, v${i}, run.maskContext); } }`,
        );
        break;
      case 'descend-object':
        lines.push(
          `const o${i} = v${i} === null ? null : runSteps(${at}.children, v${i}, {}, prefix + ${at}.ptr, run);`,
        );
        break;
      case 'descend-array':
        lines.push(`const o${i} = v${i} === null ? null : runItems(${at}, v${i}, prefix, run);`);
        break;
      default: {
        const unreachable: never = step.action;
        throw new Error(`unknown projection step ${String(unreachable)}`);
      }
    }
  });
  lines.push(`return { ${steps.map((step, i) => `${JSON.stringify(step.key)}: o${i}`).join(', ')} };`);
  try {
    const factory = new Function(
      'maskValue',
      'runSteps',
      'runItems',
      'S',
      `return function project(source, prefix, run) {\n${lines.join('\n')}\n};`,
    ) as (...deps: unknown[]) => FastProjector;
    return factory(maskValue, runSteps, runItems, steps);
  } catch {
    return null;
  }
}
