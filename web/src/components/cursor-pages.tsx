import { Button, Space, Typography } from 'antd';
import { useState } from 'react';

/**
 * Paging by the API's cursor: the pages visited are a stack of cursors, so 上一页 goes back without
 * the API paging backwards. A new query (filter) starts again at page 1.
 */
export function useCursorPages(queryKey: string | undefined) {
  const [paging, setPaging] = useState<{ key?: string; stack: (string | undefined)[] }>({ stack: [undefined] });
  const stack = paging.key === queryKey ? paging.stack : [undefined];
  return {
    cursor: stack[stack.length - 1],
    page: stack.length,
    next: (cursor: string) => setPaging({ key: queryKey, stack: [...stack, cursor] }),
    previous: () => setPaging({ key: queryKey, stack: stack.slice(0, -1) }),
  };
}

export function CursorPager({
  pages,
  nextCursor,
  loading,
}: {
  pages: ReturnType<typeof useCursorPages>;
  nextCursor: string | null | undefined;
  loading: boolean;
}) {
  return (
    <Space style={{ marginTop: 16 }}>
      <Button disabled={pages.page <= 1 || loading} onClick={pages.previous}>
        上一页
      </Button>
      <Typography.Text type="secondary">第 {pages.page} 页</Typography.Text>
      <Button disabled={!nextCursor || loading} onClick={() => nextCursor && pages.next(nextCursor)}>
        下一页
      </Button>
    </Space>
  );
}
