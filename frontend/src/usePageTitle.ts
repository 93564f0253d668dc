import { useEffect } from "react";

export const SERVICE_NAME = "Maths Hubs Programmes";

/**
 * "Programmes – Maths Hubs Programmes"; "Error: …" first when the page shows an error.
 * null leaves the title to a page rendered inside (a parent's effect runs after its child's).
 */
export function usePageTitle(title: string | null, { error = false }: { error?: boolean } = {}) {
  useEffect(() => {
    if (title === null) return;
    document.title = `${error ? "Error: " : ""}${title} – ${SERVICE_NAME}`;
  }, [title, error]);
}
