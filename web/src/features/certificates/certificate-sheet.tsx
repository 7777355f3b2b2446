import { QRCode } from 'antd';
import type { Certificate } from '../../../../shared/applications.js';
import { TITLE_LEVEL_APPLIED_LABELS, actionLabel } from '../../components/workflow-view.js';
import { documentDate } from '../../components/china-date.js';
import { YearRow } from '../../components/notice-years.js';
import { certificateConclusion, yearVerdict } from '../../../../shared/certification-check.js';

/** The public verification link the QR code carries (rules §5): number and the printed code. */
export function verificationUrl(origin: string, number: string, code: string): string {
  return `${origin}/verify/${encodeURIComponent(number)}?code=${encodeURIComponent(code)}`;
}

/** The address printed for typing by hand: host and path only, short enough never to break mid-token. */
export const shortVerifyAddress = (origin: string) => `${origin.replace(/^https?:\/\//, '')}/verify`;

const sum = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0) * 10) / 10;

/** One year of the certificate: content and hours per category, and 达标 or what it falls short of. */
function CertificateYearRow({ year: y }: { year: Certificate['years'][number] }) {
  const verdict = yearVerdict(y);
  return (
    <YearRow year={y}>
      <td data-testid={`certificate-verdict-${y.year}`}>
        <strong>{verdict.label}</strong>
        {verdict.shortfalls.map((m) => (
          <div key={m}>{m}</div>
        ))}
        {!y.evidenceComplete && <div>佐证材料不齐全</div>}
      </td>
    </YearRow>
  );
}

/**
 * 湖南省专业技术人员继续教育学时认定单 in its official layout (rules §5), or the tenant's mid-level
 * 合格证明 in the same layout under the tenant's own title (rules §3): number, holder, unit, span,
 * each year's public and professional hours and content, the issuing office and date, and the
 * verification code with a QR code to the public verification page.
 */
export function CertificateSheet({ certificate: c, origin }: { certificate: Certificate & { holderIdNumber?: string }; origin: string }) {
  const url = verificationUrl(origin, c.number, c.verificationCode);
  // Words that match the figures: which years fall short, and that it went on with the recorded reasons.
  const conclusion = certificateConclusion(c.years, { kind: c.kind, withReasons: (c.exceptionReasons ?? []).length > 0 });
  return (
    <>
      {c.status === 'revoked' && (
        <div className="doc-watermark" aria-hidden>
          已撤销
        </div>
      )}
      <h1 style={{ marginBottom: '2mm' }} data-testid="certificate-title">
        {c.title}
      </h1>
      <p className="doc-right">
        编号：<span data-testid="certificate-number">{c.number}</span>
      </p>
      <table className="doc-table" aria-label="持证人信息">
        <tbody>
          <tr>
            <th style={{ width: '16%' }}>姓名</th>
            <td style={{ width: '34%' }}>{c.holderName}</td>
            <th style={{ width: '16%' }}>身份证号码</th>
            {/* In full: the certificate goes to the title committee (public pages mask it). */}
            <td data-testid="certificate-id-number">{c.holderIdNumber ?? c.idNumberMasked}</td>
          </tr>
          <tr>
            <th>工作单位</th>
            <td colSpan={3}>{c.unitName}</td>
          </tr>
          <tr>
            <th>申报级别</th>
            <td>{TITLE_LEVEL_APPLIED_LABELS[c.titleLevel]}职称</td>
            <th>核认年度</th>
            <td>{c.span ? `${c.span.from}年—${c.span.to}年` : '—'}</td>
          </tr>
        </tbody>
      </table>
      <table className="doc-table" aria-label="各年度学时">
        <thead>
          <tr>
            <th rowSpan={2} style={{ width: '9%' }}>
              年度
            </th>
            <th colSpan={2}>公需科目</th>
            <th colSpan={2}>专业科目</th>
            <th rowSpan={2} style={{ width: '8%' }}>
              合计
            </th>
            <th rowSpan={2} style={{ width: '14%' }}>
              达标情况
            </th>
          </tr>
          <tr>
            <th>学习内容</th>
            <th style={{ width: '8%' }}>学时</th>
            <th>学习内容</th>
            <th style={{ width: '8%' }}>学时</th>
          </tr>
        </thead>
        <tbody>
          {c.years.map((y) => (
            <CertificateYearRow key={y.year} year={y} />
          ))}
          <tr>
            <th>合计</th>
            <td />
            <td className="num">{sum(c.years.map((y) => y.publicHours))}</td>
            <td />
            <td className="num">{sum(c.years.map((y) => y.professionalHours))}</td>
            <td className="num">{sum(c.years.map((y) => y.totalHours))}</td>
            <td>{conclusion.allMet ? '均达标' : `${c.years.filter((y) => !y.compliant).length}个年度未达标`}</td>
          </tr>
        </tbody>
      </table>
      <p style={{ textIndent: '2em' }} data-testid="certificate-conclusion">
        {conclusion.text}
      </p>
      {(c.exceptionReasons ?? []).length > 0 && (
        <ol className="doc-muted" aria-label="继续办理理由">
          {c.exceptionReasons!.map((e, i) => (
            <li key={i}>
              {actionLabel(e.action, c.kind)}（{e.byName}，{documentDate(e.at)}）：{e.reason}
            </li>
          ))}
        </ol>
      )}
      <div className="doc-keep" style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-end', marginTop: '8mm' }}>
        <div style={{ display: 'flex', gap: '4mm', alignItems: 'flex-end' }}>
          <QRCode value={url} type="svg" size={110} bordered={false} bgColor="#fff" color="#000" errorLevel="M" />
          <div className="doc-muted" style={{ maxWidth: '70mm' }}>
            <div>
              校验码：<strong data-testid="verification-code">{c.verificationCode}</strong>
            </div>
            <div>
              编号：<span style={{ whiteSpace: 'nowrap' }}>{c.number}</span>
            </div>
            <div>
              扫描二维码，或访问{' '}
              <span style={{ whiteSpace: 'nowrap' }} data-testid="verification-address">
                {shortVerifyAddress(origin)}
              </span>{' '}
              输入编号与校验码核验真伪。
            </div>
          </div>
        </div>
        <div style={{ textAlign: 'center', minWidth: '62mm' }}>
          <p>出具单位（盖章）</p>
          <p data-testid="certificate-issuer">{c.issuer}</p>
          <p>{documentDate(c.issuedAt)}</p>
        </div>
      </div>
    </>
  );
}
