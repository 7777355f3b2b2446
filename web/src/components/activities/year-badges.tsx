import { Space, Tag } from 'antd';
import type { YearResult } from '../../../../shared/hours/schemas.js';

/**
 * 达标/未达标, 视同完成 and the soft professional flag (rules §3 R1, C7). The flag names the rule — too few
 * professional hours (60 of the 90) — not a share of what was earned: a year of 30 professional hours
 * and nothing else has a 100% share and is still short.
 */
export function YearBadges({ year }: { year: YearResult }) {
  return (
    <Space size={4} wrap>
      {year.compliant ? <Tag color="success">达标</Tag> : <Tag color="error">未达标</Tag>}
      {year.deemedComplete && <Tag color="processing">视同完成</Tag>}
      {!year.professionalShareOk && <Tag color="warning">专业科目学时不足</Tag>}
    </Space>
  );
}
