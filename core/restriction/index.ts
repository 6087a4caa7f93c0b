// What other modules may use: the check that refuses use or disclosure of restricted data (R30).
export { activeRestrictionOn, assertNotRestricted } from './service.ts';
