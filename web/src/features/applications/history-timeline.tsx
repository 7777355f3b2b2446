import { Empty, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Role } from '../../../../shared/contract.js';
import type { AuditEvent } from '../../../../shared/records.js';
import type { CertificateKind } from '../../../../shared/workflow.js';
import { ROLE_LABELS } from '../../app/roles.js';
import { actionLabel, stateLabel } from '../../components/workflow-view.js';

const ACTORS: Record<string, string> = { ...ROLE_LABELS, system: '系统', public: '公众', training_base: '施教机构' };

const BACKWARD = new Set(['unit_return', 'dept_return', 'uphold_objection', 'withdraw', 'lodge_objection']);
const FORWARD = new Set(['unit_approve', 'dept_approve', 'notice_end', 'dismiss_objection', 'file', 'issue']);

/** 吴刚（单位审核人）; the public and the system are named by their role alone. */
function actorOf(e: AuditEvent): string {
  const role = ACTORS[e.role as Role] ?? e.role;
  const name = e.actorName ?? e.actor;
  return name === role ? role : `${name}（${role}）`;
}

/** 办理轨迹: every step of the application, oldest first, with who, when, from → to and the reason. */
export function HistoryTimeline({ events, kind }: { events: readonly AuditEvent[]; kind?: CertificateKind }) {
  if (events.length === 0) return <Empty description="暂无办理记录" />;
  return (
    <Timeline
      aria-label="办理轨迹"
      items={events.map((e) => ({
        key: e.id,
        color: BACKWARD.has(e.action) ? 'red' : FORWARD.has(e.action) ? 'green' : 'gray',
        title: dayjs(e.at).format('YYYY-MM-DD HH:mm'),
        content: (
          <>
            <Typography.Text strong>{actionLabel(e.action, kind)}</Typography.Text>
            <br />
            <Typography.Text type="secondary">
              {actorOf(e)}
              {e.from && e.to ? ` · ${stateLabel(e.from, kind)} → ${stateLabel(e.to, kind)}` : e.to ? ` · ${stateLabel(e.to, kind)}` : ''}
            </Typography.Text>
            {e.reason && <div>理由：{e.reason}</div>}
          </>
        ),
      }))}
    />
  );
}
