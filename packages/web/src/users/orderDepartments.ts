import type { Department } from '../api/api.js';

/** A department with its depth in the tree (0 = top level). */
export interface DepartmentNode {
  department: Department;
  depth: number;
}

/**
 * Departments depth first, children after their parent and sorted by name; a department whose
 * parent is unknown (or that sits in a parent cycle) is shown at the top level, never dropped.
 */
export function orderDepartments(departments: readonly Department[], locale = 'zh-CN'): DepartmentNode[] {
  const byId = new Map(departments.map((d) => [d.id, d]));
  const children = new Map<string | null, Department[]>();
  const rootOf = (d: Department): string | null => {
    // A parent chain that loops or leaves the list makes the department a root.
    const seen = new Set<string>([d.id]);
    let parent = d.parentId;
    while (parent !== null) {
      const next = byId.get(parent);
      if (!next || seen.has(parent)) return null;
      seen.add(parent);
      parent = next.parentId;
    }
    return d.parentId;
  };
  for (const d of departments) {
    const parent = rootOf(d);
    const list = children.get(parent) ?? [];
    list.push(d);
    children.set(parent, list);
  }
  const out: DepartmentNode[] = [];
  const walk = (parent: string | null, depth: number) => {
    const list = [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name, locale));
    for (const department of list) {
      out.push({ department, depth });
      walk(department.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
