/**
 * Local mode only: a standards OpenID provider (panva's certified `oidc-provider`) on the local stack's
 * own loopback port under /oidc, so the site signs in locally exactly as deployed — discovery, JWKS,
 * authorization code + PKCE, refresh tokens, end-session. Its login page lists the local identities
 * (the demo accounts' and any added on the page) so one click signs in. Imported by the local server
 * only: never in the Lambda bundle.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JWK } from 'jose';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { AccountDirectory } from '../ports/accounts.js';
import type { LocalIdentity, LocalUserRepository } from '../adapters/dynamo/local-users.js';
import { LOCAL_SECOND_FACTOR } from '../adapters/identity/local-identity.js';
import { isLoopbackAddress } from './loopback.js';

export const LOCAL_OIDC_PATH = '/oidc';
/** The site's client: public (no secret), code + PKCE only. The same id is the ID token's audience. */
export const LOCAL_CLIENT_ID = 'xueshi-portal';
/** The acr the local provider states for every sign-in: a second factor that is simulated, and says so. */
export const LOCAL_SIMULATED_ACR = 'urn:xueshi:local:simulated-mfa';
/** The site's own paths the provider redirects to. */
export const SITE_CALLBACK_PATH = '/auth/callback';
export const SITE_SIGNED_OUT_PATH = '/signed-out';

export interface LocalOidcOptions {
  /** e.g. http://localhost:3000/oidc */
  issuer: string;
  /** The origins the site is served from (this port on localhost and 127.0.0.1, Vite's dev server). */
  siteOrigins: string[];
  /** The ES256 private key that also signs the dev tokens, so one JWKS verifies both. */
  privateJwk: JWK;
  users: LocalUserRepository;
  accounts: AccountDirectory;
  /** Seconds an ID token (and its access token) lives; the site renews before the end. @default 600 */
  tokenTtlSeconds?: number;
}

export interface LocalOidc {
  issuer: string;
  /** Handles a request under /oidc (loopback clients only). */
  handle(req: IncomingMessage, res: ServerResponse): void;
}

export function createLocalOidc(options: LocalOidcOptions): LocalOidc {
  const ttl = options.tokenTtlSeconds ?? 600;
  const redirects = (path: string) => options.siteOrigins.map((o) => `${o}${path}`);
  const configuration: Configuration = {
    clients: [
      {
        client_id: LOCAL_CLIENT_ID,
        client_name: '学时通',
        token_endpoint_auth_method: 'none',
        application_type: 'web',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: redirects(SITE_CALLBACK_PATH),
        post_logout_redirect_uris: redirects(SITE_SIGNED_OUT_PATH),
        id_token_signed_response_alg: 'ES256',
      },
    ],
    jwks: { keys: [{ ...options.privateJwk, kid: 'local', alg: 'ES256', use: 'sig' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    // Code flow only: no implicit or hybrid response types are offered at all.
    responseTypes: ['code'],
    scopes: ['openid', 'profile', 'phone', 'offline_access'],
    // acr and amr with every ID token (the API's second-factor rule reads them), not only when asked for.
    claims: { openid: ['sub', 'acr', 'amr'], profile: ['name'], phone: ['phone_number', 'phone_number_verified'] },
    // The site sends the ID token to the API (as with Cognito): it carries the profile claims itself.
    conformIdTokenClaims: false,
    acrValues: [LOCAL_SIMULATED_ACR],
    ttl: {
      AccessToken: ttl,
      IdToken: ttl,
      AuthorizationCode: 60,
      RefreshToken: 8 * 3600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
      Interaction: 3600,
    },
    // A first-party public client: refresh tokens (rotated on every use) without asking for offline_access.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: () => true,
    // First-party: no consent screen. The grant covers what the site asks for.
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) {
        const existing = await ctx.oidc.provider.Grant.find(grantId);
        if (existing) return existing;
      }
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid profile phone offline_access');
      await grant.save();
      return grant;
    },
    findAccount: async (_ctx, id) => {
      const identity = await options.users.get(id);
      if (!identity) return undefined;
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          name: identity.name,
          ...(identity.phone ? { phone_number: identity.phone, phone_number_verified: true } : {}),
        }),
      };
    },
    interactions: { url: (_ctx, interaction) => `${LOCAL_OIDC_PATH}/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource },
      revocation: { enabled: true },
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page(
        '登录出错',
        `<p>本地身份提供方无法完成登录：${escapeHtml(String(out.error_description ?? out.error))}</p><p><a href="/">返回学时通</a></p>`,
      );
    },
  };
  const provider = new Provider(options.issuer, configuration);
  // The local stack is plain http on loopback; the provider would otherwise warn on every request.
  provider.proxy = false;
  const callback = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    if (req.method === 'POST' && action === 'login') {
      const form = new URLSearchParams(await readBody(req));
      let accountId = form.get('account') ?? '';
      const newName = form.get('name')?.trim();
      if (newName) {
        // A new identity, as a newcomer has at a real provider before their invitation binds it.
        accountId = `local-${randomUUID().slice(0, 8)}`;
        const phone = form.get('phone')?.trim();
        await options.users.put({ id: accountId, name: newName.slice(0, 50), ...(phone ? { phone: phone.slice(0, 20) } : {}) });
      }
      if (!(await options.users.get(accountId))) {
        res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' }).end(page('登录出错', '<p>身份不存在</p>'));
        return;
      }
      await provider.interactionFinished(
        req,
        res,
        // The second factor is simulated: `otp` in amr is what the API's rule for privileged roles asks for.
        { login: { accountId, acr: LOCAL_SIMULATED_ACR, amr: ['pwd', ...LOCAL_SECOND_FACTOR.amr] } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    if (req.method === 'POST' && action === 'abort') {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: '用户取消登录' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const identities = await options.users.list();
    const rows = await Promise.all(identities.map(async (u) => ({ u, account: await options.accounts.findBySubject(u.id) })));
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(loginPage(uid, rows));
  }

  return {
    issuer: options.issuer,
    handle(req, res) {
      // Like the dev routes: these identities sign in with one click, so only this machine may.
      if (!isLoopbackAddress(req.socket.remoteAddress)) {
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'dev_routes_loopback_only', message: '本地身份提供方只接受本机访问', details: [] } }));
        return;
      }
      const url = req.url ?? '/';
      const match = /^\/oidc\/interaction\/([\w-]+)(?:\/(login|abort))?(?:\?.*)?$/.exec(url);
      if (match) {
        interaction(req, res, match[1]!, match[2]).catch((err: unknown) => {
          if (!res.headersSent) {
            res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
            res.end(
              page(
                '登录已失效',
                `<p>登录页已过期，请返回学时通重新登录。</p><p><a href="/">返回学时通</a></p><!-- ${escapeHtml(String((err as Error).message))} -->`,
              ),
            );
          }
        });
        return;
      }
      // Mounted as connect does: the provider sees its own path and finds its mount in originalUrl.
      (req as IncomingMessage & { originalUrl?: string }).originalUrl = url;
      req.url = url.slice(LOCAL_OIDC_PATH.length) || '/';
      void callback(req, res);
    },
  };
}

const ROLE_LABELS: Record<string, string> = {
  person: '专技人员',
  unit_clerk: '单位经办人',
  unit_reviewer: '单位审核人',
  dept_reviewer: '主管部门审核人',
  hr_officer: '人社部门',
  auditor: '审计（只读）',
};
const PRIVILEGED = new Set(['hr_officer', 'dept_reviewer', 'unit_reviewer']);

function loginPage(uid: string, rows: { u: LocalIdentity; account?: { role: string; status: string } }[]): string {
  const action = `${LOCAL_OIDC_PATH}/interaction/${uid}/login`;
  const items = rows
    .map(({ u, account }) => {
      const role = account ? (ROLE_LABELS[account.role] ?? account.role) : '未绑定账号（首次登录需邀请码）';
      const mfa = account && PRIVILEGED.has(account.role) ? '<span class="mfa">第二因素（模拟）</span>' : '';
      const disabled = account?.status === 'disabled' ? '<span class="off">已停用</span>' : '';
      return `<li><form method="post" action="${action}"><input type="hidden" name="account" value="${escapeHtml(u.id)}">
        <button type="submit" aria-label="以 ${escapeHtml(u.name)} 登录"><strong>${escapeHtml(u.name)}</strong>
        <span class="id">身份 ${escapeHtml(u.id)}</span><span class="role">${escapeHtml(role)}</span>${mfa}${disabled}</button></form></li>`;
    })
    .join('');
  return page(
    '学时通 · 本地登录',
    `<h1>学时通 · 本地身份提供方</h1>
    <p class="note">这是 <code>npm start</code> 自带的 OpenID Connect 身份提供方（仅本机可访问），与正式环境的统一身份认证平台或 Cognito 走同样的授权码 + PKCE 流程。点击身份即可登录。</p>
    <p class="note" role="note"><strong>第二因素：</strong>人社部门、主管部门审核人和单位审核人在正式环境须以第二因素登录（Cognito 动态口令 TOTP，或统一身份认证平台要求的认证等级 acr/amr）。本地模式不验证真实的第二因素：以这些角色登录时按“已通过第二因素（模拟）”签发凭证。</p>
    <ul class="ids">${items}</ul>
    <details><summary>以新身份登录（模拟首次登录，随后输入管理员发放的邀请码）</summary>
      <form method="post" action="${action}" class="new">
        <label>姓名 <input name="name" required maxlength="50" aria-label="新身份姓名"></label>
        <label>手机号（可选） <input name="phone" maxlength="20" aria-label="新身份手机号"></label>
        <button type="submit">以新身份登录</button>
      </form>
    </details>
    <form method="post" action="${LOCAL_OIDC_PATH}/interaction/${uid}/abort"><button type="submit" class="link">取消登录</button></form>`,
  );
}

/** The end-session confirmation, submitted at once: signing out of the site ends the provider's session too. */
async function logoutSource(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  ctx.type = 'html';
  ctx.body = page(
    '正在退出',
    `${form}<input type="hidden" form="op.logoutForm" name="logout" value="yes"><p>正在退出本地身份提供方…</p>
    <noscript><button type="submit" form="op.logoutForm">退出</button></noscript>
    <script>document.getElementById('op.logoutForm').submit()</script>`,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>
body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:640px;margin:32px auto;padding:0 16px;color:#222}
h1{font-size:22px;color:#b71c1c}.note{color:#555;font-size:14px;line-height:1.6}.ids{list-style:none;padding:0}
.ids button{display:flex;gap:12px;align-items:center;flex-wrap:wrap;width:100%;text-align:left;padding:10px 12px;margin:6px 0;border:1px solid #ddd;border-radius:6px;background:#fff;cursor:pointer;font-size:15px}
.ids button:hover{border-color:#b71c1c}.id{color:#888;font-size:13px}.role{margin-left:auto;color:#b71c1c;font-size:13px}
.mfa{font-size:12px;color:#8a6d00;background:#fff7d6;border-radius:4px;padding:1px 6px}.off{font-size:12px;color:#fff;background:#999;border-radius:4px;padding:1px 6px}
.new{display:flex;flex-direction:column;gap:8px;margin:12px 0}.link{background:none;border:0;color:#555;text-decoration:underline;cursor:pointer;margin-top:16px}
</style></head><body>${body}</body></html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 16_384) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
