import { createTheme } from '@mantine/core';

export const theme = createTheme({ primaryColor: 'teal', defaultRadius: 'sm' });
