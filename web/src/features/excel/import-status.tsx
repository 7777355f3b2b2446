import { Alert, Button, Descriptions, Popconfirm, Progress, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { IMPORT_STATE_LABELS, type ImportRowError, type ImportState } from '../../../../shared/imports.js';
import type { ImportView } from '../../api/endpoints.js';

export const IMPORT_TYPE_LABELS = { people: '人员信息', history: '历史学时与学时认定单' } as const;

const STATE_COLORS: Record<ImportState, string> = {
  validating: 'processing',
  committing: 'processing',
  committed: 'success',
  failed: 'error',
  rolling_back: 'warning',
  rolled_back: 'default',
};

const STAGE_LABELS = { validation: '校验', commit: '写入', rollback: '撤销' } as const;

export function ImportStateTag({ state }: { state: ImportState }) {
  return <Tag color={STATE_COLORS[state]}>{IMPORT_STATE_LABELS[state]}</Tag>;
}

/** Written chunks out of all: the bar moves up while committing and down while rolling back. */
function percentOf(view: ImportView): number {
  if (view.status === 'committed') return 100;
  if (view.chunkCount === 0) return 0;
  return Math.round((view.chunksCommitted / view.chunkCount) * 100);
}

interface Props {
  view: ImportView;
  /** True while this page is driving the import (resuming chunk after chunk, or rolling back). */
  busy: boolean;
  canAct: boolean;
  onResume(): void;
  onRollback(): void;
  onRefresh(): void;
}

/**
 * One import: its state, how far it has written, why it failed, each row's problem, and what may be
 * done next. It reads as done only when the API says `committed` (written after the last chunk).
 */
export function ImportStatusCard({ view, busy, canAct, onResume, onRollback, onRefresh }: Props) {
  const c = view.counts;
  const validationFailed = view.failure?.stage === 'validation';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} role="region" aria-label="导入结果">
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} bordered>
        <Descriptions.Item label="状态">
          <ImportStateTag state={view.status} />
        </Descriptions.Item>
        <Descriptions.Item label="类型">{IMPORT_TYPE_LABELS[view.type]}</Descriptions.Item>
        <Descriptions.Item label="文件">{view.fileName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="导入人">{view.createdByName ?? view.createdBy}</Descriptions.Item>
        <Descriptions.Item label="开始时间">{dayjs(view.createdAt).format('YYYY-MM-DD HH:mm:ss')}</Descriptions.Item>
        <Descriptions.Item label="数据行">{c.rows}行</Descriptions.Item>
        {view.type === 'people' ? (
          <Descriptions.Item label="人员">{c.people}人</Descriptions.Item>
        ) : (
          <>
            <Descriptions.Item label="历史年度">{c.legacyYears}条</Descriptions.Item>
            <Descriptions.Item label="学时认定单">{c.certificates}张</Descriptions.Item>
          </>
        )}
      </Descriptions>
      {view.chunkCount > 0 && (
        <div>
          <Typography.Text>
            {view.status === 'rolling_back' || view.status === 'rolled_back' ? '撤销进度' : '写入进度'}：第 {view.chunksCommitted} /{' '}
            {view.chunkCount} 批
          </Typography.Text>
          <Progress
            aria-label="导入进度"
            percent={percentOf(view)}
            status={view.status === 'failed' ? 'exception' : busy ? 'active' : view.status === 'committed' ? 'success' : 'normal'}
          />
        </div>
      )}
      {view.status === 'committed' && (
        <Alert type="success" showIcon title="导入完成" description="全部批次已写入。如发现问题，可撤销本次导入写入的全部数据。" />
      )}
      {view.status === 'rolled_back' && <Alert type="info" showIcon title="已撤销：本次导入写入的数据已全部删除（审计记录保留）" />}
      {view.status === 'committing' && !busy && view.resumable && (
        <Alert type="warning" showIcon title="导入尚未完成" description="本次导入未写完，可继续导入（不会重复写入）或撤销已写入的部分。" />
      )}
      {(view.status === 'committing' || view.status === 'rolling_back') && !view.resumable && !view.rollbackable && (
        <Alert type="info" showIcon title="正在处理中，请稍候刷新查看进度" />
      )}
      {view.failure && (
        <Alert
          type="error"
          showIcon
          title={
            validationFailed ? `文件校验未通过，共${view.errorCount}处错误，未写入任何数据` : `${STAGE_LABELS[view.failure.stage]}失败`
          }
          description={
            validationFailed
              ? '请按下表逐行修改文件后重新上传。'
              : `${view.failure.message}${view.failure.chunk !== undefined ? `（第${view.failure.chunk + 1}批）` : ''}。可继续导入或撤销已写入的部分。`
          }
        />
      )}
      {view.errors.length > 0 && (
        <Table<ImportRowError>
          aria-label="逐行错误"
          size="small"
          rowKey={(e, i) => `${e.sheet}-${e.row}-${e.column}-${i}`}
          dataSource={view.errors}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          title={() =>
            view.errorCount > view.errors.length
              ? `共${view.errorCount}处错误，下表列出前${view.errors.length}处`
              : `共${view.errorCount}处错误`
          }
          columns={[
            { title: '工作表', dataIndex: 'sheet', width: 120 },
            { title: '行', dataIndex: 'row', width: 70 },
            { title: '列', dataIndex: 'column', width: 140 },
            { title: '问题', dataIndex: 'message' },
          ]}
        />
      )}
      {view.referred && view.referred.length > 0 && (
        <Table<ImportRowError>
          aria-label="转人社部门处理的行"
          size="small"
          rowKey={(e, i) => `${e.sheet}-${e.row}-${i}`}
          dataSource={view.referred}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          title={() => `${view.referred!.length}行需人社部门核实办理，未导入，已转人社部门处理`}
          columns={[
            { title: '工作表', dataIndex: 'sheet', width: 120 },
            { title: '行', dataIndex: 'row', width: 70 },
            { title: '说明', dataIndex: 'message' },
          ]}
        />
      )}
      <Space wrap>
        {canAct && view.resumable && (
          <Button type="primary" loading={busy} onClick={onResume}>
            继续导入
          </Button>
        )}
        {canAct && view.rollbackable && (
          <Popconfirm
            title="撤销本次导入？"
            description="将删除本次导入写入的全部数据，审计记录保留。"
            okText="撤销导入"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={onRollback}
          >
            <Button danger disabled={busy}>
              撤销导入
            </Button>
          </Popconfirm>
        )}
        <Button onClick={onRefresh} disabled={busy}>
          刷新状态
        </Button>
      </Space>
    </Space>
  );
}
