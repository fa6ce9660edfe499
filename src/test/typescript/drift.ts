// parley-client.d.ts against parley-client.js itself: TypeScript infers the module's shape from its JavaScript
// (allowJs; members tagged @private there are internal), and each check below stops compiling on a drift: a
// method or export added, renamed or removed on one side only.
import * as implemented from './implementation/parley-client.js';
import * as declared from 'parley-client';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** The names of T's members that are functions (members whose type TypeScript could not infer are left out). */
type Methods<T> = {
  [K in keyof T]: 0 extends 1 & T[K] ? never : T[K] extends (...args: never[]) => unknown ? K : never;
}[keyof T];

/** The module exports what its declarations say, no more, no less. */
export const sameExports: Same<keyof typeof implemented, keyof typeof declared> = true;
/** ParleyClient's public methods are the declared ones, both ways. */
export const sameClientMethods: Same<Methods<implemented.ParleyClient>, Methods<declared.ParleyClient>> = true;
/** Every declared member of ParleyClient (the methods, and user, state, unacknowledged) exists. */
export const declaredClientMembersExist: Same<
  Exclude<keyof declared.ParleyClient, keyof implemented.ParleyClient>,
  never
> = true;
/** The other exported class has the declared methods, both ways. */
export const sameCursorMethods: Same<Methods<implemented.Cursor>, Methods<declared.Cursor>> = true;
