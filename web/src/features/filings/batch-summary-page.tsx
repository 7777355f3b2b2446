import { DownloadOutlined } from '@ant-design/icons';
import { Button, Result, Skeleton } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { certificationApi, type BatchSummaryRow } from '../../api/endpoints.js';
import { useResource } from '../../api/use-resource.js';
import { stateLabel } from '../../components/workflow-view.js';
import { chinaToday, documentDate } from '../../components/china-date.js';
import { A4Sheet } from '../../components/a4-sheet.js';
import { useErrorHandler } from '../../app/errors.js';
import { saveFile } from '../../app/save-file.js';

/** The list's columns: `value` as printed, `cell` where the sheet lays it out differently (the .xlsx comes from the API). */
const COLUMNS: {
  title: string;
  width?: string;
  center?: boolean;
  value: (r: BatchSummaryRow) => string | number;
  cell?: (r: BatchSummaryRow) => ReactNode;
}[] = [
  { title: '序号', width: '6%', center: true, value: (r) => r.no },
  { title: '姓名', width: '9%', center: true, value: (r) => r.name },
  { title: '身份证号码', width: '12%', center: true, value: (r) => r.idNumberMasked },
  { title: '工作单位', width: '10%', value: (r) => r.unit },
  { title: '申报级别', width: '6%', center: true, value: (r) => r.titleLevel },
  { title: '证明类别', width: '7%', center: true, value: (r) => r.kind },
  { title: '核认年度', width: '8%', center: true, value: (r) => r.span },
  { title: '各年度学时', value: (r) => r.years, cell: (r) => r.years.split('；').map((line) => <div key={line}>{line}</div>) },
  { title: '公示情况', width: '10%', value: (r) => r.noticeOutcome },
  { title: '继续办理理由', width: '12%', value: (r) => r.exceptionReasons || '—' },
  { title: '状态', width: '8%', value: (r) => stateLabel(r.state) },
];

/**
 * 汇总人员名单 (`/batches/:id/summary`): the list the department seals and sends with its batch, on A4
 * and as a real .xlsx written by the API (GET /v1/batches/{id}/summary.xlsx).
 */
export function BatchSummaryPage() {
  const { id = '' } = useParams();
  const summary = useResource(id, () => certificationApi.batchSummary(id));
  const onError = useErrorHandler();
  const [exporting, setExporting] = useState(false);

  if (summary.error) {
    const notFound = summary.error instanceof ApiError && summary.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? '批次不存在' : '加载失败'}
        extra={<Link to="/batches">返回报送与备案</Link>}
      />
    );
  }
  if (!summary.data) return <Skeleton active style={{ padding: 24 }} />;
  const { batch, rows } = summary.data;
  const title = '专业技术人员继续教育学时核认汇总人员名单';

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const { blob, fileName } = await certificationApi.batchSummaryXlsx(batch.id);
      saveFile(blob, fileName ?? `汇总人员名单-${batch.departmentName}-${chinaToday(new Date(batch.createdAt))}.xlsx`);
    } catch (err) {
      onError(err);
    } finally {
      setExporting(false);
    }
  };

  return (
    <A4Sheet
      label={`${batch.departmentName}${title}`}
      back={{ to: '/batches', label: '报送与备案' }}
      tools={
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()}>
          导出 Excel
        </Button>
      }
    >
      <h1>{title}</h1>
      <p>
        报送单位：{batch.departmentName}　报送日期：{documentDate(batch.createdAt)}　共 {rows.length} 人
        {batch.status === 'accepted' && batch.acceptedAt ? `　受理日期：${documentDate(batch.acceptedAt)}` : ''}
        {batch.status === 'cancelled' && batch.cancelledAt
          ? `　已撤销（${documentDate(batch.cancelledAt)}）：${batch.cancelReason ?? ''}`
          : ''}
      </p>
      {(batch.removed ?? []).length > 0 && (
        <p>撤回出批次：{(batch.removed ?? []).map((r) => `${r.personName}（${r.reason}）`).join('；')}</p>
      )}
      <table className="doc-table" aria-label="汇总人员名单">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.title} style={{ width: c.width, whiteSpace: 'nowrap' }}>
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.no}>
              {COLUMNS.map((c) => (
                <td key={c.title} className={c.center ? 'num' : undefined}>
                  {c.cell ? c.cell(r) : c.value(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="doc-keep" style={{ marginTop: '10mm' }}>
        <p>
          {/* What each notice came to is in the list: an objection looked into is never called 无异议. */}
          {rows.every((r) => r.noticeOutcome === '公示期满无异议')
            ? '以上人员已经本单位初审、在本单位公示期满无异议，并经我部门复审确认。'
            : '以上人员已经本单位初审，公示情况见名单“公示情况”栏，并经我部门复审确认。'}
          {rows.some((r) => r.exceptionReasons) && '名单中有年度学时未达标或佐证材料不齐全的人员，继续办理理由见“继续办理理由”栏。'}
        </p>
        <p className="doc-right" style={{ marginTop: '10mm' }}>
          {batch.departmentName}（电子印章）
        </p>
        <p className="doc-right doc-muted">
          电子印章编号：{batch.seal.reference}　用章人：{batch.seal.name}　{documentDate(batch.seal.at)}
        </p>
      </div>
    </A4Sheet>
  );
}
