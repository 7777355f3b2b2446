import { Drawer, Empty, Grid, Spin, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Role } from '../../../../shared/contract.js';
import type { AuditEvent } from '../../../../shared/records.js';
import { useResource } from '../../api/use-resource.js';
import { useErrorHandler } from '../../app/errors.js';
import { ROLE_LABELS } from '../../app/roles.js';
import { describeRuleChange, ruleActionLabel } from './labels.js';

const ACTORS: Record<string, string> = { ...ROLE_LABELS, system: '系统' };

/** 黄静 · 人社部门 (a demo name carries its own brackets); a batch load by operations is 系统. */
function actorOf(e: AuditEvent): string {
  const role = ACTORS[e.role as Role] ?? '系统';
  const name = e.actorName;
  return !name || name === role ? role : `${name} · ${role}`;
}

/**
 * 修改记录: who changed a rule, when, why and what, newest first. `source` is undefined while the
 * drawer is closed; its key changes after a save so the drawer never shows a stale trail.
 */
export function RuleHistoryDrawer({
  title,
  source,
  onClose,
}: {
  title: string;
  source?: { key: string; load: () => Promise<{ items: AuditEvent[] }> };
  onClose: () => void;
}) {
  const onError = useErrorHandler();
  const screens = Grid.useBreakpoint();
  const history = useResource(source?.key, () => source!.load(), onError);
  const items = history.data?.items ?? [];
  return (
    <Drawer open={source !== undefined} title={title} onClose={onClose} size={screens.sm ? 520 : '100%'} destroyOnHidden>
      {history.loading ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty description="尚无修改记录：沿用系统默认值" />
      ) : (
        <Timeline
          aria-label="修改记录"
          items={items.map((e) => ({
            key: e.id,
            content: (
              <div data-testid="rule-history-entry">
                <Typography.Text strong>{ruleActionLabel(e.action)}</Typography.Text>
                <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                  {dayjs(e.at).format('YYYY-MM-DD HH:mm')}
                </Typography.Text>
                <div>
                  <Typography.Text type="secondary">{actorOf(e)}</Typography.Text>
                </div>
                {e.reason && <div>修改原因：{e.reason}</div>}
                <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
                  {describeRuleChange(e).map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </div>
            ),
          }))}
        />
      )}
    </Drawer>
  );
}
