import { Alert, App, Button, Card, Empty, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Application, Batch } from '../../../../shared/applications.js';
import { hasNotice, readyAfterUnit } from '../../../../shared/workflow.js';
import { ApiError, describeError } from '../../api/client.js';
import { certificationApi } from '../../api/endpoints.js';
import { useResource } from '../../api/use-resource.js';
import { useErrorHandler } from '../../app/errors.js';
import { useSession } from '../../app/session.js';
import { ExceptionReasonsDialog, needingReasons } from '../../components/exception-reasons-dialog.js';
import { ReasonDialog } from '../../components/reason-dialog.js';
import { FlagTag } from '../../components/year-findings.js';
import { appliedLabel } from '../../components/workflow-view.js';
import { BatchTable } from './batch-table.js';
import { DepartmentBatchCard } from './department-batch-card.js';
import { FilingExceptionCard } from './filing-exception-card.js';

/**
 * Applications whose route has no department (中央驻湘单位, HR agencies, units straight under the hr
 * office): the hr office files each one itself once its notice has passed.
 */
function DirectFilingCard({ onFiled, onRefused }: { onFiled: () => void; onRefused: (message: string) => void }) {
  const { modal, message } = App.useApp();
  const onError = useErrorHandler();
  // After the notice; or, on a mid-level route without a notice (tenant policy), after the unit's approval.
  const passed = useResource(
    'ready_for_filing',
    async () => {
      const [afterNotice, afterUnit] = await Promise.all([
        certificationApi.applications({ state: 'notice_passed', limit: 200 }),
        certificationApi.applications({ state: 'unit_approved', limit: 200 }),
      ]);
      return { items: [...afterNotice.items, ...afterUnit.items] };
    },
    onError,
  );
  const rows = useMemo(
    () => (passed.data?.items ?? []).filter((a) => !a.route.department && a.state === readyAfterUnit(a.route)),
    [passed.data],
  );

  const [asking, setAsking] = useState<Application>();
  const fileNow = async (a: Application, reason?: string) => {
    try {
      await certificationApi.file(a.id, a.version, reason);
      message.success(`${a.personName} 已备案`);
      setAsking(undefined);
      onFiled();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'outside_filing_window') onRefused(err.message);
      else onError(err);
      throw err;
    } finally {
      passed.reload();
    }
  };
  const file = (a: Application) =>
    // A short year or incomplete evidence: the reason first (issue 14), which the server also requires.
    needingReasons([a]).length
      ? setAsking(a)
      : modal.confirm({
          title: `备案受理 ${a.personName} 的申请`,
          content: hasNotice(a.route)
            ? '该申请无主管部门复审环节，公示期满后由人社部门直接备案。'
            : '该申请无主管部门复审和公示环节，单位初审后由人社部门直接备案。',
          okText: '备案受理',
          onOk: () => fileNow(a).catch(() => undefined),
        });

  return (
    <Card title="待人社部门直接备案（无主管部门）">
      <Table<Application>
        aria-label="无主管部门待备案"
        rowKey="id"
        size="small"
        loading={passed.loading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <Empty description="没有待备案的申请" /> }}
        columns={[
          { title: '申报人', render: (_, a) => <Link to={`/applications/${encodeURIComponent(a.id)}`}>{a.personName}</Link> },
          { title: '申报', render: (_, a) => appliedLabel(a) },
          { title: '核认年度', render: (_, a) => (a.span ? `${a.span.from}—${a.span.to}` : '—') },
          { title: '达标情况', render: (_, a) => <FlagTag app={a} /> },
          {
            title: '操作',
            render: (_, a) => (
              <Button size="small" onClick={() => file(a)}>
                备案受理
              </Button>
            ),
          },
        ]}
      />
      <ExceptionReasonsDialog
        open={!!asking}
        title="备案受理：须说明继续办理的理由"
        okText="备案受理"
        apps={asking ? [asking] : []}
        onSubmit={(reasons) => fileNow(asking!, reasons[asking!.id])}
        onClose={() => setAsking(undefined)}
      />
    </Card>
  );
}

/**
 * 报送与备案 (`/batches`): a department submits its re-reviewed applications as a sealed batch; the hr
 * office accepts batches inside the filing window (or an exception it opens), files the applications
 * that have no department, and everyone concerned opens each batch's 汇总人员名单.
 */
export function BatchesPage() {
  const { principal } = useSession();
  const { modal, message } = App.useApp();
  const onError = useErrorHandler();
  const navigate = useNavigate();
  const [refusal, setRefusal] = useState<string>();
  const [accepting, setAccepting] = useState<string>();
  const submitted = useResource(principal ? 'batches|submitted' : undefined, () => certificationApi.batches('submitted'), onError);
  const accepted = useResource(principal ? 'batches|accepted' : undefined, () => certificationApi.batches('accepted'), onError);
  const cancelled = useResource(principal ? 'batches|cancelled' : undefined, () => certificationApi.batches('cancelled'), onError);
  const [cancelling, setCancelling] = useState<Batch>();
  const role = principal?.role;
  const inBatches = useMemo(() => new Set((submitted.data?.items ?? []).flatMap((b) => b.applicationIds)), [submitted.data]);

  const [askingBatch, setAskingBatch] = useState<{ batch: Batch; apps: Application[] }>();
  const acceptNow = async (b: Batch, reasons?: Record<string, string>) => {
    setAccepting(b.id);
    try {
      await certificationApi.acceptBatch(b.id, reasons);
      setRefusal(undefined);
      setAskingBatch(undefined);
      message.success(`已受理 ${b.departmentName} 的批次（${b.applicationIds.length}人）`);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'outside_filing_window') setRefusal(err.message);
      else onError(err);
      throw err;
    } finally {
      setAccepting(undefined);
      submitted.reload();
      accepted.reload();
    }
  };
  const accept = async (b: Batch) => {
    // The batch's applications as they stand: those with a short year or incomplete evidence need a reason each.
    let apps: Application[];
    try {
      apps = (await Promise.all(b.applicationIds.map((id) => certificationApi.application(id)))).map((d) => d.application);
    } catch (err) {
      onError(err);
      return;
    }
    if (needingReasons(apps).length) return setAskingBatch({ batch: b, apps: needingReasons(apps) });
    modal.confirm({
      title: `受理 ${b.departmentName} 报送的批次`,
      content: `共 ${b.applicationIds.length} 人，受理后全部转为“已备案”，可出具学时认定单。`,
      okText: '受理',
      onOk: () => acceptNow(b).catch(() => undefined),
    });
  };

  // The department takes back a batch the hr office has not accepted; its applications can be sent again.
  const cancel = async (reason: string) => {
    if (!cancelling) return;
    try {
      await certificationApi.cancelBatch(cancelling.id, reason);
      message.success(`已撤销批次（${cancelling.applicationIds.length}人），可重新选择报送`);
      setCancelling(undefined);
    } catch (err) {
      onError(err);
      throw err;
    } finally {
      submitted.reload();
      cancelled.reload();
    }
  };

  if (!principal) return null;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        报送与备案
      </Typography.Title>
      {refusal && (
        <Alert
          type="error"
          showIcon
          title="不在备案受理期内，未受理"
          description={refusal}
          action={
            <Button size="small" onClick={() => document.getElementById('filing-exception')?.scrollIntoView({ behavior: 'smooth' })}>
              开放例外受理
            </Button>
          }
          closable={{ onClose: () => setRefusal(undefined) }}
        />
      )}
      {role === 'dept_reviewer' && (
        <DepartmentBatchCard
          departmentId={principal.orgId}
          inBatches={inBatches}
          onSubmitted={(b) => navigate(`/batches/${encodeURIComponent(b.id)}/summary`)}
        />
      )}
      <Card title={role === 'hr_officer' ? '待受理批次' : role === 'dept_reviewer' ? '已报送、待受理' : '待受理批次'}>
        {submitted.error ? (
          <Typography.Text type="danger">{describeError(submitted.error)}</Typography.Text>
        ) : (
          <BatchTable
            label="待受理批次"
            batches={submitted.data?.items ?? []}
            loading={submitted.loading}
            action={
              role === 'hr_officer'
                ? (b) => (
                    <Button
                      type="primary"
                      size="small"
                      loading={accepting === b.id}
                      onClick={() => void accept(b)}
                      aria-label={`受理 ${b.departmentName} 的批次`}
                    >
                      受理
                    </Button>
                  )
                : role === 'dept_reviewer'
                  ? (b) => (
                      <Button
                        danger
                        size="small"
                        onClick={() => setCancelling(b)}
                        aria-label={`撤销 ${dayjs(b.createdAt).format('MM-DD HH:mm')} 报送的批次`}
                      >
                        撤销
                      </Button>
                    )
                  : undefined
            }
          />
        )}
      </Card>
      <ReasonDialog
        open={!!cancelling}
        title="撤销已报送的批次"
        okText="撤销批次"
        danger
        placeholder="如：电子印章编号有误、需更正申请后重新报送"
        onSubmit={cancel}
        onClose={() => setCancelling(undefined)}
      />
      <ExceptionReasonsDialog
        open={!!askingBatch}
        title={`受理 ${askingBatch?.batch.departmentName ?? ''} 报送的批次：须说明继续办理的理由`}
        okText="受理"
        apps={askingBatch?.apps ?? []}
        onSubmit={(reasons) => acceptNow(askingBatch!.batch, reasons)}
        onClose={() => setAskingBatch(undefined)}
      />
      {role === 'hr_officer' && <DirectFilingCard onFiled={() => setRefusal(undefined)} onRefused={setRefusal} />}
      <Card title="已受理批次">
        <BatchTable label="已受理批次" batches={accepted.data?.items ?? []} loading={accepted.loading} />
      </Card>
      {(cancelled.data?.items.length ?? 0) > 0 && (
        <Card title="已撤销批次">
          <BatchTable label="已撤销批次" batches={cancelled.data?.items ?? []} loading={cancelled.loading} />
        </Card>
      )}
      {role === 'hr_officer' && <FilingExceptionCard />}
    </Space>
  );
}
