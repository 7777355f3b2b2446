import { Alert, App, Button, Card, Col, Form, InputNumber, Row, Space, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  PreviewRequestSchema,
  type Activity,
  type ActivityKind,
  type PreviewRequest,
  type PreviewResponse,
} from '../../../../shared/hours/schemas.js';
import { api } from '../../api/endpoints.js';
import { ActivityForm } from '../../components/activities/activity-form.js';
import { ActivityTable } from './activity-table.js';
import { PreviewResult } from './preview-result.js';
import { problemFromError, problemFromIssues, type Problem } from './problems.js';
import { decodeShareState, encodeShareState, SHARE_PARAM } from './share-link.js';

interface SpanDraft {
  from?: number | null;
  to?: number | null;
}

interface Computed {
  response: PreviewResponse;
  activities: Activity[];
  /** The share key of the input computed, to tell when the list has changed since. */
  key: string;
}

function buildRequest(activities: Activity[], span: SpanDraft): PreviewRequest {
  return span.from != null && span.to != null ? { activities, span: { from: span.from, to: span.to } } : { activities };
}

/** Reads `?q=` once, on load: a shared link's activities, or why the link cannot be used. */
function readSharedLink(q: string | null): { request?: PreviewRequest; problem?: Problem } {
  if (!q) return {};
  const decoded = decodeShareState(q);
  if (decoded.ok) return { request: decoded.request };
  const detail = problemFromIssues('', decoded.issues, decoded.input);
  return { problem: { title: `${decoded.reason}，已清空计算器，请重新填写。`, lines: detail.lines } };
}

/** Why an input cannot be sent (the API's own schema first: nothing the server would refuse is sent), or what to send. */
function checkInput(input: PreviewRequest, spanDraft: SpanDraft): { request: PreviewRequest } | { problem: Problem } {
  if ((spanDraft.from == null) !== (spanDraft.to == null)) {
    return { problem: { title: '核认跨度须同时填写起始年度和结束年度，或都不填', lines: [] } };
  }
  const parsed = PreviewRequestSchema.safeParse(input);
  if (!parsed.success) return { problem: problemFromIssues('输入有误，未提交计算', parsed.error.issues, input) };
  return { request: parsed.data };
}

/**
 * 学时计算器 (public, no login): enter activities, compute each year's hours with the API's engine
 * (POST /v1/hours/preview), and share the result — the input lives in the URL and is recomputed on load.
 */
export function CalculatorPage() {
  const { message } = App.useApp();
  const [searchParams, setSearchParams] = useSearchParams();
  const [shared] = useState(() => readSharedLink(searchParams.get(SHARE_PARAM)));
  const [activities, setActivities] = useState<Activity[]>(shared.request?.activities ?? []);
  const [span, setSpan] = useState<SpanDraft>(shared.request?.span ?? {});
  const [editing, setEditing] = useState<number>();
  const [formKey, setFormKey] = useState(0);
  const [lastKind, setLastKind] = useState<ActivityKind>('training');
  const [linkProblem, setLinkProblem] = useState(shared.problem);
  // A shared link is checked once, on load: its problem shows at once, or it is computing from the start.
  const [firstCheck] = useState(() => (shared.request ? checkInput(shared.request, shared.request.span ?? {}) : undefined));
  const [problem, setProblem] = useState<Problem | undefined>(firstCheck && 'problem' in firstCheck ? firstCheck.problem : undefined);
  const [computed, setComputed] = useState<Computed>();
  const [computing, setComputing] = useState(firstCheck !== undefined && 'request' in firstCheck);
  const latest = useRef(0);

  const request = useMemo(() => buildRequest(activities, span), [activities, span]);
  const shareKey = useMemo(() => (request.activities.length > 0 || request.span ? encodeShareState(request) : ''), [request]);

  // The URL follows the input (replacing history, not adding to it), so the address bar is always a
  // link to what is on screen.
  useEffect(() => {
    if ((searchParams.get(SHARE_PARAM) ?? '') === shareKey) return;
    setSearchParams(shareKey ? { [SHARE_PARAM]: shareKey } : {}, { replace: true });
  }, [shareKey, searchParams, setSearchParams]);

  // Sends a checked request; every state change is in the answer's callbacks (written with then(): the
  // hooks lint reads an async body as synchronous setState), so the load effect below sets none itself.
  const send = useCallback((body: PreviewRequest, typed: Activity[]) => {
    const ticket = ++latest.current;
    return api
      .previewHours(body)
      .then(
        (response) => {
          if (ticket !== latest.current) return;
          setComputed({ response, activities: body.activities, key: encodeShareState(body) });
          setProblem(undefined);
        },
        (err: unknown) => {
          if (ticket !== latest.current) return;
          setProblem(problemFromError(err, typed));
        },
      )
      .finally(() => {
        if (ticket === latest.current) setComputing(false);
      });
  }, []);

  const compute = (input: PreviewRequest, spanDraft: SpanDraft) => {
    const checked = checkInput(input, spanDraft);
    if ('problem' in checked) return setProblem(checked.problem);
    setComputing(true);
    void send(checked.request, input.activities);
  };

  // A shared link shows its result at once. The ref keeps StrictMode's second mount from asking twice.
  const loaded = useRef(false);
  useEffect(() => {
    if (loaded.current) return;
    loaded.current = true;
    if (shared.request && firstCheck && 'request' in firstCheck) void send(firstCheck.request, shared.request.activities);
  }, [send, shared, firstCheck]);

  const save = (activity: Activity) => {
    if (editing === undefined) {
      setActivities((list) => [...list, activity]);
    } else {
      setActivities((list) => list.map((a, i) => (i === editing ? activity : a)));
      setEditing(undefined);
      setFormKey((k) => k + 1);
    }
    setLastKind(activity.kind);
  };

  const edit = (index: number) => {
    setEditing(index);
    setFormKey((k) => k + 1);
  };

  const cancelEdit = () => {
    setEditing(undefined);
    setFormKey((k) => k + 1);
  };

  const remove = (index: number) => {
    setActivities((list) => list.filter((_, i) => i !== index));
    if (editing === index) cancelEdit();
    else if (editing !== undefined && editing > index) setEditing(editing - 1);
  };

  const clear = () => {
    setActivities([]);
    setSpan({});
    setComputed(undefined);
    setProblem(undefined);
    cancelEdit();
  };

  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      message.success('链接已复制：打开它即可看到同样的活动和计算结果');
    } catch {
      message.info('请复制浏览器地址栏中的链接，打开它即可看到同样的活动和计算结果');
    }
  };

  const stale = computed !== undefined && computed.key !== shareKey;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3}>学时计算器</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          按湘人社办函〔2023〕23号附件《继续教育学时核认有关说明》第二部分“学时（分）折算细则”，试算各年度公需科目、专业科目学时。无需登录，数据不保存；
          页面地址包含全部填写内容，复制链接即可分享计算结果。结果仅供参考，以审核认定为准。
        </Typography.Paragraph>
      </div>

      {linkProblem && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setLinkProblem(undefined) }}
          title={linkProblem.title}
          description={<ProblemLines lines={linkProblem.lines} />}
        />
      )}

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <Card title={editing === undefined ? '添加活动' : `修改第${editing + 1}项`}>
            <ActivityForm
              key={formKey}
              initial={editing === undefined ? undefined : activities[editing]}
              defaultKind={lastKind}
              onSubmit={save}
              onCancel={editing === undefined ? undefined : cancelEdit}
            />
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <Card title={`已添加的活动（${activities.length}项）`}>
            <ActivityTable activities={activities} editing={editing} onEdit={edit} onRemove={remove} />
            <Form layout="inline" style={{ marginTop: 16, rowGap: 8 }}>
              <Form.Item label="核认跨度" tooltip="如2023年申报高级职称，核认2018—2022年；留空则只计算活动所在年度">
                <Space>
                  <InputNumber
                    aria-label="起始年度"
                    placeholder="起始年度"
                    min={1900}
                    max={2100}
                    value={span.from ?? null}
                    onChange={(from) => setSpan((s) => ({ ...s, from }))}
                  />
                  至
                  <InputNumber
                    aria-label="结束年度"
                    placeholder="结束年度"
                    min={1900}
                    max={2100}
                    value={span.to ?? null}
                    onChange={(to) => setSpan((s) => ({ ...s, to }))}
                  />
                </Space>
              </Form.Item>
            </Form>
            <Space wrap style={{ marginTop: 16 }}>
              <Button type="primary" loading={computing} disabled={activities.length === 0} onClick={() => void compute(request, span)}>
                计算学时
              </Button>
              <Button disabled={!shareKey} onClick={() => void copyLink()}>
                复制分享链接
              </Button>
              <Button disabled={!shareKey} onClick={clear}>
                清空
              </Button>
            </Space>
          </Card>
        </Col>
      </Row>

      {problem && <Alert type="error" showIcon title={problem.title} description={<ProblemLines lines={problem.lines} />} />}
      {stale && <Alert type="info" showIcon title="活动或跨度已修改，以下是修改前的结果，请点击「计算学时」重新计算" />}
      {computed && <PreviewResult response={computed.response} activities={computed.activities} />}
    </Space>
  );
}

function ProblemLines({ lines }: { lines: string[] }) {
  if (lines.length === 0) return null;
  return (
    <ul style={{ margin: 0, paddingLeft: 20 }}>
      {lines.map((line, i) => (
        <li key={i}>{line}</li>
      ))}
    </ul>
  );
}
