import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, List, Result, Skeleton, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link, useParams } from 'react-router';
import { FILING_STATUS_LABELS } from '../../../../shared/filings.js';
import { CATEGORY_LABELS } from '../../../../shared/hours/notes.js';
import { ApiError } from '../../api/client.js';
import { filingsApi } from '../../api/endpoints.js';
import { useResource } from '../../api/use-resource.js';
import { useSession } from '../../app/session.js';
import { AttendanceCard } from './attendance-card.js';
import { DecisionButtons, mayDecide } from './decision.js';
import { datesLabel, FILING_STATUS_COLORS, RECIPIENT_LABELS, unitsLabel } from './labels.js';

const when = (at?: string) => (at ? dayjs(at).format('YYYY-MM-DD HH:mm') : '—');

/** One training filing: what was filed, where it went and what became of it, and its attendance. */
export function FilingPage() {
  const { filingId = '' } = useParams();
  const { principal } = useSession();
  const detail = useResource(filingId, () => filingsApi.filing(filingId));

  if (detail.error) {
    const notFound = detail.error instanceof ApiError && detail.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? '备案不存在或不在管辖范围内' : '加载失败'}
        extra={<Link to="/filings">返回培训备案</Link>}
      />
    );
  }
  const f = detail.data;
  if (!f) return <Skeleton active />;
  const attendanceOpen =
    principal?.role === 'unit_clerk' && principal.orgId === f.unitId && (f.status === 'acknowledged' || f.status === 'completed');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap align="center">
        <Link to="/filings" aria-label="返回培训备案">
          <ArrowLeftOutlined />
        </Link>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {f.title}
        </Typography.Title>
        <Tag color={FILING_STATUS_COLORS[f.status]}>{FILING_STATUS_LABELS[f.status]}</Tag>
      </Space>
      {f.status === 'returned' && (
        <Alert type="error" showIcon title="备案已退回" description={`理由：${f.returnReason ?? '—'}。如需举办，请修改后重新备案。`} />
      )}
      {f.status === 'filed' && !mayDecide(principal, f) && (
        <Alert type="info" showIcon title={`等待${RECIPIENT_LABELS[f.recipientKind]}确认`} />
      )}
      <Card title="备案内容" extra={mayDecide(principal, f) && <DecisionButtons filing={f} onDone={detail.reload} />}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label="备案单位">{f.unitName}</Descriptions.Item>
          <Descriptions.Item label="科目类别">
            {CATEGORY_LABELS[f.category]}
            {f.theme ? `（${f.theme}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="培训日期">{datesLabel(f)}</Descriptions.Item>
          <Descriptions.Item label="时长">{unitsLabel(f)}</Descriptions.Item>
          <Descriptions.Item label="培训地点">{f.location ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="受理部门">{RECIPIENT_LABELS[f.recipientKind]}</Descriptions.Item>
          <Descriptions.Item label="备案时间">{when(f.filedAt)}</Descriptions.Item>
          <Descriptions.Item label="处理时间">{when(f.decidedAt)}</Descriptions.Item>
          <Descriptions.Item label="出勤计入">{f.attendanceCount}人</Descriptions.Item>
        </Descriptions>
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          授课人
        </Typography.Title>
        <List
          size="small"
          bordered
          dataSource={f.lecturers}
          renderItem={(l) => (
            <List.Item>
              {l.name}
              {l.title && <Typography.Text type="secondary"> · {l.title}</Typography.Text>}
              {l.organisation && <Typography.Text type="secondary"> · {l.organisation}</Typography.Text>}
            </List.Item>
          )}
        />
      </Card>
      {attendanceOpen && <AttendanceCard filing={f} onUploaded={detail.reload} />}
    </Space>
  );
}
