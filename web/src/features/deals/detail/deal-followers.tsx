import { Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useFollowers, useSetFollowing } from '../../../api/followers.ts';
import { useSession } from '../../../api/session.tsx';
import { useUsers } from '../../../api/users.ts';
import { useT } from '../../../i18n/provider.tsx';

/** The deal's followers, and Follow / Unfollow for the logged-in user. */
export function DealFollowers({ dealId }: { dealId: number }) {
  const t = useT();
  const { user } = useSession();
  const followers = useFollowers('deals', dealId);
  const users = useUsers();
  const setFollowing = useSetFollowing('deals', dealId);
  const following = followers.data?.some((f) => f.user_id === user.id) ?? false;
  const name = (id: number) => users.data?.find((u) => u.id === id)?.name ?? `#${id}`;
  const toggle = () =>
    setFollowing.mutate(
      { userId: user.id, follow: !following },
      {
        onError: (e) =>
          notifications.show({ color: 'red', title: t('followers.failed'), message: e.message }),
      },
    );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="deal-followers-title">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Title order={4} id="deal-followers-title">
            {t('followers.title')}
          </Title>
          <Button
            size="compact-sm"
            variant={following ? 'default' : 'filled'}
            loading={setFollowing.isPending}
            disabled={followers.isPending}
            onClick={toggle}
          >
            {t(following ? 'followers.unfollow' : 'followers.follow')}
          </Button>
        </Group>
        {followers.isPending ? (
          <Text size="sm" c="dimmed">
            {t('followers.loading')}
          </Text>
        ) : followers.isError || followers.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('followers.none')}
          </Text>
        ) : (
          <List size="sm" listStyleType="none" spacing={2}>
            {followers.data.map((f) => (
              <List.Item key={f.user_id}>
                {f.user_id === user.id ? t('followers.you', { name: name(f.user_id) }) : name(f.user_id)}
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Paper>
  );
}
