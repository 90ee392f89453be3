/**
 * zod for the browser: the same exports, with its compiled fast path off before any schema
 * exists (`scripts/zod-jitless.ts` resolves the client build's every `import … from 'zod'` here).
 *
 * The CSP allows no eval, so zod's compiled parsers could never run in the browser, and zod's
 * probe for them (`new Function('')`, made when an object schema is built) is itself a CSP
 * violation. Setting it from the app's entry came too late: a module builds its schemas when it
 * is evaluated, and the shared chunks the entry imports are evaluated before its body. A
 * module's imports always run before it, so every module that builds a schema runs after this.
 */
import { config } from 'zod';

config({ jitless: true });

export * from 'zod';
export { z, z as default } from 'zod';
