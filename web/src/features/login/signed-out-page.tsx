import { Button, Result } from 'antd';
import { useSession } from '../../app/session.js';

/** Where the provider's end-session sends the user back: both sessions are over. */
export function SignedOutPage() {
  const { signIn } = useSession();
  return (
    <Result
      status="success"
      title="您已退出登录"
      subTitle="本系统与身份提供方的登录均已结束。公用电脑请关闭浏览器。"
      extra={
        <Button type="primary" onClick={() => void signIn('/', 'login')}>
          重新登录
        </Button>
      }
    />
  );
}
