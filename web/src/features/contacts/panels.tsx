import { Card } from '@mantine/core';
import { ActivitiesPanel } from '../../components/activities/activities-panel.tsx';
import { NotesPanel } from '../../components/notes/notes-panel.tsx';
import type { ContactFilter } from './queries.ts';

/** The shared notes and activities panels of a person (`person_id`) or organization (`org_id`). */
export function ContactPanels({ filter }: { filter: ContactFilter }) {
  return (
    <>
      <Card withBorder padding="md">
        <ActivitiesPanel target={filter} />
      </Card>
      <Card withBorder padding="md">
        <NotesPanel target={filter} />
      </Card>
    </>
  );
}
