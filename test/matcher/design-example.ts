/** The instance shown in DESIGN.md, section "Matching". */
export const DESIGN_EXAMPLE = {
  firstTimers: [
    {
      id: 'f1',
      interests: ['cataloging'],
      sessions: ['S12'],
      libraryType: 'academic',
      region: 'KY',
      languages: ['en'],
      requested: ['v2'],
    },
    { id: 'f2', interests: ['teen services'] },
  ],
  volunteers: [
    {
      id: 'v1',
      capacity: 2,
      interests: ['cataloging'],
      sessions: [],
      libraryType: 'public',
      region: 'KY',
      languages: ['en', 'es'],
    },
    { id: 'v2', languages: ['es'] },
  ],
  weights: { interests: 3, sessions: 2, libraryType: 1, region: 1, requested: 10, extraSlot: 1 },
  pinned: [['f2', 'v1']],
  forbidden: [['f2', 'v2']],
};
