import { useSyncExternalStore } from "react";

/** GOV.UK's tablet breakpoint: from here up the service navigation shows in full. */
export const FROM_TABLET = "(min-width: 40.0625em)";

/** Whether a media query matches now, following it as the window changes. Where the browser
 * cannot tell (tests without matchMedia), the wide layout is assumed. */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (changed) => {
      if (typeof window.matchMedia !== "function") return () => undefined;
      const list = window.matchMedia(query);
      list.addEventListener("change", changed);
      return () => {
        list.removeEventListener("change", changed);
      };
    },
    () => (typeof window.matchMedia === "function" ? window.matchMedia(query).matches : true),
    () => true,
  );
}
