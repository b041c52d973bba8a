import { Title } from '@mantine/core';

export function Placeholder({ title }: { title: string }) {
  return <Title order={2}>{title}</Title>;
}
