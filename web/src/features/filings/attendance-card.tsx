import { Alert, Button, Card, Input, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { chinaDateOf } from '../../../../shared/calendar.js';
import type { AttendanceResult, Filing } from '../../../../shared/filings.js';
import { filingsApi } from '../../api/endpoints.js';
import { useErrorHandler } from '../../app/errors.js';
import { ATTENDANCE_STATUS_COLORS, ATTENDANCE_STATUS_LABELS, parseAttendance, type AttendanceLine } from './attendance.js';

const EXAMPLE = '430102198503122013\n430104199001153028\t2\t1';

/**
 * 录入出勤 (unit clerk) once the filing is acknowledged and the training has ended: a list of ID
 * numbers, each optionally with the day units attended (else the whole training). Every line is
 * checked in the browser first; the API answers per person.
 */
export function AttendanceCard({ filing, onUploaded }: { filing: Filing; onUploaded: (f: Filing) => void }) {
  const onError = useErrorHandler();
  const [text, setText] = useState('');
  const [checked, setChecked] = useState<AttendanceLine[]>();
  const [sending, setSending] = useState(false);
  const [results, setResults] = useState<{ lines: AttendanceLine[]; results: AttendanceResult[] }>();
  const today = chinaDateOf(new Date());
  const lines = useMemo(() => checked ?? [], [checked]);
  const errors = lines.filter((l) => l.error);
  const valid = lines.filter((l) => l.entry);

  if (filing.endDate > today) {
    return (
      <Card title="录入出勤">
        <Alert type="info" showIcon title={`培训结束（${filing.endDate}）后即可录入出勤人员`} />
      </Card>
    );
  }

  const send = async () => {
    setSending(true);
    try {
      const answer = await filingsApi.attendance(
        filing.id,
        filing.version,
        valid.map((l) => l.entry!),
      );
      setResults({ lines: valid, results: answer.results });
      setText('');
      setChecked(undefined);
      onUploaded(answer.filing);
    } catch (err) {
      onError(err);
    } finally {
      setSending(false);
    }
  };

  const counted = results?.results.filter((r) => r.status === 'credited' || r.status === 'pending').length ?? 0;

  return (
    <Card title="录入出勤">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          每行一人：身份证号码，后面可依次填写实际出勤的全天天数、半天次数、晚上次数（以空格、逗号或制表符分隔，可直接从表格粘贴）；只填号码的按备案的全部天数（
          {`${filing.days ?? 0}天、${filing.halfDays ?? 0}个半天、${filing.evenings ?? 0}个晚上`}）计。同一人员对同一备案只计一次。
        </Typography.Paragraph>
        <Input.TextArea
          aria-label="出勤名单"
          rows={8}
          value={text}
          placeholder={EXAMPLE}
          onChange={(e) => {
            setText(e.target.value);
            setChecked(undefined);
          }}
          style={{ fontFamily: 'monospace' }}
        />
        <Space>
          <Button onClick={() => setChecked(parseAttendance(text, today))} disabled={!text.trim()}>
            检查名单
          </Button>
          <Button
            type="primary"
            loading={sending}
            disabled={!checked || valid.length === 0 || errors.length > 0}
            onClick={() => void send()}
          >
            提交出勤{checked && valid.length > 0 ? `（${valid.length}人）` : ''}
          </Button>
        </Space>
        {checked && errors.length > 0 && (
          <Alert
            type="error"
            showIcon
            title={`有${errors.length}行需要修改，改正或删除后再提交`}
            description={
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {errors.slice(0, 20).map((l) => (
                  <li key={l.line}>
                    第{l.line}行「{l.text}」：{l.error}
                  </li>
                ))}
                {errors.length > 20 && <li>……另有{errors.length - 20}行</li>}
              </ul>
            }
          />
        )}
        {checked && errors.length === 0 && valid.length > 0 && (
          <Alert type="success" showIcon title={`名单格式正确，共${valid.length}人，可以提交`} />
        )}
        {results && (
          <>
            <Alert
              type={counted === results.results.length ? 'success' : 'warning'}
              showIcon
              title={`已提交${results.results.length}人，计入${counted}人`}
              description={
                counted < results.results.length ? '未计入的人员见下表原因；未登记的人员请先在「人员名单」中登记后再录入。' : undefined
              }
            />
            <Table<AttendanceResult>
              aria-label="出勤录入结果"
              rowKey="index"
              size="small"
              pagination={false}
              dataSource={results.results}
              columns={[
                { title: '名单行', width: 80, render: (_, r) => results.lines[r.index]?.line ?? r.index + 1 },
                { title: '身份证号', render: (_, r) => <Typography.Text code>{r.idNumberMasked}</Typography.Text> },
                {
                  title: '结果',
                  render: (_, r) => <Tag color={ATTENDANCE_STATUS_COLORS[r.status]}>{ATTENDANCE_STATUS_LABELS[r.status]}</Tag>,
                },
                { title: '说明', render: (_, r) => r.error?.message ?? '—' },
              ]}
            />
          </>
        )}
      </Space>
    </Card>
  );
}
