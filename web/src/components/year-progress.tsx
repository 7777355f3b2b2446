import { Card, Progress, Space, Typography } from 'antd';
import type { RegistrationBook } from '../../../shared/records.js';

/**
 * A person's own progress this year (issue 14 item 2): hours so far against the requirement and what
 * is still missing, from their registration book; a year with no book yet is 0 of 90.
 */
export function YearProgress({ year, book }: { year: number; book: RegistrationBook | undefined }) {
  const r = book?.result;
  const required = r?.requiredHours ?? 90;
  const total = r?.totalHours ?? 0;
  const missing = Math.max(0, Math.round((required - total) * 10) / 10);
  const done = r?.compliant ?? false;
  const percent = Math.min(100, Math.round((total / required) * 100));
  return (
    <Card size="small" title={`${year}年度学时进度`}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Progress
          percent={percent}
          status={done ? 'success' : 'active'}
          aria-label={`${year}年度已完成${total}学时，要求${required}学时`}
          format={() => `${total} / ${required} 学时`}
        />
        <Typography.Text>
          {done
            ? `${year}年度已达标。`
            : missing > 0
              ? `还差 ${missing} 学时。已计入：公需科目 ${r?.publicHours ?? 0} 学时，专业科目 ${r?.professionalHours ?? 0} 学时。`
              : `合计已满 ${required} 学时，但尚未达标：请查看下方该年度的提示。`}
        </Typography.Text>
        {book && book.pendingCount > 0 && (
          <Typography.Text type="warning">另有 {book.pendingCount} 项记录待单位处理，处理后计入。</Typography.Text>
        )}
      </Space>
    </Card>
  );
}
