import type { ProjectionStep } from './projectionPlan.js';
import { maskFoundPii } from './readsInFull.js';
import { type ProjectionRun, runItems, runObject } from './runProjection.js';

/**
 * A plan's top level compiled to one function. It sets fresh `run.masked`/`run.revealable`
 * lists and returns the projected data, or returns `null` (before any side effect) when the
 * record needs the general path.
 */
export type FastProjector = (
  source: Record<string, unknown>,
  run: ProjectionRun,
) => Record<string, unknown> | null;

/**
 * Compiles the top level of a plan into a function that builds the projected object as one
 * object literal (one allocation, one hidden class) when every key of the plan is present with
 * the right shape; otherwise it returns `null` before any side effect and the caller runs the
 * general interpreter, which gives the same result. Keys and pointers are embedded with
 * `JSON.stringify`; each mask step calls its own bound masker (one call site per field, so the
 * engine can inline it). When the top level has no reveal and no nested step, a record whose
 * masked fields all hold a value gets its `masked` list as a constant array literal (V8 shares
 * the elements copy-on-write). Plans with keys that touch `Object.prototype` are not compiled.
 * Where code generation is not allowed (a strict CSP), the interpreter is used.
 */
export function compileFastProjector(steps: readonly ProjectionStep[]): FastProjector | null {
  if (steps.some((step) => step.unsafeKey)) return null;
  const flat = steps.every((step) => step.action === 'copy' || step.action === 'mask');
  const pointer = (i: number) => JSON.stringify(steps[i]!.ptr);
  const head: string[] = [];
  const lines: string[] = [];
  steps.forEach((step, i) => {
    const key = JSON.stringify(step.key);
    if (step.action === 'mask' || step.action === 'reveal') {
      head.push(`const m${i} = S[${i}].masker, p${i} = S[${i}].maskPrimitive;`);
    }
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
  // Strings and numbers go straight to the style's own function; arrays and objects take the general masker.
  const masked = (i: number) => `(typeof v${i} === 'object' ? m${i}(v${i}) : p${i}(v${i}))`;
  const masks = steps.flatMap((step, i) => (step.action === 'mask' ? [i] : []));
  if (flat && masks.length > 0) {
    const present = masks.map((i) => `v${i} !== null`).join(' && ');
    const constant = masks.map(pointer).join(', ');
    const pushes = masks.map((i) => `if (v${i} !== null) masked.push(${pointer(i)});`).join(' ');
    lines.push(
      `if (${present}) run.masked = [${constant}]; else { const masked = []; ${pushes} run.masked = masked; }`,
    );
  } else {
    lines.push('run.masked = [];');
  }
  lines.push('run.revealable = [];');
  steps.forEach((step, i) => {
    switch (step.action) {
      case 'copy':
        lines.push(step.scanned ? `const o${i} = found(v${i});` : `const o${i} = v${i};`);
        break;
      case 'mask':
        lines.push(
          flat
            ? `const o${i} = v${i} === null ? null : ${masked(i)};`
            : `let o${i} = null; if (v${i} !== null) { run.masked.push(${pointer(i)}); o${i} = ${masked(i)}; }`,
        );
        break;
      case 'reveal':
        lines.push(
          `let o${i} = v${i}; if (v${i} !== null) { const p = ${pointer(i)}; if (run.revealed === null || !run.revealed.has(p)) { run.masked.push(p); run.revealable.push(p); o${i} = ${masked(i)}; }${step.scanned ? ` else o${i} = found(v${i});` : ''} }`,
        );
        break;
      case 'descend-object':
        lines.push(`const o${i} = v${i} === null ? null : runObject(S[${i}], v${i}, ${pointer(i)}, run);`);
        break;
      case 'descend-array':
        lines.push(`const o${i} = v${i} === null ? null : runItems(S[${i}], v${i}, '', run);`);
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
      'runObject',
      'runItems',
      'found',
      'S',
      `${head.join('\n')}\nreturn function project(source, run) {\n${lines.join('\n')}\n};`,
    ) as (...deps: unknown[]) => FastProjector;
    return factory(runObject, runItems, maskFoundPii, steps);
  } catch {
    return null;
  }
}
