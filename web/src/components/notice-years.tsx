import type { ReactNode } from 'react';
import type { PublicNotice } from '../api/endpoints.js';

type Entry = PublicNotice['entries'][number];

function Lines({ lines }: { lines: readonly string[] }) {
  if (lines.length === 0) return <>—</>;
  return (
    <ul>
      {lines.map((l, i) => (
        <li key={i}>{l}</li>
      ))}
    </ul>
  );
}

/** The fields a year row shows: the notice's entries and the certificate carry the same ones. */
export interface YearFigures {
  year: number;
  publicContent: readonly string[];
  publicHours: number;
  professionalContent: readonly string[];
  professionalHours: number;
  totalHours: number;
  deemedComplete: boolean;
  /** Paper-era certificates listing the year, not yet verified: shown, covering nothing (rules §3). */
  unverifiedCertificates?: readonly string[];
}

/**
 * One year, content and hours per category: a row of the notice (A4 and screen) and of the 学时认定单,
 * which adds its 达标 cell as `children`.
 */
export function YearRow({ year: y, children }: { year: YearFigures; children?: ReactNode }) {
  return (
    <tr>
      <td className="num">
        {y.year}年
        {(y.unverifiedCertificates ?? []).map((n) => (
          <div key={n}>认定单 {n}（未核验，不计入）</div>
        ))}
      </td>
      <td>
        <Lines lines={y.publicContent} />
      </td>
      <td className="num">{y.publicHours}</td>
      <td>
        {y.deemedComplete && <div>视同完成当年学时</div>}
        <Lines lines={y.professionalContent} />
      </td>
      <td className="num">{y.professionalHours}</td>
      <td className="num">{y.totalHours}</td>
      {children}
    </tr>
  );
}

/**
 * One person's years as the notice shows them (rules §5): per year the public and professional content
 * and hours. Plain table markup, styled by the page (screen) or the A4 sheet (print).
 */
export function NoticeYearsTable({ entry, className }: { entry: Entry; className?: string }) {
  return (
    <table className={className} aria-label={`${entry.name}各年度学时`}>
      <thead>
        <tr>
          <th style={{ width: '9%', whiteSpace: 'nowrap' }}>年度</th>
          <th>公需科目学习内容</th>
          <th style={{ width: '10%', whiteSpace: 'nowrap' }}>公需学时</th>
          <th>专业科目学习内容</th>
          <th style={{ width: '10%', whiteSpace: 'nowrap' }}>专业学时</th>
          <th style={{ width: '8%', whiteSpace: 'nowrap' }}>合计</th>
        </tr>
      </thead>
      <tbody>
        {entry.years.map((y) => (
          <YearRow key={y.year} year={y} />
        ))}
      </tbody>
    </table>
  );
}
