// The time zones an event can be in: every zone the runtime knows, with the ones North American
// library associations meet in first, named as people say them.

export type TimeZoneOption = { id: string; label: string };

export const northAmericanZones: TimeZoneOption[] = [
  { id: 'America/New_York', label: 'Eastern — New York, Toronto, Atlanta' },
  { id: 'America/Chicago', label: 'Central — Chicago, Dallas, Winnipeg' },
  { id: 'America/Denver', label: 'Mountain — Denver, Salt Lake City, Edmonton' },
  { id: 'America/Phoenix', label: 'Mountain, no daylight saving — Phoenix' },
  { id: 'America/Los_Angeles', label: 'Pacific — Los Angeles, Seattle, Vancouver' },
  { id: 'America/Anchorage', label: 'Alaska — Anchorage' },
  { id: 'Pacific/Honolulu', label: 'Hawaii — Honolulu' },
  { id: 'America/Halifax', label: 'Atlantic — Halifax' },
  { id: 'America/St_Johns', label: 'Newfoundland — St. John’s' },
  { id: 'America/Regina', label: 'Central, no daylight saving — Regina' },
  { id: 'America/Puerto_Rico', label: 'Atlantic, no daylight saving — San Juan' },
  { id: 'America/Mexico_City', label: 'Mexico City' },
];

let all: string[] | undefined;

/** Every other zone, A to Z, UTC among them. */
export function otherTimeZones(): string[] {
  const first = new Set(northAmericanZones.map((z) => z.id));
  all ??= [...new Set([...Intl.supportedValuesOf('timeZone'), 'UTC'])].sort();
  return all.filter((id) => !first.has(id));
}

export function isKnownTimeZone(id: string): boolean {
  return northAmericanZones.some((z) => z.id === id) || otherTimeZones().includes(id);
}
