import { Typography } from 'antd';

/** A code sample with a copy button; code reads left to right whatever the page's language. */
export function CodeBlock({ code, label }: { code: string; label: string }) {
  return (
    <div style={{ position: 'relative' }}>
      <Typography.Paragraph
        copyable={{ text: code, tooltips: ['复制', '已复制'] }}
        style={{ position: 'absolute', right: 12, top: 8, margin: 0 }}
      >
        {''}
      </Typography.Paragraph>
      <pre
        aria-label={label}
        style={{
          background: '#f6f8fa',
          border: '1px solid #e5e7eb',
          borderRadius: 6,
          padding: '12px 16px',
          overflowX: 'auto',
          fontSize: 13,
          lineHeight: 1.5,
          margin: 0,
        }}
      >
        <code>{code}</code>
      </pre>
    </div>
  );
}
