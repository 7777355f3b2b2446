import type { IdentityAdmin } from '../../ports/identity.js';
import { checkClaims } from './cognito-identity.js';

/**
 * Local mode: the provider of `npm start` keeps only identities (its login page lists them and can
 * add a new one); creating an account creates nothing there, as with an external provider. Its
 * privileged sign-ins carry `amr: ["otp"]` without any real factor, so the rule runs the same code
 * path as in AWS China, and both the login page and the portal say it is simulated.
 */
export function createLocalIdentityAdmin(): IdentityAdmin {
  return {
    kind: 'local',
    async createUser() {},
    async secondFactor(identity) {
      return checkClaims(identity, LOCAL_SECOND_FACTOR, '本地模式：特权角色须以第二因素登录（本地为模拟），请在本地登录页重新选择账号');
    },
  };
}

/** What the local provider puts in `amr` for a (simulated) second factor. */
export const LOCAL_SECOND_FACTOR: { acr: string[]; amr: string[] } = { acr: [], amr: ['otp'] };
