// Fixtures: the rows a project keeps for a datasource, `fixtures/<datasource>.ndjson|.csv`.

/** The formats a fixture file may have, as its extension. */
export const FIXTURE_FORMATS = ['ndjson', 'csv'] as const;

export type FixtureFormat = (typeof FIXTURE_FORMATS)[number];
