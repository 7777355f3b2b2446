import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import './a4-sheet.css';

/**
 * A printable document: a toolbar (back, print, and the page's own buttons) that stays off the paper,
 * and the A4 sheet. Printing uses the browser's own dialog (“另存为 PDF” included).
 */
export function A4Sheet({
  label,
  back,
  tools,
  notice,
  children,
}: {
  /** The document's name, for assistive technology and the print dialog's title. */
  label: string;
  back?: { to: string; label: string };
  tools?: ReactNode;
  /** A line above the sheet (revoked, draft…), on screen only. */
  notice?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="a4-desk">
      <div className="a4-toolbar no-print">
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          {back ? (
            <Link to={back.to}>
              <ArrowLeftOutlined /> {back.label}
            </Link>
          ) : (
            <span />
          )}
          <Space wrap>
            {tools}
            <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
              打印
            </Button>
          </Space>
        </Space>
        {notice && <div style={{ marginTop: 12 }}>{notice}</div>}
      </div>
      <article className="a4-sheet" aria-label={label}>
        {children}
      </article>
    </div>
  );
}
