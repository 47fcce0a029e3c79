export { can, capabilitiesOf, holds, type ViewerCapabilities } from './capabilitiesOf.js';
export { type DeleteGuardResult, guardDelete } from './guardDelete.js';
export { leastPrivilegedRole } from './leastPrivilegedRole.js';
