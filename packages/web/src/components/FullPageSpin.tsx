import { Flex, Spin, Typography } from 'antd';

/** A centred spinner filling the viewport, with a line of text under it. */
export function FullPageSpin({ tip }: { tip: string }) {
  return (
    <Flex vertical align="center" justify="center" gap={16} style={{ minHeight: '100vh' }} role="status">
      <Spin size="large" />
      <Typography.Text type="secondary">{tip}</Typography.Text>
    </Flex>
  );
}
