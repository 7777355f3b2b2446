import type { Principal } from '../auth/principal.js';
import type { Logger } from '../log.js';

/** Hono context variables set by middleware; routes read them, never Lambda types. */
export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
    principal?: Principal;
  };
}
