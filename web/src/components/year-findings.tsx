import { Alert, List, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Application, ApplicationYear } from '../../../shared/applications.js';
import { flaggedYears, shortfallsOf, yearVerdict, type ExceptionReason } from '../../../shared/certification-check.js';
import { actionLabel } from './workflow-view.js';

/** One year's line: 达标, or 未达标 with each shortfall named from the year's policy; and its evidence. */
export function yearFindingText(y: ApplicationYear): string {
  const verdict = yearVerdict(y);
  const soft = shortfallsOf(y)
    .filter((s) => !s.hard)
    .map((s) => s.message);
  return [
    `${y.year}年度`,
    verdict.ok ? verdict.label : `未达标：${verdict.shortfalls.join('、')}`,
    ...(soft.length ? [`提示：${soft.join('、')}`] : []),
    y.evidenceComplete ? '佐证材料齐全' : '佐证材料不齐全',
  ].join('　');
}

/** The 达标 cell of a year: the verdict as a tag, and under a short year the rules it fails. */
export function YearVerdictCell({ year }: { year: ApplicationYear }) {
  const verdict = yearVerdict(year);
  const soft = shortfallsOf(year).filter((s) => !s.hard);
  return (
    <>
      <Tag color={verdict.ok ? 'success' : 'error'}>{verdict.label}</Tag>
      {verdict.shortfalls.map((m) => (
        <div key={m}>
          <Typography.Text type="danger">{m}</Typography.Text>
        </div>
      ))}
      {soft.map((s) => (
        <div key={s.message}>
          <Typography.Text type="warning">{s.message}</Typography.Text>
        </div>
      ))}
    </>
  );
}

const reasonLine = (e: ExceptionReason, kind: Application['kind']) =>
  `${actionLabel(e.action, kind)} · ${e.byName} · ${dayjs(e.at).format('YYYY-MM-DD HH:mm')}`;

/**
 * The application's check, at the top of its page (issue 14): every year short or without complete
 * evidence, and the reasons earlier steps gave for moving it on. A step forward asks for its own.
 */
export function YearFindings({ app }: { app: Pick<Application, 'years' | 'exceptionReasons' | 'kind'> }) {
  const flagged = flaggedYears(app.years);
  const reasons = app.exceptionReasons ?? [];
  if (flagged.length === 0) {
    return app.years.length ? <Alert type="success" showIcon data-testid="year-findings" title="核认年度均达标，佐证材料齐全" /> : null;
  }
  return (
    <Alert
      type="error"
      showIcon
      data-testid="year-findings"
      title={`${flagged.length}个年度未达标或佐证材料不齐全：继续办理的每一步须书面说明理由`}
      description={
        <>
          <ul style={{ margin: '4px 0', paddingLeft: 18 }} aria-label="需关注的年度">
            {flagged.map((y) => (
              <li key={y.year}>{yearFindingText(y)}</li>
            ))}
          </ul>
          {reasons.length > 0 && (
            <List
              size="small"
              header={<Typography.Text strong>已记录的继续办理理由</Typography.Text>}
              aria-label="继续办理理由"
              dataSource={reasons}
              renderItem={(e) => (
                <List.Item>
                  <List.Item.Meta title={reasonLine(e, app.kind)} description={e.reason} />
                </List.Item>
              )}
            />
          )}
        </>
      }
    />
  );
}

/** For lists: 均达标, or how many years need attention (the application page says which and why). */
export function FlagTag({ app }: { app: Pick<Application, 'years'> }) {
  const flagged = flaggedYears(app.years);
  if (flagged.length === 0) return <Tag color="success">均达标</Tag>;
  const short = flagged.filter((y) => !y.compliant).length;
  return (
    <Tag color="error">
      {short ? `${short}个年度未达标` : ''}
      {short && short < flagged.length ? '，' : ''}
      {flagged.length > short ? `${flagged.length - short}个年度材料不齐全` : ''}
    </Tag>
  );
}
