import type { Principal } from '@veil/policy';
import type { UserDoc } from '@veil/store';
import type { Services } from '../services/services.js';

/** Who acts on an export: the signed-in user, their principal and locale. */
export interface ExportActor {
  services: Services;
  userId: string;
  principal: Principal;
  locale: 'zh-CN' | 'en';
}

/** The principal of a stored user, as a session would carry it. */
export function principalOfUser(user: UserDoc): Principal {
  return {
    id: user.id,
    roles: [...user.roles],
    departmentId: user.departmentId,
    managedDepartmentIds: [...user.managedDepartmentIds],
    name: user.name,
  };
}
