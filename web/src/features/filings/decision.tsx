import { App, Button, Space } from 'antd';
import { useState } from 'react';
import type { Filing } from '../../../../shared/filings.js';
import { filingsApi, type Principal } from '../../api/endpoints.js';
import { useErrorHandler } from '../../app/errors.js';
import { ReasonDialog } from '../../components/reason-dialog.js';

/** Only the office the filing went to decides it, by its reviewer role (the API says so too). */
export function mayDecide(principal: Principal | undefined, filing: Filing): boolean {
  if (!principal || filing.status !== 'filed' || principal.orgId !== filing.recipientOrgId) return false;
  return principal.role === (filing.recipientKind === 'department' ? 'dept_reviewer' : 'hr_officer');
}

/** 确认 / 退回 of one filing: acknowledging asks for confirmation, returning for a reason. */
export function DecisionButtons({ filing, size, onDone }: { filing: Filing; size?: 'small'; onDone: (f: Filing) => void }) {
  const { modal, message } = App.useApp();
  const onError = useErrorHandler();
  const [returning, setReturning] = useState(false);

  const acknowledge = () =>
    modal.confirm({
      title: `确认备案「${filing.title}」？`,
      content: '确认后，培训结束时由单位录入出勤人员，学时直接计入。',
      okText: '确认备案',
      cancelText: '取消',
      onOk: async () => {
        try {
          const updated = await filingsApi.acknowledge(filing.id, filing.version);
          message.success('已确认备案');
          onDone(updated);
        } catch (err) {
          onError(err);
        }
      },
    });

  return (
    <Space>
      <Button type="primary" size={size} onClick={acknowledge} aria-label={`确认备案 ${filing.title}`}>
        确认
      </Button>
      <Button danger size={size} onClick={() => setReturning(true)} aria-label={`退回备案 ${filing.title}`}>
        退回
      </Button>
      <ReasonDialog
        open={returning}
        title={`退回备案「${filing.title}」`}
        okText="退回"
        danger
        placeholder="请写明退回理由，如授课内容与科目类别不符"
        onClose={() => setReturning(false)}
        onSubmit={async (reason) => {
          try {
            const updated = await filingsApi.returnFiling(filing.id, filing.version, reason);
            setReturning(false);
            message.success('已退回备案');
            onDone(updated);
          } catch (err) {
            onError(err);
            throw err;
          }
        }}
      />
    </Space>
  );
}
