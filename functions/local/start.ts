/**
 * `npm start`: the whole system on one port, with DynamoDB Local and an S3 server, demo data and accounts.
 * Ports: PORT (default 3000). Listen address: HOST (default 127.0.0.1, this machine only).
 * Data: XUESHI_DATA_DIR (default .data/), kept across restarts.
 */
import { CERTIFICATE_KIND_LABELS } from '../../shared/workflow.js';
import { DEMO_BASE_KEY, DEMO_PEOPLE, DEMO_USERS } from './demo-data.js';
import { JavaMissingError } from './dynamodb-local.js';
import { DEFAULT_HOST, isLoopbackHost } from './loopback.js';
import { DEMO_PROVINCE_BASE_KEY, startLocalProvinceStack, type LocalProvinceStack } from './province-server.js';
import { startLocalStack } from './server.js';

// Node 20 is supported here (Lambda runs 22); the SDK's notice about its future Node 22 floor is noise locally.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST || DEFAULT_HOST;
const dataDir = process.env.XUESHI_DATA_DIR ?? '.data';

try {
  const stack = await startLocalStack({ port, host, dataDir });
  // The province intake and a second tenant (issue 17); XUESHI_PROVINCE=0 leaves them out.
  let province: LocalProvinceStack | undefined;
  if (process.env.XUESHI_PROVINCE !== '0') {
    const provincePort = Number(process.env.PROVINCE_PORT ?? stack.port + 1);
    // Loopback whatever HOST says: HOST exposes the city's API and site for a demo on the network;
    // the province intake with its demo base key stays on this machine.
    province = await startLocalProvinceStack({ cityDeps: stack.deps, dynamoDbEndpoint: stack.dynamoDbEndpoint, port: provincePort });
  }
  const roleLabels: Record<string, string> = {
    person: '专技人员',
    unit_clerk: '单位经办人',
    unit_reviewer: '单位审核人',
    dept_reviewer: '主管部门审核人',
    hr_officer: '人社部门',
    auditor: '审计（只读）',
  };
  // The demo's issued certificates (学时认定单 and 合格证明), so a newcomer can open their public
  // verification pages at once.
  const certificates = (await Promise.all(DEMO_PEOPLE.map((p) => stack.deps.certification.listPersonCertificates(p.id)))).flat();
  const certificateLines = certificates.map(
    (c) =>
      `  Issued certificate:         ${c.number}  ${CERTIFICATE_KIND_LABELS[c.kind].padEnd(5, '　')}  →  ${stack.url}/verify/${c.number}?code=${c.verificationCode}`,
  );
  const lines = [
    '',
    '学时通 (xueshi) is running — local mode, demo tenant 430100 长沙市',
    '',
    `  Site (管理端)     ${stack.url}/   (signs in through the local OpenID provider)`,
    `  OpenID provider   ${stack.oidcIssuer}   (discovery: ${stack.oidcIssuer}/.well-known/openid-configuration)`,
    `  Calculator        ${stack.url}/calculator`,
    `  API health        ${stack.url}/v1/health`,
    `  OpenAPI           ${stack.url}/v1/openapi.json`,
    `  API docs          ${stack.url}/v1/docs`,
    `  DynamoDB Local    ${stack.dynamoDbEndpoint}   (table xueshi-local)`,
    `  S3 server         ${stack.s3Endpoint}   (bucket xueshi-local-evidence)`,
    `  Data              ${dataDir}${stack.seeded ? '  (demo data seeded now)' : '  (existing data kept)'}`,
    '',
    '  Demo accounts (one click on the provider\'s login page; API tests: POST /v1/dev/token {"user": "<id>"}):',
    ...DEMO_USERS.map((u) => `    ${u.id.padEnd(20)} ${u.role.padEnd(14)} ${u.name}`),
    '',
    `  Demo training-base API key: ${DEMO_BASE_KEY}`,
    ...certificateLines,
    ...(province
      ? [
          '',
          `  Province intake (省级统一报送)  ${province.url}/v1/base/completions   (routes to 430100 and 430200 株洲市; XUESHI_PROVINCE=0 turns it off)`,
          `  Province base API key:        ${DEMO_PROVINCE_BASE_KEY}`,
          `  Province register (hr-officer token): ${province.url}/v1/province/bases`,
        ]
      : []),
    '',
    `  Time travel (demo clock): curl -X POST ${stack.url}/v1/dev/clock -H 'content-type: application/json' -d '{"advanceDays": 7}'`,
    `                            ('{"reset": true}' for real time; GET shows the demo date)`,
    '',
    'Press Ctrl-C to stop.',
    '',
  ];
  console.log(lines.join('\n'));
  if (!isLoopbackHost(host)) {
    // Demo accounts, a demo base key and fixed local keys: nothing here is fit for a shared network.
    console.warn(
      [
        `WARNING: HOST=${host} exposes the API and the site on port ${stack.port} to the network, with demo`,
        '  accounts and a published demo base key. DynamoDB Local and the S3 server stay on 127.0.0.1, and the',
        '  dev routes (/v1/dev/*, which mint tokens) and the local OpenID provider (/oidc) still answer only this',
        '  machine, so other machines get the public pages but cannot sign in. Use it on a trusted network only.',
        '',
      ].join('\n'),
    );
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await province?.stop();
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
} catch (err) {
  if (err instanceof JavaMissingError) {
    console.error(`\n${err.message}\n`);
  } else {
    console.error(err);
  }
  process.exit(1);
}
