import { useMediaQuery } from '@mantine/hooks';

/** Phones (below 48em): dialogs are full screen there. */
export const useIsMobile = () => useMediaQuery('(max-width: 48em)') ?? false;
