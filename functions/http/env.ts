import type { Identity, Principal } from '../auth/principal.js';
import type { Logger } from '../log.js';
import type { BaseCaller } from '../use-cases/bases.js';

/** Hono context variables set by middleware; routes read them, never Lambda types. */
export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
    principal?: Principal;
    /** The verified token's identity, also when it has no account here (yet). */
    identity?: Identity;
    /** Set on /v1/base/* by the API-key middleware: the calling training base. */
    base?: BaseCaller;
  };
}
