export {
  checkPolicyChange,
  type PolicyChangeContext,
  type PolicyChangeRefusal,
} from './checkPolicyChange.js';
