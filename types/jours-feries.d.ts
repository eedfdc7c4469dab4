// @socialgouv/jours-feries ships no types: it returns { "<holiday name>": Date } for a year.
declare module '@socialgouv/jours-feries' {
  function getJoursFeries(year: number, options?: { alsace?: boolean }): Record<string, Date>;
  export = getJoursFeries;
}
