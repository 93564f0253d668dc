// What just happened to a programme, carried in router state to the page it leads to, so
// that page can say it in a success banner.

export type ProgrammeNews = { heading: string; body: string };

/** Router state carrying news for the programme page. */
export function withNews(news: ProgrammeNews): { programmeNews: ProgrammeNews } {
  return { programmeNews: news };
}

/** The news in router state, or null when there is none (or it is not ours). */
export function programmeNews(state: unknown): ProgrammeNews | null {
  if (typeof state !== "object" || state === null || !("programmeNews" in state)) return null;
  const news: unknown = state.programmeNews;
  if (typeof news !== "object" || news === null) return null;
  const { heading, body } = news as { heading?: unknown; body?: unknown };
  return typeof heading === "string" && typeof body === "string" ? { heading, body } : null;
}

export const createdNews = (title: string): ProgrammeNews => ({
  heading: `${title} is saved as a draft`,
  body: "Only your hub can see it. Check it, then publish it to open applications.",
});

export const savedNews = (title: string): ProgrammeNews => ({
  heading: `Your changes to ${title} are saved`,
  body: "The catalogue shows them now.",
});

export const copiedNews = (title: string, yearLabel: string): ProgrammeNews => ({
  heading: `${title} is copied into ${yearLabel} as a draft`,
  body: "Its dates have moved on by a year. Set its project code and check its dates, then publish it.",
});
