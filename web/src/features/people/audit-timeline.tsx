import { Button, Empty, Space, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { Role } from '../../../../shared/contract.js';
import { BOOK_STATUS_LABELS, type AuditEvent, type BookStatus } from '../../../../shared/records.js';
import { ROLE_LABELS } from '../../app/roles.js';
import { fieldLabel } from '../../components/activities/labels.js';
import type { ActivityNamer } from './activity-names.js';
import { ACTIVITY_STATUS_LABELS, AUDIT_ENTITY_LABELS, auditActionLabel, EDUCATION_LABELS } from './labels.js';

const SHOWN = 20;

const ACTOR_ROLES: Record<string, string> = { ...ROLE_LABELS, training_base: '施教机构', system: '系统', public: '公众' };

const PERSON_FIELDS: Record<string, string> = {
  name: '姓名',
  unitId: '单位',
  titleSeries: '职称系列',
  titleLevel: '职称级别',
  education: '学历',
  doctorateYear: '博士学位取得年份',
};

const EVIDENCE_STATES: Record<string, string> = { pending: '待检查', accepted: '已接收', rejected: '未通过' };

function stateLabel(entity: string, value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (entity === 'evidence') return EVIDENCE_STATES[value] ?? value;
  return BOOK_STATUS_LABELS[value as BookStatus] ?? ACTIVITY_STATUS_LABELS[value as keyof typeof ACTIVITY_STATUS_LABELS] ?? value;
}

function show(value: unknown): string {
  if (value === undefined || value === null || value === '') return '（空）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string' && value in EDUCATION_LABELS) return EDUCATION_LABELS[value as keyof typeof EDUCATION_LABELS];
  return String(value);
}

/** 「发表日期：2022-09-01 → 2022-10-01」 for each field an update changed; the ID number is never shown. */
export function changedFields(event: AuditEvent): string[] {
  if (event.action !== 'update' || !event.before || !event.after) return [];
  const pick = (v: unknown): Record<string, unknown> => {
    const o = (v ?? {}) as Record<string, unknown>;
    return event.entity === 'activity' ? ((o.activity ?? {}) as Record<string, unknown>) : o;
  };
  const before = pick(event.before);
  const after = pick(event.after);
  const kind = (after.kind ?? before.kind) as Parameters<typeof fieldLabel>[1];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((k) => (event.entity === 'activity' ? k !== 'id' : k in PERSON_FIELDS))
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => `${event.entity === 'activity' ? fieldLabel(k, kind) : PERSON_FIELDS[k]}：${show(before[k])} → ${show(after[k])}`);
}

function subjectOf(event: AuditEvent, namer: ActivityNamer): string {
  if (event.entity === 'activity') return namer.name(event.entityId);
  if (event.entity === 'book') return `${event.entityId.split('#').pop()}年度`;
  if (event.entity === 'evidence') {
    const after = event.after as { fileName?: string } | undefined;
    return after?.fileName ?? '';
  }
  return AUDIT_ENTITY_LABELS[event.entity] ?? event.entity;
}

/** 审计轨迹: who did what to the person's records, when, from which state to which, and why; newest first. */
export function AuditTimeline({ events, namer }: { events: readonly AuditEvent[]; namer: ActivityNamer }) {
  const [all, setAll] = useState(false);
  if (events.length === 0) return <Empty description="暂无记录" />;
  const newest = [...events].reverse();
  const shown = all ? newest : newest.slice(0, SHOWN);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Timeline
        items={shown.map((e) => {
          const from = stateLabel(e.entity, e.from);
          const to = stateLabel(e.entity, e.to);
          const changes = changedFields(e);
          return {
            key: e.id,
            color:
              e.action === 'reopen' || e.action === 'withdraw' || e.action === 'reject' ? 'red' : e.action === 'confirm' ? 'green' : 'blue',
            content: (
              <>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {dayjs(e.at).format('YYYY-MM-DD HH:mm')}
                </Typography.Text>
                <br />
                <Typography.Text strong>
                  {auditActionLabel(e.entity, e.action)} {subjectOf(e, namer)}
                </Typography.Text>
                <br />
                <Typography.Text type="secondary">
                  {e.actorName ?? e.actor}（{ACTOR_ROLES[e.role as Role] ?? e.role}）{from && to ? ` · ${from} → ${to}` : ''}
                </Typography.Text>
                {e.reason && <div>理由：{e.reason}</div>}
                {changes.length > 0 && (
                  <ul style={{ margin: 0, paddingLeft: 18 }}>
                    {changes.map((c) => (
                      <li key={c}>
                        <Typography.Text type="secondary">{c}</Typography.Text>
                      </li>
                    ))}
                  </ul>
                )}
              </>
            ),
          };
        })}
      />
      {events.length > SHOWN && (
        <Button size="small" onClick={() => setAll((v) => !v)}>
          {all ? '只看最近20条' : `显示全部${events.length}条`}
        </Button>
      )}
    </Space>
  );
}
