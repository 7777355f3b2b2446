import { DownloadOutlined } from '@ant-design/icons';
import { Anchor, Button, Card, Col, Row, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import clientSource from '../../../../docs/client/base-client.ts?raw';
import { BASE_API_LIMITS, CompletionRecordSchema } from '../../../../shared/bases.js';
import { saveFile } from '../../app/save-file.js';
import { CodeBlock } from './code-block.js';
import { HTTP_ERRORS, RECORD_ERRORS } from './error-codes.js';

const { Title, Paragraph, Text } = Typography;

/** The schema's own example record: the docs show exactly what the API documents. */
const EXAMPLE_RECORD = CompletionRecordSchema.meta()?.example as Record<string, unknown>;

const FIELDS: { field: string; required: string; rule: ReactNode }[] = [
  { field: 'externalId', required: '是', rule: '基地自己的记录编号，1—128个字符；在本基地内永久唯一' },
  { field: 'idNumber', required: '是', rule: '18位居民身份证号码，按 GB 11643 校验（末位小写 x 亦可）' },
  { field: 'name', required: '是', rule: '与登记姓名一致；比较时忽略空格' },
  {
    field: 'kind',
    required: '是',
    rule: 'training 培训、academic_event 学术会议、practice 研修实践（按天计），或 online_course 网络课程（按学时计）',
  },
  { field: 'courseTitle', required: '是', rule: '课程名称，1—200个字符' },
  { field: 'category', required: '是', rule: 'public（公需科目）或 professional（专业科目）' },
  { field: 'theme', required: '否', rule: '当年规定了公需科目主题的，公需课程填写所属主题' },
  {
    field: 'startDate, endDate',
    required: '是',
    rule: 'YYYY-MM-DD，真实日期，endDate ≥ startDate 且不晚于今天（北京时间）；学时计入 endDate 所在年度',
  },
  {
    field: 'days, halfDays, evenings',
    required: '按天计的类型',
    rule: '0—1000的整数，至少一项大于0；每天10学时、半天4学时、晚上2学时。网络课程不得填写',
  },
  { field: 'hours', required: 'online_course', rule: '大于0，最多一位小数；按天计的类型不得填写' },
  { field: 'assessment', required: '是', rule: 'passed 或 failed；考核未通过的记录会保存，但不计学时' },
  { field: 'certificateNo', required: '否', rule: '基地的结业证书编号，最多100个字符' },
];

const STATUSES: { status: string; meaning: string; recordId: string }[] = [
  {
    status: 'recorded',
    meaning: '已保存。已登记人员的合格记录立即计入学时（该年度已确认的，待单位接收）；不合格记录保存但不计学时',
    recordId: '有',
  },
  {
    status: 'unmatched',
    meaning:
      '已保存，待匹配：本市州尚无该身份证号码的人员，或与登记姓名不一致（两种情况应答相同，不透露号码是否已登记）。人员登记后自动匹配；姓名不一致的由人社部门核实处理',
    recordId: '有',
  },
  { status: 'duplicate', meaning: '该 externalId 此前（或本批前面）已报送，不会重复计入', recordId: '首次记录的' },
  { status: 'rejected', meaning: '未保存，附 error：{code, message, details?}。不占用 externalId，改正后可用同一编号重报', recordId: '无' },
];

const RETRY_RULES: ReactNode[] = [
  <>
    <Text strong>每批一个新的 Idempotency-Key</Text>（建议 UUID），在第一次发送<Text strong>之前</Text>与该批数据一起保存。
  </>,
  <>
    <Text strong>重试时使用相同的键和相同的请求体。</Text>遇网络错误或超时、409、429、500、502、503、504 时重试。JSON
    对象内字段的顺序不影响，其他任何改动都算不同的请求体。
  </>,
  <>
    24小时内相同的键和请求体<Text strong>原样重放首次应答</Text>（应答头 Idempotent-Replayed:
    true）。首次请求中途失败的，重试会把该批完成：首次已保存的记录仍答 recorded/unmatched，而不是 duplicate。
  </>,
  <>
    <Text code>409 idempotency_request_in_progress</Text>：首次请求仍在处理。等待 Retry-After 秒后用同一键重试；中断的请求留下的标记{' '}
    {BASE_API_LIMITS.inFlightSeconds} 秒后失效。
  </>,
  <>
    <Text code>422 idempotency_key_reused</Text>：该键已用于不同的请求体——这是客户端的错误，新内容永远使用新键。
  </>,
  <>
    <Text code>429 rate_limited</Text>：等待 Retry-After 秒（本分钟剩余时间）。
  </>,
  <>其他情况按指数退避加随机抖动重试（1秒、2秒、4秒……最长60秒）。400、401、413、422 不要原样重试。</>,
  <>
    24小时后键被遗忘，再次发送即为新请求，仍然安全：已保存的每条记录都答 duplicate。真正的保证是“(基地, externalId)
    永久唯一”，幂等键只让应答可重复。
  </>,
];

/**
 * 施教机构接口文档 (public, no login): the developers' guide of docs/base-api.md in zh-CN — where and
 * how to post, the record fields, statuses and error codes, the idempotency and retry rules — and the
 * TypeScript client of docs/client, shown from its own source so the two never differ.
 */
export function BaseDocsPage() {
  const origin = window.location.origin;
  const api = `${origin}/v1/`;
  const key = 'xsk_xxxxxxxx_你的密钥';
  const body = JSON.stringify({ records: [EXAMPLE_RECORD] }, null, 2);
  const post = [
    '# 换成人社部门签发给本基地的密钥（每个市州各一个）',
    `KEY=${key}`,
    `curl -sS -X POST ${api}base/completions \\`,
    '  -H "Authorization: Bearer $KEY" \\',
    '  -H "Idempotency-Key: $(uuidgen)" \\',
    '  -H "Content-Type: application/json" \\',
    `  --data '${body}'`,
  ].join('\n');
  const answer = '{"results": [\n  {"externalId": "HN2024-000123", "status": "recorded", "recordId": "6f1c…"}\n]}';
  const list = [
    `curl -sS "${api}base/completions?limit=100" -H "Authorization: Bearer $KEY"`,
    `curl -sS "${api}base/completions?externalId=HN2024-000123" -H "Authorization: Bearer $KEY"`,
    `curl -sS "${api}base/completions?status=unmatched" -H "Authorization: Bearer $KEY"`,
    `curl -sS "${api}base/submissions" -H "Authorization: Bearer $KEY"`,
  ].join('\n');
  const usage = [
    "import { createBaseClient } from './base-client';",
    '',
    `const client = createBaseClient({ baseUrl: '${api}', apiKey: process.env.XUESHI_KEY! });`,
    '// 任意条数，每500条一批依次报送；每批的 Idempotency-Key 由客户端生成并在重试时复用',
    'for await (const batch of client.postAll(records)) {',
    "  for (const r of batch.results) if (r.status === 'rejected') console.warn(r.externalId, r.error);",
    '}',
  ].join('\n');

  return (
    <Row gutter={24}>
      <Col xs={0} lg={5}>
        <Anchor
          offsetTop={16}
          items={[
            { key: 'overview', href: '#overview', title: '接入要点' },
            { key: 'post', href: '#post', title: '报送结业记录' },
            { key: 'fields', href: '#fields', title: '记录字段' },
            { key: 'results', href: '#results', title: '逐条结果' },
            { key: 'read', href: '#read', title: '查询已报送记录' },
            { key: 'retry', href: '#retry', title: '幂等与重试规则' },
            { key: 'errors', href: '#errors', title: '错误码' },
            { key: 'keys', href: '#keys', title: 'API 密钥' },
            { key: 'client', href: '#client', title: 'TypeScript 客户端' },
          ]}
        />
      </Col>
      <Col xs={24} lg={19}>
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <div>
            <Title level={2}>施教机构接口文档</Title>
            <Paragraph type="secondary">
              面向继续教育基地（施教机构）的开发人员：通过接口报送专业技术人员的结业记录，学时直接计入其登记手册。接口契约公开且保持稳定；完整定义见{' '}
              <a href="/v1/docs">在线接口文档</a>（标签 base API）与 <a href="/v1/openapi.json">OpenAPI 文档</a>。
            </Paragraph>
          </div>

          <Card id="overview" title="接入要点">
            <Paragraph>
              每个市州（及省直）各有一套系统。<Text strong>记录报送到人员工作单位所在市州的系统</Text>
              ，每套系统为基地单独签发密钥，一个市州的密钥在其他市州无效。国家级、省级基地须在各市州分别登记，请联系当地人社部门。
            </Paragraph>
            <Table
              size="small"
              pagination={false}
              rowKey="k"
              showHeader={false}
              dataSource={[
                { k: '接口地址', v: <Text code>{api}</Text> },
                { k: '认证', v: <Text code>Authorization: Bearer xsk_&lt;前缀&gt;_&lt;密钥&gt;</Text> },
                {
                  k: '幂等',
                  v: (
                    <>
                      每个 POST 必须带 <Text code>Idempotency-Key</Text>（建议 UUID）
                    </>
                  ),
                },
                { k: '每批条数', v: `最多 ${BASE_API_LIMITS.maxRecordsPerBatch} 条；请求体不超过 2 MB` },
                { k: '频率限制', v: `每个密钥每分钟 ${BASE_API_LIMITS.requestsPerMinute} 次（按自然分钟计，所有 /v1/base/* 请求均计入）` },
                {
                  k: '幂等有效期',
                  v: `每个基地的键保留 ${BASE_API_LIMITS.idempotencyTtlSeconds / 3600} 小时；处理中的请求最多占用该键 ${BASE_API_LIMITS.inFlightSeconds} 秒`,
                },
              ]}
              columns={[{ dataIndex: 'k', width: 140, render: (v: string) => <Text strong>{v}</Text> }, { dataIndex: 'v' }]}
            />
          </Card>

          <Card id="post" title="报送结业记录 POST /v1/base/completions">
            <Space orientation="vertical" style={{ width: '100%' }}>
              <CodeBlock label="报送示例（curl）" code={post} />
              <Paragraph style={{ margin: 0 }}>应答 200，按提交顺序逐条给出结果：</Paragraph>
              <CodeBlock label="应答示例" code={answer} />
            </Space>
          </Card>

          <Card id="fields" title="记录字段">
            <Table
              aria-label="记录字段"
              size="small"
              pagination={false}
              rowKey="field"
              dataSource={FIELDS}
              columns={[
                { title: '字段', dataIndex: 'field', width: 200, render: (v: string) => <Text code>{v}</Text> },
                { title: '必填', dataIndex: 'required', width: 120 },
                { title: '规则', dataIndex: 'rule' },
              ]}
            />
            <Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              不接受未定义的字段（例如拼错的 halfdays 不会被当作0而悄悄忽略）。
            </Paragraph>
          </Card>

          <Card id="results" title="逐条结果">
            <Table
              aria-label="结果状态"
              size="small"
              pagination={false}
              rowKey="status"
              dataSource={STATUSES}
              columns={[
                { title: 'status', dataIndex: 'status', width: 120, render: (v: string) => <Text code>{v}</Text> },
                { title: '含义', dataIndex: 'meaning' },
                { title: 'recordId', dataIndex: 'recordId', width: 110 },
              ]}
            />
            <Paragraph style={{ marginTop: 12 }}>一条记录有误不会导致整批被拒，其余记录照常保存。被拒记录的错误码：</Paragraph>
            <Table
              aria-label="记录错误码"
              size="small"
              pagination={false}
              rowKey="code"
              dataSource={RECORD_ERRORS}
              columns={[
                { title: 'error.code', dataIndex: 'code', width: 200, render: (v: string) => <Text code>{v}</Text> },
                { title: '含义', dataIndex: 'meaning' },
              ]}
            />
          </Card>

          <Card id="read" title="查询已报送记录 GET /v1/base/completions">
            <CodeBlock label="查询示例（curl）" code={list} />
            <Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
              返回 <Text code>{'{"items": [...], "cursor": "…" | null}'}</Text>，最新在前；把 cursor 原样传回取下一页。每项为报送的记录及其
              recordId、status（recorded 或 unmatched）、credited、activityStatus（active，或年度已确认时为
              pending）、postedAt、matchedAt，身份证号码脱敏显示（idNumberMasked）。待匹配的原因不向施教机构显示， 由人社部门核实处理。
              <Text code>GET /v1/base/submissions</Text> 列出每次请求及其逐条结果（含重复与被拒）。
            </Paragraph>
          </Card>

          <Card id="retry" title="幂等与重试规则">
            <Paragraph>按以下规则，无论中途出什么故障，记录都不会丢失，也不会重复计入。</Paragraph>
            <ol style={{ paddingLeft: 20, margin: 0 }}>
              {RETRY_RULES.map((rule, i) => (
                <li key={i} style={{ marginBottom: 8 }}>
                  {rule}
                </li>
              ))}
            </ol>
            <Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              已保存的记录不能通过接口修改。被拒的记录可用同一 externalId
              重报；已保存但有误的记录，请联系人员所在单位或人社部门在系统中撤回（保留理由和审计记录）。
            </Paragraph>
          </Card>

          <Card id="errors" title="错误码">
            <Paragraph>
              所有错误应答均为 <Text code>{'{"error": {"code", "message", "details"?, "requestId"?}}'}</Text>；咨询时请提供 requestId。
            </Paragraph>
            <Table
              aria-label="HTTP 错误码"
              size="small"
              pagination={false}
              rowKey="code"
              dataSource={HTTP_ERRORS}
              columns={[
                {
                  title: 'HTTP',
                  dataIndex: 'status',
                  width: 70,
                  render: (v: number) => <Tag color={v >= 500 ? 'red' : v === 429 || v === 409 ? 'orange' : 'default'}>{v}</Tag>,
                },
                { title: 'code', dataIndex: 'code', width: 260, render: (v: string) => <Text code>{v}</Text> },
                { title: '原因', dataIndex: 'cause' },
                { title: '处理', dataIndex: 'action' },
              ]}
            />
          </Card>

          <Card id="keys" title="API 密钥">
            <Paragraph style={{ margin: 0 }}>
              密钥形如 <Text code>xsk_k3v9q2xa_&lt;40位字母数字&gt;</Text>，xsk_ 后的8个字符是<Text strong>前缀</Text>
              ，人社部门的列表只显示前缀。完整密钥只在签发时显示一次，系统只保存其 SHA-256
              摘要（恒定时间比较）。一个基地可同时持有多个有效密钥，便于轮换：请人社部门签发新密钥，切换客户端后再请其吊销旧密钥。吊销立即生效。密钥不要写入源代码或日志。
            </Paragraph>
          </Card>

          <Card
            id="client"
            title="TypeScript 客户端"
            extra={
              <Button
                icon={<DownloadOutlined />}
                onClick={() => saveFile(new Blob([clientSource], { type: 'text/plain;charset=utf-8' }), 'base-client.ts')}
              >
                下载 base-client.ts
              </Button>
            }
          >
            <Paragraph>
              一个文件、无依赖（Node 20+ 或现代浏览器），按上述规则重试：每次重试使用相同的 Idempotency-Key 和请求体，遵循 409 和 429 的
              Retry-After，网络错误和 5xx 指数退避。复制到项目中即可使用：
            </Paragraph>
            <Space orientation="vertical" style={{ width: '100%' }}>
              <CodeBlock label="客户端用法" code={usage} />
              <details>
                <summary style={{ cursor: 'pointer', marginBottom: 8 }}>查看 base-client.ts 源代码</summary>
                <CodeBlock label="base-client.ts" code={clientSource} />
              </details>
            </Space>
          </Card>
        </Space>
      </Col>
    </Row>
  );
}
