import { CalendarOutlined, EditOutlined, HistoryOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, Grid, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useState, type ReactNode } from 'react';
import type { AuditEvent } from '../../../../shared/records.js';
import { rulesApi, type RuleYear } from '../../api/endpoints.js';
import { useResource } from '../../api/use-resource.js';
import { useErrorHandler } from '../../app/errors.js';
import { useSession } from '../../app/session.js';
import { CalendarDialog } from './calendar-dialog.js';
import { fullDateText } from './date-lines.js';
import { RuleHistoryDrawer } from './history-drawer.js';
import { filingWindowText, lastChange, ORIGIN_TAGS, policySource, requirementText } from './labels.js';
import { PolicyDialog } from './policy-dialog.js';
import { MidLevelCard } from './mid-level-card.js';
import { TenantCard } from './tenant-card.js';

interface HistorySource {
  title: string;
  key: string;
  load: () => Promise<{ items: AuditEvent[] }>;
}

/**
 * 年度规则 (hr office; the auditor reads): per year, where the holiday arrangement comes from, the
 * public themes, the filing window, the required hours and the notice behind them, and who changed
 * them last; the hr office loads a year's arrangement and keeps its policy, each change with a reason.
 */
export function RulesPage() {
  const { principal } = useSession();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const screens = Grid.useBreakpoint();
  const canEdit = principal?.role === 'hr_officer';
  const rules = useResource('rules', () => rulesApi.years(), onError);
  const [calendarYear, setCalendarYear] = useState<number>();
  const [policyYear, setPolicyYear] = useState<RuleYear>();
  const [history, setHistory] = useState<HistorySource>();
  const [saves, setSaves] = useState(0);

  const reload = rules.reload;
  const saved = useCallback(
    (what: string) => {
      message.success(`已保存${what}`);
      setCalendarYear(undefined);
      setPolicyYear(undefined);
      setSaves((n) => n + 1);
      reload();
    },
    [message, reload],
  );
  const conflict = useCallback(() => {
    setCalendarYear(undefined);
    setPolicyYear(undefined);
    setSaves((n) => n + 1);
    reload();
  }, [reload]);

  const openYearHistory = (year: number) =>
    setHistory({ title: `${year}年规则修改记录`, key: `history|${year}|${saves}`, load: () => rulesApi.yearHistory(year) });
  const openTenantHistory = () =>
    setHistory({ title: '本地区规则修改记录', key: `history|tenant|${saves}`, load: () => rulesApi.tenantHistory() });

  const actions = (y: RuleYear): ReactNode => (
    <Space orientation={screens.md ? 'vertical' : 'horizontal'} size={screens.md ? 0 : 8} wrap align="start">
      <Button type="link" size="small" icon={<CalendarOutlined />} onClick={() => setCalendarYear(y.year)} style={{ paddingInline: 0 }}>
        {!canEdit ? '查看放假安排' : y.calendar.origin === 'assumed' ? '载入放假安排' : '更正放假安排'}
      </Button>
      {canEdit && (
        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setPolicyYear(y)} style={{ paddingInline: 0 }}>
          编辑年度政策
        </Button>
      )}
      <Button type="link" size="small" icon={<HistoryOutlined />} onClick={() => openYearHistory(y.year)} style={{ paddingInline: 0 }}>
        修改记录
      </Button>
    </Space>
  );

  const years = rules.data?.years ?? [];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        年度规则
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {'各年度的放假安排决定公示的结束日期；年度政策决定每年的学时要求、公需科目主题和报送受理期。' +
          '修改只影响此后的计算：已发布的公示、已确认的年度和已出具的认定单保持不变。'}
      </Typography.Paragraph>
      {!canEdit && <Alert type="info" showIcon title="当前账号只能查看年度规则及其修改记录，不能修改。" />}
      {screens.md ? (
        <Card title="各年度规则">
          <Table<RuleYear>
            aria-label="各年度规则"
            rowKey="year"
            size="middle"
            loading={rules.loading}
            dataSource={years}
            pagination={false}
            locale={{ emptyText: <Empty description="暂无年度规则" /> }}
            columns={[
              { title: '年度', width: 72, render: (_, y) => <Typography.Text strong>{y.year}年</Typography.Text> },
              { title: '放假安排', width: 230, render: (_, y) => <CalendarCell rule={y} /> },
              { title: '公需科目主题', render: (_, y) => <Themes themes={y.policy.publicThemes} /> },
              { title: '受理期', width: 150, render: (_, y) => filingWindowText(y.policy.filingWindow) },
              { title: '每年学时要求', width: 180, render: (_, y) => requirementText(y) },
              { title: '依据文件', width: 190, render: (_, y) => <PolicySource rule={y} /> },
              { title: '最近修改', width: 150, render: (_, y) => <LastChange rule={y} /> },
              { title: '操作', width: 130, render: (_, y) => actions(y) },
            ]}
          />
        </Card>
      ) : (
        // A phone: one card a year, labels beside values, nothing to scroll sideways.
        <Space orientation="vertical" size="small" style={{ width: '100%' }} aria-label="各年度规则">
          {rules.loading && years.length === 0 && <Card loading size="small" />}
          {years.map((y) => (
            <Card key={y.year} size="small" title={`${y.year}年`} data-testid={`rule-year-${y.year}`}>
              <Descriptions
                column={1}
                size="small"
                styles={{ label: { width: 104, whiteSpace: 'nowrap' } }}
                items={[
                  { key: 'calendar', label: '放假安排', children: <CalendarCell rule={y} /> },
                  { key: 'themes', label: '公需科目主题', children: <Themes themes={y.policy.publicThemes} /> },
                  { key: 'window', label: '受理期', children: filingWindowText(y.policy.filingWindow) },
                  { key: 'hours', label: '每年学时要求', children: requirementText(y) },
                  { key: 'source', label: '依据文件', children: <PolicySource rule={y} /> },
                  { key: 'changed', label: '最近修改', children: <LastChange rule={y} /> },
                ]}
              />
              <div style={{ marginTop: 8 }}>{actions(y)}</div>
            </Card>
          ))}
        </Space>
      )}
      {rules.data && (
        <TenantCard
          tenant={rules.data.tenant}
          canEdit={canEdit}
          onSaved={() => saved('本地区规则')}
          onConflict={conflict}
          onHistory={openTenantHistory}
        />
      )}
      {rules.data && (
        <MidLevelCard
          tenant={rules.data.tenant}
          canEdit={canEdit}
          onSaved={() => saved('中级职称合格证明')}
          onConflict={conflict}
          onHistory={openTenantHistory}
        />
      )}
      <CalendarDialog
        year={calendarYear}
        revision={saves}
        readOnly={!canEdit}
        onClose={() => setCalendarYear(undefined)}
        onSaved={() => saved('放假安排')}
        onConflict={conflict}
      />
      {canEdit && (
        <PolicyDialog rule={policyYear} onClose={() => setPolicyYear(undefined)} onSaved={() => saved('年度政策')} onConflict={conflict} />
      )}
      <RuleHistoryDrawer title={history?.title ?? ''} source={history} onClose={() => setHistory(undefined)} />
    </Space>
  );
}

function CalendarCell({ rule }: { rule: RuleYear }) {
  const tag = ORIGIN_TAGS[rule.calendar.origin];
  const source = rule.calendar.source;
  return (
    <Space orientation="vertical" size={2}>
      <Tag color={tag.color} title={tag.hint} style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>
        {tag.label}
      </Tag>
      {source && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {source.document}（{fullDateText(source.publishedOn)}发布）
        </Typography.Text>
      )}
    </Space>
  );
}

function Themes({ themes }: { themes: readonly string[] }) {
  if (themes.length === 0) return <Typography.Text type="secondary">不设主题</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap>
      {themes.map((t) => (
        <Tag key={t} style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>
          {t}
        </Tag>
      ))}
    </Space>
  );
}

function LastChange({ rule }: { rule: RuleYear }) {
  const last = lastChange(rule);
  if (!last) return <Typography.Text type="secondary">未修改</Typography.Text>;
  return (
    <span>
      {last.by ?? '人社部门'}
      <br />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {dayjs(last.at).format('YYYY-MM-DD HH:mm')}
      </Typography.Text>
    </span>
  );
}

function PolicySource({ rule }: { rule: RuleYear }) {
  const { document, builtIn, assumed } = policySource(rule);
  if (!builtIn) return <span>{document}</span>;
  return (
    <span>
      {document}
      <br />
      <Typography.Text type={assumed ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>
        {assumed ? '该年度通知尚未录入' : '系统默认值'}
      </Typography.Text>
    </span>
  );
}
