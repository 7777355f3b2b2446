import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, List, Result, Skeleton, Space, Steps, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Application } from '../../../../shared/applications.js';
import { ApiError } from '../../api/client.js';
import { api, certificationApi } from '../../api/endpoints.js';
import { useResource } from '../../api/use-resource.js';
import { useErrorHandler } from '../../app/errors.js';
import { useSession } from '../../app/session.js';
import { HistoryTimeline } from './history-timeline.js';
import { ReasonDialog } from '../../components/reason-dialog.js';
import {
  KIND_COLORS,
  KIND_LABELS,
  STATE_COLORS,
  TITLE_LEVEL_APPLIED_LABELS,
  availableActions,
  routeLabel,
  routeProgress,
  stateLabel,
  type ActionSpec,
} from '../../components/workflow-view.js';
import { YearFindings } from '../../components/year-findings.js';
import { YearsTable } from './years-table.js';

const OBJECTION_STATUS = { open: '待处理', upheld: '成立', dismissed: '不成立' } as const;

/**
 * 核认申请详情 (`/applications/:id`): where the application stands on its route, the span and its
 * years as submitted, the buttons the signed-in role may press in this state (shared `nextState`),
 * objections lodged against it, and its 办理轨迹.
 */
export function ApplicationPage() {
  const { id = '' } = useParams();
  const { principal } = useSession();
  const { message, modal } = App.useApp();
  const onError = useErrorHandler();
  const navigate = useNavigate();
  const [asking, setAsking] = useState<ActionSpec>();
  const [busy, setBusy] = useState<string>();

  const detail = useResource(id, () => certificationApi.application(id));
  const app = detail.data?.application;
  const orgs = useResource(principal && principal.role !== 'person' ? 'organisations' : undefined, () => api.organisations());
  const objections = useResource(app?.noticeId && principal?.role !== 'person' ? app.noticeId : undefined, () =>
    certificationApi.objections(app!.noticeId!),
  );

  if (detail.error) {
    const notFound = detail.error instanceof ApiError && detail.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? '申请不存在或不在管辖范围内' : '加载失败'}
        extra={<Link to="/applications">返回核认申请</Link>}
      />
    );
  }
  if (!app || !principal) return <Skeleton active />;

  const unitName = orgs.data?.items.find((o) => o.id === app.unitId)?.name ?? app.unitId;
  const { steps, current, status } = routeProgress(app, detail.data?.history ?? []);
  const actions = availableActions(app, principal.role);
  const mine = (objections.data?.items ?? []).filter((o) => o.applicationId === app.id);

  const run = async (key: ActionSpec['key'], reason?: string): Promise<Application | undefined> => {
    switch (key) {
      case 'submit':
        return certificationApi.submit(app.id, app.version);
      case 'approve':
        return certificationApi.review(app.id, app.version, 'approve', reason);
      case 'return':
        return certificationApi.review(app.id, app.version, 'return', reason);
      case 'uphold':
        return certificationApi.resolveObjection(app.id, app.version, 'uphold', reason!);
      case 'dismiss':
        return certificationApi.resolveObjection(app.id, app.version, 'dismiss', reason!);
      case 'withdraw':
        return certificationApi.withdraw(app.id, app.version, reason!);
      case 'file':
        return certificationApi.file(app.id, app.version, reason);
      case 'issue': {
        const certificate = await certificationApi.issueCertificate(app.id, app.version, reason);
        message.success(`已出具${KIND_LABELS[certificate.kind]} ${certificate.number}`);
        navigate(`/certificates/${encodeURIComponent(certificate.number)}`);
        return undefined;
      }
      case 'publish':
        navigate(`/unit-notices?select=${encodeURIComponent(app.id)}`);
        return undefined;
    }
  };

  /** One step; a stale version (409) reloads, so the screen shows what the other person did. */
  const perform = async (spec: ActionSpec, reason?: string) => {
    setBusy(spec.key);
    try {
      const next = await run(spec.key, reason);
      if (next) message.success(`${spec.label}：现为「${stateLabel(next.state)}」`);
      setAsking(undefined);
      detail.reload();
      objections.reload();
    } catch (err) {
      onError(err);
      if (err instanceof ApiError && err.status === 409) detail.reload();
      throw err;
    } finally {
      setBusy(undefined);
    }
  };

  const press = (spec: ActionSpec) => {
    if (spec.reason) return setAsking(spec);
    if (spec.key === 'issue' || spec.key === 'file') {
      modal.confirm({
        title: spec.key === 'issue' ? spec.label : '备案受理',
        content:
          spec.key === 'issue'
            ? `将为 ${app.personName} ${spec.label}，编号按年度连续分配，出具后只能撤销不能删除。`
            : `确认受理 ${app.personName} 的核认申请备案？`,
        okText: '确定',
        onOk: () => perform(spec).catch(() => undefined),
      });
      return;
    }
    void perform(spec).catch(() => undefined);
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Link to="/applications">
          <ArrowLeftOutlined /> 核认申请
        </Link>
      </Space>
      <Space wrap align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {app.personName} · {app.applicationYear}年申报{TITLE_LEVEL_APPLIED_LABELS[app.titleLevel]}职称学时核认
        </Typography.Title>
        <Tag color={KIND_COLORS[app.kind]} data-testid="application-kind">
          {KIND_LABELS[app.kind]}
        </Tag>
        <Tag color={STATE_COLORS[app.state]} data-testid="application-state">
          {stateLabel(app.state, app.kind)}
        </Tag>
      </Space>

      <Card>
        <Steps
          aria-label="办理流程"
          current={current}
          status={status}
          items={steps.map((s, i) => ({
            title: s.title,
            content: i === current && app.state !== 'certified' ? stateLabel(app.state, app.kind) : undefined,
          }))}
        />
      </Card>

      {app.lastReason && (app.state === 'draft' || app.state === 'withdrawn' || app.state === 'objection') && (
        <Alert type={app.state === 'objection' ? 'error' : 'warning'} showIcon title="最近一次意见" description={app.lastReason} />
      )}

      <YearFindings app={app} />

      {actions.length > 0 && (
        <Card title="办理" size="small">
          <Space wrap>
            {actions.map((a) => (
              <Button
                key={a.key}
                type={a.tone === 'primary' ? 'primary' : 'default'}
                danger={a.tone === 'danger'}
                loading={busy === a.key}
                disabled={busy !== undefined && busy !== a.key}
                onClick={() => press(a)}
              >
                {a.label}
              </Button>
            ))}
          </Space>
        </Card>
      )}

      <Card title="申请信息">
        <Descriptions
          column={{ xs: 1, md: 2 }}
          items={[
            {
              key: 'person',
              label: '申报人',
              children:
                principal.role === 'person' ? (
                  app.personName
                ) : (
                  <Link to={`/people/${encodeURIComponent(app.personId)}`}>{app.personName}</Link>
                ),
            },
            { key: 'unit', label: '单位', children: unitName },
            { key: 'year', label: '申报年度', children: `${app.applicationYear}年` },
            { key: 'level', label: '申报级别', children: TITLE_LEVEL_APPLIED_LABELS[app.titleLevel] },
            { key: 'kind', label: '出具证明', children: KIND_LABELS[app.kind] },
            {
              key: 'span',
              label: '核认年度',
              children: <span data-testid="application-span">{app.span ? `${app.span.from}—${app.span.to}年` : '无需核认年度'}</span>,
            },
            { key: 'note', label: '年度说明', children: app.spanNote || '—' },
            {
              key: 'covered',
              label: '已由证明覆盖',
              children: app.coveredYears.length ? app.coveredYears.map((c) => `${c.year}年（${c.certificateNumber}）`).join('、') : '无',
            },
            {
              key: 'route',
              label: '办理路径',
              children: routeLabel(app),
            },
            ...(app.noticeId
              ? [{ key: 'notice', label: '公示', children: <Link to={`/notices/${encodeURIComponent(app.noticeId)}`}>查看公示</Link> }]
              : []),
            ...(app.batchId
              ? [
                  {
                    key: 'batch',
                    label: '报送批次',
                    children: <Link to={`/batches/${encodeURIComponent(app.batchId)}/summary`}>汇总人员名单</Link>,
                  },
                ]
              : []),
            ...(app.certificateNumber
              ? [
                  {
                    key: 'certificate',
                    label: KIND_LABELS[app.kind],
                    children: <Link to={`/certificates/${encodeURIComponent(app.certificateNumber)}`}>{app.certificateNumber}</Link>,
                  },
                ]
              : []),
            { key: 'updated', label: '最近更新', children: dayjs(app.updatedAt).format('YYYY-MM-DD HH:mm') },
          ]}
        />
      </Card>

      <Card title="各年度学时" extra={<Typography.Text type="secondary">提交审核时从登记手册取数</Typography.Text>}>
        {app.years.length ? <YearsTable years={app.years} /> : <Empty description="无需核认的年度" />}
      </Card>

      {mine.length > 0 && (
        <Card title="公示异议">
          <List
            aria-label="公示异议"
            dataSource={mine}
            renderItem={(o) => (
              <List.Item extra={<Tag color={o.status === 'open' ? 'error' : 'default'}>{OBJECTION_STATUS[o.status]}</Tag>}>
                <List.Item.Meta
                  title={`${o.receiptNo ? `受理编号 ${o.receiptNo} · ` : ''}${o.name || '匿名'} · ${o.contact} · ${dayjs(o.createdAt).format('YYYY-MM-DD HH:mm')}`}
                  description={
                    <>
                      <div>{o.text}</div>
                      {o.resolution && <Typography.Text type="secondary">处理意见：{o.resolution}</Typography.Text>}
                    </>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      )}

      <Card title="办理轨迹">
        <HistoryTimeline events={detail.data?.history ?? []} kind={app.kind} />
      </Card>

      <ReasonDialog
        open={asking !== undefined}
        title={asking?.reason?.title ?? ''}
        placeholder={asking?.reason?.placeholder}
        okText={asking?.label}
        danger={asking?.tone === 'danger'}
        onSubmit={(reason) => perform(asking!, reason)}
        onClose={() => setAsking(undefined)}
      />
    </Space>
  );
}
