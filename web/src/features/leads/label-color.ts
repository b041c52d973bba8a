/** Mantine colour of a lead label colour name. */
export function labelColor(color: string): string {
  const map: Record<string, string> = {
    blue: 'blue',
    brown: 'orange.9',
    'dark-gray': 'dark',
    gray: 'gray',
    green: 'green',
    orange: 'orange',
    pink: 'pink',
    purple: 'grape',
    red: 'red',
    yellow: 'yellow',
  };
  return map[color] ?? 'gray';
}
