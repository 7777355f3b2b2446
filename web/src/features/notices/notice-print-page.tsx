import { QRCode, Result, Skeleton } from 'antd';
import { noticeBatchLabel } from '../../../../shared/applications.js';
import { Link, useParams } from 'react-router';
import { ApiError, describeError } from '../../api/client.js';
import { certificationApi } from '../../api/endpoints.js';
import { useResource } from '../../api/use-resource.js';
import { TITLE_LEVEL_APPLIED_LABELS } from '../../components/workflow-view.js';
import { documentDate } from '../../components/china-date.js';
import { A4Sheet } from '../../components/a4-sheet.js';
import { NoticeYearsTable } from '../../components/notice-years.js';
import './notices.css';

/**
 * 在本单位公示 (`/notices/:id/print`): the notice on A4 for the unit's notice board — title, unit,
 * dates, each person's years and hours, the objection contact and where to object online.
 */
export function NoticePrintPage() {
  const { id = '' } = useParams();
  const notice = useResource(id, () => certificationApi.publicNotice(id));

  if (notice.error) {
    const gone = notice.error instanceof ApiError && notice.error.status === 404;
    return (
      <Result
        status={gone ? '404' : 'error'}
        title={gone ? '公示不存在或已结束' : '加载失败'}
        subTitle={gone ? '公示期结束后，请登录后打印。' : describeError(notice.error)}
        extra={<Link to="/notices">返回公示</Link>}
      />
    );
  }
  const n = notice.data;
  if (!n) return <Skeleton active style={{ padding: 24 }} />;
  // The QR code carries the notice's own address; the printed line is the short list address, which
  // fits on one line and is found by the unit and batch printed beside it (never a URL broken mid-token).
  const online = `${window.location.origin}/notices/${encodeURIComponent(n.id)}`;
  const shortAddress = `${window.location.host}/notices`;
  const batch = noticeBatchLabel(n);

  return (
    <A4Sheet label={`${n.title}（张贴版）`} back={{ to: `/notices/${encodeURIComponent(n.id)}`, label: '返回公示' }}>
      <h1>{n.title}</h1>
      {batch && (
        <p style={{ textAlign: 'center', marginTop: '-3mm' }} data-testid="notice-batch">
          （{batch}，共{n.entries.length}人）
        </p>
      )}
      <p style={{ textIndent: '2em' }}>
        {`根据《专业技术人员继续教育规定》（人社部令第25号）和湘人社办函〔2023〕23号文件要求，现将我单位申报高级职称人员的继续教育学时核认情况予以公示（共${n.entries.length}人）。`}
      </p>
      <p>
        <strong>公示时间：</strong>
        {documentDate(n.startDate)}至{documentDate(n.endDate)}（5个工作日）
      </p>
      {n.entries.map((e, i) => (
        <section key={e.applicationId} className="doc-keep">
          <h2>
            {i + 1}. {e.name}　身份证号：{e.idNumberMasked}　申报：{TITLE_LEVEL_APPLIED_LABELS[e.titleLevel]}　核认年度：
            {e.span ? `${e.span.from}—${e.span.to}年` : '—'}
          </h2>
          <NoticeYearsTable entry={e} className="doc-table" />
        </section>
      ))}
      <section className="doc-keep" style={{ marginTop: '6mm' }}>
        <p style={{ textIndent: '2em' }}>
          公示期间，如对公示内容有异议，请以书面或电话形式向本单位反映，也可扫描下方二维码在网上提出。反映情况须实事求是，并留下联系方式以便核实。
        </p>
        <div className="notice-online" data-testid="notice-online">
          <QRCode value={online} type="svg" size={96} bordered={false} bgColor="#fff" color="#000" errorLevel="M" />
          <div>
            <p>
              <strong>扫码查看公示、在线提出异议</strong>
            </p>
            <p>
              公示编号：{n.unitName}
              {batch ? ` ${batch}` : ''}
            </p>
            <p>
              网址：
              <span className="no-break" data-testid="notice-short-address">
                {shortAddress}
              </span>
              （在“正在公示”中选择本单位{batch ? `${batch}公示` : '公示'}）
            </p>
          </div>
        </div>
        <p>
          <strong>异议受理：</strong>
          {n.contact}
        </p>
        <p className="doc-right" style={{ marginTop: '12mm' }}>
          {n.unitName}（盖章）
        </p>
        <p className="doc-right">{documentDate(n.startDate)}</p>
      </section>
    </A4Sheet>
  );
}
