import { z } from 'zod';

// The CSP allows no eval, so zod's compiled fast path can never run in the browser; and
// zod's probe for it (`new Function('')`, when the first object schema is built) is itself
// a CSP violation reported in the console. This module runs before any route's code.
z.config({ jitless: true });
