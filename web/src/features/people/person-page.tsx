import { ArrowLeftOutlined, PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Result, Row, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import * as z from 'zod';
import type { ActivityKind } from '../../../../shared/hours/schemas.js';
import { TITLE_LEVEL_LABELS } from '../../../../shared/person.js';
import type { ActivityRecord, RegistrationBook } from '../../../../shared/records.js';
import { ApiError } from '../../api/client.js';
import { api } from '../../api/endpoints.js';
import { useResource } from '../../api/use-resource.js';
import { useErrorHandler } from '../../app/errors.js';
import { useSession } from '../../app/session.js';
import { ActivityEditor, WithdrawDialog } from './activity-editor.js';
import { ActivityList } from './activity-list.js';
import { createActivityNamer } from './activity-names.js';
import { AuditTimeline } from './audit-timeline.js';
import { BookActions } from './book-actions.js';
import { mayEditRecords, maySeeAudit } from './permissions.js';
import { PersonBasics } from './person-basics.js';
import { PriorCertificatesCard } from './prior-certificates-card.js';
import { YearProgress } from '../../components/year-progress.js';
import { chinaToday } from '../../components/china-date.js';
import { TransferDialog } from './transfer-dialog.js';
import { BookStatusTag, YearBook } from './year-book.js';

/** `/people/:id?year=2023`: the year tab is URL state, so a link opens the year it was sent for. */
const PersonSearchSchema = z.object({ year: z.coerce.number().int().min(1990).max(2100).optional().catch(undefined) });

/**
 * 登记手册 of one person: basic information and unit history, a tab per year with the hours, items,
 * warnings, sign-off and the year's activities with their evidence, and the audit trail.
 */
export function PersonPage() {
  const { personId = '' } = useParams();
  const { principal } = useSession();
  const onError = useErrorHandler();
  const [params, setParams] = useSearchParams();
  const { year: urlYear } = PersonSearchSchema.parse(Object.fromEntries(params));
  const [editorTarget, setEditorTarget] = useState<'new' | ActivityRecord>();
  const [withdrawing, setWithdrawing] = useState<ActivityRecord>();
  const [lastKind, setLastKind] = useState<ActivityKind>('training');
  const [transferring, setTransferring] = useState(false);
  const navigate = useNavigate();
  const { message } = App.useApp();

  const person = useResource(personId, () => api.person(personId));
  const books = useResource(personId, () => api.books(personId), onError);
  const activities = useResource(personId, () => api.activities(personId), onError);
  const audit = useResource(maySeeAudit(principal) ? personId : undefined, () => api.audit(personId), onError);
  const orgs = useResource(principal && principal.role !== 'person' ? 'organisations' : undefined, () => api.organisations());

  const records = useMemo(() => activities.data?.items ?? [], [activities.data]);
  const namer = useMemo(() => createActivityNamer(records), [records]);
  // A person may not list organisations (GET /v1/organisations is for staff): the server names their unit.
  const unitName = (id: string) =>
    orgs.data?.items.find((o) => o.id === id)?.name ?? (id === person.data?.person.unitId ? person.data.unitName : '其他单位');

  const years = useMemo(() => {
    const all = new Set<number>((books.data?.items ?? []).map((b) => b.year));
    for (const r of records) for (const y of r.years) all.add(y);
    return [...all].sort((a, b) => b - a);
  }, [books.data, records]);
  const year = urlYear !== undefined && years.includes(urlYear) ? urlYear : years[0];
  const selectYear = (y: number) => setParams({ year: String(y) }, { replace: true });

  const refresh = () => {
    books.reload();
    activities.reload();
    audit.reload();
  };

  const bookChanged = (book: RegistrationBook) => {
    selectYear(book.year);
    refresh();
  };

  if (person.error) {
    const notFound = person.error instanceof ApiError && person.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? '人员不存在或不在管辖范围内' : '加载失败'}
        subTitle={notFound ? undefined : '请稍后刷新重试'}
        extra={principal?.role !== 'person' && <Link to="/people">返回人员名单</Link>}
      />
    );
  }
  if (!person.data) return <Skeleton active />;
  const p = person.data.person;
  const canEdit = mayEditRecords(principal);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap align="center">
        {principal?.role !== 'person' && (
          <Link to="/people" aria-label="返回人员名单">
            <ArrowLeftOutlined />
          </Link>
        )}
        <Typography.Title level={3} style={{ margin: 0 }}>
          {p.name} · 继续教育登记手册
        </Typography.Title>
        <Tag>{unitName(p.unitId)}</Tag>
        {(p.titleSeries || p.titleLevel) && (
          <Tag>{[p.titleSeries, p.titleLevel ? TITLE_LEVEL_LABELS[p.titleLevel] : undefined].filter(Boolean).join(' · ')}</Tag>
        )}
        {principal?.role === 'unit_clerk' && (
          <Button size="small" icon={<SwapOutlined />} onClick={() => setTransferring(true)}>
            调动
          </Button>
        )}
      </Space>
      {principal?.role === 'person' && (
        // This year in China, December included: the person sees how far they are before the year ends.
        <YearProgress
          year={Number(chinaToday().slice(0, 4))}
          book={books.data?.items.find((b) => b.year === Number(chinaToday().slice(0, 4)))}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={17}>
          <Card
            title="年度学时"
            extra={
              canEdit && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditorTarget('new')}>
                  新增活动
                </Button>
              )
            }
          >
            {books.loading && !books.data ? (
              <Skeleton active />
            ) : years.length === 0 ? (
              <Empty description={canEdit ? '尚无学时记录：点击「新增活动」录入' : '尚无学时记录'} />
            ) : (
              <Tabs
                activeKey={String(year)}
                onChange={(key) => selectYear(Number(key))}
                items={years.map((y) => {
                  const book = books.data?.items.find((b) => b.year === y);
                  return {
                    key: String(y),
                    label: (
                      <Space size={4}>
                        {y}年{book && !book.result.compliant && <Typography.Text type="danger">·未达标</Typography.Text>}
                      </Space>
                    ),
                    children: (
                      <Space orientation="vertical" size="large" style={{ width: '100%' }} role="region" aria-label={`${y}年度`}>
                        {book ? (
                          <>
                            <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
                              <Typography.Title level={4} style={{ margin: 0 }}>
                                {y}年度 <BookStatusTag book={book} />
                              </Typography.Title>
                              <BookActions personId={personId} book={book} onChanged={bookChanged} />
                            </Space>
                            <YearBook book={book} namer={namer} />
                          </>
                        ) : (
                          <Alert type="info" showIcon title={`${y}年度尚无计入学时的记录`} />
                        )}
                        <div>
                          <Typography.Title level={5}>活动记录</Typography.Title>
                          <ActivityList
                            personId={personId}
                            year={y}
                            book={book}
                            records={records.filter((r) => r.years.includes(y))}
                            onEdit={setEditorTarget}
                            onWithdraw={setWithdrawing}
                            onChanged={refresh}
                          />
                        </div>
                      </Space>
                    ),
                  };
                })}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xxl={7}>
          <Row gutter={[16, 16]}>
            <Col xs={24} md={10} xxl={24}>
              <PersonBasics
                person={p}
                unitHistory={person.data.unitHistory}
                unitName={unitName}
                onSaved={() => {
                  person.reload();
                  audit.reload();
                }}
              />
            </Col>
            <Col xs={24} xxl={24}>
              <PriorCertificatesCard
                personId={personId}
                onChanged={() => {
                  books.reload();
                  audit.reload();
                }}
              />
            </Col>
            {maySeeAudit(principal) && (
              <Col xs={24} md={14} xxl={24}>
                <Card title="审计轨迹" loading={audit.loading && !audit.data}>
                  <AuditTimeline events={audit.data?.items ?? []} namer={namer} />
                </Card>
              </Col>
            )}
          </Row>
        </Col>
      </Row>
      <ActivityEditor
        personId={personId}
        target={editorTarget}
        defaultKind={lastKind}
        onClose={() => setEditorTarget(undefined)}
        onSaved={(record) => {
          setEditorTarget(undefined);
          setLastKind(record.activity.kind);
          selectYear(record.years[0]!);
          refresh();
        }}
      />
      {principal?.role === 'unit_clerk' && (
        <TransferDialog
          open={transferring}
          person={p}
          unitName={unitName(p.unitId)}
          onClose={() => setTransferring(false)}
          onMoved={(moved) => {
            setTransferring(false);
            // The sending unit no longer sees the person: back to its list.
            message.success(`${moved.name} 已调出`);
            navigate('/people');
          }}
        />
      )}
      <WithdrawDialog
        personId={personId}
        record={withdrawing}
        onClose={() => setWithdrawing(undefined)}
        onDone={() => {
          setWithdrawing(undefined);
          refresh();
        }}
      />
    </Space>
  );
}
